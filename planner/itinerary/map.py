"""A Folium map of a plan: one coloured line per day along the roads, numbered stops.

Pure builder in the GeoPandas ``explore`` style: it takes an optional map ``m``,
creates one only when none is given, adds its layers and returns the map. The CLI
saves it (``craftroute plan --format html``); the web app renders it in a page.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import folium
import geopandas as gpd
import pandas as pd

from geodata import schema
from geodata import settings as geodata_settings
from geodata.place_text import place_story

from .. import settings
from ..clock import minutes_to_clock
from ..routing.results import shape_parts

if TYPE_CHECKING:
    from .model import Plan, PlanDay, PlanStop

#: Every user-visible text of the plan map, as ``str.format`` templates (English).
#: Pass ``labels={key: template}`` to :func:`plan_map` to replace any of them (e.g. Vietnamese);
#: the placeholders each template may use:
#:
#: ``day``: layer name of a day, ``{number}``, ``{date}`` (ISO), ``{weekday}`` (``Mon``...).
#: ``start``: tooltip of a day's start marker, ``{name}``.
#: ``start_times``: popup line of the start marker, ``{number}``, ``{leave}``, ``{back}`` (HH:MM).
#: ``stop``: popup line of a stop, ``{day}``, ``{order}``, ``{arrive}``, ``{start}``, ``{end}`` (the visit's
#: end) and ``{depart}`` (leaving, after any lunch there), all HH:MM.
#: ``craft``: popup line, ``{craft}`` (the craft's name, from ``craft_names`` or ``geodata.schema.CRAFTS``).
#: ``wait``: popup line, ``{wait_min}`` (whole minutes).
#: ``hours``: popup line, ``{hours}`` (the place's ``opening_hours``, through ``format_hours`` if given).
#: ``hours_unknown``: popup line of a place without known hours (a register village).
#: ``lunch``: popup line at the stop or start place where lunch is taken, ``{start}``, ``{end}``.
#: ``lunch_on_site``: the same when lunch is eaten during a long visit, ``{start}``, ``{end}``.
#: ``estimated``: tooltip of a leg whose time is a straight-line estimate (drawn dashed).
#: ``no_shape``: tooltip of a routed leg drawn straight because its road shape is missing (dashed).
PLAN_MAP_LABELS: dict[str, str] = {
    "day": "Day {number} ({date})",
    "start": "Start: {name}",
    "start_times": "Day {number}: leave {leave}, back {back}",
    "stop": "Day {day}, stop {order}: arrive {arrive}, visit {start}-{end}",
    "craft": "Craft: {craft}",
    "wait": "Wait {wait_min} min before the visit",
    "hours": "Opening hours: {hours}",
    "hours_unknown": "Opening hours: unknown",
    "lunch": "Lunch {start}-{end}",
    "lunch_on_site": "Lunch {start}-{end} on site, during the visit",
    "estimated": "straight-line estimate",
    "no_shape": "straight line (no road shape)",
}


#: The viewport tag Folium writes into every map page (it forbids pinch zoom), and the one to use.
_FOLIUM_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>', re.IGNORECASE)
VIEWPORT_META = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def allow_pinch_zoom(page: str) -> str:
    """Return the HTML of a rendered map with Folium's viewport tag (``user-scalable=no``) made zoomable."""
    return _FOLIUM_VIEWPORT.sub(VIEWPORT_META, page)


def osm_tiles() -> folium.TileLayer:
    """Return the OpenStreetMap tile layer of every CraftRoute map, with its "(c) OpenStreetMap contributors"."""
    return folium.TileLayer(geodata_settings.OSM_TILES_URL, attr=geodata_settings.ATTRIBUTION_OSM,
                            name="OpenStreetMap", max_zoom=geodata_settings.OSM_TILES_MAX_ZOOM)


