"""Tours with several windows per vertex, a lunch break or time bands: insertion tests by rescheduling.

Real itineraries have split opening hours (08:00-11:30, 13:30-17:00), a lunch break and
travel times that depend on the departure (:mod:`.travel`), where the "max shift"
shortcut no longer holds: a delay may grow or shrink on its way down the route. Their
tours are short (a handful of stops a day), so each insertion test recomputes the
earliest schedule. The latest arrivals a route tolerates are computed backwards with
the latest departure of each leg (the inverse of its arrival function, which FIFO
makes exact), so the vectorised screen stays exact without lunch. Routes hold
only the visits; the lunch break goes into whichever gap lets the tour end earliest.
"""

from __future__ import annotations

import numpy as np

from .problem import LunchBreak, Problem, TourPlan, Visit

_EPS = 1e-7
#: A route's earliest schedule (flat times) and the gap where lunch goes.
Schedule = tuple[list[float], int | None]
#: A route with depots, its earliest departures and latest arrivals without lunch.
Relaxed = tuple[np.ndarray, np.ndarray, np.ndarray]
#: Most remembered answers of :meth:`GeneralRoutes.confirm` (about 100 bytes each).
FITS_CACHE_SIZE = 100_000
#: Most remembered route schedules (about 1 kB each).
SCHEDULE_CACHE_SIZE = 20_000
#: Most remembered insertion tables (every vertex x every position: about 10 kB each
#: for a day of the bundled places and their visit variants).
TABLE_CACHE_SIZE = 2_000


def simulate(problem: Problem, k: int, route: list[int], lunch_gap: int | None) -> list[float] | None:
    """Return the earliest schedule of ``route`` on tour ``k`` as a flat list, or ``None`` if infeasible.

    Lunch (when tour ``k`` has one) is taken in gap ``lunch_gap`` (before ``route[lunch_gap]``;
    ``len(route)`` means after the last visit): during the visit just made when it is long
    enough to host it (``LunchBreak.during_visit_min``), else eaten on arrival at the next
    place when that still starts it in its window, since that overlaps any waiting there,
    otherwise at the place just left. The list holds ``arrive, start, depart`` per visit, then
    ``leave, back, lunch_start, lunch_vertex``.
    """
    tour = problem.tours[k]
    windows, arrive, service, lunch = problem.windows[k], problem.clock.arrive_one, problem.service, tour.lunch
    place, ready, leave = tour.start, tour.open, tour.open
    times: list[float] = []
    lunch_start, lunch_vertex = -1.0, -1.0
    size = len(route)
    for index in range(size + 1):
        following = route[index] if index < size else tour.end
        arrival = arrive(place, following, ready)
        earliest = arrival
        if lunch is not None and index == lunch_gap and times and _lunch_on_site(lunch, times[-2], times[-1]):
            lunch_start, lunch_vertex = max(times[-2], lunch.earliest_start), place
        elif lunch is not None and index == lunch_gap:
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
                arrival = arrive(place, following, lunch_start + lunch.duration)
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


