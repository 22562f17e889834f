"""The explorer map: every village and destination, clustered, with popups."""

from __future__ import annotations

from collections.abc import Mapping

import folium
import geopandas as gpd
from folium.plugins import MarkerCluster

import geodata
from web.maps.base import base_map, fit_to_points
from web.maps.popups import place_popup, place_tooltip

#: Awesome-marker colour and Font Awesome icon by kind of place.
KIND_ICONS: dict[str, tuple[str, str]] = {
    "village": ("orange", "hammer"),
    "destination": ("blue", "landmark"),
}


#: Icon of the place a page is about.
HIGHLIGHT_ICON: tuple[str, str] = ("red", "star")


def place_marker(record: Mapping[str, object], *, place_url: str | None = None,
                 craft_labels: Mapping[str, str] | None = None, highlight: bool = False,
                 language: str = "en") -> folium.Marker:
    """Return a marker for one place record, coloured by kind, with its popup and tooltip."""
    colour, icon = HIGHLIGHT_ICON if highlight else KIND_ICONS.get(str(record.get("kind")), ("gray", "circle"))
    link = place_url.format(id=record["id"]) if place_url else None
    return folium.Marker(
        location=[float(record["lat"]), float(record["lon"])],  # type: ignore[arg-type]
        popup=place_popup(record, link_url=link, craft_labels=craft_labels, language=language),
        tooltip=place_tooltip(record, language),
        icon=folium.Icon(color=colour, icon=icon, prefix="fa"),
    )


def explore_map(places: gpd.GeoDataFrame, *, place_url: str | None = None,
                craft_labels: Mapping[str, str] | None = None, cluster: bool = True,
                language: str = "en", m: folium.Map | None = None) -> folium.Map:
    """Return a map with one marker per place, clustered, zoomed to the places.

    Parameters
    ----------
    places
        Places from :func:`geodata.load_places` (any filtered subset).
    place_url
        Link template of a place page with ``{id}`` (``"/places/{id}"``); no links if ``None``.
    craft_labels
        Display names of crafts; English by default.
    cluster
        Group nearby markers into clusters (Leaflet.markercluster).
    language
        Interface language of the popups' opening hours.
    m
        Map to add to; a new map of Hanoi when ``None``.
    """
    m = base_map(m=m)
    layer: folium.FeatureGroup | MarkerCluster = (
        MarkerCluster(name="places", show_coverage_on_hover=False) if cluster else folium.FeatureGroup(name="places")
    )
    for record in geodata.places_to_records(places):
        place_marker(record, place_url=place_url, craft_labels=craft_labels, language=language).add_to(layer)
    layer.add_to(m)
    fit_to_points(m, list(zip(places["lat"].astype(float), places["lon"].astype(float), strict=True)))
    return m
