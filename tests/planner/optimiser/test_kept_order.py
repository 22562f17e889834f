"""Kept vertices in the order the traveller gave (``Problem.kept_order``).

Travel is asymmetric (places on a ring road: clockwise 10 min a step, anticlockwise
25, as with one-way streets), so the solver's own order of a tour is the clockwise
one; a requested order that goes backwards must still win in every move: insertion,
replace, relocate, the flexible-visit variants and the final travel polish.
"""

from __future__ import annotations

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
    solve_toptw,
    uniform_windows,
)

N = 6  # the depot and five places on a ring


def _problem(*, lunch: bool = False, flexible: bool = False, opens: list[float] | None = None,
             closes: list[float] | None = None, n_tours: int = 1, **edits: object) -> Problem:
    """Depot 0 and places 1..5 on a ring, 10 min a step clockwise and 25 anticlockwise; 20 min visits."""
    index = np.arange(N)
    clockwise = (index[None, :] - index[:, None]) % N
    travel = np.minimum(10.0 * clockwise, 25.0 * ((N - clockwise) % N)).astype(float)
    opens = opens if opens is not None else [0.0] * N
    closes = closes if closes is not None else [480.0] * N
    break_ = LunchBreak(30.0, 120.0, 240.0) if lunch else None
    tour = Tour(start=0, end=0, open=0.0, close=480.0, lunch=break_)
    return Problem(
        travel=travel,
        score=np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0]),
        service=np.full(N, 20.0),
        windows=uniform_windows(opens, closes, n_tours),
        tours=tuple(tour for _ in range(n_tours)),
        service_min=np.full(N, 10.0) if flexible else None,
        **edits,  # type: ignore[arg-type]
    )


def _route(solution: Solution, k: int = 0) -> list[int]:
    return [stop.vertex for stop in solution.tours[k].stops]


def test_without_an_order_the_solver_goes_forward() -> None:
    solution = solve_toptw(_problem(kept={2: 0, 4: 0}), max_iterations=30, seed=1)
    assert _route(solution) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(("lunch", "flexible"), [(False, False), (True, False), (False, True), (True, True)])
def test_kept_vertices_follow_the_requested_order(lunch: bool, flexible: bool) -> None:
    problem = _problem(lunch=lunch, flexible=flexible, kept={2: 0, 4: 0}, kept_order={4: 1, 2: 2})
    solution = solve_toptw(problem, max_iterations=30, seed=1)
    route = _route(solution)
    assert route.index(4) < route.index(2)
    assert check_solution(problem, solution) == []
    assert len(route) == len(set(route))  # each visit once, and its value once
    assert solution.score == pytest.approx(_distinct_value(problem, solution))


def _distinct_value(problem: Problem, solution: Solution) -> float:
    """Return the score of the distinct visited vertices, each visit's length scaled."""
    total = 0.0
    for plan in solution.tours:
        for stop in plan.stops:
            length = problem.service[stop.vertex] if stop.length is None else stop.length
            total += problem.score[stop.vertex] * (length / problem.service[stop.vertex]) ** problem.length_exponent
    return float(total)


def test_three_ranked_vertices_and_free_ones_between_them() -> None:
    problem = _problem(kept={1: 0, 3: 0, 5: 0}, kept_order={5: 1, 3: 2, 1: 3})
    solution = solve_toptw(problem, max_iterations=30, seed=2)
    route = _route(solution)
    assert [v for v in route if v in (1, 3, 5)] == [5, 3, 1]
    assert {2, 4} <= set(route)  # the others are still planned around them
    assert check_solution(problem, solution) == []


def test_ranked_vertices_on_two_tours_keep_each_tour_s_order() -> None:
    problem = _problem(n_tours=2, kept={1: 0, 2: 0, 3: 1, 4: 1}, kept_order={2: 1, 1: 2, 4: 1, 3: 2})
    solution = solve_toptw(problem, max_iterations=30, seed=3)
    assert [v for v in _route(solution, 0) if v in (1, 2)] == [2, 1]
    assert [v for v in _route(solution, 1) if v in (3, 4)] == [4, 3]
    assert check_solution(problem, solution) == []


def test_an_order_the_hours_forbid_leaves_a_kept_vertex_out() -> None:
    # 1 opens at 300, 4 closes at 100: "1 before 4" cannot be kept
    opens, closes = [0.0, 300.0, 0.0, 0.0, 0.0, 0.0], [480.0, 400.0, 480.0, 480.0, 100.0, 480.0]
    problem = _problem(opens=opens, closes=closes, kept={1: 0, 4: 0}, kept_order={1: 1, 4: 2})
    solution = solve_toptw(problem, max_iterations=30, seed=1)
    assert set(solution.missing_mandatory) & {1, 4}
    assert all("order" not in error for error in check_solution(problem, solution))
    # the other order fits
    fits = _problem(opens=opens, closes=closes, kept={1: 0, 4: 0}, kept_order={4: 1, 1: 2})
    assert solve_toptw(fits, max_iterations=30, seed=1).missing_mandatory == ()


def test_a_rank_for_a_vertex_that_is_not_kept_is_refused() -> None:
    with pytest.raises(ValueError, match="`kept_order` vertices must be kept vertices, got \\[3\\]"):
        _problem(kept={2: 0}, kept_order={2: 1, 3: 2})


def _forward_solution(route: list[int]) -> Solution:
    """Return the earliest schedule of ``route`` on the ring (full visits, no lunch)."""
    travel = _problem().travel
    stops, place, clock = [], 0, 0.0
    for vertex in route:
        arrive = clock + travel[place, vertex]
        stops.append(Visit(vertex, arrive, arrive, arrive + 20.0))
        place, clock = vertex, arrive + 20.0
    back = clock + travel[place, 0]
    return Solution((TourPlan(tuple(stops), leave=0.0, back=back),), score=float(sum(route)))


def test_checker_rejects_ranked_vertices_out_of_order() -> None:
    problem = _problem(kept={2: 0, 4: 0}, kept_order={4: 1, 2: 2})
    assert check_solution(problem, _forward_solution([4, 2, 3])) == []
    errors = check_solution(problem, _forward_solution([2, 3, 4]))
    assert errors == ["tour 0: kept vertex 2 (order 2) is visited before kept vertex 4 (order 1)"]


def test_checker_ignores_the_order_of_unranked_kept_vertices() -> None:
    problem = _problem(kept={2: 0, 4: 0, 5: 0}, kept_order={4: 1, 2: 2})
    assert check_solution(problem, _forward_solution([4, 5, 2])) == []
    assert check_solution(problem, _forward_solution([5, 4, 2])) == []
