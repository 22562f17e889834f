"""Occurrences as iCalendar events (RFC 5545, with the maintained ``icalendar`` library).

:func:`occurrence_event` turns one occurrence record (``Occurrence.to_record()``, as
listed in a plan's JSON too) into a VEVENT: timed in Hanoi time when the source gives
clock times, else an all-day event. :func:`occurrences_to_ics` writes a whole calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from .occurrences import Occurrence

TIMEZONE = "Asia/Ho_Chi_Minh"
PRODUCT_ID = "-//CraftRoute//Village calendar//EN"


def occurrence_event(record: Mapping[str, Any], *, place_name: str, stamp: dt.datetime,
                     uid_domain: str = "craftroute.local") -> icalendar.Event:
    """Return the VEVENT of one occurrence record (keys of :meth:`Occurrence.to_record`)."""
    day = dt.date.fromisoformat(str(record["date"]))
    zone = ZoneInfo(TIMEZONE)
    start, end = record.get("start"), record.get("end")
    begin: dt.date | dt.datetime = day
    finish: dt.date | dt.datetime = day + dt.timedelta(days=1)
    if start:
        begin = dt.datetime.combine(day, dt.time.fromisoformat(str(start)), tzinfo=zone)
        finish = (dt.datetime.combine(day, dt.time.fromisoformat(str(end)), tzinfo=zone) if end
                  else begin + dt.timedelta(hours=1))
    name_vi = str(record.get("name_vi") or "")
    description = f"{name_vi} ({record['lunar_date']} lunar). Source: {record['source']}"
    event = icalendar.Event.new(
        uid=f"{day:%Y%m%d}-{(start or 'day').replace(':', '')}-{record['place_id']}-{record['kind']}@{uid_domain}",
        stamp=stamp, start=begin, end=finish, summary=f"{record['name']} - {place_name}", description=description,
    )
    event.add("url", str(record["source"]))
    event.add("categories", [str(record["kind"])])
    return event


def occurrences_to_ics(found: Iterable[Occurrence], *, place_names: Mapping[str, str],
                       now: dt.datetime | None = None) -> bytes:
    """Return the occurrences as an iCalendar document (UTF-8 bytes)."""
    stamp = dt.datetime.now(dt.UTC) if now is None else now.astimezone(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(icalendar.Timezone.from_tzid(TIMEZONE))
    for occurrence in found:
        calendar.add_component(occurrence_event(occurrence.to_record(), stamp=stamp,
                                                place_name=place_names.get(occurrence.place_id, occurrence.place_id)))
    return bytes(calendar.to_ical())
