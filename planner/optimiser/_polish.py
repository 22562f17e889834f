"""A tie-break after the search: shorten each tour's travel without changing what it visits.

The search maximises the score; among the orders of a tour's chosen visits, many may
be feasible. Two-opt (reverse a run) and relocate (move one visit) moves are applied
while one lowers the tour's total travel time, the rescheduled tour stays feasible and
the kept vertices keep the order the traveller gave them (``Problem.kept_order``), so
the plan keeps its score and loses needless detours.
"""

from __future__ import annotations

import math
import time

import numpy as np

from ._general_routes import best_schedule
from .problem import Problem

_EPS = 1e-9
#: Most accepted moves per tour (each needs at least one reschedule).
MAX_MOVES = 200


def route_travel(problem: Problem, k: int, route: list[int]) -> float:
    """Return the travel time of tour ``k`` along ``route``, depots included.

    With time bands the legs' times depend on when they leave: they are read from the
    route's earliest schedule (``inf`` when the route is infeasible).
    """
    if problem.bands is not None:
        return scheduled_travel(problem, k, route)
    tour = problem.tours[k]
    path = np.array([tour.start, *route, tour.end], dtype=np.intp)
    return float(problem.travel[path[:-1], path[1:]].sum())


def scheduled_travel(problem: Problem, k: int, route: list[int]) -> float:
    """Return the travel time of ``route``'s earliest schedule on tour ``k``: each arrival less its departure."""
    found = best_schedule(problem, k, route)
    if found is None:
        return math.inf
    times = found[0]
    departs = [times[-4], *times[2:-4:3]]
    arrivals = [*times[0:-4:3], times[-3]]
    return float(sum(a - d for a, d in zip(arrivals, departs, strict=True)))


def shorten_route(problem: Problem, k: int, route: list[int], *, deadline: float = math.inf) -> list[int]:
    """Return a feasible order of ``route``'s visits on tour ``k`` with no more travel, locally shortest.

    ``route`` itself must be feasible and in kept order; it is returned unchanged when no
    move shortens it. No move breaks the kept order (``Problem.kept_order``).
    The search stops at ``deadline`` (a ``time.perf_counter()`` value) with the best order so far.
    """
    best, best_travel = list(route), route_travel(problem, k, route)
    for _ in range(MAX_MOVES):
        if time.perf_counter() >= deadline:
            return best
        for trial in _neighbours(best):
            if problem.kept_order and not problem.in_kept_order(trial):
                continue
            travel = route_travel(problem, k, trial)
            if travel < best_travel - _EPS and (problem.bands is not None or best_schedule(problem, k, trial) is not None):
                best, best_travel = trial, travel
                break
        else:
            return best
    return best


def _neighbours(route: list[int]) -> list[list[int]]:
    """Return the two-opt reversals and single-visit relocations of ``route``."""
    size = len(route)
    found = [route[:i] + route[i:j + 1][::-1] + route[j + 1:] for i in range(size) for j in range(i + 1, size)]
    for i in range(size):
        rest = route[:i] + route[i + 1:]
        found += [rest[:p] + [route[i]] + rest[p:] for p in range(size) if p != i]
    return found
