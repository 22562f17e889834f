"""``craftroute plan``: the day-by-day itinerary on the command line (text, JSON or a map).

A thin edge over :mod:`planner.itinerary`: options become the same request fields the
web API takes, so both validate alike; errors name the option (``--days``) and exit 2
through :mod:`craftroute.cli`. Only the request parser is imported at start-up; the
optimiser, routing and map code load when a plan is made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
from pathlib import Path
from typing import Any

from geodata.errors import CraftRouteError, NotFoundError

from .. import itinerary, routing, settings
from ..clock import minutes_to_clock
from ..itinerary.model import Plan, PlanDay, PlanLeg
from ..itinerary.request import FIELDS, PACES, parse_plan_request


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``plan`` subcommand to the ``craftroute`` parser."""
    parser = subparsers.add_parser("plan", help="the best day-by-day itinerary for your interests and time")
    parser.add_argument("--start", required=True, metavar="PLACE",
                        help='where each day starts (hotel): place id, name or "lat,lon"')
    parser.add_argument("--end", metavar="PLACE", help="where each day ends (default: the start)")
    parser.add_argument("--days", type=int, default=1, help=f"number of days, 1 to {settings.MAX_DAYS} (default 1)")
    parser.add_argument("--date", help="first day, YYYY-MM-DD (default today): opening hours depend on it")
    parser.add_argument("--flexible-dates", metavar="FROM..TO",
                        help="compare start dates FROM..TO (at most "
                             f"{settings.FLEXIBLE_DATES_MAX_STARTS}) and plan the best one: festivals, market days "
                             f"and Tet closures make dates matter (about {settings.FLEXIBLE_DATES_BUDGET_S:.0f} s)")
    parser.add_argument("--mode", default=settings.DEFAULT_MODE,
                        help=f"travel mode: {', '.join(settings.MODES)} (default {settings.DEFAULT_MODE})")
    parser.add_argument("--interests", help="comma-separated crafts you like, in English or Vietnamese, accents "
                                            "optional (e.g. ceramics,silk or 'gốm,nón lá'); see `craftroute crafts`")
    parser.add_argument("--must", metavar="IDS", help="comma-separated place ids to include")
    parser.add_argument("--candidates", metavar="IDS", help="comma-separated place ids to choose from (default all)")
    parser.add_argument("--exclude", metavar="IDS", help="comma-separated place ids never to visit")
    parser.add_argument("--keep", metavar="ID@DAY[#N]", action="append",
                        help="visit this place on this day (from 1); repeat for several, e.g. --keep bat-trang@2; "
                             "#N puts it N-th among that day's ordered kept places, e.g. --keep van-phuc@1#1 "
                             "--keep temple-of-literature@1#2 (other stops may come between them)")
    parser.add_argument("--only", action="store_true", default=None,
                        help="visit only the --must and --keep places, nothing else")
    parser.add_argument("--day-start", metavar="HH:MM",
                        help=f"leave the start place at (default {settings.DAY_START}; with no --date, "
                             f"today from now in Hanoi, rounded up to {settings.START_NOW_STEP_MIN} min)")
    parser.add_argument("--day-end", default=settings.DAY_END, metavar="HH:MM",
                        help=f"be back by (default {settings.DAY_END})")
    parser.add_argument("--lunch-start", default=settings.LUNCH_START, metavar="HH:MM",
                        help=f"earliest lunch (default {settings.LUNCH_START})")
    parser.add_argument("--lunch-end", default=settings.LUNCH_END, metavar="HH:MM",
                        help=f"latest start of lunch (default {settings.LUNCH_END})")
    parser.add_argument("--lunch-min", type=int, default=settings.LUNCH_MIN,
                        help=f"lunch minutes, 0 for none (default {settings.LUNCH_MIN})")
    parser.add_argument("--pace", default=settings.DEFAULT_PACE,
                        help=f"{', '.join(PACES)}: visit time and stops a day (default {settings.DEFAULT_PACE})")
    parser.add_argument("--max-stops", type=int, help="most stops a day (default from the pace)")
    parser.add_argument("--register-villages", action="store_true", default=None,
                        help="also offer the register's villages that receive visitors and are not tourist "
                             f"places ({settings.REGISTER_VISIT_MIN} min visits, hours unknown)")
    parser.add_argument("--time-limit", type=float, default=settings.OPTIMISER_TIME_LIMIT_S,
                        help=f"optimiser seconds (default {settings.OPTIMISER_TIME_LIMIT_S})")
    parser.add_argument("--seed", type=int, default=settings.OPTIMISER_SEED, help="optimiser seed")
    parser.add_argument("--format", choices=("text", "json", "html"), default="text",
                        help="text (default), json, or html (a map file)")
    parser.add_argument("--output", type=Path, metavar="FILE",
                        help="write to this file instead of the screen (--format html: default "
                             "craftroute-plan-<date>.html)")
    parser.set_defaults(func=run_plan)


