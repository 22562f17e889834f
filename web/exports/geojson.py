"""A plan as GeoJSON: a point per stop and a line per day."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from web.exports.plan_data import day_track

#: Stop fields copied into each point's properties when present.
STOP_PROPERTIES: tuple[str, ...] = ("id", "name", "name_vi", "craft", "arrive", "start", "depart", "visit_min")


def plan_to_geojson(plan: Mapping[str, Any]) -> dict[str, Any]:
    """Return a FeatureCollection with a Point per stop and a LineString per day.

    Parameters
    ----------
    plan
        The JSON of ``craftroute plan --format json``.
    """
    features: list[dict[str, Any]] = []
    for day_number, day in enumerate(plan.get("days", []), start=1):
        for order, stop in enumerate(day.get("stops", []), start=1):
            properties = {key: stop[key] for key in STOP_PROPERTIES if key in stop}
            properties.update({"day": day_number, "date": day.get("date"), "order": order})
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [stop["lon"], stop["lat"]]},
                "properties": properties,
            })
        track = day_track(day, plan)
        if len(track) >= 2:
            features.append({
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [list(point) for point in track]},
                "properties": {"day": day_number, "date": day.get("date"), "kind": "route"},
            })
    return {"type": "FeatureCollection", "features": features}
