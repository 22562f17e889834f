"""A plan as an iCalendar file (RFC 5545): one event per visit, in Hanoi time, that phones can navigate to.

Each visit has a LOCATION (the place's name and coordinates, which phone calendars
turn into a map link), a GEO property and Apple's structured location, and a
description in words (the craft's name and why the stop is in the plan, then the
place's story). Travel legs and the lunch break can be added as events of their own.
The day's festivals, market days and shows at its stops are events too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from geodata.calendar.ics import occurrence_event
from geodata.schema import CRAFTS
from web.exports.plan_data import stop_time

TIMEZONE = "Asia/Ho_Chi_Minh"
PRODUCT_ID = "-//CraftRoute//Trip plan//EN"
#: Radius (m) Apple Calendar draws around a structured location.
APPLE_RADIUS_M = 100


@dataclass(frozen=True)
class CalendarTexts:
    """The words of the calendar in one language (English by default).

    ``travel`` names a travel event (``{name}``: where to, ``{minutes}``, ``{km}``),
    ``lunch`` the lunch break (``{name}``: where), ``day`` prefixes descriptions
    (``{n}``), ``why`` introduces a stop's reasons; ``crafts`` names each craft slug and
    ``reasons(stop)`` returns a stop's reasons in words.
    """

    travel: str = "Travel to {name} ({minutes} min, {km} km)"
    lunch: str = "Lunch · {name}"
    day: str = "Day {n}"
    why: str = "Why"
    crafts: Mapping[str, str] = field(default_factory=lambda: dict(CRAFTS))
    reasons: Any = None

    def stop_reasons(self, stop: Mapping[str, Any]) -> Sequence[str]:
        """Return a stop's reasons in words (its English ``why`` texts without a ``reasons`` function)."""
        if self.reasons is not None:
            return list(self.reasons(stop))
        return [str(text) for text in stop.get("why") or ()]


def _utc_stamp(now: dt.datetime | None) -> dt.datetime:
    """Return ``now`` (naive means UTC) or the current time, as an aware UTC datetime."""
    if now is None:
        return dt.datetime.now(dt.UTC)
    return now.replace(tzinfo=dt.UTC) if now.tzinfo is None else now.astimezone(dt.UTC)


def location_text(name: str, lat: float, lon: float) -> str:
    """Return the LOCATION of a place: its name and its coordinates ("Bát Tràng, 20.97933, 105.91537")."""
    return f"{name}, {lat:.5f}, {lon:.5f}"


def _place(event: icalendar.Event, name: str, lat: float, lon: float) -> None:
    """Give ``event`` the place's LOCATION, GEO and Apple structured location (a geo: URI)."""
    event.add("location", location_text(name, lat, lon))
    event.add("geo", (lat, lon))
    event.add("x-apple-structured-location", f"geo:{lat:.6f},{lon:.6f}",
              parameters={"VALUE": "URI", "X-TITLE": name, "X-APPLE-RADIUS": str(APPLE_RADIUS_M)})


def _description(stop: Mapping[str, Any], texts: CalendarTexts, day_number: int) -> str:
    craft = str(stop.get("craft") or "")
    head = [texts.day.format(n=day_number)]
    if craft:
        head.append(str(texts.crafts.get(craft, craft.replace("_", " "))))
    lines = [" · ".join(head)]
    reasons = texts.stop_reasons(stop)
    if reasons:
        lines.append(f"{texts.why}: {', '.join(reasons)}")
    if stop.get("story"):
        lines.append(str(stop["story"]))
    return "\n".join(lines)


def _event(uid: str, stamp: dt.datetime, begin: dt.datetime, end: dt.datetime, zone: ZoneInfo, summary: str,
           description: str | None = None) -> icalendar.Event:
    return icalendar.Event.new(uid=uid, stamp=stamp, start=begin.replace(tzinfo=zone), end=end.replace(tzinfo=zone),
                               summary=summary, description=description or None)


def _visit_event(stop: Mapping[str, Any], *, day: Mapping[str, Any], day_number: int, order: int,
                 uid_domain: str, stamp: dt.datetime, zone: ZoneInfo, texts: CalendarTexts) -> icalendar.Event | None:
    """Return the VEVENT of one visit, or ``None`` when the stop has no visit times."""
    begin = stop_time(day, stop.get("start") or stop.get("arrive"))
    end = stop_time(day, stop.get("visit_end") or stop.get("depart"))
    if begin is None or end is None:
        return None
    name = str(stop.get("name") or stop["id"])
    event = _event(f"{begin:%Y%m%d}-{day_number}-{order}-{stop['id']}@{uid_domain}", stamp, begin, end, zone,
                   name, _description(stop, texts, day_number))
    _place(event, name, float(stop["lat"]), float(stop["lon"]))
    return event


