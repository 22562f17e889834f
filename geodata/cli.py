"""The ``craftroute villages`` and ``craftroute crafts`` subcommands: places and the craft vocabulary."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import geodata

from . import schema
from .errors import CraftRouteError
from .tables import aligned_table

if TYPE_CHECKING:
    import geopandas as gpd

FORMATS = ("table", "json", "geojson")
TABLE_COLUMNS = ("id", "name_vi", "kind", "craft", "recognition", "former_district")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``villages`` subcommand to the ``craftroute`` parser."""
    parser = subparsers.add_parser(
        "villages",
        help="list, search and filter villages and destinations",
        description="List Hanoi's craft villages and destinations; search ignores accents.",
    )
    parser.add_argument("--search", metavar="TEXT",
                        help="name, craft or description, with or without diacritics, e.g. 'bat trang', 'silk', 'gốm'")
    parser.add_argument("--craft", metavar="C", help=f"one of: {', '.join(schema.CRAFTS)}")
    parser.add_argument("--kind", choices=schema.KINDS)
    parser.add_argument("--recognition", metavar="R", help=f"one of: {', '.join(schema.RECOGNITION)}")
    parser.add_argument("--commune", metavar="NAME", help="commune or former district, accents optional")
    parser.add_argument("--near", metavar="LAT,LON", help="sort by distance from this point")
    parser.add_argument("--radius-km", type=float, metavar="R", help="with --near: only places within R km")
    parser.add_argument("--limit", type=int, metavar="N", help="show at most N places")
    parser.add_argument("--data", type=Path, metavar="FILE", help="your own places file (.geojson or .csv)")
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.set_defaults(func=run_villages)
    crafts = subparsers.add_parser(
        "crafts",
        help="list the crafts and the words accepted for them",
        description="List the crafts that --interests accepts, with their other names (English and "
                    "Vietnamese; accents optional).",
    )
    crafts.add_argument("--format", choices=("table", "json"), default="table")
    crafts.set_defaults(func=run_crafts)


def run_crafts(args: argparse.Namespace) -> int:
    """Print the craft vocabulary (key, label, other words) and return the exit code."""
    from .crafts import craft_vocabulary

    vocabulary = craft_vocabulary()
    if args.format == "json":
        sys.stdout.write(json.dumps(vocabulary, ensure_ascii=False, indent=2) + "\n")
        return 0
    width = max(len(entry["craft"]) for entry in vocabulary)
    for entry in vocabulary:
        words = ", ".join(entry["synonyms"])
        sys.stdout.write(f"{entry['craft'].ljust(width)}  {entry['label']}: {words}\n")
    sys.stdout.write(f"{len(vocabulary)} crafts\n")
    return 0


def select_places(args: argparse.Namespace) -> gpd.GeoDataFrame:
    """Return the places chosen by the ``villages`` options, in display order."""
    if args.radius_km is not None and not args.near:
        raise CraftRouteError("--radius-km", "needs --near LAT,LON")
    if args.limit is not None and args.limit < 1:
        raise CraftRouteError("--limit", f"must be at least 1, got {args.limit}")
    for option in ("search", "craft", "recognition", "commune", "near"):
        if getattr(args, option) is not None and not getattr(args, option).strip():
            raise CraftRouteError(f"--{option}", "must not be empty; leave the option out to match everything")
    point = None
    if args.near:
        point = geodata.parse_lat_lon(args.near, field="--near")
        if point is None:
            raise CraftRouteError("--near", f"must be 'LAT,LON' such as 21.0287,105.8524, got {args.near!r}")
    try:
        places = geodata.load_places(args.data)
    except CraftRouteError as error:
        if error.field != "path":
            raise  # a bad record: the message names the record and its field
        raise CraftRouteError("--data", error.message) from None
    try:
        return geodata.search_query(places, search=args.search, craft=args.craft, kind=args.kind,
                                    recognition=args.recognition, commune=args.commune, near=point,
                                    radius_km=args.radius_km, limit=args.limit)
    except CraftRouteError as error:
        raise CraftRouteError("--" + error.field.replace("_", "-"), error.message) from None


def format_table(places: gpd.GeoDataFrame) -> str:
    """Return the places as an aligned text table, one line per place."""
    columns = [*TABLE_COLUMNS, *(["distance_km"] if "distance_km" in places.columns else [])]
    rows = [[_cell(row[column]) for column in columns] for _, row in places.iterrows()]
    return aligned_table(columns, rows, noun="place")


def _cell(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def run_villages(args: argparse.Namespace) -> int:
    """Print the selected places in the chosen format and return the exit code."""
    places = select_places(args)
    if args.format == "json":
        output = json.dumps(geodata.places_to_records(places), ensure_ascii=False, indent=2)
    elif args.format == "geojson":
        output = json.dumps(geodata.places_to_geojson(places), ensure_ascii=False, indent=2)
    else:
        output = format_table(places)
    sys.stdout.write(output + "\n")
    return 0
