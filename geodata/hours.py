"""Opening hours in OpenStreetMap's ``opening_hours`` syntax, read with ``opening-hours-py``.

The parser is the maintained Rust implementation of the OSM specification
(``opening_hours`` on PyPI as ``opening-hours-py``), so any valid OSM value works,
for example::

    24/7
    08:00-17:00                       every day
    Mo-Su 08:00-11:30,13:30-17:00
    Tu-Su 08:00-17:00; Mo off         a later rule overrides earlier ones for its days
    Sa-Mo 09:00-12:00                 day ranges may wrap around the week
    Mo-Fr 08:00-17:00; Dec 25 off     rules for dates are honoured on those dates

:func:`parse_opening_hours` checks a value and gives its weekly view (for display);
:func:`open_intervals` gives the open intervals on a real date (for planning).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import opening_hours

from .errors import CraftRouteError

DAY_CODES: tuple[str, ...] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MINUTES_PER_DAY = 24 * 60
#: A Monday whose week has no date-specific rules in our data: the weekly view is read from it.
REFERENCE_MONDAY = dt.date(2001, 1, 8)
EXAMPLE = "e.g. 'Mo-Su 08:00-17:00', 'Tu-Su 08:00-17:00; Mo off' or '24/7'"

Intervals = tuple[tuple[int, int], ...]
#: What the parser raises on a bad value (its ``ParserError`` is missing from the library's type stub).
PARSER_ERRORS: tuple[type[Exception], ...] = (
    getattr(opening_hours, "ParserError", SyntaxError), SyntaxError, ValueError, RuntimeError,
)


@dataclass(frozen=True)
class WeeklyHours:
    """Opening hours: the open intervals of each weekday, and the rules for real dates.

    Index it by weekday (0 = Monday) for the intervals of a typical week, in minutes
    after midnight; :func:`open_intervals` evaluates the rules on a given date.
    """

    days: tuple[Intervals, ...]
    rules: opening_hours.OpeningHours = field(compare=False, repr=False)

    def __getitem__(self, weekday: int) -> Intervals:
        return self.days[weekday]

    def __iter__(self) -> Iterator[Intervals]:
        return iter(self.days)

    def __len__(self) -> int:
        return len(self.days)


def parse_opening_hours(text: str, *, field: str = "opening_hours") -> WeeklyHours:
    """Return the checked opening hours, with the open intervals of each weekday.

    Parameters
    ----------
    text
        Opening hours in OSM syntax, such as ``"Tu-Su 08:00-17:00; Mo off"``.
    field
        Field name used in error messages.

    Raises
    ------
    CraftRouteError
        If ``text`` is empty or not valid OSM ``opening_hours``.
    """
    text = str(text).strip()
    if not text:
        raise CraftRouteError(field, f"must not be empty; use {EXAMPLE}")
    try:
        rules = opening_hours.OpeningHours(text)
        days = tuple(_intervals(rules, REFERENCE_MONDAY + dt.timedelta(days=offset)) for offset in range(7))
    except PARSER_ERRORS as error:
        where = re.search(r"--> \d+:(\d+)", str(error))
        reason = f"not understood from character {where[1]}" if where else "not understood"
        raise CraftRouteError(field, f"is not valid OSM opening_hours ({reason}): {text[:80]!r}; use {EXAMPLE}") \
            from None
    return WeeklyHours(days=days, rules=rules)


def open_intervals(hours: WeeklyHours, date: dt.date) -> Intervals:
    """Return the open intervals (minutes after midnight) on ``date``; empty if closed."""
    return _intervals(hours.rules, date)


def _intervals(rules: opening_hours.OpeningHours, date: dt.date) -> Intervals:
    """Return the intervals of ``date`` in which ``rules`` say open, in minutes after midnight."""
    midnight = dt.datetime.combine(date, dt.time())
    found: list[tuple[int, int]] = []
    for start, end, state, _comment in rules.intervals(midnight, midnight + dt.timedelta(days=1)):
        if state != opening_hours.State.OPEN:
            continue
        opens = round((start - midnight).total_seconds() / 60)
        closes = MINUTES_PER_DAY if end is None else round((end - midnight).total_seconds() / 60)
        if found and found[-1][1] == opens:
            found[-1] = (found[-1][0], closes)
        elif closes > opens:
            found.append((opens, closes))
    return tuple(found)
