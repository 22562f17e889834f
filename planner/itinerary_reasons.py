"""Why a candidate place is not in a plan: closed, too far, or no time left (pure)."""

from __future__ import annotations

import numpy as np

from .optimiser import Problem, Solution, schedule_route

CLOSED = "closed"
TOO_FAR = "too far"
NO_TIME = "no time"


def unvisited_reasons(
    problem: Problem, solution: Solution, visit_min: np.ndarray
) -> list[tuple[int, str, str]]:
    """Return ``(vertex, reason, detail)`` for every candidate the solution leaves out.

    ``closed``: no day of the trip has opening hours long enough for the visit;
    ``too far``: even alone, no open day can reach it, visit it and be back in time;
    ``no time``: it fits alone but not beside the chosen stops (for a must-visit place:
    not beside the other must-visit places and the day limits).
    """
    reasons = []
    for vertex in solution.unvisited:
        open_days = [k for k in range(len(problem.tours)) if problem.windows[k][vertex]]
        visit = float(visit_min[vertex])
        if not open_days:
            detail = f"closed, or open less than the {visit:.0f} min visit, on every day of the trip"
            reasons.append((vertex, CLOSED, detail))
        elif not any(schedule_route(problem, k, [vertex]) is not None for k in open_days):
            reasons.append((vertex, TOO_FAR, _too_far_detail(problem, open_days[0], vertex, visit)))
        elif vertex in problem.mandatory:
            detail = "fits a day on its own, but not together with the other must-visit places and day limits"
            reasons.append((vertex, NO_TIME, detail))
        else:
            reasons.append((vertex, NO_TIME, "no time left beside higher-scoring stops"))
    return reasons


def _too_far_detail(problem: Problem, k: int, vertex: int, visit: float) -> str:
    tour = problem.tours[k]
    there = float(problem.travel[tour.start, vertex])
    back = float(problem.travel[vertex, tour.end])
    day = tour.close - tour.open
    return (
        f"{there:.0f} min there, a {visit:.0f} min visit and {back:.0f} min back do not fit "
        f"the {day:.0f} min day within its opening hours"
    )
