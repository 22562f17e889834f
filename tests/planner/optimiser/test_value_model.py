"""The non-additive value: diminishing returns within groups and flexible visit lengths.

Small hand-made cases pin each property; a brute force over every subset, order and
visit length checks the search on random ones; the checker recomputes value and lengths.
Travel times are asymmetric (one-way streets), so a solver or checker that reads a
travel time in the wrong direction fails here.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from planner.optimiser import Problem, Solution, Tour, TourPlan, Visit, check_solution, solve_toptw, uniform_windows
from planner.optimiser._variants import visit_lengths


def _one_way(n: int, *, forward: float, backward: float) -> np.ndarray:
    """Travel ``forward`` minutes from a lower to a higher vertex, ``backward`` the other way."""
    index = np.arange(n)
    travel = np.where(index[:, None] < index[None, :], forward, backward)
    np.fill_diagonal(travel, 0.0)
    return travel.astype(float)


def _grouped(group: list[int] | None, decay: tuple[float, ...] = (0.5, 0.5)) -> Problem:
    """Depot 0; three places of group 0 worth 10 and one of group 1 worth 6; room for two visits."""
    return Problem(
        travel=_one_way(5, forward=10.0, backward=20.0),
        score=np.array([0.0, 10.0, 10.0, 10.0, 6.0]),
        service=np.array([0.0, 60.0, 60.0, 60.0, 60.0]),
        windows=uniform_windows([0.0] * 5, [600.0] * 5, 1),
        tours=(Tour(0, 0, 0.0, 600.0, max_stops=2),),
        group=None if group is None else np.array(group),
        group_decay=decay if group is not None else (),
    )


def test_second_place_of_a_group_counts_half() -> None:
    solution = solve_toptw(_grouped([-1, 0, 0, 0, 1]), time_limit_s=1.0, max_no_improve=20)
    visited = set(solution.tours[0].vertices)
    assert 4 in visited and len(visited & {1, 2, 3}) == 1  # one of the three, then the other group
    assert solution.score == pytest.approx(16.0)
    assert check_solution(_grouped([-1, 0, 0, 0, 1]), solution) == []


def test_without_groups_the_value_adds_up() -> None:
    solution = solve_toptw(_grouped(None), time_limit_s=1.0, max_no_improve=20)
    assert set(solution.tours[0].vertices) <= {1, 2, 3} and solution.score == pytest.approx(20.0)


def test_third_place_of_a_group_counts_less_again() -> None:
    problem = replace(_grouped([-1, 0, 0, 0, 1]), tours=(Tour(0, 0, 0.0, 600.0, max_stops=4),))
    solution = solve_toptw(problem, time_limit_s=1.0, max_no_improve=20)
    assert solution.score == pytest.approx(10.0 + 5.0 + 2.5 + 6.0)
    assert check_solution(problem, solution) == []


def _flexible(close: float) -> Problem:
    """A flagship (score 10, 90-180 min) and a second place (score 8, 60-120 min), one-way 10/30 min."""
    return Problem(
        travel=_one_way(3, forward=10.0, backward=30.0),
        score=np.array([0.0, 10.0, 8.0]),
        service=np.array([0.0, 180.0, 120.0]),
        windows=uniform_windows([0.0] * 3, [close] * 3, 1),
        tours=(Tour(0, 0, 0.0, close),),
        service_min=np.array([0.0, 90.0, 60.0]),
        length_exponent=0.5,
    )


def _lengths(solution: Solution) -> dict[int, float]:
    return {stop.vertex: float(stop.length if stop.length is not None else -1) for stop in solution.tours[0].stops}


def test_a_visit_is_shortened_when_that_lets_a_better_place_in() -> None:
    """0-1-2-0 takes 10 + 10 + 30 = 50 min of travel: 250 min leave 200 for both visits, not 300."""
    problem = _flexible(250.0)
    solution = solve_toptw(problem, time_limit_s=1.0, max_no_improve=30)
    lengths = _lengths(solution)
    assert set(lengths) == {1, 2}
    assert 90.0 <= lengths[1] <= 180.0 and 60.0 <= lengths[2] <= 120.0 and lengths[1] + lengths[2] <= 200.0
    expected = 10.0 * (lengths[1] / 180.0) ** 0.5 + 8.0 * (lengths[2] / 120.0) ** 0.5
    assert solution.score == pytest.approx(expected) and expected > 10.0  # beats the flagship alone
    assert check_solution(problem, solution) == []


def test_a_visit_keeps_its_typical_length_when_there_is_time() -> None:
    solution = solve_toptw(_flexible(400.0), time_limit_s=1.0, max_no_improve=30)
    assert _lengths(solution) == {1: 180.0, 2: 120.0} and solution.score == pytest.approx(18.0)


def test_value_grows_less_than_linearly_with_the_visit() -> None:
    """Half the flagship visit keeps about 71 % of its value, so it beats nothing but loses to the full one."""
    problem = replace(_flexible(130.0), score=np.array([0.0, 10.0, 1.0]))  # only a shortened flagship fits
    solution = solve_toptw(problem, time_limit_s=1.0, max_no_improve=30)
    assert _lengths(solution) == {1: 90.0}
    assert solution.score == pytest.approx(10.0 * 0.5 ** 0.5)


def _brute_force_value(problem: Problem, steps: int) -> float:
    """Return the best value over every subset, order and visit length (one tour, one window each)."""
    tour, best = problem.tours[0], 0.0
    assert problem.service_min is not None and problem.group is not None
    choices = {v: visit_lengths(float(problem.service_min[v]), float(problem.service[v]), steps)
               for v in problem.candidates}
    for size in range(1, len(problem.candidates) + 1):
        for order in itertools.permutations(problem.candidates, size):
            for lengths in itertools.product(*(choices[v] for v in order)):
                place, time, ok = tour.start, tour.open, True
                for v, length in zip(order, lengths, strict=True):
                    (opens, closes), = problem.windows[0][v]
                    start = max(time + problem.travel[place, v], opens)
                    ok &= start <= closes + problem.service[v] - length
                    place, time = v, start + length
                if ok and time + problem.travel[place, tour.end] <= tour.close:
                    best = max(best, _value(problem, order, lengths))
    return best


def _value(problem: Problem, order: tuple[int, ...], lengths: tuple[float, ...]) -> float:
    assert problem.group is not None
    groups: dict[int, list[float]] = {}
    for v, length in zip(order, lengths, strict=True):
        worth = problem.score[v] * (length / problem.service[v]) ** problem.length_exponent
        groups.setdefault(int(problem.group[v]), []).append(float(worth))
    return sum(w * problem.group_decay[g] ** r for g, ws in groups.items() for r, w in enumerate(sorted(ws)[::-1]))


@pytest.mark.parametrize("seed", range(4))
def test_matches_brute_force_with_groups_and_flexible_visits(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 6
    points = rng.uniform(0, 40, size=(n, 2))
    distance = np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))
    travel = np.round(distance * np.where(np.arange(n)[:, None] < np.arange(n)[None, :], 1.0, 1.6), 1)
    service = np.concatenate([[0.0], rng.integers(6, 13, n - 1) * 10.0])
    opens = rng.integers(0, 200, n).astype(float)
    problem = Problem(
        travel=travel,
        score=np.concatenate([[0.0], rng.integers(2, 10, n - 1).astype(float)]),
        service=service,
        windows=uniform_windows(np.where(np.arange(n) == 0, 0.0, opens), [400.0] * n, 1),
        tours=(Tour(0, 0, 0.0, 400.0),),
        service_min=np.floor(service / 2),
        group=np.array([-1, 0, 0, 1, 1, 0]),
        group_decay=(0.5, 0.7),
    )
    solution = solve_toptw(problem, time_limit_s=5.0, seed=seed, max_no_improve=80)
    assert check_solution(problem, solution) == []
    assert solution.score == pytest.approx(_brute_force_value(problem, 3))


@pytest.fixture()
def shortened() -> tuple[Problem, Solution]:
    """The flexible case and a correct plan: the flagship for 130 min, the second place for 60."""
    problem = _flexible(250.0)
    stops = (Visit(1, 10.0, 10.0, 140.0, 130.0), Visit(2, 150.0, 150.0, 210.0, 60.0))
    value = 10.0 * (130.0 / 180.0) ** 0.5 + 8.0 * (60.0 / 120.0) ** 0.5
    return problem, Solution((TourPlan(stops, leave=0.0, back=240.0),), score=value)


def _restated(solution: Solution, index: int, **changes: float) -> Solution:
    plan = solution.tours[0]
    stops = list(plan.stops)
    stops[index] = replace(stops[index], **changes)
    return replace(solution, tours=(replace(plan, stops=tuple(stops)),))


def test_checker_accepts_a_correct_shortened_plan(shortened: tuple[Problem, Solution]) -> None:
    assert check_solution(*shortened) == []


@pytest.mark.parametrize(
    ("index", "changes", "expected"),
    [
        (0, {"length": 80.0, "depart": 90.0}, "outside its 90.0..180.0 visit"),  # shorter than the minimum
        (1, {"length": 130.0}, "outside its 60.0..120.0 visit"),  # longer than the typical visit
        (0, {"length": 180.0}, "before the visit ends"),  # claims the full visit, leaves after 130 min
    ],
)
def test_checker_rejects_wrong_visit_lengths(
    shortened: tuple[Problem, Solution], index: int, changes: dict[str, float], expected: str
) -> None:
    problem, solution = shortened
    errors = check_solution(problem, _restated(solution, index, **changes))
    assert any(expected in error for error in errors), errors


def test_checker_rejects_a_wrong_value(shortened: tuple[Problem, Solution]) -> None:
    problem, solution = shortened
    assert any("reported score" in e for e in check_solution(problem, replace(solution, score=18.0)))
    grouped = replace(problem, group=np.array([-1, 0, 0]), group_decay=(0.5,))
    errors = check_solution(grouped, solution)  # the second place of the group counts half
    assert any("reported score" in error for error in errors), errors
    halved = 10.0 * (130.0 / 180.0) ** 0.5 + 0.5 * 8.0 * (60.0 / 120.0) ** 0.5
    assert check_solution(grouped, replace(solution, score=halved)) == []


def test_checker_lets_a_shorter_visit_start_later_only_by_the_time_it_saves() -> None:
    """Windows are start windows of the typical visit: a 90 min visit of a 180 min place may start 90 min later."""
    problem = replace(_flexible(400.0), windows=(((((0.0, 400.0),), ((0.0, 100.0),), ((0.0, 400.0),))),))
    late = Solution((TourPlan((Visit(1, 10.0, 190.0, 280.0, 90.0),), leave=0.0, back=310.0),),
                    score=10.0 * 0.5 ** 0.5)
    assert check_solution(problem, late) == []
    too_late = _restated(late, 0, start=191.0, depart=281.0)
    assert any("outside" in error for error in check_solution(problem, replace(too_late, tours=(
        replace(too_late.tours[0], back=311.0),))))
