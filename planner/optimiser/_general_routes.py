"""Tours with several windows per vertex and a lunch break: insertion tests by rescheduling.

Real itineraries have split opening hours (08:00-11:30, 13:30-17:00) and a lunch break,
where the "max shift" shortcut no longer holds; their tours are short (a handful of
stops a day), so each insertion test recomputes the earliest schedule. Routes hold
only the visits; the lunch break goes into whichever gap lets the tour end earliest.
"""

from __future__ import annotations

import numpy as np

from .problem import Problem, TourPlan, Visit

_EPS = 1e-7


def simulate(problem: Problem, k: int, route: list[int], lunch_gap: int | None) -> list[float] | None:
    """Return the earliest schedule of ``route`` on tour ``k`` as a flat list, or ``None`` if infeasible.

    Lunch (when tour ``k`` has one) is taken in gap ``lunch_gap`` (before ``route[lunch_gap]``;
    ``len(route)`` means after the last visit): eaten on arrival at the next place when
    that still starts it in its window, since that overlaps any waiting there, otherwise
    at the place just left. The list holds ``arrive, start, depart`` per visit, then
    ``leave, back, lunch_start, lunch_vertex``.
    """
    tour = problem.tours[k]
    windows, travel, service, lunch = problem.windows[k], problem.travel, problem.service, tour.lunch
    place, ready, leave = tour.start, tour.open, tour.open
    times: list[float] = []
    lunch_start, lunch_vertex = -1.0, -1.0
    size = len(route)
    for index in range(size + 1):
        following = route[index] if index < size else tour.end
        arrival = ready + travel[place, following]
        earliest = arrival
        if lunch is not None and index == lunch_gap:
            lunch_start = max(arrival, lunch.earliest_start)
            lunch_vertex = following
            if lunch_start > lunch.latest_start + _EPS:
                lunch_start, lunch_vertex = max(ready, lunch.earliest_start), place
                if lunch_start > lunch.latest_start + _EPS:
                    return None
                if times:
                    times[-1] = lunch_start + lunch.duration
                else:
                    leave = lunch_start + lunch.duration
                arrival = lunch_start + lunch.duration + travel[place, following]
            earliest = max(arrival, lunch_start + lunch.duration)
        if index == size:
            if earliest > tour.close + _EPS:
                return None
            return [*times, leave, arrival, lunch_start, lunch_vertex]
        for opens, closes in windows[following]:
            if earliest <= closes + _EPS:
                start = max(earliest, opens)
                break
        else:
            return None
        ready = start + service[following]
        times.extend((arrival, start, ready))
        place = following
    return None  # pragma: no cover - the loop always returns at index == size


def best_schedule(problem: Problem, k: int, route: list[int]) -> tuple[list[float], int | None] | None:
    """Return the schedule of ``route`` with lunch in the gap that ends the tour earliest, and that gap."""
    if problem.tours[k].lunch is None:
        times = simulate(problem, k, route, None)
        return None if times is None else (times, None)
    best: tuple[list[float], int | None] | None = None
    for gap in range(len(route) + 1):
        times = simulate(problem, k, route, gap)
        if times is not None and (best is None or times[-3] < best[0][-3] - _EPS):
            best = (times, gap)
    return best


def schedule_route(problem: Problem, k: int, route: list[int]) -> TourPlan | None:
    """Return the earliest schedule of ``route`` on tour ``k`` (best lunch gap), or ``None`` if infeasible."""
    found = best_schedule(problem, k, route)
    if found is None:
        return None
    times, gap = found
    stops = tuple(
        Visit(int(v), float(times[3 * i]), float(times[3 * i + 1]), float(times[3 * i + 2]))
        for i, v in enumerate(route)
    )
    leave, back, lunch_start, lunch_vertex = (float(t) for t in times[-4:])
    if gap is None:
        return TourPlan(stops, leave, back)
    return TourPlan(stops, leave, back, lunch_start, gap - 1, int(lunch_vertex))


class GeneralRoutes:
    """The routes of all tours, tested by full rescheduling (same interface as ``FastRoutes``)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.routes: list[list[int]] = [[] for _ in problem.tours]
        self._open_on = [
            {v for v, windows in enumerate(problem.windows[k]) if windows}
            for k in range(len(problem.tours))
        ]
        self._state: list[tuple[list[float], int | None] | None] = []
        self.set_routes(self.routes)

    def set_routes(self, routes: list[list[int]]) -> None:
        """Replace all routes (e.g. to restore the best solution) and refresh the schedules."""
        self.routes = [list(route) for route in routes]
        self._state = [best_schedule(self.problem, k, r) for k, r in enumerate(self.routes)]

    def visits(self, k: int) -> list[int]:
        """Return the positions of the visits in route ``k``."""
        return list(range(len(self.routes[k])))

    def insert(self, k: int, position: int, vertex: int) -> None:
        """Insert ``vertex`` at ``position`` of route ``k``."""
        self.routes[k].insert(position, vertex)
        self._state[k] = best_schedule(self.problem, k, self.routes[k])

    def remove(self, k: int, positions: list[int]) -> list[int]:
        """Remove the visits at ``positions`` of route ``k``; return the removed vertices."""
        drop = set(positions)
        removed = [v for i, v in enumerate(self.routes[k]) if i in drop]
        self.routes[k] = [v for i, v in enumerate(self.routes[k]) if i not in drop]
        self._state[k] = best_schedule(self.problem, k, self.routes[k])
        return removed

    def duration(self, k: int) -> float:
        """Return the arrival time at the end depot of route ``k`` (infinite if infeasible)."""
        state = self._state[k]
        return float("inf") if state is None else float(state[0][-3])

    def insertion_table(self, k: int, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the shift and feasibility of inserting each candidate at each position of route ``k``."""
        route, problem, state = self.routes[k], self.problem, self._state[k]
        shape = (len(candidates), len(route) + 1)
        shift, feasible = np.zeros(shape), np.zeros(shape, dtype=bool)
        limit = problem.tours[k].max_stops
        if state is None or (limit is not None and len(route) >= limit):
            return shift, feasible
        tour, travel, lunch_gap = problem.tours[k], problem.travel, state[1]
        places = [tour.start, *route, tour.end]
        for row, vertex in enumerate(candidates.tolist()):
            if vertex not in self._open_on[k]:
                continue
            for p in range(len(route) + 1):
                trial = route[:p] + [vertex] + route[p:]
                # lunch only delays, so a trial infeasible without it is infeasible with it
                if lunch_gap is not None and simulate(problem, k, trial, -1) is None:
                    continue
                times = self._fit(k, trial, p, lunch_gap)
                if times is None:
                    continue
                a, b = places[p], places[p + 1]
                shift[row, p] = travel[a, vertex] + travel[vertex, b] - travel[a, b]
                shift[row, p] += problem.service[vertex] + times[3 * p + 1] - times[3 * p]
                feasible[row, p] = True
        return shift, feasible

    def _fit(self, k: int, trial: list[int], position: int, lunch_gap: int | None) -> list[float] | None:
        """Return a feasible schedule of ``trial``, keeping lunch where it was if possible."""
        if lunch_gap is None:
            return simulate(self.problem, k, trial, None)
        near = [lunch_gap + 1] if position < lunch_gap else [lunch_gap, lunch_gap + 1]
        for gap in near + [g for g in range(len(trial) + 1) if g not in near]:
            times = simulate(self.problem, k, trial, gap)
            if times is not None:
                return times
        return None
