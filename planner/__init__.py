"""Routing and planning for CraftRoute: road graph, travel times, itineraries.

The routing core re-exported here: :class:`Router` and :func:`get_router` (one mode's
road graph, snapping, legs and matrices), the result types :class:`TravelMatrix`,
:class:`Leg` and :class:`Snap`, :func:`load_graph` (the cached compact graph) and the
cached places matrix (:func:`cached_matrix`, :func:`matrix_with_cache`, :func:`travel_matrix`).
"""

from .graph import NoRoadDataError, load_graph
from .places_matrix import cached_matrix, matrix_with_cache, travel_matrix
from .results import Leg, Snap, TravelMatrix, leg_to_dict, matrix_to_dict
from .router import Router, check_mode, get_router
from .settings import DEFAULT_MODE, MODES

__all__ = [
    "DEFAULT_MODE",
    "MODES",
    "Leg",
    "NoRoadDataError",
    "Router",
    "Snap",
    "TravelMatrix",
    "cached_matrix",
    "check_mode",
    "get_router",
    "leg_to_dict",
    "load_graph",
    "matrix_to_dict",
    "matrix_with_cache",
    "travel_matrix",
]

# --- Itinerary optimiser (issue 4): the day-by-day plan and its pure TOPTW core ---
from .itinerary import Plan, PlanRequest, parse_plan_request, plan_to_dict, plan_trip
from .optimiser import check_solution, solve_toptw

__all__ += [
    "Plan",
    "PlanRequest",
    "check_solution",
    "parse_plan_request",
    "plan_to_dict",
    "plan_trip",
    "solve_toptw",
]
