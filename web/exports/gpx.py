"""A plan as GPX 1.1: a waypoint per stop and a track per day (OsmAnd, Organic Maps)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import gpxpy.gpx

from web.exports.plan_data import day_track

GPX_VERSION = "1.1"
CREATOR = "CraftRoute"
#: Decimal places kept in coordinates: 1e-6 degree is about 0.1 m, finer than any road shape.
COORDINATE_DECIMALS = 6


def _waypoint(stop: Mapping[str, Any], *, day: Mapping[str, Any], day_number: int, order: int,
              day_text: str, date_text: Callable[[str], str]) -> gpxpy.gpx.GPXWaypoint:
    times = " - ".join(str(stop[key]) for key in ("arrive", "depart") if stop.get(key))
    return gpxpy.gpx.GPXWaypoint(
        round(float(stop["lat"]), COORDINATE_DECIMALS),
        round(float(stop["lon"]), COORDINATE_DECIMALS),
        name=f"{day_number}.{order} {stop.get('name', stop['id'])}",
        description=f"{day_text.format(n=day_number)} ({date_text(str(day.get('date', '')))}) {times}".strip(),
        type="stop",
    )


def _track(day: Mapping[str, Any], plan: Mapping[str, Any], *, day_number: int, day_text: str,
           date_text: Callable[[str], str]) -> gpxpy.gpx.GPXTrack:
    name = f"{day_text.format(n=day_number)} {date_text(str(day.get('date', '')))}".strip()
    track = gpxpy.gpx.GPXTrack(name=name, number=day_number)
    track.segments.append(gpxpy.gpx.GPXTrackSegment([
        gpxpy.gpx.GPXTrackPoint(round(lat, COORDINATE_DECIMALS), round(lon, COORDINATE_DECIMALS))
        for lon, lat in day_track(day, plan)
    ]))
    return track


def plan_to_gpx(plan: Mapping[str, Any], *, name: str = "CraftRoute trip", day_text: str = "Day {n}",
                date_text: Callable[[str], str] = str) -> str:
    """Return the plan as a GPX 1.1 document (UTF-8 text).

    Parameters
    ----------
    plan
        The JSON of ``craftroute plan --format json``.
    name
        The trip's name in the GPX metadata.
    day_text, date_text
        How a day (``{n}``) and its ISO date are written in waypoint descriptions and
        track names (English and ISO by default).
    """
    document = gpxpy.gpx.GPX()
    document.creator = CREATOR
    document.name = name
    days = list(plan.get("days", []))
    for day_number, day in enumerate(days, start=1):
        for order, stop in enumerate(day.get("stops", []), start=1):
            document.waypoints.append(_waypoint(stop, day=day, day_number=day_number, order=order,
                                                day_text=day_text, date_text=date_text))
    for day_number, day in enumerate(days, start=1):
        document.tracks.append(_track(day, plan, day_number=day_number, day_text=day_text, date_text=date_text))
    return document.to_xml(version=GPX_VERSION)