def _points(day: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Return the day's points in order, each with the time it is left: start, stops, end."""
    points: list[Mapping[str, Any]] = []
    if isinstance(day.get("start"), Mapping):
        points.append({**day["start"], "depart": day.get("leave")})
    points += list(day.get("stops", []))
    if isinstance(day.get("end"), Mapping):
        points.append(dict(day["end"]))
    return points


def _travel_events(day: Mapping[str, Any], *, day_number: int, uid_domain: str, stamp: dt.datetime, zone: ZoneInfo,
                   texts: CalendarTexts) -> list[icalendar.Event]:
    """Return an event per moving leg of the day: from leaving a point to arriving at the next."""
    points, events = _points(day), []
    for index, leg in enumerate(day.get("legs", [])):
        if index + 1 >= len(points) or float(leg.get("duration_s", 0)) < 60:
            continue
        here, there = points[index], points[index + 1]
        begin = stop_time(day, here.get("depart"))
        if begin is None:
            continue
        minutes = round(float(leg["duration_s"]) / 60)
        end = begin + dt.timedelta(minutes=minutes)
        name = str(there.get("name") or there.get("id"))
        summary = texts.travel.format(name=name, minutes=minutes, km=round(float(leg.get("distance_m", 0)) / 1000, 1))
        event = _event(f"{begin:%Y%m%d}-{day_number}-travel-{index + 1}@{uid_domain}", stamp, begin, end, zone,
                       summary)
        _place(event, name, float(there["lat"]), float(there["lon"]))
        events.append(event)
    return events


def _lunch_event(day: Mapping[str, Any], *, day_number: int, uid_domain: str, stamp: dt.datetime, zone: ZoneInfo,
                 texts: CalendarTexts) -> icalendar.Event | None:
    lunch = day.get("lunch")
    if not isinstance(lunch, Mapping):
        return None
    begin, end = stop_time(day, lunch.get("start")), stop_time(day, lunch.get("end"))
    if begin is None or end is None:
        return None
    name = str(lunch.get("name") or "")
    event = _event(f"{begin:%Y%m%d}-{day_number}-lunch@{uid_domain}", stamp, begin, end, zone,
                   texts.lunch.format(name=name))
    place = next((p for p in _points(day) if str(p.get("id")) == str(lunch.get("at"))), None)
    if place is not None and "lat" in place:
        _place(event, name, float(place["lat"]), float(place["lon"]))
    return event


def plan_to_ics(plan: Mapping[str, Any], *, uid_domain: str = "craftroute.local", now: dt.datetime | None = None,
                texts: CalendarTexts | None = None, travel: bool = False, lunch: bool = False,
                name: str = "") -> str:
    """Return the plan as an iCalendar document with one VEVENT per visit (and travel and lunch if asked).

    Parameters
    ----------
    plan
        The JSON of ``craftroute plan --format json``.
    uid_domain
        Domain part of the event UIDs.
    now
        The DTSTAMP (UTC; a naive value is read as UTC); the current time when ``None``.
    texts
        The calendar's words (English when ``None``).
    travel, lunch
        Add an event per travel leg, and one per lunch break.
    name
        The calendar's name (a package's name), as ``X-WR-CALNAME``.
    """
    texts = texts or CalendarTexts()
    stamp = _utc_stamp(now)
    zone = ZoneInfo(TIMEZONE)
    # Not Calendar.new(): it gives the calendar a random UID, and the same plan and ``now``
    # should export the same bytes.
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add_component(icalendar.Timezone.from_tzid(TIMEZONE))
    for day_number, day in enumerate(plan.get("days", []), start=1):
        events: list[icalendar.Event | None] = [
            _visit_event(stop, day=day, day_number=day_number, order=order, uid_domain=uid_domain, stamp=stamp,
                         zone=zone, texts=texts)
            for order, stop in enumerate(day.get("stops", []), start=1)
        ]
        if travel:
            events += _travel_events(day, day_number=day_number, uid_domain=uid_domain, stamp=stamp, zone=zone,
                                     texts=texts)
        if lunch:
            events.append(_lunch_event(day, day_number=day_number, uid_domain=uid_domain, stamp=stamp, zone=zone,
                                       texts=texts))
        for event in sorted((e for e in events if e is not None), key=lambda e: e.DTSTART):
            calendar.add_component(event)
    seen: set[tuple[str, ...]] = set()
    for day in plan.get("days", []):
        for stop in day.get("stops", []):
            for record in stop.get("events") or ():
                key = (record["date"], str(record.get("start")), record["place_id"], record["kind"])
                if key not in seen:
                    seen.add(key)
                    calendar.add_component(occurrence_event(record, place_name=str(stop.get("name") or stop["id"]),
                                                            stamp=stamp, uid_domain=uid_domain))
    return calendar.to_ical().decode("utf-8")
