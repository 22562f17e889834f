"""A plan as an iCalendar file (RFC 5545): one event per visit, in Hanoi time, and the day's events at its stops."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from geodata.calendar.ics import occurrence_event
from web.exports.plan_data import stop_time

TIMEZONE = "Asia/Ho_Chi_Minh"
PRODUCT_ID = "-//CraftRoute//Trip plan//EN"


def _utc_stamp(now: dt.datetime | None) -> dt.datetime:
    """Return ``now`` (naive means UTC) or the current time, as an aware UTC datetime."""
    if now is None:
        return dt.datetime.now(dt.UTC)
    return now.replace(tzinfo=dt.UTC) if now.tzinfo is None else now.astimezone(dt.UTC)


def _visit_event(stop: Mapping[str, Any], *, day: Mapping[str, Any], day_number: int, order: int,
                 uid_domain: str, stamp: dt.datetime, zone: ZoneInfo) -> icalendar.Event | None:
    """Return the VEVENT of one visit, or ``None`` when the stop has no visit times."""
    begin = stop_time(day, stop.get("start") or stop.get("arrive"))
    end = stop_time(day, stop.get("visit_end") or stop.get("depart"))
    if begin is None or end is None:
        return None
    description = " ".join(str(stop.get(key) or "") for key in ("craft", "story")).strip()
    event = icalendar.Event.new(
        uid=f"{begin:%Y%m%d}-{day_number}-{order}-{stop['id']}@{uid_domain}",
        stamp=stamp,
        start=begin.replace(tzinfo=zone),
        end=end.replace(tzinfo=zone),
        summary=str(stop.get("name") or stop["id"]),
        description=description or None,
    )
    event.add("geo", (float(stop["lat"]), float(stop["lon"])))
    return event


def plan_to_ics(plan: Mapping[str, Any], *, uid_domain: str = "craftroute.local",
                now: dt.datetime | None = None) -> str:
    """Return the plan as an iCalendar document with one VEVENT per visit and per event at a stop.

    A stop's ``events`` (festivals, market days, shows of that day at that place, with
    their sources) become events of their own, as ``craftroute calendar --format ics``
    writes them.

    Parameters
    ----------
    plan
        The JSON of ``craftroute plan --format json``.
    uid_domain
        Domain part of the event UIDs.
    now
        The DTSTAMP (UTC; a naive value is read as UTC); the current time when ``None``.
    """
    stamp = _utc_stamp(now)
    zone = ZoneInfo(TIMEZONE)
    # Not Calendar.new(): it gives the calendar a random UID, and the same plan and ``now``
    # should export the same bytes.
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(icalendar.Timezone.from_tzid(TIMEZONE))
    for day_number, day in enumerate(plan.get("days", []), start=1):
        for order, stop in enumerate(day.get("stops", []), start=1):
            event = _visit_event(stop, day=day, day_number=day_number, order=order,
                                 uid_domain=uid_domain, stamp=stamp, zone=zone)
            if event is not None:
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
