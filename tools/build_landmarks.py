"""Locate the landmarks of ``geodata/data/landmarks.csv`` on the street of their published address.

Each row is hand-entered from a cited page: name, Vietnamese name, aliases, kind,
the address as published, the street it names and the (pre-2025) district it names
(``district`` empty when the page names none). This tool fills ``lat``, ``lon``,
``coord_source`` and ``coord_ref``:

- a row whose ``coord_source`` is ``published`` keeps the coordinates the cited page
  gives (entered by hand with ``coord_ref`` naming the page);
- otherwise the position is the middle of the longest connected stretch of the OSM
  street named exactly like ``street`` (tones included, "Phố"/"Đường" in front
  ignored; :func:`geodata.osm_streets.match_street`) inside the GADM district polygon
  the address names, or inside the city outline when it names none
  (``street_of_address``, ``coord_ref`` the ways and the stretch's length): the road file
  has no house numbers, so the house itself is not located;
- a row whose street is not in the road file, or is longer there than
  ``geodata.settings.landmark_street_max_m`` (its middle may be far from the door), is
  ``unlocated``: no position, never offered.

Usage::

    python tools/build_landmarks.py          # rewrite landmarks.csv, print what was located
    python tools/build_landmarks.py --check  # exit 1 if landmarks.csv is out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata import settings
from geodata.area import city_outline
from geodata.boundaries import load_districts
from geodata.landmarks import FIELDS, validate_landmarks
from geodata.osm_places import shared_osm_files
from geodata.osm_streets import NamedWay, NameKey, index_ways, match_street, read_named_ways
from geodata.text import compact_key


def locate(row: dict[str, str], districts: Any, ways: Mapping[NameKey, Sequence[NamedWay]]) -> dict[str, Any]:
    """Return the position fields of a row: its street inside its district, or unlocated."""
    if row["coord_source"] == "published":
        return {}
    if row["district"]:
        hits = districts[districts["district"].map(compact_key) == compact_key(row["district"])]
        if len(hits) != 1:
            raise LookupError(f"row {row['id']!r}: district {row['district']!r} matched {len(hits)} GADM districts")
        area = hits.geometry.iloc[0]
    else:
        area = city_outline()
    street = (match_street(row["street"], area, ways, max_length_m=settings.landmark_street_max_m)
              if row["street"] else None)
    if street is None:
        return {"lat": "", "lon": "", "coord_source": "unlocated", "coord_ref": ""}
    return {"lat": round(street.lat, 5), "lon": round(street.lon, 5), "coord_source": "street_of_address",
            "coord_ref": f"{street.ref} length={street.length_m:.0f}m"}


def build() -> list[dict[str, Any]]:
    """Return the landmark rows with their positions filled in."""
    districts = load_districts()
    if districts is None:
        raise FileNotFoundError("shared GADM districts not found (see ../shared/data/SOURCES.md)")
    with open(settings.landmarks_path, encoding="utf-8", newline="") as handle:
        rows: list[dict[str, Any]] = list(csv.DictReader(handle))
    ways = index_ways(read_named_ways(shared_osm_files()))
    return [row | locate(row, districts, ways) for row in rows]


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Return the rows as the landmarks file's text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: row.get(name, "") for name in FIELDS} for row in rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if landmarks.csv is out of date")
    args = parser.parse_args(argv)
    text = to_csv(build())
    validate_landmarks(csv.DictReader(io.StringIO(text)))
    path = Path(settings.landmarks_path)
    if args.check:
        same = path.read_text(encoding="utf-8") == text
        print("landmarks.csv is up to date" if same else "landmarks.csv is out of date")
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        print(f"{row['coord_source']:18} {row['id']:40} {row['street']:22} {row['coord_ref'][-40:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
