"""Build ``geodata/data/register.csv`` from the hand-entered, sourced village rows.

Inputs:

- ``geodata/data/register-sources.csv``: one row per village as a source names it
  (village, former commune and district, craft, recognition, decision, year, source).
- ``geodata/data/places.geojson``: the bundled tourist villages. A row whose ``id`` is a
  tourist village takes that place's position and current unit (both sourced there)
  and ``tourism`` true; tourist villages no source row names are added as records.
- The shared data (``../shared/data``): GADM commune polygons, the 2025 unit mapping,
  every OSM file of its ``osm/`` folder (streamed with pyosmium for named place nodes,
  :mod:`geodata.osm_places`, and for named streets, :mod:`geodata.osm_streets`).

For every other row: the position is the village's OSM place node
(``place`` = village, hamlet, neighbourhood or quarter) if one named like it (accents,
case and a leading "thôn"/"làng" ignored) lies inside its former commune polygon
(``coord_source`` ``osm_place``, ``coord_ref`` e.g. ``node/123 place=village``), else
the middle of a short street named exactly after the village inside its former commune,
a proxy (``osm_street``, ``coord_ref`` e.g. ``way/12+way/34 name=Phố Đa Sỹ``), else
the centroid of the former commune polygon (computed in UTM 48N; a representative
point when the centroid falls outside a concave polygon);
the current unit is the one the former commune polygon is assigned to
(:func:`geodata.units.gadm_current_units`, basis recorded). Prints the counts that
``geodata/data/SOURCES.md`` quotes.

Usage::

    python tools/build_register.py          # rewrite register.csv, print counts
    python tools/build_register.py --check  # exit 1 if register.csv is out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geopandas as gpd
from shapely.geometry import Point

from geodata import load_places, settings, units
from geodata.osm_places import PlaceNode, match_village, read_place_nodes, shared_osm_files
from geodata.osm_streets import NamedWay, NameKey, index_ways, match_street, read_named_ways
from geodata.register import FIELDS, _csv_cell
from geodata.text import ascii_fold

SOURCES_PATH = settings.PACKAGE_DIR / "data" / "register-sources.csv"
PLACES_NOTE = "geodata/data/places.geojson (bundled tourist place {id}): "
#: Places' recognition levels that are distinctions, not the city's village titles.
DISTINCTIONS = ("world_craft_city", "world_craft_city_candidate", "unesco_world_heritage",
                "special_national_monument", "national_monument")


def commune_point(commune: gpd.GeoDataFrame) -> Point:
    """Return the centroid of a one-row commune frame (metric CRS), or a point inside it if outside."""
    shape = commune.to_crs(settings.metric_crs)
    centroid = shape.centroid.iloc[0]
    point = centroid if shape.geometry.iloc[0].contains(centroid) else shape.representative_point().iloc[0]
    return gpd.GeoSeries([point], crs=settings.metric_crs).to_crs("EPSG:4326").iloc[0]


def locate(row: dict[str, str], communes: gpd.GeoDataFrame, places_osm: list[PlaceNode],
           ways_osm: Mapping[NameKey, Sequence[NamedWay]]) -> dict[str, Any]:
    """Return position and current-unit fields of a source row from its former commune."""
    hits = units.former_commune_index(communes, row["former_district"], row["former_commune"])
    if not len(hits) or len(set(communes.loc[hits, "current_unit"])) != 1:
        msg = f"row {row['id']!r}: ({row['former_district']}, {row['former_commune']}) matched {len(hits)} GADM communes"
        raise LookupError(msg)
    index = hits[0]
    shape = communes.loc[hits].union_all()
    result = {"current_unit": communes.at[index, "current_unit"],
              "current_unit_basis": communes.at[index, "current_basis"]}
    place = match_village(row["village"], shape, places_osm)
    if place is not None:
        return {**result, "lat": round(place.lat, 5), "lon": round(place.lon, 5), "coord_source": "osm_place",
                "coord_ref": place.ref}
    street = match_street(row["village"], shape, ways_osm)
    if street is not None:
        return {**result, "lat": round(street.lat, 5), "lon": round(street.lon, 5), "coord_source": "osm_street",
                "coord_ref": street.ref}
    point = commune_point(communes.loc[hits].dissolve())
    return {**result, "lat": round(point.y, 5), "lon": round(point.x, 5), "coord_source": "commune_centroid",
            "coord_ref": "+".join(communes.loc[hits, "gid"])}


def from_place(place: Any) -> dict[str, Any]:
    """Return the position, current unit and tourism fields a tourist place gives."""
    return {"current_unit": units.official_unit_name(place["commune"]) or place["commune"],
            "current_unit_basis": "place", "lat": place["lat"], "lon": place["lon"],
            "coord_source": place["coord_source"], "coord_ref": place["coord_ref"], "place_id": place["id"],
            "tourism": True, "tourism_source": PLACES_NOTE.format(id=place["id"]) + "offers visits "
            f"({'; '.join(place['experiences']) or 'visiting hours ' + place['opening_hours']})",
            "distinction": place["recognition"] if place["recognition"] in DISTINCTIONS else ""}


def place_row(place: Any) -> dict[str, Any]:
    """Return a register row for a tourist village that no source row names."""
    recognition = place["recognition"] if place["recognition"] in ("traditional_craft_village",
                                                                    "craft_village") else "unknown"
    return {"id": place["id"], "name_vi": place["name_vi"], "village": place["name_vi"], "craft": place["craft"],
            "other_crafts": ";".join(place["other_crafts"]), "craft_vi": "", "recognition": recognition,
            "decision": "", "year": "", "former_commune": place["former_commune"],
            "former_district": place["former_district"], "proposed_removal": "false",
            "source": PLACES_NOTE.format(id=place["id"]) + place["source"]}


def build() -> tuple[list[dict[str, Any]], Counter[str]]:
    """Return the register rows and the counts to report."""
    communes = units.gadm_current_units()
    if communes is None:
        raise FileNotFoundError("shared GADM communes or unit mapping not found (see ../shared/data/SOURCES.md)")
    places = load_places()
    villages = places[places["kind"] == "village"]
    with open(SOURCES_PATH, encoding="utf-8", newline="") as handle:
        rows: list[dict[str, Any]] = list(csv.DictReader(handle))
    named = {row["id"] for row in rows}
    rows += [place_row(place) for _, place in villages.iterrows() if place["id"] not in named]
    places_osm = read_place_nodes(shared_osm_files())
    named_ways = read_named_ways(shared_osm_files())
    ways_osm = index_ways(named_ways)
    built: list[dict[str, Any]] = []
    for row in rows:
        record = {name: "" for name in FIELDS} | row | {"name": ascii_fold(row["name_vi"]),
                                                        "tourism": bool(row.get("tourism_source"))}
        if row["id"] in villages.index:
            record |= from_place(villages.loc[row["id"]])
        else:
            record |= locate(row, communes, places_osm, ways_osm)
        built.append(record)
    counts: Counter[str] = Counter()
    for record in built:
        counts["total"] += 1
        counts[f"coord_source={record['coord_source']}"] += 1
        counts[f"current_unit_basis={record['current_unit_basis']}"] += 1
        counts[f"district={record['former_district']}"] += 1
        counts[f"recognition={record['recognition']}"] += 1
        counts["tourism" if record["tourism"] else "production_or_unknown"] += 1
        counts["proposed_removal"] += str(record["proposed_removal"]).lower() == "true"
    counts["osm_place_nodes_searched"] = len(places_osm)
    counts["osm_named_ways_searched"] = len(named_ways)
    counts["located_village_level"] = counts["coord_source=osm_place"] + counts["coord_source=osm_street"]
    return built, counts


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Return the register CSV text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _csv_cell(row[name]) for name in FIELDS})
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Build (or with ``--check`` verify) the register file; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if register.csv is out of date")
    args = parser.parse_args(argv)
    rows, counts = build()
    text = to_csv(rows)
    target = Path(settings.register_path)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        print("register.csv is up to date" if current == text else "register.csv is OUT OF DATE")
        return 0 if current == text else 1
    target.write_text(text, encoding="utf-8")
    for key, value in sorted(counts.items()):
        print(f"{key}\t{value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
