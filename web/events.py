"""The web's bridge to the village calendar: events by span and place, in the interface language.

Pages (:mod:`web.pages.calendar_page`, place pages) and the API read events through
these functions; the events and their sources are :mod:`geodata.calendar`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from flask import current_app

from geodata.calendar import Occurrence, load_events, occurrences
from geodata.calendar.cli import check_span, parse_day
from geodata.errors import NotFoundError, quoted
from web import i18n, state


def place_kinds() -> dict[str, str]:
    """Return the kind (village, destination) of every place id."""
    places = state.get_places()
    return {str(place_id): str(kind) for place_id, kind in places["kind"].items()}


def checked_place(value: str | None, *, field: str = "place") -> str | None:
    """Return the place id ``value`` (``None`` when empty), or raise NotFoundError naming ``field``."""
    if value is None or value == "":
        return None
    if value not in state.get_places().index:
        raise NotFoundError.of(field, "no_place", got=quoted(value))
    return value


def checked_span(args: Mapping[str, str]) -> tuple[dt.date, dt.date, str | None]:
    """Return the ``from`` and ``to`` dates and the ``place`` of a query, or raise naming the bad one."""
    first = parse_day(args.get("from", ""), "from")
    last = parse_day(args.get("to", ""), "to")
    check_span(first, last, fields=("from", "to"))
    return first, last, checked_place(args.get("place"))


def events_between(first: dt.date, last: dt.date, place_id: str | None = None) -> list[Occurrence]:
    """Return the bundled events from ``first`` to ``last`` (one place, or all)."""
    return occurrences(load_events(), first, last, place_kinds=place_kinds(),
                       place_ids=None if place_id is None else [place_id])


def upcoming_events(place_id: str, *, today: dt.date | None = None) -> list[Occurrence]:
    """Return the next events at ``place_id`` (``UPCOMING_EVENTS_DAYS`` ahead, at most ``UPCOMING_EVENTS_COUNT``)."""
    first = today or dt.date.today()
    last = first + dt.timedelta(days=current_app.config["UPCOMING_EVENTS_DAYS"])
    return events_between(first, last, place_id)[:current_app.config["UPCOMING_EVENTS_COUNT"]]


def event_name(event: Occurrence) -> str:
    """Return the event's name in the interface language."""
    return event.name_vi if i18n.current_language() == "vi" else event.name


def lunar_text(event: Occurrence) -> str:
    """Return the event's lunar date as the interface language writes it."""
    return event.lunar_date.text_vi if i18n.current_language() == "vi" else event.lunar_date.text_en
