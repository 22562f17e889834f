"""The trip's calendar: what happens at each candidate on each day, and what it does to a plan (pure).

Rules come from :mod:`geodata.calendar`; this module groups their occurrences by trip
day and place and says what each kind does to the optimiser problem
(:mod:`.problem`): a ``closure`` closes the place that day, ``session`` times are
the only starts of a visit that day, a ``festival`` or ``market`` multiplies the
place's value that day (``settings.EVENT_VALUE_FACTOR``); a market with published
hours adds them as a window, and its value counts only for a visit starting within
them (a visit after the market is an ordinary visit). It also writes the reasons a
plan shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geodata.calendar.events import EventRule
from geodata.calendar.occurrences import Occurrence, occurrences

from .. import settings
from ..clock import clock_minutes
from ..optimiser.problem import starts_within
from .why import Reason

if TYPE_CHECKING:
    import datetime as dt

#: The words of the ``closed_by`` detail for a place closed by an event.
CLOSED_FOR = "{name} ({name_vi}) on {dates}"
#: The same in Vietnamese.
CLOSED_FOR_VI = "{name_vi} ngày {dates}"


@dataclass(frozen=True)
class TripEvents:
    """Occurrences by trip day (index ``k``) and place id."""

    days: tuple[Mapping[str, tuple[Occurrence, ...]], ...] = field(default=())

    def at(self, k: int, place_id: str) -> tuple[Occurrence, ...]:
        """Return the occurrences at ``place_id`` on day ``k``."""
        return self.days[k].get(place_id, ()) if 0 <= k < len(self.days) else ()

    def closure(self, k: int, place_id: str) -> Occurrence | None:
        """Return the event that closes ``place_id`` on day ``k``, if any."""
        return next((o for o in self.at(k, place_id) if o.kind == "closure"), None)

    def sessions(self, k: int, place_id: str) -> tuple[Occurrence, ...]:
        """Return the timed sessions at ``place_id`` on day ``k``."""
        return tuple(o for o in self.at(k, place_id) if o.kind == "session" and o.start)

    def highlight(self, k: int, place_id: str) -> Occurrence | None:
        """Return the festival (else the market) at ``place_id`` on day ``k``, if any."""
        found = self.at(k, place_id)
        return next((o for kind in ("festival", "market") for o in found if o.kind == kind), None)

    def has_sessions(self, place_id: str) -> bool:
        """Return whether ``place_id`` has timed sessions on some day of the trip."""
        return any(self.sessions(k, place_id) for k in range(len(self.days)))


def trip_events(rules: Iterable[EventRule], dates: Sequence[dt.date], place_kinds: Mapping[str, str]) -> TripEvents:
    """Return the occurrences of ``rules`` on ``dates`` at the places of ``place_kinds`` (id -> kind)."""
    if not dates:
        return TripEvents()
    index = {day: k for k, day in enumerate(dates)}
    days: list[dict[str, list[Occurrence]]] = [{} for _ in dates]
    for found in occurrences(rules, min(dates), max(dates), place_kinds=place_kinds):
        if found.date in index:
            days[index[found.date]].setdefault(found.place_id, []).append(found)
    return TripEvents(tuple({place: tuple(items) for place, items in day.items()} for day in days))


def value_factor(events: TripEvents, k: int, place_id: str) -> float:
    """Return the factor on the value of ``place_id`` on day ``k`` (1 without a festival or market)."""
    found = events.highlight(k, place_id)
    return settings.EVENT_VALUE_FACTOR.get(found.kind, 1.0) if found is not None else 1.0


def session_starts(events: TripEvents, k: int, place_id: str) -> tuple[tuple[float, float], ...]:
    """Return the session start times of ``place_id`` on day ``k`` as zero-width start windows."""
    starts = sorted({clock_minutes(o.start, field="start") for o in events.sessions(k, place_id) if o.start})
    return tuple((float(t), float(t)) for t in starts)


def event_window(events: TripEvents, k: int, place_id: str) -> tuple[float, float] | None:
    """Return the published hours of the day's market or festival at ``place_id`` (visit starts), if any."""
    found = events.highlight(k, place_id)
    if found is None or not found.start or not found.end:
        return None
    return float(clock_minutes(found.start, field="start")), float(clock_minutes(found.end, field="end"))


def merge_windows(windows: Iterable[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Return ``windows`` sorted, with overlapping ones merged."""
    merged: list[tuple[float, float]] = []
    for opens, closes in sorted(windows):
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return tuple(merged)


def event_reasons(events: TripEvents, k: int, place_id: str, start_min: float) -> tuple[Reason, ...]:
    """Return the reasons the day's events add to a stop starting at ``start_min``."""
    reasons = []
    found = events.highlight(k, place_id)
    hours = event_window(events, k, place_id)
    if found is not None and (hours is None or starts_within((hours,), start_min)):  # as the optimiser valued it
        reasons.append(Reason.of("market" if found.kind == "market" else "festival"))
        if hours is not None:
            reasons.append(Reason.of("event_hours", time=f"{found.start}-{found.end}"))
    for session in events.sessions(k, place_id):
        if session.start and abs(clock_minutes(session.start, field="start") - start_min) < 0.5:
            reasons.append(Reason.of("session", time=session.start))
    return tuple(reasons)


def closed_detail(events: TripEvents, days: Iterable[int], place_id: str) -> Reason | None:
    """Return the ``closed_by`` detail of a place closed on ``days`` by events, or ``None`` if one is not.

    Its parameters ``events`` and ``events_vi`` name the events and their dates (solar and
    lunar) in English and in Vietnamese.
    """
    closures = [events.closure(k, place_id) for k in days]
    if not closures or any(found is None for found in closures):
        return None
    named: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for found in closures:
        assert found is not None
        named.setdefault((found.name, found.name_vi), []).append(
            (found.date.isoformat(), found.lunar_date.text_en))
    english = "; ".join(CLOSED_FOR.format(name=name, name_vi=name_vi,
                                          dates="; ".join(f"{day}, {lunar}" for day, lunar in dates))
                        for (name, name_vi), dates in named.items())
    vietnamese = "; ".join(CLOSED_FOR_VI.format(name_vi=name_vi, dates="; ".join(day for day, _ in dates))
                           for (_, name_vi), dates in named.items())
    return Reason.of("closed_by", events=english, events_vi=vietnamese)


def stop_events(events: TripEvents, k: int, place_id: str) -> tuple[dict[str, object], ...]:
    """Return the JSON records of the events at ``place_id`` on day ``k`` (for the plan's stops)."""
    return tuple(o.to_record() for o in events.at(k, place_id))
