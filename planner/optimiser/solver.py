"""Iterated local search for the team orienteering problem with time windows.

The search follows Vansteenwegen, Souffriau, Vanden Berghe and Van Oudheusden,
"Iterated local search for the team orienteering problem with time windows",
Computers & Operations Research 36 (2009): greedy insertion by ``score**2 / shift``,
then a shake that removes a run of consecutive visits from every tour, refilled by
insertion; a replace move (an unvisited vertex takes the place of a cheaper one) and
a relocate move between tours (it frees time for new visits) strengthen each round.
Mandatory vertices are inserted first and never shaken out; a kept vertex (one the
traveller fixed to a day) is inserted, replaced and relocated only within its own
tour, a ranked kept vertex only between the kept vertices ranked before and after it
(so no move breaks the order the traveller gave), and excluded vertices are no
candidates at all. Insertions are ranked by
the value they add (:mod:`planner.optimiser._value`), so diminishing returns within a
group steer the search itself; flexible visits are searched as fixed-length variants
(:mod:`planner.optimiser._variants`), the replace move lengthening or shortening a
visit when that pays. The best set found is
finally reordered, tour by tour, to the shortest travel the time windows allow
(:mod:`planner.optimiser._polish`), a tie-break that keeps the score. The run is
repeatable: the same problem, seed and iteration budget give the same answer.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

import numpy as np

from ._fast_routes import FastRoutes, fast_routes_apply
from ._general_routes import GeneralRoutes, schedule_route
from ._polish import shorten_route
from ._value import Valuer
from ._variants import VISIT_STEPS, Variants, expand_visits
from .problem import Problem, Solution, TourPlan, Visit

logger = logging.getLogger(__name__)

_EPS = 1e-9
#: Relative noise on insertion ratios in diversifying rounds.
NOISE = 0.3
#: Orders of the mandatory vertices tried when the cheapest-first order cannot fit them all.
MANDATORY_ATTEMPTS = 200
#: Most insertions tried per move after the insertion table allowed them: only tours with
#: a lunch break can refuse one (:meth:`GeneralRoutes.confirm`), and past the first few
#: refusals the rest are rarely worth their rescheduling.
MAX_CONFIRMS = 30
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


def rounds_to_converge(problem: Problem, *, per_stop: float, least: int, most: int) -> int:
    """Return how many rounds without a better solution end the search of ``problem``.

    ``per_stop`` rounds per visit its tours can hold (a tour without ``max_stops``
    counts every candidate), within ``least`` and ``most``: a longer trip has more ways
    to rearrange, so it searches longer before it is called converged.
    """
    stops = sum(len(problem.candidates) if tour.max_stops is None else tour.max_stops for tour in problem.tours)
    return int(min(most, max(least, math.ceil(per_stop * stops))))


def solve_toptw(
    problem: Problem,
    *,
    time_limit_s: float = 1.0,
    seed: int = 0,
    max_iterations: int | None = None,
    max_no_improve: int | None = None,
    visit_steps: int = VISIT_STEPS,
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
    visit_steps
        Visit lengths tried for each flexible vertex, from its shortest to its full visit.
    """
    started = time.perf_counter()
    rng = random.Random(seed)
    variants = expand_visits(problem, steps=visit_steps)
    problem = variants.problem
    routes: _Routes = FastRoutes(problem) if fast_routes_apply(problem) else GeneralRoutes(problem)
    search = _Search(problem, routes, variants.siblings)
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
    solution = _solution(variants, best_routes, iterations=iterations, started=started,
                         deadline=started + time_limit_s)
    logger.info("TOPTW: score %.1f after %d rounds in %.2f s", best_score, iterations, solution.elapsed_s)
    return solution