def plan_map(
    plan: Plan,
    *,
    m: folium.Map | None = None,
    places: gpd.GeoDataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    craft_names: Mapping[str, str] | None = None,
    format_hours: Callable[[str], str] | None = None,
    language: str = "en",
    place_names: Mapping[str, str] | None = None,
    format_date: Callable[[dt.date], str] | None = None,
) -> folium.Map:
    """Return ``m`` (or a new map) with the plan drawn on it, zoomed to the plan.

    Each day is a layer: a line of the day's colour following the legs' road shapes,
    numbered markers with popups (times, craft) and the day's start place. The estimated
    parts of legs (a straight-line estimate, or the access leg of a partly routed place,
    see :func:`planner.routing.results.shape_parts`) and legs without a road shape are
    drawn dashed with a tooltip saying so; routed roads are solid. The tiles carry the
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
    labels
        Templates replacing some of :data:`PLAN_MAP_LABELS` (same keys and placeholders).
    craft_names
        Display name of each craft key (default ``geodata.schema.CRAFTS``, English).
    format_hours
        Turns a place's ``opening_hours`` text into the text shown (default: as written).
    language
        Language of the stories in the popups: ``"vi"`` shows a place's ``story_vi``
        (``description_vi``) where it has one, anything else the English texts.
    place_names
        The name to show for a place id (the interface language's); the plan's names otherwise.
    format_date
        Writes a day's date in the ``day`` label (default: ISO, "2026-12-08").

    Each stop marker carries the Leaflet option ``stopKey`` ("<day>-<order>", both counted
    from 1), so a page can tie it to its timeline row.

    Raises
    ------
    ValueError
        If ``labels`` has a key that is not in :data:`PLAN_MAP_LABELS`.
    """
    unknown = sorted(set(labels or {}) - set(PLAN_MAP_LABELS))
    if unknown:
        raise ValueError(f"`labels` keys must be among {', '.join(PLAN_MAP_LABELS)}, got {', '.join(unknown)}")
    text = _Labels({**PLAN_MAP_LABELS, **(labels or {})}, craft_names, format_hours, language, place_names)
    points = [(day.start.lat, day.start.lon) for day in plan.days]
    points += [(stop.lat, stop.lon) for day in plan.days for stop in day.stops]
    points += [(day.end.lat, day.end.lon) for day in plan.days]
    if m is None:
        m = folium.Map(
            location=list(points[0]) if points else [21.0285, 105.8542],
            zoom_start=11,
            tiles=osm_tiles(),
            control_scale=True,
        )
    for number, day in enumerate(plan.days, start=1):
        colour = settings.PLAN_DAY_COLOURS[(number - 1) % len(settings.PLAN_DAY_COLOURS)]
        date = format_date(day.date) if format_date is not None else day.date.isoformat()
        name = text("day", number=number, date=date, weekday=day.date.strftime("%a"))
        layer = folium.FeatureGroup(name=html.escape(name))
        _add_day_line(layer, day, colour, text)
        _add_start_marker(layer, day, number, text)
        for order, stop in enumerate(day.stops, start=1):
            details = places.loc[stop.id] if places is not None and stop.id in places.index else None
            _add_stop_marker(layer, stop, order, colour, number, details, text, day)
        layer.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if len(points) > 1:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(20, 20))
    return m


class _Labels:
    """The map's texts: templates filled in, craft names and opening hours as the caller shows them."""

    def __init__(self, templates: Mapping[str, str], craft_names: Mapping[str, str] | None,
                 format_hours: Callable[[str], str] | None, language: str,
                 place_names: Mapping[str, str] | None = None) -> None:
        self.templates = templates
        self.language = language
        self.craft_names = craft_names if craft_names is not None else schema.CRAFTS
        self.format_hours = format_hours
        self.place_names = place_names or {}

    def name(self, place_id: str, name: str) -> str:
        return self.place_names.get(place_id, name)

    def __call__(self, key: str, **values: object) -> str:
        return self.templates[key].format_map(values)

    def craft(self, craft: str) -> str:
        return self.craft_names.get(craft, schema.CRAFTS.get(craft, craft))

    def hours(self, hours: str) -> str:
        return self.format_hours(hours) if self.format_hours is not None else hours