def request_fields(args: argparse.Namespace) -> dict[str, Any]:
    """Return the request fields (as the web API names them) given on the command line."""
    return {field: getattr(args, field) for field in FIELDS if getattr(args, field, None) is not None}


def run_plan(args: argparse.Namespace) -> int:
    """Plan the trip and print it as text or JSON, or write the map."""
    try:
        request = parse_plan_request(request_fields(args))
    except CraftRouteError as error:
        # the option that sets a request field is the field with dashes: day_start -> --day-start
        option = cli_option(error.field)
        kind = NotFoundError if isinstance(error, NotFoundError) else CraftRouteError
        raise kind(option, error.message, code=error.code, params=error.params) from None
    if not math.isfinite(args.time_limit) or args.time_limit <= 0:
        raise CraftRouteError("--time-limit", f"must be more than 0 seconds (a finite number), got {args.time_limit}")
    path = args.output
    if path is None and args.format == "html":
        path = Path(f"craftroute-plan-{request.date.isoformat()}.html")
    if path is not None:
        check_output(path)
    places = itinerary.plan_places(request)
    plan = itinerary.plan_trip(request, places=places, time_limit_s=args.time_limit, seed=args.seed,
                               geometry=args.format == "html")
    if args.format == "html":
        from ..itinerary.map import allow_pinch_zoom, plan_map

        html = allow_pinch_zoom(plan_map(plan, places=places).get_root().render())
        _write(path, html)
        print(f"plan map written to {path} (it loads the map library and tiles from the internet)")
        return 0
    text = json.dumps(itinerary.plan_to_dict(plan), ensure_ascii=False) if args.format == "json" else "\n".join(plan_text(plan))
    if path is None:
        print(text)
    else:
        _write(path, text + "\n")
        print(f"plan written to {path}")
    return 0


def cli_option(field: str) -> str:
    """Return the option that sets a request field: day_start -> --day-start, keep[1].order -> --keep item 2."""
    name, bracket, rest = field.partition("[")
    if name not in FIELDS:
        return field
    option = "--" + name.replace("_", "-")
    return f"{option} item {int(rest.partition(']')[0]) + 1}" if bracket else option


def check_output(path: Path) -> None:
    """Raise CraftRouteError naming ``--output`` unless a file can be written at ``path``."""
    if path.is_dir():
        raise CraftRouteError("--output", f"must be a file name, got the folder {str(path)!r}")
    folder = path.parent
    if not folder.is_dir():
        raise CraftRouteError("--output", f"must be in an existing folder, got {str(path)!r}")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CraftRouteError("--output", f"must be a writable file, got {str(path)!r}")


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CraftRouteError("--output", f"cannot write {str(path)!r}: {error.strerror or error}") from None