class _Search:
    """Moves of the local search over a set of routes."""

    def __init__(self, problem: Problem, routes: _Routes, siblings: tuple[tuple[int, ...], ...]) -> None:
        self.problem = problem
        self.routes = routes
        self.valuer = Valuer(problem)
        self.siblings = siblings
        self.mandatory = problem.mandatory
        self.unvisited: set[int] = set(problem.candidates)
        # on_tour[k, v]: whether v may be visited on tour k (a kept vertex only on its own)
        self.on_tour = np.ones((len(problem.tours), problem.n_vertices), dtype=bool)
        for vertex, tour in problem.kept.items():
            self.on_tour[:, vertex] = False
            self.on_tour[tour, vertex] = True
        self.noise: tuple[Callable[[], float], float] | None = None
        #: Routes no replace or relocate move changes: the search returns to them often
        #: (a shake refilled the same way), and the moves depend on the routes alone.
        self._settled: set[tuple[tuple[int, ...], ...]] = set()

    def _allowed(self, k: int, candidates: np.ndarray) -> np.ndarray:
        """Return where each candidate may go in route ``k``: its tour allows it and the kept order holds.

        The ``(len(candidates), len(route) + 1)`` mask matches the insertion tables. A
        ranked kept vertex may only go after every kept vertex of lower rank on the route
        and before every one of higher rank; removing visits never breaks the order, so
        masking insertions is enough to keep every route in order.
        """
        route = self.routes.routes[k]
        allowed = np.repeat(self.on_tour[k, candidates][:, None], len(route) + 1, axis=1)
        ranks = self.problem.kept_order
        placed = [(i, ranks[v]) for i, v in enumerate(route) if v in ranks]
        if not placed:
            return allowed
        for row, vertex in enumerate(candidates.tolist()):
            rank = ranks.get(vertex)
            if rank is None:
                continue
            first = max((i + 1 for i, other in placed if other < rank), default=0)
            last = min((i for i, other in placed if other > rank), default=len(route))
            allowed[row, :first] = False
            allowed[row, last + 1:] = False
        return allowed

    def _take(self, vertex: int) -> None:
        """Mark ``vertex`` visited: it and its siblings leave the pool."""
        self.unvisited.discard(vertex)
        self.unvisited.difference_update(self.siblings[vertex])

    def _release(self, vertex: int) -> None:
        """Mark ``vertex`` no longer visited: it and its siblings return to the pool."""
        self.unvisited.add(vertex)
        self.unvisited.update(self.siblings[vertex])

    def _placed_mandatory(self) -> int:
        """Return how many mandatory vertices (counting siblings as one) are visited."""
        return sum(1 for v in self._visited() if v in self.mandatory)

    def snapshot(self) -> list[list[int]]:
        return [list(route) for route in self.routes.routes]

    def restore(self, routes: list[list[int]]) -> None:
        self.routes.set_routes(routes)
        visited = {v for route in routes for v in route}
        self.unvisited = set(self.problem.candidates) - visited
        for v in visited:
            self.unvisited.difference_update(self.siblings[v])

    def score(self) -> float:
        return self.valuer.total(self._visited())

    def _visited(self) -> list[int]:
        routes = self.routes
        return [routes.routes[k][i] for k in range(len(routes.routes)) for i in routes.visits(k)]

    def place_mandatory(self, rng: random.Random, *, attempts: int) -> None:
        """Insert the mandatory vertices, trying other orders until all fit or ``attempts`` run out."""
        must = sorted(self.mandatory)
        self.restore([[] for _ in self.problem.tours])
        # a vertex that fits no empty tour blocks nothing: do not search orders for it
        possible = [v for v in must if self._best_insertion(np.array([v], dtype=np.intp), cheapest=True)]
        places = len({min((v, *self.siblings[v])) for v in possible})
        best: tuple[int, list[list[int]]] | None = None
        for attempt in range(attempts):
            self.restore([[] for _ in self.problem.tours])
            if attempt == 0:
                self.fill(only_mandatory=True)
            else:
                for vertex in rng.sample(must, len(must)):
                    if vertex not in self.unvisited:
                        continue
                    move = self._best_insertion(np.array([vertex], dtype=np.intp), cheapest=True)
                    if move is not None:
                        self.routes.insert(*move)
                        self._take(vertex)
            placed = self._placed_mandatory()
            if best is None or placed > best[0]:
                best = (placed, self.snapshot())
            if placed >= places:
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
                self._take(vertex)

    def _best_insertion(self, candidates: np.ndarray, cheapest: bool) -> tuple[int, int, int] | None:
        tables = []
        gains: np.ndarray | None = None
        for k in range(len(self.routes.routes)):
            shift, feasible = self.routes.insertion_table(k, candidates)
            feasible = feasible & self._allowed(k, candidates)
            if not feasible.any():
                continue
            if cheapest:
                value = np.where(feasible, -shift, -np.inf)
            else:
                if gains is None:
                    gains = self.valuer.gains(self._visited(), candidates)
                weight = gains ** 2
                if self.noise is not None:
                    draw, spread = self.noise
                    weight = weight * np.array([1.0 + spread * (2.0 * draw() - 1.0) for _ in weight])
                value = np.where(feasible, weight[:, None] / np.maximum(shift, 1e-6), -np.inf)
            tables.append((k, value))
        return self._first_confirmed(tables, candidates)

    def _first_confirmed(
        self, tables: list[tuple[int, np.ndarray]], candidates: np.ndarray
    ) -> tuple[int, int, int] | None:
        """Return the best ``(tour, position, vertex)`` of the tables that an exact test confirms.

        Entries are tried from the highest value down; equal values in table order.
        """
        if not tables:
            return None
        values = np.concatenate([value.ravel() for _, value in tables])
        tours = np.concatenate([np.full(value.size, k) for k, value in tables])
        cells = np.concatenate([np.arange(value.size) for _, value in tables])
        widths = np.concatenate([np.full(value.size, value.shape[1]) for _, value in tables])
        finite = np.flatnonzero(np.isfinite(values))
        for index in finite[np.argsort(-values[finite], kind="stable")][:MAX_CONFIRMS]:
            k, (row, position) = int(tours[index]), divmod(int(cells[index]), int(widths[index]))
            if self.routes.confirm(k, position, int(candidates[row])):
                return k, position, int(candidates[row])
        return None

    def shake(self, size: int, rng: random.Random) -> None:
        """Remove ``size`` consecutive non-mandatory visits from each tour, at a random place."""
        for k in range(len(self.routes.routes)):
            positions = [i for i in self.routes.visits(k) if self.routes.routes[k][i] not in self.mandatory]
            if not positions:
                continue
            first = rng.randrange(len(positions))
            for vertex in self.routes.remove(k, positions[first:first + size]):
                self._release(vertex)

    def improve(self) -> None:
        """Apply replace and relocate moves while they raise the score or free time."""
        for _ in range(3):
            before = tuple(tuple(route) for route in self.routes.routes)
            if before in self._settled:
                break
            changed = self._replace()
            changed |= self._relocate()
            if changed:
                self.fill()
            else:
                self._settled.add(before)
                break

    def _replace(self) -> bool:
        """Swap a visit for an unvisited vertex worth more (or for a longer or shorter variant of it).

        A mandatory visit may only be swapped for one of its own variants.
        """
        changed = False
        for k in range(len(self.routes.routes)):
            for position in sorted(self.routes.visits(k), reverse=True):
                if position >= len(self.routes.routes[k]):
                    continue
                vertex = self.routes.routes[k][position]
                pool = set(self.siblings[vertex]) | (set() if vertex in self.mandatory else self.unvisited)
                if not pool:
                    continue
                better, value = self._better_than(vertex, pool)
                if len(better) == 0:
                    continue
                route_before = list(self.routes.routes[k])
                self.routes.remove(k, [position])
                shift, feasible = self.routes.insertion_table(k, better)
                feasible = feasible & self._allowed(k, better)
                gain = np.where(feasible, value[:, None] - shift * 1e-6, -np.inf)
                move = self._first_confirmed([(k, gain)], better) if feasible.any() else None
                if move is not None:
                    self.routes.insert(k, move[1], move[2])
                    self._release(vertex)
                    self._take(move[2])
                    changed = True
                else:
                    self.routes.restore_route(k, route_before)
        return changed

    def _better_than(self, vertex: int, pool: set[int]) -> tuple[np.ndarray, np.ndarray]:
        """Return the vertices of ``pool`` that would add more value than ``vertex`` does, and that value."""
        candidates = np.array(sorted(pool), dtype=np.intp)
        if self.valuer.group is None:
            score = self.problem.score
            better = candidates[score[candidates] > score[vertex]]
            return better, score[better]
        others = [v for v in self._visited() if v != vertex]
        loss = self.valuer.total([*others, vertex]) - self.valuer.total(others)
        gains = self.valuer.gains(others, candidates)
        keep = gains > loss + 1e-9
        return candidates[keep], gains[keep]

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
                if vertex in self.problem.kept:  # fixed to its tour
                    continue
                before = list(self.routes.routes[k])
                old_k = self.routes.duration(k)
                self.routes.remove(k, [position])
                saved = old_k - self.routes.duration(k)
                tables = []
                for other in range(n_tours):
                    if other == k:
                        continue
                    single = np.array([vertex], dtype=np.intp)
                    shift, feasible = self.routes.insertion_table(other, single)
                    feasible = feasible & self._allowed(other, single)
                    tables.append((other, np.where(feasible & (shift < saved - 1e-6), -shift, -np.inf)))
                move = self._first_confirmed(tables, np.array([vertex], dtype=np.intp))
                if move is None:
                    self.routes.restore_route(k, before)
                else:
                    self.routes.insert(move[0], move[1], vertex)
                    changed = True
        return changed


