"""The web's bridge to the planner: check the mode, plan a trip, turn results into JSON.

Routes call these so that pages, API and exports plan the same way; the JSON shapes
are the planner's own serialisers (the CLI's ``--format json``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app

from geodata.errors import CraftRouteError
from geodata.location import Location
from web import i18n, state
from web.hours_text import format_opening_hours


def modes() -> tuple[str, ...]:
    """Return the travel modes the planner knows."""
    from planner import settings as planner_settings

    return tuple(planner_settings.MODES)


def check_mode(value: Any, *, field: str = "mode") -> str:
    """Return ``value`` as a travel mode (the planner's default when absent; "" is refused, as by the CLI)."""
    from planner import settings as planner_settings
    from planner.router import check_mode as planner_check_mode

    if value is None:
        return planner_settings.DEFAULT_MODE
    if not isinstance(value, str):
        raise CraftRouteError(field, f"must be one of {', '.join(planner_settings.MODES)}, got {value!r}")
    return planner_check_mode(value, field=field)


def leg_json(leg: Any, origin: Location, destination: Location) -> dict[str, Any]:
    """Return a leg as ``craftroute route --format json`` prints it."""
    from planner.results import leg_to_dict

    return leg_to_dict(leg, origin, destination)


def matrix_json(matrix: Any) -> dict[str, Any]:
    """Return a travel matrix as ``craftroute matrix --format json`` prints it."""
    from planner.results import matrix_to_dict

    return matrix_to_dict(matrix)


def make_plan(fields: Mapping[str, Any], *, geometry: bool = False) -> Any:
    """Return the Plan for the fields of ``craftroute plan`` (validated by the planner).

    Parameters
    ----------
    fields
        ``start``, ``days``, ``date``, ``mode``, ``interests``, ``must_see``, ``pace``...
    geometry
        Fetch each leg's road shape (for maps and GPX tracks).
    """
    from planner.itinerary import parse_plan_request, plan_trip
    from planner.itinerary_problem import candidate_places, trip_locations

    places = state.get_places()
    plan_request = parse_plan_request(fields, places=places)
    matrix = state.get_matrix(plan_request.mode, trip_locations(plan_request, candidate_places(plan_request, places)))
    return plan_trip(plan_request, places=places, router=state.get_router(plan_request.mode), matrix=matrix,
                     time_limit_s=current_app.config["PLAN_TIME_LIMIT_S"], geometry=geometry)


def plan_json(plan: Any, *, geometry: bool = False) -> dict[str, Any]:
    """Return a plan as ``craftroute plan --format json`` prints it (with leg shapes if asked)."""
    from planner.itinerary import plan_to_dict

    return plan_to_dict(plan, geometry=geometry)
def paces() -> tuple[str, ...]:
    """Return the trip paces the planner accepts (``relaxed``... as ``craftroute plan --pace``)."""
    from planner.itinerary_request import PACES

    return PACES


def plan_map(plan: Any, *, language: str | None = None) -> Any:
    """Return the planner's Folium map of a plan in ``language`` (the request's by default).

    A coloured line per day (dashed where the travel time is a straight-line estimate),
    numbered stops; layer names, popups, craft names and opening hours translated.
    """
    from planner.plan_map import PLAN_MAP_LABELS
    from planner.plan_map import plan_map as build

    language = language or i18n.current_language()
    labels = {key: i18n.translate(f"planmap.{key}", language) for key in PLAN_MAP_LABELS}
    return build(plan, places=state.get_places(), labels=labels, craft_names=i18n.craft_labels(language),
                 format_hours=lambda text: format_opening_hours(text, language))


def check_plan_request(fields: Mapping[str, Any]) -> None:
    """Raise CraftRouteError (naming the field) unless the planner accepts ``fields``."""
    from planner.itinerary import parse_plan_request

    parse_plan_request(fields, places=state.get_places())
