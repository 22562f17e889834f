"""The ``craftroute register`` subcommand: list the register of recognised craft villages."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CraftRouteError
from .tables import aligned_table

if TYPE_CHECKING:
    import geopandas as gpd

FORMATS = ("table", "json", "geojson", "csv")
TABLE_COLUMNS = ("id", "name_vi", "craft", "recognition", "former_district", "current_unit", "tourism",
                 "coord_source")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``register`` subcommand to the ``craftroute`` parser."""
    parser = subparsers.add_parser(
        "register",
        help="list the register of Hanoi's recognised craft villages",
        description="List the register of Hanoi's recognised craft villages (every record names its "
                    "source; positions are commune centroids unless coord_source says otherwise).",
    )
    parser.add_argument("--craft", metavar="C", help="a craft slug, e.g. ceramics; matches main and other crafts")
    parser.add_argument("--district", metavar="NAME",
                        help="former district, former commune or current unit, accents optional")
    parser.add_argument("--tourism", action="store_true", help="only villages that receive visitors")
    parser.add_argument("--data", type=Path, metavar="FILE", help="another register CSV with the same columns")
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.set_defaults(func=run_register)


def select_records(args: argparse.Namespace) -> gpd.GeoDataFrame:
    """Return the register records chosen by the ``register`` options, in file order."""
    from .register import filter_register, load_register

    try:
        records = load_register(args.data)
    except CraftRouteError as error:
        if error.field != "path":
            raise  # a bad record: the message names the record and its field
        raise CraftRouteError("--data", error.message) from None
    try:
        return filter_register(records, craft=args.craft, district=args.district,
                               tourism=True if args.tourism else None)
    except CraftRouteError as error:
        raise CraftRouteError("--" + error.field, error.message) from None


def format_table(records: gpd.GeoDataFrame) -> str:
    """Return the records as an aligned text table, a count line and how they are located."""
    rows = [[str(row[column]) for column in TABLE_COLUMNS] for _, row in records.iterrows()]
    located = records["coord_source"].value_counts()
    where = ", ".join(f"{located[source]} {source}" for source in sorted(located.index))
    village_level = int(located.get("osm_place", 0) + located.get("osm_street", 0))
    return (aligned_table(TABLE_COLUMNS, rows, noun="village")
            + "\nLocated at village level (OSM place node, or the middle of a street named after the village as a"
            + f" proxy, in the former commune): {village_level}; by coord_source: " + where)


def run_register(args: argparse.Namespace) -> int:
    """Print the selected register records in the chosen format and return the exit code."""
    from .register import register_csv, register_geojson, register_records

    records = select_records(args)
    if args.format == "json":
        output = json.dumps(register_records(records), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "geojson":
        output = json.dumps(register_geojson(records), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        output = register_csv(records)
    else:
        output = format_table(records) + "\n"
    sys.stdout.write(output)
    return 0
