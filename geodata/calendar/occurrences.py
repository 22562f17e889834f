"""Dated occurrences of event rules: what happens where on which day (pure).

:func:`occurrences` expands the rules of :mod:`.events` over a span of solar dates,
each occurrence carrying its lunar date and its source, sorted by date, start time and
place. A monthly lunar rule skips day 30 in a 29-day month; an annual one skips a
lunar date that a year lacks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import CraftRouteError
from .events import EventRule
from .lunar import LunarDate, to_lunar, to_solar


@dataclass(frozen=True)
class Occurrence:
    """One event on one day at one place.

    Attributes
    ----------
    date, lunar_date
        The solar day and its lunar date.
    place_id, kind, name, name_vi
        Where, what kind (festival, market, closure, session) and its names.
    start, end
        Clock times ``HH:MM`` if published; ``None``: all day or unknown.
    source, event_id
        The page the rule comes from, and the rule's id.
    """

    date: dt.date
    lunar_date: LunarDate
    place_id: str
    kind: str
    name: str
    name_vi: str
    start: str | None
    end: str | None
    source: str
    event_id: str

    def to_record(self) -> dict[str, Any]:
        """Return the occurrence as a JSON-ready dict (the ``craftroute calendar --format json`` row)."""
        return {
            "date": self.date.isoformat(), "lunar_date": str(self.lunar_date), "place_id": self.place_id,
            "kind": self.kind, "name": self.name, "name_vi": self.name_vi, "start": self.start, "end": self.end,
            "source": self.source,
        }


def occurrences(
    rules: Iterable[EventRule],
    first: dt.date,
    last: dt.date,
    *,
    place_kinds: Mapping[str, str],
    place_ids: Iterable[str] | None = None,
) -> list[Occurrence]:
    """Return every occurrence of ``rules`` from ``first`` to ``last`` (inclusive), sorted.

    Parameters
    ----------
    rules
        Event rules (:func:`geodata.calendar.load_events`).
    first, last
        The span of solar dates.
    place_kinds
        Kind (village, destination) of every known place id: a rule that applies to a
        kind of place expands to those places; rules of unknown places are skipped.
    place_ids
        Only these places; ``None``: all.
    """
    if last < first:
        raise CraftRouteError.of("to", "not_before", other="from", low=first.isoformat(), got=last.isoformat())
    wanted = set(place_ids) if place_ids is not None else None
    days = [first + dt.timedelta(days=offset) for offset in range((last - first).days + 1)]
    lunar = {day: to_lunar(day) for day in days}
    found: list[Occurrence] = []
    for rule in rules:
        targets = [p for p in rule.place_ids if p in place_kinds] or [
            p for p, kind in place_kinds.items() if rule.applies_to is not None and kind == rule.applies_to]
        targets = [p for p in targets if wanted is None or p in wanted]
        if not targets:
            continue
        for day, start, end in _rule_times(rule, days, lunar):
            found += [Occurrence(day, lunar[day], place_id, rule.kind, rule.name, rule.name_vi, start, end,
                                 rule.source, rule.id) for place_id in targets]
    return sorted(found, key=lambda o: (o.date, o.start or "", o.place_id, o.kind, o.event_id))


def _rule_times(rule: EventRule, days: list[dt.date],
                lunar: Mapping[dt.date, LunarDate]) -> Iterator[tuple[dt.date, str | None, str | None]]:
    """Yield ``(day, start, end)`` of each time ``rule`` happens on ``days``."""
    if rule.lunar_days:
        for day in days:
            if lunar[day].day in rule.lunar_days:
                yield day, rule.start, rule.end
    elif rule.weekdays:
        for day in days:
            if day.weekday() in rule.weekdays:
                for start in rule.times:
                    yield day, start, _add_minutes(start, rule.duration_min)
    elif rule.lunar_month is not None and rule.lunar_day is not None:
        span = set(days)
        for day in sorted(_annual_days(rule, days[0], days[-1])):
            if day in span:
                yield day, rule.start, rule.end


def _annual_days(rule: EventRule, first: dt.date, last: dt.date) -> set[dt.date]:
    assert rule.lunar_month is not None and rule.lunar_day is not None
    found: set[dt.date] = set()
    # a year's event may start before its lunar year does (days_before: Tết eve) or run past it
    for year in range(to_lunar(first).year - 1, to_lunar(last).year + 2):
        try:
            anchor = to_solar(LunarDate(year, rule.lunar_month, rule.lunar_day))
        except CraftRouteError:  # that year lacks the day (day 30 of a 29-day month)
            continue
        begin = anchor - dt.timedelta(days=rule.days_before)
        found.update(begin + dt.timedelta(days=offset) for offset in range(rule.days_before + rule.days))
    return found


def _add_minutes(clock: str, minutes: int | None) -> str | None:
    if minutes is None:
        return None
    total = int(clock[:2]) * 60 + int(clock[3:]) + minutes
    return None if total >= 24 * 60 else f"{total // 60:02d}:{total % 60:02d}"
