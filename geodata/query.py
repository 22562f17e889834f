"""Queries over places: accent-insensitive search, filters, nearest and within a radius."""

from __future__ import annotations

import re
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd

from . import schema
from .area import check_in_hanoi
from .errors import CraftRouteError, NotFoundError, quoted
from .location import Location
from .text import search_key

EARTH_RADIUS_M = 6_371_008.8
_LAT_LON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[,;]\s*(-?\d+(?:\.\d+)?)\s*$")
MAX_RADIUS_KM = 200.0
#: Fewest letters of a place name typed by a user (shorter text matches too much).
MIN_NAME_CHARS = 3


def haversine_m(lat1: float | np.ndarray, lon1: float | np.ndarray,
                lat2: float | np.ndarray, lon2: float | np.ndarray) -> np.ndarray:
    """Return the great-circle distance in metres between points given in degrees."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi = phi2 - phi1
    dlmb = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(a))


def _name_keys(places: gpd.GeoDataFrame) -> pd.Series:
    return places["name_vi"].map(search_key) + " | " + places["name"].map(search_key) + " | " + places["id"]


def search_places(places: gpd.GeoDataFrame, text: str) -> gpd.GeoDataFrame:
    """Return the places whose name matches ``text``, with or without diacritics, best first.

    Every word of ``text`` must occur in the Vietnamese name, the ASCII name or the id
    ("bat trang" finds "Bát Tràng"); when no name has every word, spaces are ignored
    ("battrang" finds "Bát Tràng"). Exact names come first, then names that start
    with the text, then names with a word that starts with it, then the rest; ties
    keep the data order. The rank is in the column ``match_rank`` (0 to 3).
    """
    query = search_key(text)
    if not query:
        return places
    keys = _name_keys(places)
    words = query.split()
    mask = keys.map(lambda key: all(word in key for word in words))
    if not mask.any():
        query = "".join(words)
        keys = keys.map(lambda key: " | ".join(name.replace(" ", "") for name in key.split(" | ")))
        mask = keys.map(lambda key: query in key)
    found = places[mask].copy()
    found["match_rank"] = keys[mask].map(lambda key: match_rank(key, query))
    return found.sort_values("match_rank", kind="stable")


def match_rank(key: str, query: str) -> int:
    """Return how well folded ``query`` matches the " | "-separated folded names of ``key`` (0 best to 3).

    0: a name is the query; 1: a name starts with it; 2: a word of a name starts with
    it; 3: otherwise (the caller has checked that every word occurs).
    """
    names = key.split(" | ")
    if query in names:
        return 0
    if any(name.startswith(query) for name in names):
        return 1
    if any(f" {query}" in f" {name}" for name in names):
        return 2
    return 3


def filter_places(
    places: gpd.GeoDataFrame,
    *,
    craft: str | Iterable[str] | None = None,
    kind: str | None = None,
    recognition: str | Iterable[str] | None = None,
    commune: str | None = None,
) -> gpd.GeoDataFrame:
    """Return the places that match every filter given.

    Parameters
    ----------
    craft
        One craft slug or several; a village matches on its main or other crafts.
    kind
        ``"village"`` or ``"destination"``.
    recognition
        One recognition level or several (keys of ``geodata.schema.RECOGNITION``).
    commune
        Part of the commune, former commune or former district name, any accents.

    Raises
    ------
    CraftRouteError
        If a craft, kind or recognition value is unknown (the message lists the allowed ones).
    """
    mask = pd.Series(True, index=places.index)
    if craft:
        crafts = set(_checked_values("craft", craft, schema.CRAFTS))
        mask &= places["craft"].isin(crafts) | places["other_crafts"].map(lambda extra: bool(crafts & set(extra)))
    if kind:
        _checked_values("kind", kind, schema.KINDS)
        mask &= places["kind"] == kind
    if recognition:
        levels = _checked_values("recognition", recognition, schema.RECOGNITION)
        mask &= places["recognition"].isin(levels)
    if commune:
        needle = search_key(commune)
        areas = places["commune"] + " | " + places["former_commune"] + " | " + places["former_district"]
        mask &= areas.map(search_key).str.contains(needle, regex=False)
    return places[mask]


def _checked_values(field: str, value: str | Iterable[str], allowed: Iterable[str]) -> list[str]:
    values = [value] if isinstance(value, str) else list(value)
    allowed = list(allowed)
    for item in values:
        if item not in allowed:
            raise CraftRouteError.of(field, "unknown_value", name=field, got=quoted(item), allowed=", ".join(allowed))
    return values


def with_distance(places: gpd.GeoDataFrame, lat: float, lon: float) -> gpd.GeoDataFrame:
    """Return a copy of ``places`` with ``distance_km`` from the point, nearest first."""
    result = places.copy()
    result["distance_km"] = haversine_m(lat, lon, result["lat"].to_numpy(), result["lon"].to_numpy()) / 1000.0
    return result.sort_values("distance_km", kind="stable")


def nearest_places(places: gpd.GeoDataFrame, lat: float, lon: float, n: int = 5) -> gpd.GeoDataFrame:
    """Return the ``n`` places nearest to the point, with ``distance_km``, nearest first."""
    if n < 1:
        raise CraftRouteError.of("n", "at_least", low=1, got=n)
    return with_distance(places, lat, lon).head(n)


def places_within(places: gpd.GeoDataFrame, lat: float, lon: float, radius_km: float) -> gpd.GeoDataFrame:
    """Return the places within ``radius_km`` (great-circle) of the point, nearest first."""
    if not 0 < radius_km <= MAX_RADIUS_KM:
        raise CraftRouteError.of("radius_km", "radius", high=f"{MAX_RADIUS_KM:g}", got=f"{radius_km:g}")
    nearby = with_distance(places, lat, lon)
    return nearby[nearby["distance_km"] <= radius_km]


def parse_lat_lon(text: str, *, field: str = "lat,lon") -> tuple[float, float] | None:
    """Return ``(lat, lon)`` if ``text`` looks like "21.0287,105.8524", else ``None``.

    Raises
    ------
    OutsideHanoiError
        If the text is a coordinate pair outside Hanoi.
    """
    match = _LAT_LON.match(text)
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    check_in_hanoi(lat, lon, field=field)
    return lat, lon


def place_to_location(row: pd.Series) -> Location:
    """Return the :class:`Location` of one place row."""
    return Location(id=str(row["id"]), name=str(row["name_vi"]), lat=float(row["lat"]),
                    lon=float(row["lon"]), kind=str(row["kind"]))


def places_to_locations(places: gpd.GeoDataFrame) -> list[Location]:
    """Return the :class:`Location` of every place row, in order."""
    # Column arrays, not iterrows: this runs several times for every plan.
    columns = zip(places["id"], places["name_vi"], places["lat"], places["lon"], places["kind"], strict=True)
    return [Location(id=str(place_id), name=str(name), lat=float(lat), lon=float(lon), kind=str(kind))
            for place_id, name, lat, lon, kind in columns]


def get_place(places: gpd.GeoDataFrame, place_id: str, *, field: str = "id") -> pd.Series:
    """Return the row of the place with id ``place_id``.

    Raises
    ------
    NotFoundError
        If no place has that id.
    """
    if place_id not in places.index:
        raise NotFoundError.of(field, "unknown_place_id", got=quoted(place_id))
    return places.loc[place_id]


def resolve_location(text: str, places: gpd.GeoDataFrame | None = None, *, field: str = "place") -> Location:
    """Return the location named by ``text``: an id, a name (any accents) or "lat,lon".

    Parameters
    ----------
    text
        ``"bat-trang"``, ``"Bát Tràng"``, ``"bat trang"`` or ``"21.0287,105.8524"``.
    places
        The places to search; ``None`` loads the bundled ones.
    field
        Field name used in error messages (``"from"``, ``"--start"``...).

    Raises
    ------
    NotFoundError
        If nothing matches.
    OutsideHanoiError
        If a coordinate pair lies outside Hanoi.
    """
    text = (text or "").strip()
    if not text:
        raise CraftRouteError.of(field, "place_empty")
    point = parse_lat_lon(text, field=field)
    if point is not None:
        lat, lon = point
        return Location(id=f"pt-{lat:.5f}-{lon:.5f}", name=f"{lat:.5f}, {lon:.5f}", lat=lat, lon=lon)
    if places is None:
        from .loader import load_places

        places = load_places()
    if text in places.index:
        return place_to_location(places.loc[text])
    if len(search_key(text).replace(" ", "")) < MIN_NAME_CHARS:
        raise CraftRouteError.of(field, "place_too_short", got=quoted(text), low=MIN_NAME_CHARS)
    found = search_places(places, text)
    if found.empty:
        raise NotFoundError.of(field, "place_not_found", got=quoted(text))
    best = found[found["match_rank"] == found["match_rank"].iloc[0]]
    if len(best) > 1:
        shown = ", ".join(f"{row['name_vi']} [{place_id}]" for place_id, row in best.head(6).iterrows())
        more = f" and {len(best) - 6} more" if len(best) > 6 else ""
        raise CraftRouteError.of(field, "place_ambiguous", got=quoted(text), choices=f"{shown}{more}")
    return place_to_location(best.iloc[0])
