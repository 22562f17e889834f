"""Routing and planning for CraftRoute: road graph, travel times, itineraries.

The routing core re-exported here: :class:`Router` and :func:`get_router` (one mode's
road graph, snapping, legs and matrices), the result types :class:`TravelMatrix`,
:class:`Leg` and :class:`Snap`, and :func:`load_graph` (the cached compact graph).
"""

from .graph import NoRoadDataError, load_graph
from .results import Leg, Snap, TravelMatrix
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
    "check_mode",
    "get_router",
    "load_graph",
]
