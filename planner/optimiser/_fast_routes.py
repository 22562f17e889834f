"""Tours with one time window per vertex and no break: O(1) insertion tests by "max shift".

The classic bookkeeping of Vansteenwegen et al. (2009): for every position keep the
start of service, the waiting time and the largest delay (max shift) that leaves all
later visits feasible; a visit fits between ``i`` and ``j`` when its own window is met
and the delay it causes at ``j`` is at most ``wait[j] + max_shift[j]``. All insertion
tests of one tour are evaluated at once with numpy.
"""

from __future__ import annotations

import numpy as np

from .problem import Problem

_EPS = 1e-7


def fast_routes_apply(problem: Problem) -> bool:
    """Return True when every vertex has one window per tour, no tour has a break and travel is constant."""
    if problem.bands is not None or any(tour.lunch is not None for tour in problem.tours):
        return False
    return all(len(windows) == 1 for per_tour in problem.windows for windows in per_tour)


class FastRoutes:
    """The routes of all tours with cached schedules for fast insertion tests."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.travel = np.ascontiguousarray(problem.travel, dtype=np.float64)
        self.travel_t = np.ascontiguousarray(self.travel.T)
        self.service = problem.service.astype(np.float64)
        n_tours, n = len(problem.tours), problem.n_vertices
        self.open = np.empty((n_tours, n))
        self.close = np.empty((n_tours, n))
        for k, tour in enumerate(problem.tours):
            for v, ((opens, closes),) in enumerate(problem.windows[k]):
                self.open[k, v], self.close[k, v] = opens, closes
            self.open[k, tour.start], self.close[k, tour.start] = tour.open, tour.close
            self.open[k, tour.end], self.close[k, tour.end] = tour.open, tour.close
        self.routes: list[list[int]] = [[] for _ in problem.tours]
        self._cache: list[tuple[np.ndarray, ...]] = [self._schedule(k) for k in range(n_tours)]

    def set_routes(self, routes: list[list[int]]) -> None:
        """Replace all routes (e.g. to restore the best solution) and refresh the caches."""
        self.routes = [list(route) for route in routes]
        self._cache = [self._schedule(k) for k in range(len(self.routes))]

    def restore_route(self, k: int, route: list[int]) -> None:
        """Replace route ``k`` only."""
        self.routes[k] = list(route)
        self._cache[k] = self._schedule(k)

    def confirm(self, k: int, position: int, vertex: int) -> bool:
        """Return True: the insertion table is exact for these tours."""
        return True

    def visits(self, k: int) -> list[int]:
        """Return the positions of customer visits in route ``k``."""
        return list(range(len(self.routes[k])))

    def insert(self, k: int, position: int, vertex: int) -> None:
        """Insert ``vertex`` at ``position`` of route ``k``."""
        self.routes[k].insert(position, vertex)
        self._cache[k] = self._schedule(k)

    def remove(self, k: int, positions: list[int]) -> list[int]:
        """Remove the visits at ``positions`` of route ``k``; return the removed vertices."""
        drop = set(positions)
        removed = [v for i, v in enumerate(self.routes[k]) if i in drop]
        self.routes[k] = [v for i, v in enumerate(self.routes[k]) if i not in drop]
        self._cache[k] = self._schedule(k)
        return removed

    def duration(self, k: int) -> float:
        """Return the arrival time at the end depot of route ``k``."""
        return float(self._cache[k][1][-1])

    def insertion_table(self, k: int, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the shift and feasibility of inserting each candidate at each position of route ``k``.

        Both arrays have shape ``(len(candidates), len(route) + 1)``.
        """
        full, arrive, start, slack = self._cache[k]
        limit = self.problem.tours[k].max_stops
        if limit is not None and len(self.routes[k]) >= limit:
            shape = (len(candidates), len(full) - 1)
            return np.zeros(shape), np.zeros(shape, dtype=bool)
        prev, nxt = full[:-1], full[1:]
        ready = start[:-1] + self.service[prev]
        arrive_new = ready[None, :] + self.travel_t[np.ix_(candidates, prev)]
        start_new = np.maximum(arrive_new, self.open[k, candidates][:, None])
        shift = (
            start_new
            + self.service[candidates][:, None]
            + self.travel[np.ix_(candidates, nxt)]
            - arrive[None, 1:]
        )
        feasible = (arrive_new <= self.close[k, candidates][:, None] + _EPS) & (
            shift <= slack[None, 1:] + _EPS
        )
        return shift, feasible

    def _schedule(self, k: int) -> tuple[np.ndarray, ...]:
        tour = self.problem.tours[k]
        full = np.array([tour.start, *self.routes[k], tour.end], dtype=np.intp)
        size = len(full)
        arrive, start = np.empty(size), np.empty(size)
        arrive[0] = start[0] = tour.open
        for i in range(1, size):
            arrive[i] = start[i - 1] + self.service[full[i - 1]] + self.travel[full[i - 1], full[i]]
            start[i] = max(arrive[i], self.open[k, full[i]])
        # slack[i] = wait[i] + max_shift[i]: the delay of arrival at i that all later visits absorb
        slack = np.empty(size)
        max_shift = self.close[k, full[-1]] - start[-1]
        slack[-1] = start[-1] - arrive[-1] + max_shift
        for i in range(size - 2, 0, -1):
            max_shift = min(self.close[k, full[i]] - start[i], slack[i + 1])
            slack[i] = start[i] - arrive[i] + max_shift
        slack[0] = 0.0
        return full, arrive, start, slack