def _solution(
    variants: Variants, routes: list[list[int]], *, iterations: int, started: float, deadline: float
) -> Solution:
    problem = variants.problem
    plans: list[TourPlan] = []
    for k, route in enumerate(routes):
        plan = schedule_route(problem, k, shorten_route(problem, k, route, deadline=deadline))
        if plan is None:  # cannot happen for routes the search kept; keep the answer feasible anyway
            logger.warning("tour %d became infeasible; returning it empty", k)
            plan = schedule_route(problem, k, []) or TourPlan((), problem.tours[k].open, problem.tours[k].open)
        plans.append(_leave_late(problem, k, plan))
    if variants.within_hours:  # an ordinary visit that happens to start within the hours earns their value
        plans = [replace(plan, stops=tuple(replace(s, vertex=variants.upgrade(s.vertex, s.start)) for s in plan.stops))
                 for plan in plans]
    visited = {v for plan in plans for v in plan.vertices}
    score = Valuer(problem).total(visited)
    if any(variants.siblings):  # flexible visits: back to the original vertices
        plans = [_original_vertices(variants, plan) for plan in plans]
        visited = {v for plan in plans for v in plan.vertices}
    candidates = sorted({int(variants.origin[v]) for v in problem.candidates})
    mandatory = {int(variants.origin[v]) for v in problem.mandatory}
    return Solution(
        tours=tuple(plans),
        score=score,
        unvisited=tuple(v for v in candidates if v not in visited),
        missing_mandatory=tuple(sorted(v for v in mandatory if v not in visited)),
        iterations=iterations,
        elapsed_s=time.perf_counter() - started,
    )


