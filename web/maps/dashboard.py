"""The planners' dashboard map: choropleths per area with legends, a heat map, one layer per craft."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import folium
import geopandas as gpd
from folium.plugins import HeatMap
from shapely.geometry import mapping

from geodata.register import CRAFTS
from web import settings
from web.maps.base import base_map, fit_to_points

CRAFT_MARKER_RADIUS_PX = 6
#: Colours of the choropleth classes, from the fewest villages to the most (ColorBrewer YlOrRd).
CHOROPLETH_COLOURS: tuple[str, ...] = ("#ffffcc", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026")


def class_breaks(top: float) -> list[float]:
    """Return the lower bounds of the choropleth classes for values up to ``top``, then an upper bound.

    Whole-number counts get one class per count up to ``len(CHOROPLETH_COLOURS)``, then
    classes 1, 2, 3-4, 5-7, 8-12, ... (so one village is never lost in a wide class);
    other values (densities) get equal steps from 0.
    """
    classes = len(CHOROPLETH_COLOURS)
    if top <= 0:
        return [0.0, 1.0]
    if float(top).is_integer():
        if top <= classes:
            return [float(count) for count in range(1, int(top) + 2)]
        bounds = [1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 21.0, 34.0, 55.0, 89.0]
        return [*[bound for bound in bounds if bound <= top][:classes], float(top) + 1.0]
    step = top / classes
    return [round(step * position, 4) for position in range(classes)] + [float(top) * 1.0001]


def class_colours(classes: int) -> list[str]:
    """Return ``classes`` colours spread over the whole ramp (one class gets a strong middle colour)."""
    last = len(CHOROPLETH_COLOURS) - 1
    if classes <= 1:
        return [CHOROPLETH_COLOURS[last - 2]]
    return [CHOROPLETH_COLOURS[round(position * last / (classes - 1))] for position in range(classes)]


def class_colour(value: float, breaks: list[float]) -> str:
    """Return the colour of the class of ``breaks`` that holds ``value`` (the first below the first bound)."""
    position = 0
    for index, bound in enumerate(breaks[:-1]):
        if value >= bound:
            position = index
    return class_colours(len(breaks) - 1)[position]


def legend_rows(breaks: list[float], *, whole: bool) -> list[tuple[str, str]]:
    """Return ``(range label, colour)`` per class, for a legend drawn beside the map."""
    colours = class_colours(len(breaks) - 1)
    rows = []
    for index, (low, high) in enumerate(zip(breaks, breaks[1:], strict=False)):
        if whole:
            upper = int(high) - 1
            label = str(int(low)) if upper <= int(low) else f"{int(low)}-{upper}"
        else:
            label = f"{low:g}-{high:.3g}"
        rows.append((label, colours[index]))
    return rows


def area_legend(areas: gpd.GeoDataFrame, value: str = "place_count") -> list[tuple[str, str]]:
    """Return the legend of the choropleth of ``areas`` by ``value`` (see :func:`choropleth_layer`)."""
    top = float(areas[value].max()) if len(areas) else 0.0
    return legend_rows(class_breaks(top), whole=float(top).is_integer())


def craft_colour(craft: str) -> str:
    """Return the colour of a craft's layer: fixed by the craft's place in the vocabulary."""
    position = list(CRAFTS).index(craft) if craft in CRAFTS else len(CRAFTS) - 1
    return settings.CRAFT_COLOURS[position % len(settings.CRAFT_COLOURS)]


def area_features(areas: gpd.GeoDataFrame, properties: list[str]) -> list[dict]:
    """Return GeoJSON features of ``areas`` with ``properties`` (text escaped, as it comes from files).

    A ``geojson`` column of ready geometry mappings (see :func:`web.state.get_simplified`)
    is used as is; otherwise each geometry is converted here.
    """
    geometries = areas["geojson"] if "geojson" in areas.columns else areas.geometry.map(mapping)
    features = []
    for (_, row), geometry in zip(areas[properties].iterrows(), geometries, strict=True):
        values = {name: escape(value) if isinstance(value, str) else _plain(value) for name, value in row.items()}
        features.append({"type": "Feature", "geometry": geometry, "properties": values})
    return features


def _plain(value: object) -> object:
    return value.item() if hasattr(value, "item") else value


#: Tooltip fields of each area layer of the dashboard (before its count and density).
AREA_LAYER_FIELDS: dict[str, tuple[str, ...]] = {
    "units": ("current_unit",), "districts": ("district",), "communes": ("commune", "district"),
}


def area_layer_fields(layer: str, value: str = "place_count") -> list[str]:
    """Return the properties the features of an area layer carry (tooltip fields, count, density)."""
    return list(dict.fromkeys([*AREA_LAYER_FIELDS[layer], value, "per_100_km2"]))


def choropleth_geojson(areas: gpd.GeoDataFrame, properties: list[str]) -> dict:
    """Return the FeatureCollection of a choropleth layer: one feature per area, ids by position.

    The ids let the map's styles (computed here) match features the browser fetches
    separately (see ``data_url`` of :func:`choropleth_layer`).
    """
    features = area_features(areas, properties)
    for position, feature in enumerate(features):
        feature["id"] = str(position)
    return {"type": "FeatureCollection", "features": features}


def choropleth_layer(areas: gpd.GeoDataFrame, *, name: str, label_fields: list[str],
                     aliases: list[str], value: str = "place_count", show: bool = True,
                     m: folium.Map, data_url: str | None = None) -> folium.GeoJson:
    """Add to ``m`` a GeoJson layer of ``areas`` shaded by ``value`` in the classes of :func:`class_breaks`.

    The legend is drawn by the page (:func:`area_legend`), so the map needs no extra script.

    Parameters
    ----------
    areas
        Polygons with the ``value`` column and the ``label_fields``.
    name
        Layer name in the layer control.
    label_fields, aliases
        Columns shown in the tooltip and their labels.
    value
        The column that sets the colour.
    show
        Whether the layer is on when the map opens.
    m
        The map.
    data_url
        Where the browser fetches the layer's polygons (:func:`choropleth_geojson` of the
        same areas and fields); the page then carries only their styles. ``None`` embeds them.
    """
    top = float(areas[value].max()) if len(areas) else 0.0
    breaks = class_breaks(top)
    collection = choropleth_geojson(areas, list(dict.fromkeys([*label_fields, value])))

    def style(feature: dict) -> dict:
        amount = float(feature["properties"].get(value) or 0.0)
        return {"fillColor": class_colour(amount, breaks), "color": "#555555", "weight": 0.5,
                "fillOpacity": 0.7 if amount else 0.08}

    layer = folium.GeoJson(collection, name=name, show=show, style_function=style,
                           tooltip=folium.GeoJsonTooltip(fields=label_fields, aliases=aliases))
    if data_url is not None:
        # Styles are still computed from the data here; only the polygons move out of the page.
        layer.embed = False
        layer.embed_link = data_url
    layer.add_to(m)
    return layer


def craft_layers(records: list[dict], *, craft_labels: Mapping[str, str]) -> list[folium.GeoJson]:
    """Return one toggleable layer per main craft, a circle per village in the craft's colour.

    Each layer is a single GeoJson element (one popup template for all its villages), so
    the page stays small with hundreds of villages.
    """
    layers: list[folium.GeoJson] = []
    for craft in [key for key in CRAFTS if any(record["craft"] == key for record in records)]:
        colour = craft_colour(craft)
        label = escape(craft_labels.get(craft, craft))
        features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [record["lon"], record["lat"]]},
                     "properties": {"name_vi": escape(record["name_vi"]), "current_unit": escape(record["current_unit"]),
                                    "former": escape(f"{record['former_commune']}, {record['former_district']}"),
                                    "craft": label}}
                    for record in records if record["craft"] == craft]
        layers.append(folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name=f'<span style="color:{colour}">&#9679;</span> {label}',
            marker=folium.CircleMarker(radius=CRAFT_MARKER_RADIUS_PX, color="#333333", weight=1, fill=True,
                                       fill_color=colour, fill_opacity=0.9),
            style_function=lambda _feature, colour=colour: {"fillColor": colour, "color": "#333333"},
            popup=folium.GeoJsonPopup(fields=["name_vi", "craft", "current_unit", "former"], labels=False),
        ))
    return layers


def dashboard_map(records: list[dict], *, units: gpd.GeoDataFrame | None = None,
                  districts: gpd.GeoDataFrame | None = None, communes: gpd.GeoDataFrame | None = None,
                  labels: Mapping[str, str] | None = None, craft_labels: Mapping[str, str] | None = None,
                  area_urls: Mapping[str, str] | None = None, m: folium.Map | None = None) -> folium.Map:
    """Return the dashboard map of the register records shown.

    Parameters
    ----------
    records
        Register records (``geodata.register.register_records``).
    units, districts, communes
        Counted polygons (``geodata.register_stats.area_counts``, simplified for display):
        current units (derived), former districts and former communes. A layer is left
        out when its polygons are ``None``.
    labels
        Layer names and tooltip labels in the interface language (keys ``units``,
        ``districts``, ``communes``, ``heat``, ``unit``, ``district``, ``commune``,
        ``count``, ``density``).
    craft_labels
        Display names of crafts.
    area_urls
        Where the browser fetches each area layer's polygons (keys ``units``, ``districts``,
        ``communes``); a layer without one has its polygons in the page.
    m
        Map to add to; a new one when ``None``.
    """
    text = {"units": "Villages per current commune/ward (derived polygons)",
            "districts": "Villages per former district", "communes": "Villages per former commune",
            "heat": "Heat map", "unit": "Current unit", "district": "District", "commune": "Commune",
            "count": "Villages", "density": "Villages per 100 km²", **(labels or {})}
    m = base_map(m=m)
    layers = ((units, "units", [text["unit"]], True),
              (districts, "districts", [text["district"]], False),
              (communes, "communes", [text["commune"], text["district"]], False))
    for areas, key, aliases, show in layers:
        if areas is None:
            continue
        choropleth_layer(areas, name=text[key], show=show, m=m, label_fields=area_layer_fields(key),
                         aliases=[*aliases, text["count"], text["density"]],
                         data_url=(area_urls or {}).get(key))
    if records:
        HeatMap([[record["lat"], record["lon"]] for record in records], name=text["heat"], show=False,
                radius=18).add_to(m)
    for layer in craft_layers(records, craft_labels=craft_labels or CRAFTS):
        layer.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    fit_to_points(m, [(record["lat"], record["lon"]) for record in records])
    return m
