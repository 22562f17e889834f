"""Pure team-orienteering-with-time-windows optimiser: arrays in, plain dataclasses out.

``travel`` (time bands: travel times that depend on the departure, FIFO) ->
``problem`` (the dataclasses) -> ``_general_routes`` and ``_fast_routes`` (scheduling a
route) -> ``_polish`` -> ``solver`` (:func:`solve_toptw`); ``checker`` recomputes every
time from ``problem`` alone, sharing no code with the solver; ``instances`` reads the
published benchmark files. Imports only NumPy: no geodata, no routing, no I/O.
"""

from ._general_routes import schedule_route
from ._variants import shortest_visits
from .checker import check_solution
from .problem import (
    LunchBreak,
    Problem,
    Solution,
    Tour,
    TourPlan,
    Visit,
    uniform_windows,
)
from .solver import rounds_to_converge, solve_toptw
from .travel import TravelBands

__all__ = [
    "LunchBreak",
    "Problem",
    "Solution",
    "Tour",
    "TourPlan",
    "TravelBands",
    "Visit",
    "check_solution",
    "rounds_to_converge",
    "schedule_route",
    "shortest_visits",
    "solve_toptw",
    "uniform_windows",
]
