"""Opening hours in a small subset of the OpenStreetMap ``opening_hours`` syntax.

Accepted forms (rules separated by ``;``, a later rule overrides earlier ones for
the days it names, as in OSM)::

    24/7
    08:00-17:00                       every day
    Mo-Su 08:00-11:30,13:30-17:00
    Tu-Su 08:00-17:00; Mo off
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import CraftRouteError

DAY_CODES: tuple[str, ...] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_TIME_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")

#: For each weekday (0 = Monday), the open intervals in minutes after midnight.
WeeklyHours = tuple[tuple[tuple[int, int], ...], ...]


def parse_opening_hours(text: str, *, field: str = "opening_hours") -> WeeklyHours:
    """Return the open intervals, in minutes after midnight, for each weekday.

    Parameters
    ----------
    text
        Opening hours such as ``"Tu-Su 08:00-17:00; Mo off"``.
    field
        Field name used in error messages.

    Raises
    ------
    CraftRouteError
        If ``text`` is not in the accepted syntax.
    """
    text = text.strip()
    if text == "24/7":
        return tuple(((0, 24 * 60),) for _ in DAY_CODES)
    week: list[tuple[tuple[int, int], ...]] = [() for _ in DAY_CODES]
    if not text:
        raise CraftRouteError(field, "must not be empty; use e.g. 'Mo-Su 08:00-17:00' or '24/7'")
    for rule in (part.strip() for part in text.split(";")):
        if not rule:
            continue
        days, _, times = rule.partition(" ") if rule[:1].isalpha() else ("Mo-Su", "", rule)
        day_indexes = _parse_days(days, field)
        intervals = _parse_times(times.strip(), field)
        for day in day_indexes:
            week[day] = intervals
    return tuple(week)


def open_intervals(hours: WeeklyHours, date: dt.date) -> tuple[tuple[int, int], ...]:
    """Return the open intervals (minutes after midnight) on ``date``; empty if closed."""
    return hours[date.weekday()]


def _parse_days(days: str, field: str) -> list[int]:
    indexes: list[int] = []
    for part in days.split(","):
        first, _, last = part.strip().partition("-")
        if first not in DAY_CODES or (last and last not in DAY_CODES):
            msg = f"unknown day {part.strip()!r}; days are {', '.join(DAY_CODES)} or ranges like Mo-Fr"
            raise CraftRouteError(field, msg)
        start = DAY_CODES.index(first)
        end = DAY_CODES.index(last) if last else start
        span = (end - start) % 7
        indexes.extend((start + offset) % 7 for offset in range(span + 1))
    return indexes


def _parse_times(times: str, field: str) -> tuple[tuple[int, int], ...]:
    if times in ("off", "closed"):
        return ()
    intervals: list[tuple[int, int]] = []
    for part in times.split(","):
        match = _TIME_RANGE.match(part.strip())
        if not match:
            msg = f"bad time range {part.strip()!r}; use HH:MM-HH:MM (e.g. 08:00-17:00) or 'off'"
            raise CraftRouteError(field, msg)
        h1, m1, h2, m2 = (int(group) for group in match.groups())
        opens, closes = h1 * 60 + m1, h2 * 60 + m2
        if not (0 <= opens < closes <= 24 * 60 and m1 < 60 and m2 < 60):
            msg = f"time range {part.strip()!r} must open before it closes, within 00:00-24:00"
            raise CraftRouteError(field, msg)
        intervals.append((opens, closes))
    return tuple(sorted(intervals))
