"""A Folium map of a plan: one coloured line per day along the roads, numbered stops.

Pure builder in the GeoPandas ``explore`` style: it takes an optional map ``m``,
creates one only when none is given, adds its layers and returns the map. The CLI
saves it (``craftroute plan --format html``); the web app renders it in a page.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import folium
import geopandas as gpd
import pandas as pd

from geodata import schema
from geodata import settings as geodata_settings

from . import settings
from .itinerary_request import minutes_to_clock

if TYPE_CHECKING:
    from .itinerary import Plan, PlanDay, PlanStop

TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def plan_map(plan: Plan, *, m: folium.Map | None = None, places: gpd.GeoDataFrame | None = None) -> folium.Map:
    """Return ``m`` (or a new map) with the plan drawn on it, zoomed to the plan.

    Each day is a layer: a line of the day's colour following the legs' road shapes
    (straight dashed segments where a leg has no shape), numbered markers with
    popups (times, craft) and the day's start place. The tiles carry the
    "(c) OpenStreetMap contributors" attribution.

    Parameters
    ----------
    plan
        The plan to draw.
    m
        A map to draw on; a new one is made when ``None``.
    places
        The places the plan was made from (``geodata.load_places()``); when given, each
        stop's popup also shows its opening hours and story.
    """
    points = [(day.start.lat, day.start.lon) for day in plan.days]
    points += [(stop.lat, stop.lon) for day in plan.days for stop in day.stops]
    points += [(day.end.lat, day.end.lon) for day in plan.days]
    if m is None:
        m = folium.Map(
            location=list(points[0]) if points else [21.0285, 105.8542],
            zoom_start=11,
            tiles=folium.TileLayer(TILES_URL, attr=geodata_settings.ATTRIBUTION_OSM, name="OpenStreetMap",
                                   max_zoom=19),
            control_scale=True,
        )
    for number, day in enumerate(plan.days, start=1):
        colour = settings.PLAN_DAY_COLOURS[(number - 1) % len(settings.PLAN_DAY_COLOURS)]
        layer = folium.FeatureGroup(name=f"Day {number} ({day.date.isoformat()})")
        _add_day_line(layer, day, colour)
        _add_start_marker(layer, day, number)
        for order, stop in enumerate(day.stops, start=1):
            details = places.loc[stop.id] if places is not None and stop.id in places.index else None
            _add_stop_marker(layer, stop, order, colour, number, details)
        layer.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if len(points) > 1:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(20, 20))
    return m


def _add_day_line(layer: folium.FeatureGroup, day: PlanDay, colour: str) -> None:
    places = [(day.start.lat, day.start.lon), *((s.lat, s.lon) for s in day.stops), (day.end.lat, day.end.lon)]
    for index, leg in enumerate(day.legs):
        if leg.geometry:
            folium.PolyLine([(lat, lon) for lon, lat in leg.geometry], color=colour, weight=5,
                            opacity=0.8).add_to(layer)
        else:
            folium.PolyLine([places[index], places[index + 1]], color=colour, weight=4, opacity=0.7,
                            dash_array="8 8", tooltip="straight line (no road shape)").add_to(layer)


def _add_start_marker(layer: folium.FeatureGroup, day: PlanDay, number: int) -> None:
    text = f"Day {number}: leave {minutes_to_clock(day.leave_min)}, back {minutes_to_clock(day.back_min)}"
    folium.Marker(
        [day.start.lat, day.start.lon],
        tooltip=html.escape(f"Start: {day.start.name}"),
        popup=folium.Popup(f"<b>{html.escape(day.start.name)}</b><br>{html.escape(text)}", max_width=300),
        icon=folium.Icon(color="black", icon="home"),
    ).add_to(layer)


def _add_stop_marker(
    layer: folium.FeatureGroup, stop: PlanStop, order: int, colour: str, day: int, details: pd.Series | None
) -> None:
    times = f"arrive {minutes_to_clock(stop.arrive_min)}, visit {minutes_to_clock(stop.start_min)}"
    times += f"-{minutes_to_clock(stop.depart_min)}"
    lines = [f"<b>{html.escape(stop.name)}</b>", html.escape(f"Day {day}, stop {order}: {times}")]
    if stop.craft:
        lines.append(html.escape(f"Craft: {schema.CRAFTS.get(stop.craft, stop.craft)}"))
    if stop.wait_min >= 1:
        lines.append(html.escape(f"Wait {stop.wait_min:.0f} min before the visit"))
    if details is not None:
        lines.append(html.escape(f"Opening hours: {details['opening_hours']}"))
        story = str(details["story"] or details["description"])
        if story:
            lines.append(f"<small>{html.escape(story)}</small>")
    badge = (
        f'<div style="background:{colour};color:#fff;border-radius:50%;width:26px;height:26px;'
        f'line-height:26px;text-align:center;font-weight:bold;border:2px solid #fff;'
        f'box-shadow:0 0 3px #333;">{order}</div>'
    )
    folium.Marker(
        [stop.lat, stop.lon],
        tooltip=html.escape(f"{order}. {stop.name}"),
        popup=folium.Popup("<br>".join(lines), max_width=300),
        icon=folium.DivIcon(html=badge, icon_size=(30, 30), icon_anchor=(15, 15)),
    ).add_to(layer)
