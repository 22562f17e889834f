"""Pure team-orienteering-with-time-windows optimiser: arrays in, plain dataclasses out."""

from ._general_routes import schedule_route
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
from .solver import solve_toptw

__all__ = [
    "LunchBreak",
    "Problem",
    "Solution",
    "Tour",
    "TourPlan",
    "Visit",
    "check_solution",
    "schedule_route",
    "solve_toptw",
    "uniform_windows",
]
