"""A plan as GPX 1.1: a waypoint per stop and a track per day (OsmAnd, Organic Maps)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree as ET

from web.exports.plan_data import day_track

GPX_NAMESPACE = "http://www.topografix.com/GPX/1/1"
CREATOR = "CraftRoute"


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    child = ET.SubElement(parent, tag)
    child.text = value
    return child


def plan_to_gpx(plan: Mapping[str, Any], *, name: str = "CraftRoute trip") -> str:
    """Return the plan as a GPX 1.1 document (UTF-8 text).

    Parameters
    ----------
    plan
        The JSON of ``craftroute plan --format json``.
    name
        The trip's name in the GPX metadata.
    """
    root = ET.Element("gpx", {"version": "1.1", "creator": CREATOR, "xmlns": GPX_NAMESPACE})
    metadata = ET.SubElement(root, "metadata")
    _text(metadata, "name", name)
    days = list(plan.get("days", []))
    for day_number, day in enumerate(days, start=1):
        for order, stop in enumerate(day.get("stops", []), start=1):
            point = ET.SubElement(root, "wpt", {"lat": f"{float(stop['lat']):.6f}", "lon": f"{float(stop['lon']):.6f}"})
            _text(point, "name", f"{day_number}.{order} {stop.get('name', stop['id'])}")
            times = " - ".join(str(stop[key]) for key in ("arrive", "depart") if stop.get(key))
            _text(point, "desc", f"Day {day_number} ({day.get('date', '')}) {times}".strip())
            _text(point, "type", "stop")
    for day_number, day in enumerate(days, start=1):
        track = ET.SubElement(root, "trk")
        _text(track, "name", f"Day {day_number} {day.get('date', '')}".strip())
        _text(track, "number", str(day_number))
        segment = ET.SubElement(track, "trkseg")
        for lon, lat in day_track(day, plan):
            ET.SubElement(segment, "trkpt", {"lat": f"{lat:.6f}", "lon": f"{lon:.6f}"})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