def _lunch_on_site(lunch: LunchBreak, visit_start: float, visit_end: float) -> bool:
    """Return whether a visit from ``visit_start`` to ``visit_end`` can host the break on site."""
    if lunch.during_visit_min is None or visit_end - visit_start < lunch.during_visit_min - _EPS:
        return False
    start = max(visit_start, lunch.earliest_start)
    return start <= lunch.latest_start + _EPS and start + lunch.duration <= visit_end + _EPS


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
    """The routes of all tours, tested by rescheduling (same interface as ``FastRoutes``).

    A vectorised relaxation without the lunch break screens all insertions of a tour at
    once: the earliest schedule up to the gap, the new visit's first usable window, and
    the latest arrival the rest of the route tolerates (exact for split windows, since
    earliest-start schedules are monotone). Only the insertions it lets through are
    rescheduled with lunch.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.clock = problem.clock
        self.service = problem.service.astype(np.float64)
        self._opens, self._closes = _window_arrays(problem)
        self.routes: list[list[int]] = [[] for _ in problem.tours]
        self._state: list[tuple[list[float], int | None] | None] = []
        self._relaxed: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        #: Whether a tour's route fits with lunch, by ``(tour, route)``: the search revisits routes.
        self._fits: dict[tuple[int, tuple[int, ...]], bool] = {}
        self._schedules: dict[tuple[int, tuple[int, ...]], tuple[Schedule | None, Relaxed]] = {}
        self._every_vertex = np.arange(problem.n_vertices, dtype=np.intp)
        self._tables: dict[tuple[int, tuple[int, ...]], tuple[np.ndarray, np.ndarray]] = {}
        self.set_routes(self.routes)

    def set_routes(self, routes: list[list[int]]) -> None:
        """Replace all routes (e.g. to restore the best solution) and refresh the schedules."""
        self.routes = [list(route) for route in routes]
        self._state = [None] * len(self.routes)
        self._relaxed = [(np.empty(0, dtype=np.intp), np.empty(0), np.empty(0))] * len(self.routes)
        for k in range(len(self.routes)):
            self._refresh(k)

    def visits(self, k: int) -> list[int]:
        """Return the positions of the visits in route ``k``."""
        return list(range(len(self.routes[k])))

    def insert(self, k: int, position: int, vertex: int) -> None:
        """Insert ``vertex`` at ``position`` of route ``k``."""
        self.routes[k].insert(position, vertex)
        self._refresh(k)

    def remove(self, k: int, positions: list[int]) -> list[int]:
        """Remove the visits at ``positions`` of route ``k``; return the removed vertices."""
        drop = set(positions)
        removed = [v for i, v in enumerate(self.routes[k]) if i in drop]
        self.routes[k] = [v for i, v in enumerate(self.routes[k]) if i not in drop]
        self._refresh(k)
        return removed

    def duration(self, k: int) -> float:
        """Return the arrival time at the end depot of route ``k`` (infinite if infeasible)."""
        state = self._state[k]
        return float("inf") if state is None else float(state[0][-3])

    def insertion_table(self, k: int, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the shift and feasibility of inserting each candidate at each position of route ``k``.

        The table of every vertex is computed once per route and remembered: the search
        comes back to the same routes again and again (about half of its tables), and a
        vertex's row does not depend on the other candidates.
        """
        route, problem, state = self.routes[k], self.problem, self._state[k]
        limit = problem.tours[k].max_stops
        if state is None or (limit is not None and len(route) >= limit):
            shape = (len(candidates), len(route) + 1)
            return np.zeros(shape), np.zeros(shape, dtype=bool)
        key = (k, tuple(route))
        found = self._tables.get(key)
        if found is None:
            if len(self._tables) >= TABLE_CACHE_SIZE:
                self._tables.clear()
            found = self._tables[key] = self._insertion_table(k, self._every_vertex)
        shift, feasible = found
        return shift[candidates], feasible[candidates]

    def _insertion_table(self, k: int, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return :meth:`insertion_table` computed for ``candidates`` (route ``k`` feasible and not full)."""
        full, ready, latest = self._relaxed[k]
        prev, nxt = full[:-1], full[1:]
        column = candidates[:, None]
        arrive = self.clock.arrive(prev[None, :], column, ready[None, :-1])
        start = _first_starts(arrive, self._opens[k][candidates], self._closes[k][candidates])
        service = self.service[candidates][:, None]
        with np.errstate(invalid="ignore"):
            back = self.clock.arrive(column, nxt[None, :], start + service)
            # the delay at the next place: detour, visit and wait (constant travel: the detour's terms)
            shift = back - self.clock.arrive(prev, nxt, ready[:-1])[None, :]
        feasible = back <= latest[None, 1:] + _EPS
        return np.where(feasible, shift, 0.0), feasible

    def confirm(self, k: int, position: int, vertex: int) -> bool:
        """Return whether inserting ``vertex`` at ``position`` of route ``k`` is feasible with lunch.

        The insertion table is exact without a lunch break; with one, it is a necessary
        condition, so the search confirms its choice here.
        """
        state = self._state[k]
        if state is None or state[1] is None:
            return state is not None
        route = self.routes[k]
        trial = route[:position] + [vertex] + route[position:]
        key = (k, tuple(trial))
        if key not in self._fits:
            if len(self._fits) >= FITS_CACHE_SIZE:
                self._fits.clear()
            self._fits[key] = self._fit(k, trial, position, state[1]) is not None
        return self._fits[key]

    def restore_route(self, k: int, route: list[int]) -> None:
        """Replace route ``k`` only."""
        self.routes[k] = list(route)
        self._refresh(k)

    def _refresh(self, k: int) -> None:
        """Schedule route ``k`` (remembered: a move that fails restores a route seen just before)."""
        key = (k, tuple(self.routes[k]))
        found = self._schedules.get(key)
        if found is None:
            if len(self._schedules) >= SCHEDULE_CACHE_SIZE:
                self._schedules.clear()
            found = self._schedules[key] = (best_schedule(self.problem, k, self.routes[k]), self._relax(k))
        self._state[k], self._relaxed[k] = found

    def _relax(self, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the route with depots, the earliest departures and latest arrivals, without lunch."""
        tour, windows = self.problem.tours[k], self.problem.windows[k]
        full = np.array([tour.start, *self.routes[k], tour.end], dtype=np.intp)
        size = len(full)
        ready = np.empty(size)
        ready[0] = tour.open
        arrive, leave_by = self.clock.arrive_one, self.clock.latest_one
        for i in range(1, size - 1):
            start = _first_start(windows[full[i]], arrive(full[i - 1], full[i], ready[i - 1]))
            ready[i] = np.inf if start is None else start + self.service[full[i]]
        ready[-1] = arrive(full[-2], full[-1], ready[-2])
        latest = np.empty(size)
        latest[-1] = tour.close
        for i in range(size - 2, 0, -1):
            bound = leave_by(int(full[i]), int(full[i + 1]), float(latest[i + 1])) - self.service[full[i]]
            starts = [min(c, bound) for o, c in windows[full[i]] if min(c, bound) >= o]
            latest[i] = max(starts) if starts else -np.inf
        latest[0] = tour.open
        return full, ready, latest

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


def _window_arrays(problem: Problem) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Return per tour ``(n, w)`` arrays of window opens and closes, padded with empty windows."""
    width = max(1, max(len(w) for per_tour in problem.windows for w in per_tour))
    opens, closes = [], []
    for per_tour in problem.windows:
        o = np.full((len(per_tour), width), np.inf)
        c = np.full((len(per_tour), width), -np.inf)
        for v, windows in enumerate(per_tour):
            for j, (a, b) in enumerate(windows):
                o[v, j], c[v, j] = a, b
        opens.append(o)
        closes.append(c)
    return opens, closes


def _first_starts(arrive: np.ndarray, opens: np.ndarray, closes: np.ndarray) -> np.ndarray:
    """Return the earliest start for ``(u, p)`` arrivals given ``(u, w)`` windows (``inf`` if none)."""
    usable = arrive[:, :, None] <= closes[:, None, :] + _EPS
    starts = np.where(usable, np.maximum(arrive[:, :, None], opens[:, None, :]), np.inf)
    return starts.min(axis=2)


def _first_start(windows: tuple[tuple[float, float], ...], earliest: float) -> float | None:
    for opens, closes in windows:
        if earliest <= closes + _EPS:
            return max(earliest, opens)
    return None
