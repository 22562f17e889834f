"""Read and check request parameters; every bad value raises CraftRouteError naming it.

Pure functions over mappings (``request.args``, a JSON body), shared by the API and
the pages so that both accept the same filters as ``craftroute villages``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import geopandas as gpd

import geodata
from geodata.errors import CraftRouteError, quoted

FORMATS: tuple[str, ...] = ("json", "geojson")
#: Largest ``limit`` of a village query (more than any places file holds).
MAX_LIMIT = 100_000


@dataclass(frozen=True)
class VillageQuery:
    """The filters of ``GET /api/v1/villages`` and the explorer (all optional)."""

    search: str = ""
    craft: tuple[str, ...] = ()
    kind: str = ""
    recognition: tuple[str, ...] = ()
    commune: str = ""
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    limit: int | None = None


def get_list(args: Mapping[str, Any], name: str) -> tuple[str, ...]:
    """Return the non-empty values of ``name``: repeated keys, a JSON list or "a,b"."""
    getlist = getattr(args, "getlist", None)
    raw = getlist(name) if getlist is not None else args.get(name)
    if raw is None:
        return ()
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    values: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise CraftRouteError.of(name, "text_or_list", got=quoted(item))
        values.extend(part.strip() for part in item.split(",") if part.strip())
    return tuple(values)


def get_text(args: Mapping[str, Any], name: str, *, max_length: int = 200) -> str:
    """Return the stripped text value of ``name`` ("" if absent)."""
    value = args.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CraftRouteError.of(name, "text", got=quoted(value))
    if len(value) > max_length:
        raise CraftRouteError.of(name, "too_long", high=max_length, got=len(value))
    return value.strip()


def get_float(args: Mapping[str, Any], name: str, *, low: float, high: float,
              default: float | None = None) -> float | None:
    """Return ``name`` as a number within ``[low, high]``, or ``default`` if absent."""
    value = args.get(name)
    if value is None or value == "":
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CraftRouteError.of(name, "number_range", low=f"{low:g}", high=f"{high:g}", got=quoted(value)) from None
    if not low <= number <= high:
        raise CraftRouteError.of(name, "between", low=f"{low:g}", high=f"{high:g}", got=f"{number:g}")
    return number


def get_int(args: Mapping[str, Any], name: str, *, low: int, high: int, default: int | None = None) -> int | None:
    """Return ``name`` as a whole number within ``[low, high]``, or ``default`` if absent."""
    value = args.get(name)
    if value is None or value == "":
        return default
    text = str(value).strip()
    if isinstance(value, bool) or not text.lstrip("+-").isdigit():
        raise CraftRouteError.of(name, "whole_number_between", low=low, high=high, got=quoted(value))
    number = int(text)
    if not low <= number <= high:
        raise CraftRouteError.of(name, "between", low=low, high=high, got=number)
    return number


def get_choice(args: Mapping[str, Any], name: str, allowed: tuple[str, ...], *, default: str) -> str:
    """Return ``name`` if it is one of ``allowed``; ``default`` if absent."""
    value = get_text(args, name) or default
    if value not in allowed:
        raise CraftRouteError.of(name, "one_of", allowed=", ".join(allowed), got=quoted(value))
    return value


def parse_village_query(args: Mapping[str, Any]) -> VillageQuery:
    """Return the village filters in ``args`` (``near`` as "lat,lon" with ``radius_km``)."""
    near_text = get_text(args, "near")
    near = None
    if near_text:
        near = geodata.parse_lat_lon(near_text, field="near")
        if near is None:
            raise CraftRouteError.of("near", "lat_lon", got=quoted(near_text))
    radius_km = get_float(args, "radius_km", low=0.1, high=200.0)
    if radius_km is not None and near is None:
        raise CraftRouteError.of("radius_km", "needs_near")
    return VillageQuery(
        search=get_text(args, "search") or get_text(args, "q"),
        craft=get_list(args, "craft"),
        kind=get_text(args, "kind"),
        recognition=get_list(args, "recognition"),
        commune=get_text(args, "commune"),
        near=near,
        radius_km=radius_km,
        limit=get_int(args, "limit", low=1, high=MAX_LIMIT),
    )


def apply_village_query(places: gpd.GeoDataFrame, query: VillageQuery) -> gpd.GeoDataFrame:
    """Return the places matching ``query``, as ``craftroute villages`` selects them.

    The search text also finds places by craft (its synonyms in English and Vietnamese)
    and by description (:func:`geodata.search_query`); the column ``matched`` says what
    matched each place.
    """
    return geodata.search_query(
        places,
        search=query.search or None,
        craft=query.craft or None,
        kind=query.kind or None,
        recognition=query.recognition or None,
        commune=query.commune or None,
        near=query.near,
        radius_km=query.radius_km,
        limit=query.limit,
    )


def query_string(args: Mapping[str, Any], **changes: str | None) -> str:
    """Return ``args`` as a query string with ``changes`` set (``None`` removes a key)."""
    items = args.items(multi=True) if hasattr(args, "getlist") else args.items()  # type: ignore[call-arg]
    kept = [(key, value) for key, value in items if key not in changes]
    return urlencode([*kept, *((key, value) for key, value in changes.items() if value is not None)])
