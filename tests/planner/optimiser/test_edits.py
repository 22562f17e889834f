"""The traveller's edits of a plan: excluded, kept (on a day) and only-these vertices.

The solver must honour them in every move, and the independent checker must reject a
solution that breaks one, whatever the solver did.
"""

from __future__ import annotations

import numpy as np
import pytest

from planner.optimiser import Problem, Solution, Tour, TourPlan, Visit, check_solution, solve_toptw, uniform_windows


def _problem(**edits: object) -> Problem:
    """Depot 0 and six places on a line 10 min apart; two days 0..300, two stops a day, all open."""
    position = np.arange(7) * 10.0
    travel = np.abs(position[:, None] - position[None, :])
    n = len(position)
    tours = tuple(Tour(start=0, end=0, open=0.0, close=300.0, max_stops=2) for _ in range(2))
    return Problem(
        travel=travel,
        score=np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
        service=np.full(n, 30.0),
        windows=uniform_windows([0.0] * n, [300.0] * n, 2),
        tours=tours,
        **edits,  # type: ignore[arg-type]
    )


def _visited(solution: Solution) -> dict[int, int]:
    return {stop.vertex: k for k, plan in enumerate(solution.tours) for stop in plan.stops}


def test_without_edits_the_best_four_are_visited() -> None:
    solution = solve_toptw(_problem(), max_iterations=50, seed=1)
    assert set(_visited(solution)) == {3, 4, 5, 6}


def test_excluded_vertex_is_never_visited() -> None:
    problem = _problem(excluded=frozenset({6}))
    solution = solve_toptw(problem, max_iterations=50, seed=1)
    assert 6 not in _visited(solution)
    assert set(_visited(solution)) == {2, 3, 4, 5}
    assert check_solution(problem, solution) == []


@pytest.mark.parametrize("tour", [0, 1])
def test_kept_vertex_is_on_its_tour(tour: int) -> None:
    problem = _problem(kept={1: tour})
    solution = solve_toptw(problem, max_iterations=50, seed=1)
    visited = _visited(solution)
    assert visited[1] == tour
    assert check_solution(problem, solution) == []


def test_kept_vertices_fill_a_day_and_stay_there() -> None:
    problem = _problem(kept={1: 1, 2: 1})
    solution = solve_toptw(problem, max_iterations=50, seed=3)
    assert sorted(stop.vertex for stop in solution.tours[1].stops) == [1, 2]
    assert check_solution(problem, solution) == []


def test_flexible_kept_vertex_stays_on_its_tour() -> None:
    problem = _problem(kept={2: 1}, service_min=np.full(7, 10.0))
    solution = solve_toptw(problem, max_iterations=50, seed=2)
    assert _visited(solution)[2] == 1
    assert check_solution(problem, solution) == []


def test_only_visits_nothing_beyond_must_and_kept() -> None:
    problem = _problem(only=True, mandatory=frozenset({1}), kept={2: 1})
    solution = solve_toptw(problem, max_iterations=50, seed=1)
    assert _visited(solution) == {1: _visited(solution)[1], 2: 1}
    assert set(problem.candidates) == {1, 2}
    assert check_solution(problem, solution) == []


def test_kept_and_excluded_together_are_refused() -> None:
    with pytest.raises(ValueError, match="both kept and excluded"):
        _problem(kept={3: 0}, excluded=frozenset({3}))


def test_kept_tour_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="`kept` tours must be 0..1"):
        _problem(kept={3: 2})


# the checker, on hand-made solutions


def _solution(day0: list[int], day1: list[int]) -> Solution:
    """Return a feasible-in-time solution visiting ``day0`` then ``day1`` in order (30 min visits)."""
    plans = []
    for route in (day0, day1):
        stops, place, clock = [], 0, 0.0
        for vertex in route:
            arrive = clock + abs(vertex - place) * 10.0
            stops.append(Visit(vertex, arrive, arrive, arrive + 30.0))
            place, clock = vertex, arrive + 30.0
        plans.append(TourPlan(tuple(stops), leave=0.0, back=clock + place * 10.0))
    score = float(sum(day0) + sum(day1))
    return Solution(tuple(plans), score=score)


def test_checker_accepts_a_solution_within_the_edits() -> None:
    problem = _problem(excluded=frozenset({6}), kept={1: 1})
    assert check_solution(problem, _solution([4, 5], [1, 3])) == []


def test_checker_rejects_an_excluded_visit() -> None:
    problem = _problem(excluded=frozenset({6}))
    errors = check_solution(problem, _solution([5, 6], [3, 4]))
    assert any("vertex 6 is excluded but visited" in error for error in errors)


def test_checker_rejects_a_kept_vertex_on_another_tour() -> None:
    problem = _problem(kept={1: 1})
    errors = check_solution(problem, _solution([1, 6], [4, 5]))
    assert errors == ["kept vertex 1 is on tour 0, not on its tour 1"]


def test_checker_rejects_a_dropped_kept_vertex() -> None:
    problem = _problem(kept={1: 0})
    errors = check_solution(problem, _solution([5, 6], [3, 4]))
    assert errors == ["kept vertex 1 is not visited (it must be on tour 0)"]


def test_checker_rejects_a_visit_beyond_only() -> None:
    problem = _problem(only=True, mandatory=frozenset({2}), kept={1: 1})
    errors = check_solution(problem, _solution([2, 6], [1]))
    assert any("vertex 6 is visited, but only chosen ones may be" in error for error in errors)
    # the same solution is fine once 6 is no longer out of bounds
    assert check_solution(_problem(mandatory=frozenset({2}), kept={1: 1}), _solution([2, 6], [1])) == []
