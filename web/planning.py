"""The web's bridge to the planner: check the mode, plan a trip, turn results into JSON.

Routes call these so that pages, API and exports plan the same way; the JSON shapes
are the planner's own serialisers (the CLI's ``--format json``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import folium
from flask import current_app

import geodata
from geodata.errors import CraftRouteError, quoted
from geodata.location import Location
from planner import itinerary, routing
from planner import settings as planner_settings
from planner.itinerary.map import PLAN_MAP_LABELS
from planner.itinerary.map import plan_map as build_plan_map
from planner.itinerary.problem import candidate_places, trip_locations
from web import i18n, state
from web.dates import format_date
from web.hours_text import format_opening_hours
from web.names import place_names


def modes() -> tuple[str, ...]:
    """Return the travel modes the planner knows."""
    return tuple(planner_settings.MODES)


def check_mode(value: Any, *, field: str = "mode") -> str:
    """Return ``value`` as a travel mode (the planner's default when absent; "" is refused, as by the CLI)."""
    if value is None:
        return planner_settings.DEFAULT_MODE
    if not isinstance(value, str):
        raise CraftRouteError.of(field, "one_of", allowed=", ".join(planner_settings.MODES), got=quoted(value))
    return routing.check_mode(value, field=field)


def check_depart(value: Any, *, field: str = "depart") -> float | None:
    """Return a departure "HH:MM" as minutes after midnight (``None`` when absent: the default, off-peak)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise CraftRouteError.of(field, "clock_format", high="23:59", got=quoted(value))
    return routing.clock_min(value, field=field)


def leg_json(leg: routing.Leg, origin: Location, destination: Location) -> dict[str, Any]:
    """Return a leg as ``craftroute route --format json`` prints it."""
    return routing.leg_to_dict(leg, origin, destination)


def matrix_json(matrix: routing.TravelMatrix) -> dict[str, Any]:
    """Return a travel matrix as ``craftroute matrix --format json`` prints it."""
    return routing.matrix_to_dict(matrix)


def make_plan(fields: Mapping[str, Any], *, geometry: bool = False) -> itinerary.Plan:
    """Return the Plan for the fields of ``craftroute plan`` (validated by the planner).

    Parameters
    ----------
    fields
        ``start``, ``days``, ``date``, ``mode``, ``interests``, ``must_see``, ``pace``...
    geometry
        Fetch each leg's road shape (for maps and GPX tracks).
    """
    check_list_lengths(fields)
    plan_request = itinerary.parse_plan_request(fields, places=state.get_places())
    places = itinerary.plan_places(plan_request)  # the places the request was checked against
    with state.plan_slot():
        matrix = state.get_matrix(plan_request.mode,
                                  trip_locations(plan_request, candidate_places(plan_request, places)))
        return itinerary.plan_trip(plan_request, places=places, router=state.get_router(plan_request.mode),
                                   matrix=matrix, time_limit_s=current_app.config["PLAN_TIME_LIMIT_S"],
                                   geometry=geometry)


def plan_json(plan: itinerary.Plan, *, geometry: bool = False) -> dict[str, Any]:
    """Return a plan as ``craftroute plan --format json`` prints it (with leg shapes if asked)."""
    return itinerary.plan_to_dict(plan, geometry=geometry)


def paces() -> tuple[str, ...]:
    """Return the trip paces the planner accepts (``relaxed``... as ``craftroute plan --pace``)."""
    return itinerary.PACES


def plan_map(plan: itinerary.Plan, *, language: str | None = None) -> folium.Map:
    """Return the planner's Folium map of a plan in ``language`` (the request's by default).

    A coloured line per day (dashed where the travel time is a straight-line estimate),
    numbered stops; layer names, popups, place and craft names and opening hours in that
    language. ``static/plan-map.js`` folds the list of days on small screens.
    """
    language = language or i18n.current_language()
    labels = {key: i18n.translate(f"planmap.{key}", language) for key in PLAN_MAP_LABELS}
    # the register villages too, so that their stops show "hours unknown"
    places = state.get_cached("places+register", lambda: itinerary.with_register_villages(state.get_places()))
    records = geodata.places_to_records(places)
    names = {key: name.short for key, name in place_names(records, language).items()}
    return build_plan_map(plan, places=places, labels=labels,
                          craft_names=i18n.craft_labels(language),
                          format_hours=lambda text: format_opening_hours(text, language),
                          language=language,
                          place_names=names,
                          format_date=lambda date: format_date(date, language))


#: Suggestions ``/api/v1/geocode`` answers by default.
SUGGEST_LIMIT = planner_settings.SUGGEST_LIMIT


def suggestions_json(text: str, *, limit: int) -> list[dict[str, Any]]:
    """Return the places, hotels and stations, and streets matching a typed start, best first (offline only).

    No Nominatim while typing. Each item: ``kind`` ("place", "landmark" or "street"),
    ``label``, ``value`` (the text for the start field), ``lat``, ``lon`` and, for places
    and landmarks, ``id``.
    """
    from planner.geocode import suggest

    found = suggest(text, places=state.get_places(), streets=state.get_streets(), limit=limit)
    return [{"kind": item.kind, "label": item.label, "value": item.value, "lat": round(item.lat, 6),
             "lon": round(item.lon, 6), **({"id": item.id} if item.id else {})} for item in found]


def nearest_street_json(lat: float, lon: float) -> dict[str, Any]:
    """Return ``{"name", "distance_m"}`` of the street nearest the point (``None`` name when none is near)."""
    from planner.geocode import nearest_street

    found = nearest_street(state.get_streets(), lat, lon)
    if found is None:
        return {"name": None, "distance_m": None}
    return {"name": found[0], "distance_m": round(found[1], 1)}


def check_plan_request(fields: Mapping[str, Any]) -> None:
    """Raise CraftRouteError (naming the field) unless the planner accepts ``fields``."""
    check_list_lengths(fields)
    itinerary.parse_plan_request(fields, places=state.get_places())


def list_limits() -> dict[str, int]:
    """Return the most items each list field of a plan request may hold (``web.settings``)."""
    config = current_app.config
    return {"interests": config["MAX_INTERESTS"], "must": config["MAX_MUST_SEE"],
            "must_see": config["MAX_MUST_SEE"], "must_visit": config["MAX_MUST_SEE"],
            "candidates": config["MAX_MATRIX_LOCATIONS"]}


def check_list_lengths(fields: Mapping[str, Any]) -> None:
    """Raise CraftRouteError naming the first list field of a plan request longer than its limit.

    Lists may be JSON lists or comma-separated text (as the planner reads them).
    """
    if not isinstance(fields, Mapping):
        return
    for name, limit in list_limits().items():
        value = fields.get(name)
        items = value.split(",") if isinstance(value, str) else value
        if isinstance(items, (list, tuple)) and len(items) > limit:
            field = "must" if name.startswith("must") else name
            raise CraftRouteError.of(field, "list_too_long", high=limit, got=len(items))
