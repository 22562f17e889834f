"""Print the centroids of pre-2025 Hanoi communes, for geocoding villages at commune level.

Reads the GADM 4.1 commune polygons from the shared data folder
(``geodata.settings.shared_file(geodata.settings.communes_file)``), computes each
polygon's centroid in the metric CRS (``geodata.settings.metric_crs``, UTM 48N) and
prints it in WGS84 with five decimals, together with the GADM ``GID_3``.

Names are matched after removing spaces and diacritics (``geodata.text.compact_key``),
because GADM writes "GiaLâm" / "BátTràng". Always give the district as well: several
commune names exist in more than one district (Vạn Phúc, Phùng Xá, Vân Hà, ...).

Usage::

    python tools/commune_centroids.py "Gia Lâm:Bát Tràng" "Hà Đông:Vạn Phúc"
    python tools/commune_centroids.py --json "Thanh Oai:Phương Trung"

Each argument is ``district:commune``, with or without diacritics, spaces or a type
prefix ("Xã", "Phường", "Thị trấn"). Exit status 2 if a pair is not found or is ambiguous.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import geopandas as gpd

if __package__ in (None, ""):
    # Run as a file (python tools/commune_centroids.py): make the checkout importable.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata import settings
from geodata.text import compact_key, search_key

_TYPE_PREFIXES: tuple[str, ...] = (
    "thi tran ",
    "thi xa ",
    "phuong ",
    "xa ",
    "quan ",
    "huyen ",
)


@dataclass(frozen=True)
class CommuneCentroid:
    """Centroid of one pre-2025 commune polygon (WGS84 degrees, five decimals)."""

    district: str
    commune: str
    commune_type: str
    gid_3: str
    lat: float
    lon: float


def unit_keys(name: str) -> tuple[str, ...]:
    """Return the candidate match keys of an administrative name, most literal first.

    Parameters
    ----------
    name
        A name such as "Xã Bát Tràng", "BátTràng" or "bat trang". A leading type word
        gives a second key without it; the literal key comes first because some names
        start with such a word ("Phương Trung").
    """
    folded = search_key(name)
    keys = [compact_key(folded)]
    for prefix in _TYPE_PREFIXES:
        if folded.startswith(prefix):
            keys.append(compact_key(folded[len(prefix) :]))
    return tuple(keys)


def read_communes() -> gpd.GeoDataFrame:
    """Return the pre-2025 commune polygons (EPSG:4326) with match keys added.

    Raises
    ------
    FileNotFoundError
        If the shared GADM communes file is not available.
    """
    path = settings.shared_file(settings.communes_file)
    if path is None:
        msg = f"shared data file {settings.communes_file!r} not found (see ../shared/data/SOURCES.md)"
        raise FileNotFoundError(msg)
    communes = gpd.read_file(f"/vsigzip/{path}")
    communes["district_key"] = communes["NAME_2"].map(compact_key)
    communes["commune_key"] = communes["NAME_3"].map(compact_key)
    return communes


def commune_centroids(
    communes: gpd.GeoDataFrame, pairs: list[tuple[str, str]]
) -> list[CommuneCentroid]:
    """Return the centroid of each (district, commune) pair, computed in the metric CRS.

    Parameters
    ----------
    communes
        Output of :func:`read_communes`.
    pairs
        (district, commune) names, with or without diacritics, spaces or type prefix.

    Raises
    ------
    LookupError
        If a pair matches no commune or more than one.
    """
    centroids_wgs84 = communes.geometry.to_crs(settings.metric_crs).centroid.to_crs(
        "EPSG:4326"
    )
    results: list[CommuneCentroid] = []
    for district, commune in pairs:
        matches = _matching_rows(communes, district, commune)
        if len(matches) != 1:
            msg = f"(district, commune) {(district, commune)!r} matched {len(matches)} communes, expected 1"
            raise LookupError(msg)
        row = communes.loc[matches[0]]
        point = centroids_wgs84.loc[matches[0]]
        results.append(
            CommuneCentroid(
                district=row["NAME_2"],
                commune=row["NAME_3"],
                commune_type=row["TYPE_3"],
                gid_3=row["GID_3"],
                lat=round(point.y, 5),
                lon=round(point.x, 5),
            )
        )
    return results


def _matching_rows(
    communes: gpd.GeoDataFrame, district: str, commune: str
) -> list[int]:
    in_district = communes["district_key"].isin(unit_keys(district))
    for key in unit_keys(commune):
        matches = list(communes.index[in_district & (communes["commune_key"] == key)])
        if matches:
            return matches
    return []


def _parse_pair(text: str) -> tuple[str, str]:
    district, sep, commune = text.partition(":")
    if not sep or not district.strip() or not commune.strip():
        msg = f"expected 'district:commune', got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return district.strip(), commune.strip()


def main(argv: list[str] | None = None) -> int:
    """Print commune centroids for the pairs on the command line; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "pairs", nargs="+", type=_parse_pair, metavar="DISTRICT:COMMUNE"
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object per line"
    )
    args = parser.parse_args(argv)
    try:
        results = commune_centroids(read_communes(), args.pairs)
    except (FileNotFoundError, LookupError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for result in results:
        if args.json:
            print(json.dumps(asdict(result), ensure_ascii=False))
        else:
            fields = (
                result.district,
                f"{result.commune_type} {result.commune}",
                result.gid_3,
            )
            print("\t".join((*fields, f"{result.lat:.5f}", f"{result.lon:.5f}")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