def _original_vertices(variants: Variants, plan: TourPlan) -> TourPlan:
    """Return ``plan`` over the original vertices, each visit stating its chosen length."""
    origin = variants.origin
    stops = tuple(
        Visit(int(origin[s.vertex]), s.arrive, s.start, s.depart, float(variants.length[s.vertex]))
        for s in plan.stops
    )
    lunch_vertex = None if plan.lunch_vertex is None else int(origin[plan.lunch_vertex])
    return replace(plan, stops=stops, lunch_vertex=lunch_vertex)


def _leave_late(problem: Problem, k: int, plan: TourPlan) -> TourPlan:
    """Return ``plan`` leaving the start depot just in time for the first visit (no idle wait)."""
    if not plan.stops or plan.stops[0].wait <= 0 or plan.lunch_after == -1:
        return plan
    first, start = plan.stops[0], problem.tours[k].start
    leave = problem.clock.latest_one(start, first.vertex, first.start)
    if leave <= plan.leave:
        return plan
    arrive = first.start if problem.bands is None else problem.clock.arrive_one(start, first.vertex, leave)
    stops = (replace(first, arrive=arrive), *plan.stops[1:])
    return TourPlan(stops, leave, plan.back, plan.lunch_start, plan.lunch_after, plan.lunch_vertex)