def plan_text(plan: Plan) -> list[str]:
    """Return the lines of the human-readable plan."""
    request = plan.request
    lines = [
        (f"{request.days}-day plan from {request.starts[0].name} by {request.mode} (pace {request.pace}): "
        f"value {plan.score:.1f}, travel {_duration(plan.travel_s)}, {plan.distance_m / 1000:.1f} km")
    ]
    if plan.date_choices:
        best = max(plan.date_choices, key=lambda choice: choice[1])
        values = ", ".join(f"{day.isoformat()} {score:.1f}" for day, score in plan.date_choices)
        lines.append(f"Best start date {best[0].isoformat()} (value {best[1]:.1f}) of: {values}")
    for number, day in enumerate(plan.days, start=1):
        weekday = dt.date.strftime(day.date, "%a")
        lines.append(f"Day {number} ({weekday} {day.date.isoformat()}): leave {day.start.name} "
                     f"{minutes_to_clock(day.leave_min)}, back at {day.end.name} {minutes_to_clock(day.back_min)}")
        lines += day_lines(day)
    explained = [item for item in plan.unvisited if item.must or item.reason != "no time"]
    crowded = [item.id for item in plan.unvisited if item not in explained]
    if plan.unvisited:
        lines.append("Left out:")
        lines += [f"  {item.name} [{item.id}]: {item.reason} ({item.detail})" for item in explained]
    if crowded:
        lines.append(f"  no time left beside stops worth more to this trip ({len(crowded)}): {', '.join(crowded)}")
    lines += [f"Warning: {warning}" for warning in plan.warnings]
    if plan.estimated:
        lines.append("Legs marked estimated are straight-line estimates in part or in whole (beyond the mapped roads).")
    return lines


def _estimated_note(leg: PlanLeg) -> str:
    """Return " (1.2 km estimated)" for a leg with a known estimated part, " (estimated)" or ""."""
    if not leg.estimated:
        return ""
    estimated_m = leg.estimated_length_m
    return " (estimated)" if estimated_m is None else f" ({routing.estimated_text(estimated_m)})"


def day_lines(day: PlanDay) -> list[str]:
    """Return the lines of one day in the order things happen: legs, visits and lunch by their clock times.

    Each leg is placed at its departure, each visit at its start and lunch at its start;
    on equal times a leg comes before a visit and a visit before a lunch eaten on site.
    """
    events: list[tuple[float, int, str]] = []
    departures = [day.leave_min, *(stop.depart_min for stop in day.stops)]
    for index, (leg, departure) in enumerate(zip(day.legs, departures, strict=True)):
        if leg.duration_s == 0 and leg.distance_m == 0:
            continue  # the first stop is the start place itself
        back = " back" if index == len(day.stops) else ""
        band = f" ({leg.band.replace('_', ' ')})" if leg.band is not None else ""
        events.append((departure, 0, f"      travel {_duration(leg.duration_s)}{band}, {leg.distance_m / 1000:.1f} km"
                                     f"{back}{_estimated_note(leg)}"))
    for order, stop in enumerate(day.stops, start=1):
        what = stop.craft or stop.kind
        wait = f", wait {stop.wait_min:.0f} min" if stop.wait_min >= 1 else ""
        why = f"; why: {', '.join(reason.text() for reason in stop.why)}" if stop.why else ""
        events.append((stop.start_min, 1, f"  {order}. {minutes_to_clock(stop.start_min)}-"
                                          f"{minutes_to_clock(stop.visit_end_min)} {stop.name} [{stop.id}] "
                                          f"({what}; arrive {minutes_to_clock(stop.arrive_min)}{wait}{why})"))
    if day.lunch is not None:
        lunch = day.lunch
        where = f"on site during the visit of {lunch.at_name}" if lunch.on_site else f"at {lunch.at_name}"
        events.append((lunch.start_min, 2, f"     lunch {minutes_to_clock(lunch.start_min)}-"
                                           f"{minutes_to_clock(lunch.end_min)} {where}"))
    return [text for _, _, text in sorted(events, key=lambda event: event[:2])]


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"
