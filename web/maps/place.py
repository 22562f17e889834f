"""The map of one place page: the place and its nearby places."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import folium
import geopandas as gpd

import geodata
from web.maps.base import base_map, fit_to_points
from web.maps.explore import place_marker

PLACE_ZOOM = 13


def place_map(record: Mapping[str, Any], nearby: gpd.GeoDataFrame, *, place_url: str | None = None,
              craft_labels: Mapping[str, str] | None = None, language: str = "en",
              m: folium.Map | None = None) -> folium.Map:
    """Return a map centred on one place, with markers for it and its ``nearby`` places.

    Parameters
    ----------
    record
        The place's record (:func:`geodata.places_to_records`).
    nearby
        Places to show around it (e.g. :func:`geodata.nearest_places`).
    place_url
        Link template of a place page with ``{id}``.
    craft_labels
        Display names of crafts; English by default.
    language
        Interface language of the popups' opening hours.
    m
        Map to add to; a new one when ``None``.
    """
    centre = (float(record["lat"]), float(record["lon"]))
    m = base_map(center=centre, zoom=PLACE_ZOOM, m=m)
    around = folium.FeatureGroup(name="nearby").add_to(m)
    for other in geodata.places_to_records(nearby):
        place_marker(other, place_url=place_url, craft_labels=craft_labels, language=language).add_to(around)
    place_marker(record, craft_labels=craft_labels, highlight=True, language=language).add_to(m)
    fit_to_points(m, [centre, *zip(nearby["lat"].astype(float), nearby["lon"].astype(float), strict=True)])
    return m
