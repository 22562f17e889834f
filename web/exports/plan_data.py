"""Read the parts every export needs from a plan dict: stop times and leg shapes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any


def stop_time(day: Mapping[str, Any], value: Any) -> dt.datetime | None:
    """Return a stop time as a naive local datetime.

    Parameters
    ----------
    day
        The plan day (its ``date`` is ``YYYY-MM-DD``).
    value
        ``"HH:MM"`` (on the day's date), an ISO datetime, or minutes after midnight.
    """
    if value is None or value == "":
        return None
    date = dt.date.fromisoformat(str(day["date"]))
    if isinstance(value, (int, float)):
        return dt.datetime.combine(date, dt.time()) + dt.timedelta(minutes=float(value))
    text = str(value)
    if "T" in text or len(text) > 8:
        parsed = dt.datetime.fromisoformat(text)
        return parsed.replace(tzinfo=None)
    hours, minutes = text.split(":")[:2]
    return dt.datetime.combine(date, dt.time()) + dt.timedelta(hours=int(hours), minutes=int(minutes))


def leg_points(leg: Mapping[str, Any], stops_by_id: Mapping[str, Mapping[str, Any]]) -> list[tuple[float, float]]:
    """Return a leg's ``(lon, lat)`` points: its road geometry, else the straight line between its ends."""
    geometry = leg.get("geometry")
    if isinstance(geometry, Mapping):
        geometry = geometry.get("coordinates")
    if geometry:
        return [(float(point[0]), float(point[1])) for point in geometry]
    ends = [stops_by_id.get(str(leg.get(key))) for key in ("from", "to")]
    return [(float(end["lon"]), float(end["lat"])) for end in ends if end is not None]


def day_places(day: Mapping[str, Any], plan: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """Return every point a day's legs may name (its stops, and start/end if the plan gives them) by id."""
    found: dict[str, Mapping[str, Any]] = {}
    for key in ("start", "end"):
        for source in (day.get(key), plan.get(key)):
            if isinstance(source, Mapping) and "id" in source:
                found.setdefault(str(source["id"]), source)
    for stop in day.get("stops", []):
        found[str(stop["id"])] = stop
    return found


def day_track(day: Mapping[str, Any], plan: Mapping[str, Any]) -> list[tuple[float, float]]:
    """Return the ``(lon, lat)`` points of a whole day, its legs joined in order."""
    places = day_places(day, plan)
    track: list[tuple[float, float]] = []
    for leg in day.get("legs", []):
        points = leg_points(leg, places)
        track.extend(points[1:] if track and points and track[-1] == points[0] else points)
    if not track:
        track = [(float(stop["lon"]), float(stop["lat"])) for stop in day.get("stops", [])]
    return track
