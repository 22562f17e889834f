"""Values by day (``day_score``): the solver puts a vertex on the day it is worth most; the checker agrees."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.optimiser import Problem, Tour, check_solution, solve_toptw, uniform_windows


def two_day_problem(*, day_score: np.ndarray | None, flexible: bool = False) -> Problem:
    """Depot 0 and three places 10 min apart; one stop a day for two days; place 1 is worth 10 on day 2."""
    travel = np.full((4, 4), 10.0) - 10.0 * np.eye(4)
    tour = Tour(start=0, end=0, open=480.0, close=1080.0, max_stops=1)
    return Problem(
        travel=travel,
        score=np.array([0.0, 5.0, 4.0, 3.0]),
        service=np.array([0.0, 60.0, 60.0, 60.0]),
        windows=uniform_windows([0.0] * 4, [1080.0] * 4, 2),
        tours=(tour, tour),
        service_min=np.array([0.0, 30.0, 30.0, 30.0]) if flexible else None,
        day_score=day_score,
    )


DAY_SCORE = np.array([[0.0, 5.0, 4.0, 3.0], [0.0, 10.0, 4.0, 3.0]])


@pytest.mark.parametrize("flexible", [False, True])
def test_the_vertex_goes_on_the_day_it_is_worth_most(flexible: bool) -> None:
    problem = two_day_problem(day_score=DAY_SCORE, flexible=flexible)
    solution = solve_toptw(problem, time_limit_s=0.5, seed=1, max_iterations=50)
    assert solution.tours[1].vertices == (1,)
    assert solution.tours[0].vertices == (2,)
    assert solution.score == pytest.approx(14.0)
    assert check_solution(problem, solution) == []


def test_without_day_values_the_same_problem_is_worth_less() -> None:
    solution = solve_toptw(two_day_problem(day_score=None), time_limit_s=0.5, seed=1, max_iterations=50)
    assert solution.score == pytest.approx(9.0)


def test_the_checker_values_each_stop_on_its_own_day() -> None:
    problem = two_day_problem(day_score=DAY_SCORE)
    solution = solve_toptw(problem, time_limit_s=0.5, seed=1, max_iterations=50)
    swapped = replace(solution, tours=(solution.tours[1], solution.tours[0]))  # place 1 on day 1: worth 5
    findings = check_solution(problem, swapped)
    assert any("differs from the visited score 9" in finding for finding in findings)


def test_a_bad_day_score_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="day_score"):
        two_day_problem(day_score=np.zeros((3, 4)))


def market_problem(*, opens: float) -> Problem:
    """Depot 0, a market 1 worth 10 only for a visit starting 480-500 (3 otherwise), a temple 2 worth 5.

    Travel is one-way: 0->1 takes 10 min but 1->0 20; 2->1 12 but 1->2 30.
    """
    travel = np.array([[0.0, 10.0, 15.0], [20.0, 0.0, 30.0], [5.0, 12.0, 0.0]])
    tour = Tour(start=0, end=0, open=opens, close=700.0)
    score = np.array([0.0, 3.0, 5.0])
    return Problem(
        travel=travel,
        score=score,
        service=np.array([0.0, 60.0, 60.0]),
        windows=uniform_windows([0.0] * 3, [700.0] * 3, 1),
        tours=(tour,),
        day_score=np.array([[0.0, 10.0, 5.0]]),
        day_score_windows={(0, 1): ((480.0, 500.0),)},
    )


def test_a_value_limited_to_hours_counts_only_within_them() -> None:
    early = market_problem(opens=480.0)
    solution = solve_toptw(early, time_limit_s=0.5, seed=1, max_iterations=50)
    assert solution.tours[0].vertices == (1, 2)  # the market first, while it is on
    assert solution.tours[0].stops[0].start == pytest.approx(490.0)
    assert solution.score == pytest.approx(15.0)
    assert check_solution(early, solution) == []
    late = market_problem(opens=495.0)  # arrives at 505: after the market's hours
    solution = solve_toptw(late, time_limit_s=0.5, seed=1, max_iterations=50)
    assert {stop.vertex for stop in solution.tours[0].stops} == {1, 2}
    assert solution.score == pytest.approx(8.0)
    assert check_solution(late, solution) == []


def test_the_checker_refuses_the_hours_value_for_a_visit_outside_them() -> None:
    problem = market_problem(opens=480.0)
    solution = solve_toptw(problem, time_limit_s=0.5, seed=1, max_iterations=50)
    moved = replace(problem, day_score_windows={(0, 1): ((600.0, 620.0),)})  # the market later that day
    findings = check_solution(moved, solution)
    assert any("differs from the visited score 8" in finding for finding in findings)


def test_hours_without_a_day_score_are_refused() -> None:
    problem = market_problem(opens=480.0)
    with pytest.raises(ValueError, match="day_score_windows"):
        replace(problem, day_score=None)
