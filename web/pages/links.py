"""Where a stop leads: directions in the phone's map app, OpenStreetMap or Google Maps, and a calendar entry (pure).

Links only, built from coordinates and names; nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urlencode

#: The time zone of every plan (Hanoi), as Google Calendar names it.
CALENDAR_ZONE = "Asia/Ho_Chi_Minh"
GOOGLE_CALENDAR_URL = "https://calendar.google.com/calendar/render"
OSM_DIRECTIONS_URL = "https://www.openstreetmap.org/directions"
GOOGLE_DIRECTIONS_URL = "https://www.google.com/maps/dir/"


@dataclass(frozen=True)
class StopLinks:
    """The links of one stop: ``geo`` (the phone's map app), ``osm`` and ``google`` directions, ``calendar``."""

    geo: str
    osm: str
    google: str
    calendar: str = ""


def _point(lat: float, lon: float) -> str:
    return f"{lat:.6f},{lon:.6f}"


def geo_uri(lat: float, lon: float, label: str = "") -> str:
    """Return a ``geo:`` URI (RFC 5870) that opens the phone's map app at the place, labelled."""
    point = _point(lat, lon)
    return f"geo:{point}?q={point}" + (f"({quote(label)})" if label else "")


def osm_directions(lat: float, lon: float, *, origin: tuple[float, float] | None = None) -> str:
    """Return OpenStreetMap's directions to ``(lat, lon)`` (from ``origin`` when given)."""
    start = _point(*origin) if origin is not None else ""
    return f"{OSM_DIRECTIONS_URL}?{urlencode({'route': f'{start};{_point(lat, lon)}'})}"


def google_directions(lat: float, lon: float, *, origin: tuple[float, float] | None = None) -> str:
    """Return Google Maps' directions to ``(lat, lon)`` (from ``origin`` when given, else from where the phone is)."""
    query = {"api": "1", "destination": _point(lat, lon)}
    if origin is not None:
        query["origin"] = _point(*origin)
    return f"{GOOGLE_DIRECTIONS_URL}?{urlencode(query)}"


def google_calendar(title: str, begin: dt.datetime, end: dt.datetime, *, location: str = "",
                    details: str = "") -> str:
    """Return an "Add to Google Calendar" link for an event in Hanoi time (``begin``/``end`` naive local times)."""
    query = {"action": "TEMPLATE", "text": title, "dates": f"{begin:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}",
             "ctz": CALENDAR_ZONE}
    if location:
        query["location"] = location
    if details:
        query["details"] = details
    return f"{GOOGLE_CALENDAR_URL}?{urlencode(query)}"


def stop_links(name: str, lat: float, lon: float, *, origin: tuple[float, float] | None = None,
               begin: dt.datetime | None = None, end: dt.datetime | None = None, details: str = "") -> StopLinks:
    """Return every link of a stop: directions (from ``origin``, the point before it) and its calendar entry."""
    calendar = ""
    if begin is not None and end is not None:
        calendar = google_calendar(name, begin, end, location=f"{name} ({_point(lat, lon)})", details=details)
    return StopLinks(geo=geo_uri(lat, lon, name), osm=osm_directions(lat, lon, origin=origin),
                     google=google_directions(lat, lon, origin=origin), calendar=calendar)
