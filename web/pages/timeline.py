"""A plan's day-by-day timeline for the plan and print pages: pure, from the plan dict.

Texts that depend on the language (reasons, dates) are worded here for the language
asked; place names are those of the plan dict (see :func:`web.names.localise_plan`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from planner import settings as planner_settings
from planner.clock import minutes_to_clock
from web.dates import format_date
from web.exports.plan_data import stop_time

from .links import StopLinks, stop_links
from .why import stop_reasons


@dataclass(frozen=True)
class Event:
    """One line of the timeline.

    Attributes
    ----------
    kind
        ``"start"`` (leave the day's start place), ``"arrive"``, ``"visit"``, ``"leave"``,
        ``"travel"``, ``"lunch"`` or ``"end"`` (back at the day's end place).
    time
        Clock time ("09:30") or a span ("09:30-11:00"); ``""`` for travel.
    place_id, name
        The place concerned (empty for travel and lunch away from a stop).
    duration_min, distance_km
        Travel time and distance of a ``"travel"`` event.
    estimated
        Whether any part of that travel is estimated (no road data nearby).
    estimated_km
        The estimated part of ``distance_km`` (all of it for a straight-line estimate).
    order
        The stop's number on the day (1, 2...), 0 when not a stop.
    why
        Why the stop is in the plan (``"visit"`` events), in words.
    full_name
        The place's name with the other language's in brackets (stops), else ``name``.
    lat, lon
        Where the place is (``None`` for travel).
    links
        Directions and calendar links of a stop (``"arrive"`` events).
    band
        The time band a ``"travel"`` event leaves in (``planner.settings.TIME_BANDS``:
        "morning_peak", "midday"...), ``""`` when the plan does not say.
    """

    kind: str
    time: str = ""
    place_id: str = ""
    name: str = ""
    duration_min: int = 0
    distance_km: float = 0.0
    order: int = 0
    estimated: bool = False
    why: tuple[str, ...] = ()
    estimated_km: float = 0.0
    full_name: str = ""
    lat: float | None = None
    lon: float | None = None
    links: StopLinks | None = None
    band: str = ""

    @property
    def rush_hour(self) -> bool:
        """Return whether the travel leaves in a peak band (slower roads)."""
        return self.band.endswith("_peak")

    @property
    def partly_estimated(self) -> bool:
        """Return whether the travel follows roads except for an estimated part."""
        return self.estimated and self.estimated_km < self.distance_km


@dataclass(frozen=True)
class Day:
    """One day of the timeline: its number, ISO date, weekday (0 = Monday), colour, events and the date in words."""

    number: int
    date: str
    colour: str
    events: list[Event] = field(default_factory=list)
    weekday: int | None = None
    date_text: str = ""


def _clock(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return minutes_to_clock(value)
    text = str(value)
    return text[11:16] if "T" in text else text[:5]


def _travel(leg: Mapping[str, Any]) -> list[Event]:
    """Return the travel event of a leg; none for a leg of no length (the stop is the start place)."""
    distance_m = float(leg.get("distance_m", 0))
    estimated = bool(leg.get("estimated"))
    estimated_m = float(leg.get("estimated_m", distance_m if estimated else 0.0))  # unknown: all of it
    event = Event(kind="travel", duration_min=round(float(leg.get("duration_s", 0)) / 60),
                  distance_km=round(distance_m / 1000, 1), estimated=estimated,
                  estimated_km=round(estimated_m / 1000, 1), band=str(leg.get("band") or ""))
    return [] if event.duration_min == 0 and event.distance_km == 0 else [event]


def _weekday(date_text: str) -> int | None:
    try:
        return dt.date.fromisoformat(date_text).weekday()
    except ValueError:
        return None


def _lunch(lunch: Any) -> Event | None:
    if not lunch:
        return None
    if isinstance(lunch, Mapping):
        span = "-".join(_clock(lunch.get(key)) for key in ("start", "end") if lunch.get(key) not in (None, ""))
        return Event(kind="lunch", time=span, place_id=str(lunch.get("at") or lunch.get("place_id") or ""),
                     name=str(lunch.get("name") or ""))
    return Event(kind="lunch", time=_clock(lunch))


def _end_point(day: Mapping[str, Any], key: str, kind: str, time_key: str) -> list[Event]:
    point = day.get(key)
    if not isinstance(point, Mapping):
        return []
    return [Event(kind=kind, time=_clock(day.get(time_key)), place_id=str(point.get("id", "")),
                  name=str(point.get("name", "")), lat=_coordinate(point.get("lat")),
                  lon=_coordinate(point.get("lon")))]


def _when(day: Mapping[str, Any], clock: str) -> dt.datetime | None:
    try:
        return stop_time(day, clock)
    except (KeyError, ValueError):
        return None


def _coordinate(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _lunch_position(events: list[Event], lunch: Event) -> int:
    """Return where lunch goes: before the visit it delays, or after leaving the stop it follows."""
    lunch_start = lunch.time[:5]
    for index, event in enumerate(events):
        if event.place_id == lunch.place_id and event.kind == "visit" and event.time[:5] >= lunch_start:
            return index
        if event.place_id == lunch.place_id and event.kind == "leave" and event.time[:5] <= lunch_start:
            return index + 1
    for index, event in enumerate(events):
        if event.time and event.time[:5] > lunch_start:
            return index
    return len(events)


def day_timeline(day: Mapping[str, Any], *, number: int, language: str = "en") -> Day:
    """Return one day's events: leave, travel, arrive/visit/leave per stop, lunch, back; in time order."""
    events: list[Event] = _end_point(day, "start", "start", "leave")
    legs = list(day.get("legs", []))
    stops = list(day.get("stops", []))
    lunch = _lunch(day.get("lunch"))
    origin: tuple[float, float] | None = None
    if events and events[0].lat is not None and events[0].lon is not None:
        origin = (events[0].lat, events[0].lon)
    for order, stop in enumerate(stops, start=1):
        if order - 1 < len(legs):
            events.extend(_travel(legs[order - 1]))
        name = str(stop.get("name") or stop.get("id"))
        arrive, start, depart = (_clock(stop.get(key)) for key in ("arrive", "start", "depart"))
        visit_end = _clock(stop.get("visit_end")) or depart  # lunch at the place may follow the visit
        why = tuple(stop_reasons(stop, language))
        lat, lon = _coordinate(stop.get("lat")), _coordinate(stop.get("lon"))
        links = None
        if lat is not None and lon is not None:
            links = stop_links(name, lat, lon, origin=origin,
                               begin=_when(day, start or arrive), end=_when(day, visit_end), details=", ".join(why))
            origin = (lat, lon)
        events.append(Event(kind="arrive", time=arrive, place_id=str(stop["id"]), name=name, order=order,
                            full_name=str(stop.get("full_name") or name), lat=lat, lon=lon, links=links))
        events.append(Event(kind="visit", time=f"{start or arrive}-{visit_end}", place_id=str(stop["id"]),
                            name=name, order=order, why=why))
        events.append(Event(kind="leave", time=depart, place_id=str(stop["id"]), name=name, order=order))
    for leg in legs[len(stops):]:
        events.extend(_travel(leg))
    events.extend(_end_point(day, "end", "end", "back"))
    if lunch is not None:
        events.insert(_lunch_position(events, lunch), lunch)
    colours = planner_settings.PLAN_DAY_COLOURS
    colour = colours[(number - 1) % len(colours)]
    date = str(day.get("date", ""))
    return Day(number=number, date=date, colour=colour, events=events, weekday=_weekday(date),
               date_text=format_date(date, language))


def plan_timeline(plan: Mapping[str, Any], *, language: str = "en") -> list[Day]:
    """Return the timeline of every day of a plan dict (``plan_to_dict``), worded in ``language``."""
    return [day_timeline(day, number=number, language=language)
            for number, day in enumerate(plan.get("days", []), start=1)]
