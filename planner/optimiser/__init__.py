"""Pure team-orienteering-with-time-windows optimiser: arrays in, plain dataclasses out."""

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
    "solve_toptw",
    "uniform_windows",
]