def _add_day_line(layer: folium.FeatureGroup, day: PlanDay, colour: str, text: _Labels) -> None:
    places = [(day.start.lat, day.start.lon), *((s.lat, s.lon) for s in day.stops), (day.end.lat, day.end.lon)]
    for index, leg in enumerate(day.legs):
        if not leg.geometry:
            tooltip = text("estimated") if leg.estimated else text("no_shape")
            folium.PolyLine([places[index], places[index + 1]], color=colour, weight=4, opacity=0.7,
                            dash_array="8 8", tooltip=html.escape(tooltip)).add_to(layer)
            continue
        for points, estimated in shape_parts(leg.geometry, estimated=leg.estimated):
            line = [(lat, lon) for lon, lat in points]
            if estimated:
                folium.PolyLine(line, color=colour, weight=4, opacity=0.7, dash_array="8 8",
                                tooltip=html.escape(text("estimated"))).add_to(layer)
            else:
                folium.PolyLine(line, color=colour, weight=5, opacity=0.8).add_to(layer)


def _add_start_marker(layer: folium.FeatureGroup, day: PlanDay, number: int, text: _Labels) -> None:
    start_name = text.name(day.start.id, day.start.name)
    lines = [f"<b>{html.escape(start_name)}</b>", html.escape(text(
        "start_times", number=number, leave=minutes_to_clock(day.leave_min), back=minutes_to_clock(day.back_min)))]
    if day.lunch is not None and day.lunch.at_id == day.start.id and not day.stops:
        lines.append(html.escape(_lunch_text(day, text)))
    folium.Marker(
        [day.start.lat, day.start.lon],
        tooltip=html.escape(text("start", name=start_name)),
        popup=folium.Popup("<br>".join(lines), max_width=300),
        icon=folium.Icon(color="black", icon="home"),
    ).add_to(layer)


def _lunch_text(day: PlanDay, text: _Labels) -> str:
    assert day.lunch is not None
    key = "lunch_on_site" if day.lunch.on_site else "lunch"
    return text(key, start=minutes_to_clock(day.lunch.start_min), end=minutes_to_clock(day.lunch.end_min))


def _add_stop_marker(
    layer: folium.FeatureGroup, stop: PlanStop, order: int, colour: str, day: int, details: pd.Series | None,
    text: _Labels, plan_day: PlanDay,
) -> None:
    times = text("stop", day=day, order=order, arrive=minutes_to_clock(stop.arrive_min),
                 start=minutes_to_clock(stop.start_min), end=minutes_to_clock(stop.visit_end_min),
                 depart=minutes_to_clock(stop.depart_min))
    name = text.name(stop.id, stop.name)
    lines = [f"<b>{html.escape(name)}</b>", html.escape(times)]
    if stop.craft:
        lines.append(html.escape(text("craft", craft=text.craft(stop.craft))))
    if stop.wait_min >= 1:
        lines.append(html.escape(text("wait", wait_min=f"{stop.wait_min:.0f}")))
    if plan_day.lunch is not None and plan_day.lunch.at_id == stop.id:
        lines.append(html.escape(_lunch_text(plan_day, text)))
    if details is not None:
        hours = str(details["opening_hours"] or "")
        lines.append(html.escape(text("hours", hours=text.hours(hours)) if hours else text("hours_unknown")))
        story = place_story(details, text.language)
        if story:
            lines.append(f"<small>{html.escape(story)}</small>")
    badge = (
        f'<div style="background:{colour};color:#fff;border-radius:50%;width:26px;height:26px;'
        f'line-height:26px;text-align:center;font-weight:bold;border:2px solid #fff;'
        f'box-shadow:0 0 3px #333;">{order}</div>'
    )
    folium.Marker(
        [stop.lat, stop.lon],
        tooltip=html.escape(f"{order}. {name}"),
        popup=folium.Popup("<br>".join(lines), max_width=300),
        icon=folium.DivIcon(html=badge, icon_size=(30, 30), icon_anchor=(15, 15)),
        stop_key=f"{day}-{order}",
    ).add_to(layer)
