"""The base map every CraftRoute map starts from: OpenStreetMap tiles with attribution."""

from __future__ import annotations

import folium

from planner.itinerary.map import osm_tiles

#: Hanoi's centre (Hoàn Kiếm) and a zoom showing the city and its craft villages.
HANOI_CENTER: tuple[float, float] = (21.0285, 105.8542)
HANOI_ZOOM = 10


def base_map(*, center: tuple[float, float] = HANOI_CENTER, zoom: int = HANOI_ZOOM,
             m: folium.Map | None = None) -> folium.Map:
    """Return ``m``, or a new full-size map of Hanoi with OSM tiles and attribution."""
    if m is not None:
        return m
    return folium.Map(
        location=list(center),
        zoom_start=zoom,
        tiles=osm_tiles(),
        width="100%",
        height="100%",
        control_scale=True,
        prefer_canvas=False,
    )


def fit_to_points(m: folium.Map, points: list[tuple[float, float]]) -> folium.Map:
    """Return ``m`` zoomed to show every ``(lat, lon)`` in ``points`` (unchanged if none)."""
    if len(points) == 1:
        m.location = list(points[0])
    elif points:
        lats = [lat for lat, _ in points]
        lons = [lon for _, lon in points]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(20, 20))
    return m
