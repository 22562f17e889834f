"""The ``craftroute calendar`` subcommand: festivals, markets, closures and sessions by date."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from ..errors import CraftRouteError, NotFoundError, quoted

FORMATS = ("text", "json", "ics")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``calendar`` subcommand to the ``craftroute`` parser."""
    parser = subparsers.add_parser(
        "calendar",
        help="list village festivals, market days, Tet closures and show times by date",
        description="List what happens where between two dates, with lunar dates and each event's source.",
    )
    parser.add_argument("--from", dest="first", metavar="DATE", required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="last", metavar="DATE", required=True, help="last day, YYYY-MM-DD")
    parser.add_argument("--place", metavar="ID", help="only this place (an id from `craftroute villages`)")
    parser.add_argument("--events", type=Path, metavar="FILE", help="your own events file (.json)")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.set_defaults(func=run_calendar)


def parse_day(value: str, field: str) -> dt.date:
    """Return the date ``YYYY-MM-DD`` of option ``field``, or raise naming it."""
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise CraftRouteError.of(field, "date_format", got=quoted(value)) from None


def check_span(first: dt.date, last: dt.date, *, fields: tuple[str, str] = ("--from", "--to")) -> None:
    """Raise naming the option if ``first..last`` is reversed, too long or outside the calendar's years."""
    from .. import settings
    from .lunar import YEAR_RANGE

    low, high = YEAR_RANGE
    for day, field in ((first, fields[0]), (last, fields[1])):
        if not low + 1 <= day.year <= high - 1:
            raise CraftRouteError.of(field, "years", low=low + 1, high=high - 1, got=day.isoformat())
    if last < first:
        raise CraftRouteError.of(fields[1], "not_before", other=fields[0], low=first.isoformat(), got=last.isoformat())
    span = (last - first).days + 1
    if span > settings.calendar_max_days:
        raise CraftRouteError.of(fields[1], "span_too_long", high=settings.calendar_max_days, got=span)


def run_calendar(args: argparse.Namespace) -> int:
    """Print the occurrences between ``--from`` and ``--to`` and return the exit code."""
    first, last = parse_day(args.first, "--from"), parse_day(args.last, "--to")
    check_span(first, last)
    if args.place is not None and not args.place.strip():
        raise CraftRouteError("--place", "must not be empty; leave it out for every place")
    from ..loader import load_places
    from .events import load_events
    from .occurrences import occurrences

    places = load_places()
    if args.place is not None and args.place not in places.index:
        raise NotFoundError("--place", f"no place with id {args.place!r}; list ids with `craftroute villages`")
    try:
        rules = load_events(args.events)
    except CraftRouteError as error:
        if error.field != "path":
            raise
        raise CraftRouteError("--events", error.message) from None
    kinds = {str(place_id): str(kind) for place_id, kind in places["kind"].items()}
    found = occurrences(rules, first, last, place_kinds=kinds,
                        place_ids=None if args.place is None else [args.place])
    if args.format == "json":
        sys.stdout.write(json.dumps([o.to_record() for o in found], ensure_ascii=False, indent=2) + "\n")
    elif args.format == "ics":
        from .ics import occurrences_to_ics

        names = {str(place_id): str(name) for place_id, name in places["name"].items()}
        sys.stdout.write(occurrences_to_ics(found, place_names=names).decode("utf-8"))
    else:
        names = {str(place_id): str(name) for place_id, name in places["name"].items()}
        for o in found:
            hours = f"{o.start or '':>5}-{o.end or '':<5}" if o.start else " all day   "
            sys.stdout.write(f"{o.date.isoformat()}  {str(o.lunar_date):<11} {hours}  {o.kind:<8}  "
                             f"{names.get(o.place_id, o.place_id)}: {o.name}\n")
        sys.stdout.write(f"{len(found)} events\n")
    return 0
