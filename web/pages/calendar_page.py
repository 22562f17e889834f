"""The village calendar: festivals, market days, Tết closures and show times by month, and its ICS.

Events come from :mod:`geodata.calendar` (each with its source); this module picks a
month (``?month=YYYY-MM``) or a span, optionally one place, and renders or exports it.
The events themselves come through :mod:`web.events`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from flask import Blueprint, Response, render_template, request

from geodata.calendar import Occurrence
from geodata.calendar.cli import check_span
from geodata.calendar.ics import occurrences_to_ics
from geodata.errors import CraftRouteError, quoted
from web import state
from web.events import checked_place, checked_span, event_name, events_between, lunar_text
from web.pages.rendering import attachment

bp = Blueprint("calendar", __name__)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class DayEvents:
    """The events of one day, for the month list."""

    date: dt.date
    events: tuple[Occurrence, ...]


def parse_month(value: str | None, *, today: dt.date) -> dt.date:
    """Return the first day of the month ``YYYY-MM`` (this month when ``None``), or raise naming ``month``."""
    if value is None or not value.strip():
        return today.replace(day=1)
    match = _MONTH.match(value.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise CraftRouteError.of("month", "month_format", got=quoted(value))
    first = dt.date(int(match[1]), int(match[2]), 1)
    check_span(first, first, fields=("month", "month"))
    return first


def month_end(first: dt.date) -> dt.date:
    """Return the last day of the month starting ``first``."""
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


@bp.get("/calendar")
def index() -> str:
    """Show one month's events day by day, with lunar dates, times and sources."""
    first = parse_month(request.args.get("month"), today=dt.date.today())
    place_id = checked_place(request.args.get("place"))
    last = month_end(first)
    found = events_between(first, last, place_id)
    days: dict[dt.date, list[Occurrence]] = {}
    for event in found:
        days.setdefault(event.date, []).append(event)
    places = state.get_places()
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = last + dt.timedelta(days=1)
    return render_template(
        "calendar.html",
        month=first,
        days=[DayEvents(day, tuple(events)) for day, events in days.items()],
        place_id=place_id or "",
        place_names={str(pid): str(name) for pid, name in places["name_vi"].items()},
        previous=previous.strftime("%Y-%m"),
        following=following.strftime("%Y-%m"),
        event_name=event_name,
        lunar_text=lunar_text,
        ics_from=first.isoformat(),
        ics_to=last.isoformat(),
    )


@bp.get("/calendar/export.ics")
def ics() -> Response:
    """Download the events from ``from`` to ``to`` (at most a year; one ``place`` or all) as iCalendar."""
    first, last, place_id = checked_span(request.args)
    places = state.get_places()
    names = {str(pid): str(name) for pid, name in places["name_vi"].items()}
    body = occurrences_to_ics(events_between(first, last, place_id), place_names=names)
    return attachment(body, mimetype="text/calendar", filename="craftroute-calendar.ics")
