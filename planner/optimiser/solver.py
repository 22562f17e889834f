"""Iterated local search for the team orienteering problem with time windows.

The search follows Vansteenwegen, Souffriau, Vanden Berghe and Van Oudheusden,
"Iterated local search for the team orienteering problem with time windows",
Computers & Operations Research 36 (2009): greedy insertion by ``score**2 / shift``,
then a shake that removes a run of consecutive visits from every tour, refilled by
insertion; a replace move (an unvisited vertex takes the place of a cheaper one) and
a relocate move between tours (it frees time for new visits) strengthen each round.
Mandatory vertices are inserted first and never shaken out. The best set found is
finally reordered, tour by tour, to the shortest travel the time windows allow
(:mod:`planner.optimiser._polish`), a tie-break that keeps the score. The run is
repeatable: the same problem, seed and iteration budget give the same answer.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import Protocol

import numpy as np

from ._fast_routes import FastRoutes, fast_routes_apply
from ._general_routes import GeneralRoutes, schedule_route
from ._polish import shorten_route
from .problem import Problem, Solution, TourPlan, Visit

logger = logging.getLogger(__name__)

_EPS = 1e-9
#: Relative noise on insertion ratios in diversifying rounds.
NOISE = 0.3
#: Orders of the mandatory vertices tried when the cheapest-first order cannot fit them all.
MANDATORY_ATTEMPTS = 200
#: Share of the time limit kept for the travel-shortening polish after the search.
POLISH_SHARE = 0.05


class _Routes(Protocol):
    routes: list[list[int]]

    def set_routes(self, routes: list[list[int]]) -> None: ...
    def visits(self, k: int) -> list[int]: ...
    def insert(self, k: int, position: int, vertex: int) -> None: ...
    def remove(self, k: int, positions: list[int]) -> list[int]: ...
    def duration(self, k: int) -> float: ...
    def insertion_table(self, k: int, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...
    def confirm(self, k: int, position: int, vertex: int) -> bool: ...
    def restore_route(self, k: int, route: list[int]) -> None: ...


def solve_toptw(
    problem: Problem,
    *,
    time_limit_s: float = 1.0,
    seed: int = 0,
    max_iterations: int | None = None,
    max_no_improve: int | None = None,
) -> Solution:
    """Return a feasible high-scoring solution of ``problem`` found by iterated local search.

    Parameters
    ----------
    problem
        The instance.
    time_limit_s
        Wall-clock budget of the search; the first greedy solution is always built.
    seed
        Seed of the random choices (where the shake starts).
    max_iterations
        Stop after this many shake rounds (``None``: only the time limit counts). With
        the same seed and a budget reached before the time limit the result is repeatable.
    max_no_improve
        Stop after this many rounds without a better solution (``None``: no such stop).
    """
    started = time.perf_counter()
    rng = random.Random(seed)
    routes: _Routes = FastRoutes(problem) if fast_routes_apply(problem) else GeneralRoutes(problem)
    search = _Search(problem, routes)
    search.place_mandatory(rng, attempts=MANDATORY_ATTEMPTS)
    search.fill()
    search.improve()
    best_routes, best_score = search.snapshot(), search.score()
    iterations = no_improve = 0
    size = 1
    max_size = max(1, len(problem.candidates) // (3 * max(1, len(problem.tours))))
    round_s = 0.0
    search_limit_s = time_limit_s * (1.0 - POLISH_SHARE)
    while time.perf_counter() - started + 1.5 * round_s < search_limit_s:
        round_started = time.perf_counter()
        if max_iterations is not None and iterations >= max_iterations:
            break
        if max_no_improve is not None and no_improve >= max_no_improve:
            break
        iterations += 1
        search.shake(size, rng)
        # every other round refills with noisy ratios, to leave the greedy rut
        search.noise = (rng.random, NOISE) if iterations % 2 == 0 else None
        search.fill()
        search.improve()
        score = search.score()
        if score > best_score + _EPS:
            best_routes, best_score, size, no_improve = search.snapshot(), score, 1, 0
        else:
            no_improve += 1
            size = size + 1 if size < max_size else 1
            if no_improve % 20 == 0:
                search.restore(best_routes)
        # stop before a round that could overrun the limit: rounds vary, so keep the longest
        round_s = max(round_s, time.perf_counter() - round_started)
    search.restore(best_routes)
    solution = _solution(problem, best_routes, iterations=iterations, started=started,
                         deadline=started + time_limit_s)
    logger.info("TOPTW: score %.1f after %d rounds in %.2f s", best_score, iterations, solution.elapsed_s)
    return solution


class _Search:
    """Moves of the local search over a set of routes."""

    def __init__(self, problem: Problem, routes: _Routes) -> None:
        self.problem = problem
        self.routes = routes
        self.weight = problem.score.astype(np.float64) ** 2
        self.mandatory = problem.mandatory
        self.unvisited: set[int] = set(problem.candidates)
        self.noise: tuple[Callable[[], float], float] | None = None

    def snapshot(self) -> list[list[int]]:
        return [list(route) for route in self.routes.routes]

    def restore(self, routes: list[list[int]]) -> None:
        self.routes.set_routes(routes)
        visited = {v for route in routes for v in route}
        self.unvisited = set(self.problem.candidates) - visited

    def score(self) -> float:
        return float(sum(self.problem.score[v] for v in self._visited()))

    def _visited(self) -> list[int]:
        routes = self.routes
        return [routes.routes[k][i] for k in range(len(routes.routes)) for i in routes.visits(k)]

    def place_mandatory(self, rng: random.Random, *, attempts: int) -> None:
        """Insert the mandatory vertices, trying other orders until all fit or ``attempts`` run out."""
        must = sorted(self.mandatory)
        self.restore([[] for _ in self.problem.tours])
        # a vertex that fits no empty tour blocks nothing: do not search orders for it
        possible = [v for v in must if self._best_insertion(np.array([v], dtype=np.intp), cheapest=True)]
        best: tuple[int, list[list[int]]] | None = None
        for attempt in range(attempts):
            self.restore([[] for _ in self.problem.tours])
            if attempt == 0:
                self.fill(only_mandatory=True)
            else:
                for vertex in rng.sample(must, len(must)):
                    move = self._best_insertion(np.array([vertex], dtype=np.intp), cheapest=True)
                    if move is not None:
                        self.routes.insert(*move)
                        self.unvisited.discard(vertex)
            placed = len(self.mandatory) - len(self.unvisited & self.mandatory)
            if best is None or placed > best[0]:
                best = (placed, self.snapshot())
            if placed >= len(possible):
                break
        if best is not None:
            self.restore(best[1])

    def fill(self, *, only_mandatory: bool = False) -> None:
        """Insert unvisited vertices greedily (mandatory ones first, cheapest first) until none fits."""
        for mandatory_pass in (True, False) if not only_mandatory else (True,):
            while True:
                pool = self.unvisited & self.mandatory if mandatory_pass else self.unvisited
                if not pool:
                    break
                move = self._best_insertion(np.array(sorted(pool), dtype=np.intp), mandatory_pass)
                if move is None:
                    break
                k, position, vertex = move
                self.routes.insert(k, position, vertex)
                self.unvisited.discard(vertex)

    def _best_insertion(self, candidates: np.ndarray, cheapest: bool) -> tuple[int, int, int] | None:
        tables = []
        for k in range(len(self.routes.routes)):
            shift, feasible = self.routes.insertion_table(k, candidates)
            if not feasible.any():
                continue
            if cheapest:
                value = np.where(feasible, -shift, -np.inf)
            else:
                weight = self.weight[candidates]
                if self.noise is not None:
                    draw, spread = self.noise
                    weight = weight * np.array([1.0 + spread * (2.0 * draw() - 1.0) for _ in weight])
                value = np.where(feasible, weight[:, None] / np.maximum(shift, 1e-6), -np.inf)
            tables.append((k, value))
        return self._first_confirmed(tables, candidates)

    def _first_confirmed(
        self, tables: list[tuple[int, np.ndarray]], candidates: np.ndarray
    ) -> tuple[int, int, int] | None:
        """Return the best ``(tour, position, vertex)`` of the tables that an exact test confirms."""
        entries = [
            (float(value[row, position]), k, int(position), int(candidates[row]))
            for k, value in tables
            for row, position in zip(*np.nonzero(np.isfinite(value)), strict=True)
        ]
        entries.sort(key=lambda entry: -entry[0])
        for _, k, position, vertex in entries:
            if self.routes.confirm(k, position, vertex):
                return k, position, vertex
        return None

    def shake(self, size: int, rng: random.Random) -> None:
        """Remove ``size`` consecutive non-mandatory visits from each tour, at a random place."""
        for k in range(len(self.routes.routes)):
            positions = [i for i in self.routes.visits(k) if self.routes.routes[k][i] not in self.mandatory]
            if not positions:
                continue
            first = rng.randrange(len(positions))
            removed = self.routes.remove(k, positions[first:first + size])
            self.unvisited.update(removed)

    def improve(self) -> None:
        """Apply replace and relocate moves while they raise the score or free time."""
        for _ in range(3):
            changed = self._replace()
            changed |= self._relocate()
            if changed:
                self.fill()
            else:
                break

    def _replace(self) -> bool:
        """Swap a visited vertex for a higher-scoring unvisited one when the tour stays feasible."""
        if not self.unvisited:
            return False
        changed = False
        score = self.problem.score
        for k in range(len(self.routes.routes)):
            for position in sorted(self.routes.visits(k), reverse=True):
                if position >= len(self.routes.routes[k]):
                    continue
                vertex = self.routes.routes[k][position]
                if vertex in self.mandatory:
                    continue
                better = np.array(sorted(v for v in self.unvisited if score[v] > score[vertex]), dtype=np.intp)
                if len(better) == 0:
                    continue
                route_before = list(self.routes.routes[k])
                self.routes.remove(k, [position])
                shift, feasible = self.routes.insertion_table(k, better)
                gain = np.where(feasible, score[better][:, None] - shift * 1e-6, -np.inf)
                move = self._first_confirmed([(k, gain)], better) if feasible.any() else None
                if move is not None:
                    self.routes.insert(k, move[1], move[2])
                    self.unvisited.discard(move[2])
                    self.unvisited.add(vertex)
                    changed = True
                else:
                    self.routes.restore_route(k, route_before)
        return changed

    def _relocate(self) -> bool:
        """Move a visit to another tour when that shortens the tour it leaves by more than it lengthens the other."""
        changed = False
        n_tours = len(self.routes.routes)
        if n_tours < 2:
            return False
        for k in range(n_tours):
            for position in sorted(self.routes.visits(k), reverse=True):
                if position >= len(self.routes.routes[k]):
                    continue
                vertex = self.routes.routes[k][position]
                before = list(self.routes.routes[k])
                old_k = self.routes.duration(k)
                self.routes.remove(k, [position])
                saved = old_k - self.routes.duration(k)
                tables = []
                for other in range(n_tours):
                    if other == k:
                        continue
                    shift, feasible = self.routes.insertion_table(other, np.array([vertex], dtype=np.intp))
                    tables.append((other, np.where(feasible & (shift < saved - 1e-6), -shift, -np.inf)))
                move = self._first_confirmed(tables, np.array([vertex], dtype=np.intp))
                if move is None:
                    self.routes.restore_route(k, before)
                else:
                    self.routes.insert(move[0], move[1], vertex)
                    changed = True
        return changed


def _solution(
    problem: Problem, routes: list[list[int]], *, iterations: int, started: float, deadline: float
) -> Solution:
    plans: list[TourPlan] = []
    for k, route in enumerate(routes):
        plan = schedule_route(problem, k, shorten_route(problem, k, route, deadline=deadline))
        if plan is None:  # cannot happen for routes the search kept; keep the answer feasible anyway
            logger.warning("tour %d became infeasible; returning it empty", k)
            plan = schedule_route(problem, k, []) or TourPlan((), problem.tours[k].open, problem.tours[k].open)
        plans.append(_leave_late(problem, k, plan))
    visited = {v for plan in plans for v in plan.vertices}
    unvisited = tuple(v for v in problem.candidates if v not in visited)
    return Solution(
        tours=tuple(plans),
        score=float(sum(problem.score[v] for v in visited)),
        unvisited=unvisited,
        missing_mandatory=tuple(sorted(v for v in problem.mandatory if v not in visited)),
        iterations=iterations,
        elapsed_s=time.perf_counter() - started,
    )


def _leave_late(problem: Problem, k: int, plan: TourPlan) -> TourPlan:
    """Return ``plan`` leaving the start depot just in time for the first visit (no idle wait)."""
    if not plan.stops or plan.stops[0].wait <= 0 or plan.lunch_after == -1:
        return plan
    first = plan.stops[0]
    leave = first.start - float(problem.travel[problem.tours[k].start, first.vertex])
    stops = (Visit(first.vertex, first.start, first.start, first.depart), *plan.stops[1:])
    return TourPlan(stops, leave, plan.back, plan.lunch_start, plan.lunch_after, plan.lunch_vertex)
