"""The planners' dashboard map: choropleths per area, a heat map, one layer per craft."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import branca.colormap as cm
import folium
import geopandas as gpd
from folium.plugins import HeatMap

import geodata
from web import settings
from web.maps.base import base_map, fit_to_points
from web.maps.popups import craft_label, place_popup

CRAFT_MARKER_RADIUS_PX = 7
#: Colours of the choropleth, from no village to the most.
CHOROPLETH_COLOURS: tuple[str, ...] = ("#ffffcc", "#fd8d3c", "#bd0026")


def _escaped(areas: gpd.GeoDataFrame, columns: list[str]) -> gpd.GeoDataFrame:
    result = areas.copy()
    for column in columns:
        result[column] = result[column].astype(str).map(escape)
    return result


def choropleth_layer(areas: gpd.GeoDataFrame, *, name: str, label_fields: list[str],
                     aliases: list[str], show: bool = True) -> folium.GeoJson:
    """Return a GeoJson layer of ``areas`` shaded by their ``place_count`` column.

    Parameters
    ----------
    areas
        Polygons with ``place_count`` (:func:`geodata.count_in_areas`).
    name
        Layer name shown in the layer control.
    label_fields, aliases
        Columns shown in the tooltip and their labels (escaped, as they come from data files).
    show
        Whether the layer is on when the map opens.
    """
    top = max(int(areas["place_count"].max()), 1) if len(areas) else 1
    colours = cm.LinearColormap(list(CHOROPLETH_COLOURS), vmin=0, vmax=top)
    shown = _escaped(areas[[*label_fields, "place_count", "geometry"]], label_fields)

    def style(feature: dict) -> dict:
        count = feature["properties"]["place_count"]
        return {"fillColor": colours(count), "color": "#555555", "weight": 0.5,
                "fillOpacity": 0.65 if count else 0.15}

    return folium.GeoJson(
        shown,
        name=name,
        show=show,
        style_function=style,
        tooltip=folium.GeoJsonTooltip(fields=[*label_fields, "place_count"], aliases=[*aliases, "#"]),
    )


def craft_layers(villages: gpd.GeoDataFrame, *, craft_labels: Mapping[str, str] | None = None,
                 place_url: str | None = None, language: str = "en") -> list[folium.FeatureGroup]:
    """Return one toggleable layer per craft, with a coloured circle per village (popups in ``language``)."""
    layers: list[folium.FeatureGroup] = []
    records = geodata.places_to_records(villages)
    crafts = sorted({str(record["craft"]) for record in records if record.get("craft")})
    for position, craft in enumerate(crafts):
        colour = settings.PALETTE[position % len(settings.PALETTE)]
        layer = folium.FeatureGroup(name=escape(craft_label(craft, craft_labels)))
        for record in records:
            if record.get("craft") != craft:
                continue
            link = place_url.format(id=record["id"]) if place_url else None
            folium.CircleMarker(
                location=[record["lat"], record["lon"]],
                radius=CRAFT_MARKER_RADIUS_PX,
                color=colour,
                fill=True,
                fill_opacity=0.85,
                popup=place_popup(record, link_url=link, craft_labels=craft_labels, language=language),
            ).add_to(layer)
        layers.append(layer)
    return layers


def dashboard_map(villages: gpd.GeoDataFrame, *, communes: gpd.GeoDataFrame | None = None,
                  districts: gpd.GeoDataFrame | None = None, labels: Mapping[str, str] | None = None,
                  craft_labels: Mapping[str, str] | None = None, place_url: str | None = None,
                  language: str = "en", m: folium.Map | None = None) -> folium.Map:
    """Return the dashboard map: villages per commune and district, heat map, craft layers.

    Parameters
    ----------
    villages
        The places shown (usually villages, filtered as the dashboard's form says).
    communes, districts
        Pre-2025 polygons (:func:`geodata.load_communes`); their layers are left out when ``None``.
    labels
        Layer and tooltip names in the interface language: keys ``communes``,
        ``districts``, ``heat``, ``commune``, ``district``; English by default.
    craft_labels
        Display names of crafts.
    place_url
        Link template of a place page with ``{id}``.
    language
        Interface language of the popups' opening hours.
    m
        Map to add to; a new one when ``None``.
    """
    text = {"communes": "Villages per commune", "districts": "Villages per former district",
            "heat": "Heat map", "commune": "Commune", "district": "District", **(labels or {})}
    m = base_map(m=m)
    if communes is not None:
        counted = geodata.count_in_areas(villages, communes)
        choropleth_layer(counted, name=text["communes"], label_fields=["commune", "district"],
                         aliases=[text["commune"], text["district"]]).add_to(m)
    if districts is not None:
        counted = geodata.count_in_areas(villages, districts)
        choropleth_layer(counted, name=text["districts"], label_fields=["district"],
                         aliases=[text["district"]], show=False).add_to(m)
    if len(villages):
        heat = villages[["lat", "lon"]].astype(float).to_numpy().tolist()
        HeatMap(heat, name=text["heat"], show=False, radius=18).add_to(m)
    for layer in craft_layers(villages, craft_labels=craft_labels, place_url=place_url, language=language):
        layer.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    fit_to_points(m, list(zip(villages["lat"].astype(float), villages["lon"].astype(float), strict=True)))
    return m
