"""A start field's text to a point, keeping the name the traveller chose.

Order of the answers: "lat,lon" (named after the nearest street when one is close);
a place id; with a house number, a street ("36 Hàng Bạc"); an exact place name; an
exact landmark name (a hotel or station, :mod:`geodata.landmarks`, named as the text
matched it); an exact street name; then the best looser match of places, landmarks
and streets, refused when several equally good answers differ; last, when switched
on, Nominatim (:mod:`.online`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import geopandas as gpd

from geodata.errors import CraftRouteError, NotFoundError, quoted
from geodata.landmarks import Landmark, located_landmarks
from geodata.location import Location
from geodata.query import MIN_NAME_CHARS, parse_lat_lon, place_to_location
from geodata.text import search_key

from .. import settings
from .address import parse_address
from .search import Suggestion, nearest_street, suggest
from .streets import StreetIndex

logger = logging.getLogger(__name__)

#: Most answers named in an "ambiguous" message.
SHOWN_CHOICES = 6


def point_location(lat: float, lon: float, name: str) -> Location:
    """Return the location of a point called ``name``."""
    return Location(id=f"pt-{lat:.5f}-{lon:.5f}", name=name, lat=lat, lon=lon)


def resolve_start(text: str, places: gpd.GeoDataFrame, *, field: str = "start",
                  streets: StreetIndex | None = None, landmarks: Sequence[Landmark] | None = None) -> Location:
    """Return the location a traveller means by ``text``: a place, a street, an address or a point.

    Parameters
    ----------
    text
        "bat-trang", "Bát Tràng", "36 Hàng Bạc", "hang bac", "sofitel metropole", "21.034,105.852"...
    places
        The places to search.
    field
        Field named in errors.
    streets
        The street index; ``None`` loads the road file's (:func:`.store.get_street_index`).
    landmarks
        The hotels and stations to search; ``None``: the bundled located ones.

    Raises
    ------
    NotFoundError
        If nothing matches.
    CraftRouteError
        If the text is too short, or several different answers match equally well.
    """
    text = (text or "").strip()
    if not text:
        raise CraftRouteError.of(field, "location_empty")
    point = parse_lat_lon(text, field=field)
    if point is None and text in places.index:
        return place_to_location(places.loc[text])
    if landmarks is None:
        landmarks = located_landmarks()
    if point is None and (landmark := next((item for item in landmarks if item.id == text and item.located), None)):
        assert landmark.lat is not None and landmark.lon is not None
        return point_location(landmark.lat, landmark.lon, landmark.name)
    if streets is None:
        from .store import get_street_index

        streets = get_street_index()
    if point is not None:
        near = nearest_street(streets, *point)
        return point_location(*point, near[0] if near else f"{point[0]:.5f}, {point[1]:.5f}")
    if len(search_key(parse_address(text).street).replace(" ", "")) < MIN_NAME_CHARS:
        raise CraftRouteError.of(field, "location_too_short", got=quoted(text), low=MIN_NAME_CHARS)
    found = suggest(text, places=places, streets=streets, landmarks=landmarks, limit=SHOWN_CHOICES + 1)
    if not found and settings.online_geocoding:
        from .online import nominatim_suggestions

        found = nominatim_suggestions(text, limit=1)
    if not found:
        raise NotFoundError.of(field, "location_not_found", got=quoted(text))
    return _chosen(found, text, places, field=field)


def _chosen(found: list[Suggestion], text: str, places: gpd.GeoDataFrame, *, field: str) -> Location:
    """Return the best answer; refuse a loose match that several different answers share."""
    best = found[0]
    tied = [item for item in found if item.rank == best.rank]
    if len(tied) > 1 and (best.rank > 0 or tied[1].kind in ("place", "landmark")):
        shown = ", ".join(f"{item.label} [{item.id}]" if item.id else item.label
                          for item in tied[:SHOWN_CHOICES])
        raise CraftRouteError.of(field, "location_ambiguous", got=quoted(text), choices=shown)
    if best.kind == "place":
        return place_to_location(places.loc[best.id])
    return point_location(best.lat, best.lon, best.label)
