"""The independent checker rejects crafted infeasible plans and accepts correct ones."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.optimiser import (
    LunchBreak,
    Problem,
    Solution,
    Tour,
    TourPlan,
    Visit,
    check_solution,
    uniform_windows,
)


@pytest.fixture()
def problem() -> Problem:
    """Depot 0 and three places on a line, 10 minutes apart going out, 20 coming back (one-way streets).

    Day 480..1080, lunch 660..810 for 60.
    """
    position = np.array([0.0, 10.0, 20.0, 30.0])
    index = np.arange(4)
    travel = np.abs(position[:, None] - position[None, :]) * np.where(index[:, None] < index[None, :], 1.0, 2.0)
    day = ((480.0, 1080.0),)
    windows = (day, ((480.0, 690.0), (810.0, 1000.0)), day, ((900.0, 1000.0),))
    tour = Tour(start=0, end=0, open=480.0, close=1080.0, max_stops=3, lunch=LunchBreak(60.0, 660.0, 810.0))
    return Problem(
        travel=travel,
        score=np.array([0.0, 5.0, 7.0, 9.0]),
        service=np.array([0.0, 120.0, 90.0, 60.0]),
        windows=(windows,),
        tours=(tour,),
    )


@pytest.fixture()
def good() -> Solution:
    """A feasible plan: 1 at 08:10, lunch on arrival at 2 (11:00), 2 at 12:00, 3 at 15:00, back 60 min later."""
    stops = (
        Visit(1, 490.0, 490.0, 610.0),
        Visit(2, 620.0, 720.0, 810.0),
        Visit(3, 820.0, 900.0, 960.0),
    )
    plan = TourPlan(stops, leave=480.0, back=1020.0, lunch_start=660.0, lunch_after=0, lunch_vertex=2)
    return Solution((plan,), score=21.0)


def _with_stop(solution: Solution, index: int, **changes: float) -> Solution:
    plan = solution.tours[0]
    stops = list(plan.stops)
    stops[index] = replace(stops[index], **changes)
    return replace(solution, tours=(replace(plan, stops=tuple(stops)),))


def _with_plan(solution: Solution, **changes: object) -> Solution:
    return replace(solution, tours=(replace(solution.tours[0], **changes),))


def test_feasible_plan_passes(problem: Problem, good: Solution) -> None:
    assert check_solution(problem, good) == []


@pytest.mark.parametrize(
    ("index", "changes", "expected"),
    [
        (0, {"arrive": 485.0, "start": 485.0}, "cannot be there before 490"),
        (1, {"arrive": 600.0}, "cannot be there before 620"),
        (2, {"start": 850.0}, "outside"),  # vertex 3 opens at 15:00
        (0, {"depart": 600.0}, "before the visit ends at 610"),
        (1, {"start": 700.0, "arrive": 710.0}, "before arriving"),
    ],
)
def test_rejects_bad_stop_times(
    problem: Problem, good: Solution, index: int, changes: dict[str, float], expected: str
) -> None:
    errors = check_solution(problem, _with_stop(good, index, **changes))
    assert any(expected in error for error in errors), errors


def test_travel_is_read_from_each_stop_to_the_next() -> None:
    """Visiting 3 before 1 goes against the one-way streets: 3 -> 1 takes 40 minutes, not 20."""
    position = np.array([0.0, 10.0, 20.0, 30.0])
    index = np.arange(4)
    travel = np.abs(position[:, None] - position[None, :]) * np.where(index[:, None] < index[None, :], 1.0, 2.0)
    problem = Problem(travel, np.array([0.0, 1.0, 1.0, 1.0]), np.array([0.0, 30.0, 30.0, 30.0]),
                      uniform_windows([0.0] * 4, [600.0] * 4, 1), (Tour(0, 0, 0.0, 600.0),))
    right = Solution((TourPlan((Visit(3, 30.0, 30.0, 60.0), Visit(1, 100.0, 100.0, 130.0)), 0.0, 150.0),), 2.0)
    assert check_solution(problem, right) == []
    wrong = Solution((TourPlan((Visit(3, 30.0, 30.0, 60.0), Visit(1, 80.0, 80.0, 110.0)), 0.0, 130.0),), 2.0)
    assert any("cannot be there before 100" in e for e in check_solution(problem, wrong))
    back = Solution((TourPlan((Visit(3, 30.0, 30.0, 60.0), Visit(1, 100.0, 100.0, 130.0)), 0.0, 140.0),), 2.0)
    assert any("cannot be back before 150" in e for e in check_solution(problem, back))


def test_rejects_split_hours_gap(problem: Problem, good: Solution) -> None:
    """Vertex 1 is closed 11:30-13:30: a visit starting at 12:00 is out."""
    errors = check_solution(problem, _with_stop(good, 0, arrive=720.0, start=720.0, depart=840.0))
    assert any("outside" in error for error in errors)


def test_rejects_late_return_and_early_leave(problem: Problem, good: Solution) -> None:
    assert any("cannot be back" in e for e in check_solution(problem, _with_plan(good, back=980.0)))
    # 990 would be right if the way back took the 30 minutes of the way out
    assert any("cannot be back before 1020" in e for e in check_solution(problem, _with_plan(good, back=990.0)))
    late = _with_stop(good, 2, depart=1060.0)
    assert any("after the tour closes" in e for e in check_solution(problem, _with_plan(late, back=1090.0)))
    assert any("before the tour opens" in e for e in check_solution(problem, _with_plan(good, leave=470.0)))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"lunch_start": None, "lunch_after": None}, "has no lunch"),
        ({"lunch_start": 640.0}, "outside"),  # before 11:00
        ({"lunch_start": 700.0}, "does not fit"),  # overlaps the visit of 2 starting 12:00
        ({"lunch_vertex": 3}, "does not fit"),
        ({"lunch_after": 5}, "the tour has 3 stops"),
    ],
)
def test_rejects_bad_lunch(problem: Problem, good: Solution, changes: dict[str, object], expected: str) -> None:
    errors = check_solution(problem, _with_plan(good, **changes))
    assert any(expected in error for error in errors), errors


def test_rejects_duplicates_depots_and_wrong_score(problem: Problem, good: Solution) -> None:
    assert any("differs" in e for e in check_solution(problem, replace(good, score=30.0)))
    twice = _with_stop(good, 2, vertex=2, arrive=820.0, start=820.0, depart=910.0)
    assert any("more than once" in e for e in check_solution(problem, twice))
    depot = _with_stop(good, 2, vertex=0)
    assert any("not a candidate" in e for e in check_solution(problem, depot))


def test_rejects_too_many_stops(problem: Problem, good: Solution) -> None:
    limited = replace(problem, tours=(replace(problem.tours[0], max_stops=2),))
    assert any("at most 2" in e for e in check_solution(limited, good))


def test_lunch_during_a_visit_needs_a_long_enough_visit(problem: Problem, good: Solution) -> None:
    """Lunch 12:00-13:00 inside the 90-minute visit of place 2 (12:00-13:30)."""
    inside = _with_plan(good, lunch_start=720.0, lunch_after=1, lunch_vertex=2)
    assert any("does not fit" in error for error in check_solution(problem, inside))
    for limit, fits in ((90.0, True), (91.0, False)):
        tours = tuple(replace(tour, lunch=replace(tour.lunch, during_visit_min=limit)) for tour in problem.tours)
        on_site = replace(problem, tours=tours)
        assert (check_solution(on_site, inside) == []) is fits
