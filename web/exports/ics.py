"""A plan as an iCalendar file (RFC 5545): one event per visit, in Hanoi time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from web.exports.plan_data import stop_time

TIMEZONE = "Asia/Ho_Chi_Minh"
PRODUCT_ID = "-//CraftRoute//Trip plan//EN"
#: Hanoi has used UTC+7 without daylight saving time since 1975.
VTIMEZONE = (
    "BEGIN:VTIMEZONE", f"TZID:{TIMEZONE}", "BEGIN:STANDARD", "DTSTART:19750613T000000",
    "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700", "TZNAME:ICT", "END:STANDARD", "END:VTIMEZONE",
)
LINE_LIMIT_OCTETS = 75


def escape_text(value: str) -> str:
    """Return ``value`` escaped for an iCalendar TEXT property."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold_line(line: str) -> str:
    """Return ``line`` folded at 75 octets (continuation lines start with a space)."""
    parts: list[str] = []
    current = ""
    for character in line:
        limit = LINE_LIMIT_OCTETS if not parts else LINE_LIMIT_OCTETS - 1
        if len((current + character).encode("utf-8")) > limit:
            parts.append(current)
            current = character
        else:
            current += character
    parts.append(current)
    return "\r\n ".join(parts)


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def plan_to_ics(plan: Mapping[str, Any], *, uid_domain: str = "craftroute.local",
                now: dt.datetime | None = None) -> str:
    """Return the plan as an iCalendar document with one VEVENT per visit.

    Parameters
    ----------
    plan
        The JSON of ``craftroute plan --format json``.
    uid_domain
        Domain part of the event UIDs.
    now
        The DTSTAMP (UTC); the current time when ``None``.
    """
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN", *VTIMEZONE]
    for day_number, day in enumerate(plan.get("days", []), start=1):
        for order, stop in enumerate(day.get("stops", []), start=1):
            begin = stop_time(day, stop.get("start") or stop.get("arrive"))
            end = stop_time(day, stop.get("visit_end") or stop.get("depart"))
            if begin is None or end is None:
                continue
            description = " ".join(str(stop.get(key) or "") for key in ("craft", "story")).strip()
            lines += [
                "BEGIN:VEVENT",
                f"UID:{begin:%Y%m%d}-{day_number}-{order}-{stop['id']}@{uid_domain}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;TZID={TIMEZONE}:{_stamp(begin)}",
                f"DTEND;TZID={TIMEZONE}:{_stamp(end)}",
                f"SUMMARY:{escape_text(str(stop.get('name') or stop['id']))}",
                f"GEO:{float(stop['lat']):.6f};{float(stop['lon']):.6f}",
            ]
            if description:
                lines.append(f"DESCRIPTION:{escape_text(description)}")
            lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold_line(line) for line in lines) + "\r\n"
