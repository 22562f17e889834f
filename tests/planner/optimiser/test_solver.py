"""The TOPTW solver: optimal on brute-forceable cases, feasible, must-visit aware, repeatable.

Random cases use asymmetric travel times (one-way streets), so that reading a travel
time in the wrong direction anywhere in the solver fails the brute-force comparisons.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from planner.optimiser import (
    LunchBreak,
    Problem,
    Tour,
    check_solution,
    solve_toptw,
    uniform_windows,
)
from planner.optimiser.instances import parse_toptw_instance


def _random_problem(seed: int, *, n_customers: int, n_tours: int, split_hours: bool, lunch: bool,
                    lunch_on_site_min: float | None = None) -> Problem:
    """A random instance on a 60 x 60 square (minutes) with a 480..1080 day.

    Travel is asymmetric, as on real roads with one-way streets: going from a vertex to
    a lower-numbered one takes 1.5 times as long as the other way, so reading a travel
    time in the wrong direction gives wrong schedules. ``lunch_on_site_min``: visits at
    least this long may host the lunch break.
    """
    rng = np.random.default_rng(seed)
    points = rng.uniform(0, 60, size=(n_customers + 1, 2))
    distance = np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))
    index = np.arange(n_customers + 1)
    travel = np.round(distance * np.where(index[:, None] < index[None, :], 1.0, 1.5), 1)
    service = np.concatenate([[0.0], rng.integers(30, 120, n_customers).astype(float)])
    score = np.concatenate([[0.0], rng.integers(1, 10, n_customers).astype(float)])
    windows = []
    for _ in range(n_tours):
        per_vertex = [((480.0, 1080.0),)]
        for _ in range(n_customers):
            opens = float(rng.integers(480, 900))
            if split_hours and rng.random() < 0.5:
                per_vertex.append(((opens, opens + 90.0), (opens + 180.0, opens + 300.0)))
            else:
                per_vertex.append(((opens, opens + float(rng.integers(60, 300))),))
        windows.append(tuple(per_vertex))
    break_ = LunchBreak(60.0, 660.0, 810.0, lunch_on_site_min) if lunch else None
    tour = Tour(start=0, end=0, open=480.0, close=1080.0, lunch=break_)
    return Problem(travel, score, service, tuple(windows), tuple(tour for _ in range(n_tours)))


def _earliest_end(problem: Problem, k: int, order: tuple[int, ...]) -> bool:
    """Return whether ``order`` fits tour ``k``, trying lunch in every gap, eaten on either side or on site."""
    tour = problem.tours[k]
    gaps = [None] if tour.lunch is None else [(g, side) for g in range(len(order) + 1) for side in (0, 1, 2)]
    for gap in gaps:
        place, time, lunched = tour.start, tour.open, tour.lunch is None
        feasible = True
        for i, vertex in enumerate([*order, tour.end]):
            travel = problem.travel[place, vertex]
            if gap is not None and gap[0] == i and gap[1] == 2:  # during the visit just made, if long enough
                on_site = tour.lunch.during_visit_min
                visit_start = time - problem.service[place]
                begin = max(visit_start, tour.lunch.earliest_start)
                feasible &= on_site is not None and i > 0 and problem.service[place] >= on_site
                feasible &= begin <= tour.lunch.latest_start and begin + tour.lunch.duration <= time
                time += travel
                lunched = True
            elif gap is not None and gap[0] == i:
                if gap[1] == 0:  # eat where we are, then travel
                    time = max(time, tour.lunch.earliest_start)
                    feasible &= time <= tour.lunch.latest_start
                    time += tour.lunch.duration + travel
                else:  # travel, then eat on arrival
                    time = max(time + travel, tour.lunch.earliest_start)
                    feasible &= time <= tour.lunch.latest_start
                    time += tour.lunch.duration
                lunched = True
            else:
                time += travel
            if vertex == tour.end and i == len(order):
                feasible &= time <= tour.close
                break
            starts = [max(time, o) for o, c in problem.windows[k][vertex] if time <= c]
            if not starts:
                feasible = False
                break
            time = starts[0] + problem.service[vertex]
            place = vertex
        if feasible and lunched:
            return True
    return False


def _feasible_sets(problem: Problem, k: int) -> dict[frozenset[int], float]:
    """Return every set of candidates some order of which fits tour ``k``, with its score."""
    customers = problem.candidates
    feasible: dict[frozenset[int], float] = {frozenset(): 0.0}
    for size in range(1, len(customers) + 1):
        for subset in itertools.combinations(customers, size):
            if any(frozenset(s) not in feasible for s in itertools.combinations(subset, size - 1)):
                continue  # a subset of a feasible set is feasible, so prune
            if any(_earliest_end(problem, k, order) for order in itertools.permutations(subset)):
                feasible[frozenset(subset)] = float(sum(problem.score[v] for v in subset))
    return feasible


def _brute_force_best(problem: Problem) -> float:
    """Return the optimal score by enumerating every subset and order, one or two tours."""
    per_tour = [list(_feasible_sets(problem, k).items()) for k in range(len(problem.tours))]
    if len(per_tour) == 1:
        return max(value for _, value in per_tour[0])
    return max(va + vb for (a, va), (b, vb) in itertools.product(*per_tour) if not a & b)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    ("n_tours", "split_hours", "lunch"), [(1, False, False), (2, False, False), (1, True, True), (2, True, True)]
)
def test_matches_brute_force_optimum(seed: int, n_tours: int, split_hours: bool, lunch: bool) -> None:
    problem = _random_problem(seed, n_customers=7, n_tours=n_tours, split_hours=split_hours, lunch=lunch)
    solution = solve_toptw(problem, time_limit_s=5.0, seed=seed, max_no_improve=150)
    assert check_solution(problem, solution) == []
    assert solution.score == pytest.approx(_brute_force_best(problem))


@pytest.mark.parametrize("seed", range(6))
def test_lunch_on_site_matches_brute_force_optimum(seed: int) -> None:
    problem = _random_problem(seed, n_customers=7, n_tours=1, split_hours=True, lunch=True, lunch_on_site_min=90.0)
    solution = solve_toptw(problem, time_limit_s=5.0, seed=seed, max_no_improve=150)
    assert check_solution(problem, solution) == []
    assert solution.score == pytest.approx(_brute_force_best(problem))


def test_long_visit_hosts_lunch_only_when_allowed() -> None:
    """A 300-minute visit over midday fits a 08:00-14:00 day only with lunch on site."""
    travel = np.array([[0.0, 30.0], [30.0, 0.0]])
    windows = (((((480.0, 840.0),), ((480.0, 600.0),))),)
    def problem(on_site: float | None) -> Problem:
        tour = Tour(start=0, end=0, open=480.0, close=840.0, lunch=LunchBreak(60.0, 660.0, 780.0, on_site))
        return Problem(travel, np.array([0.0, 5.0]), np.array([0.0, 300.0]), windows, (tour,))
    assert solve_toptw(problem(None), time_limit_s=1.0).score == 0.0
    for limit, expected in ((240.0, 5.0), (301.0, 0.0)):
        solution = solve_toptw(problem(limit), time_limit_s=1.0)
        assert check_solution(problem(limit), solution) == [] and solution.score == expected
    solution = solve_toptw(problem(240.0), time_limit_s=1.0)
    plan = solution.tours[0]
    assert plan.lunch_vertex == 1 and plan.stops[0].start <= plan.lunch_start
    assert plan.lunch_start + 60.0 <= plan.stops[0].depart


def test_must_visit_is_included_even_when_it_costs_score() -> None:
    """A far, low-scoring place crowds out two good ones, but it is a must."""
    travel = np.array(
        [[0, 10, 10, 200], [10, 0, 5, 200], [10, 5, 0, 200], [200, 200, 200, 0]], dtype=float
    )
    problem = Problem(
        travel=travel,
        score=np.array([0.0, 10.0, 10.0, 1.0]),
        service=np.array([0.0, 100.0, 100.0, 30.0]),
        windows=uniform_windows([0] * 4, [600] * 4, 1),
        tours=(Tour(0, 0, 0.0, 600.0),),
        mandatory=frozenset({3}),
    )
    free = solve_toptw(replace_mandatory(problem, frozenset()), time_limit_s=1.0, max_no_improve=30)
    assert free.tours[0].vertices and 3 not in free.tours[0].vertices
    forced = solve_toptw(problem, time_limit_s=1.0, max_no_improve=30)
    assert 3 in forced.tours[0].vertices and forced.missing_mandatory == ()
    assert check_solution(problem, forced) == []


def test_impossible_must_visit_is_reported() -> None:
    """A place closed all day cannot be visited; it is reported, the rest is still planned."""
    windows = (((0.0, 600.0),), ((0.0, 600.0),), ())
    problem = Problem(
        travel=np.array([[0, 10, 10], [10, 0, 10], [10, 10, 0]], dtype=float),
        score=np.array([0.0, 5.0, 5.0]),
        service=np.array([0.0, 30.0, 30.0]),
        windows=(windows,),
        tours=(Tour(0, 0, 0.0, 600.0),),
        mandatory=frozenset({2}),
    )
    solution = solve_toptw(problem, time_limit_s=1.0, max_no_improve=10)
    assert solution.missing_mandatory == (2,)
    assert solution.tours[0].vertices == (1,)


def test_must_visits_are_placed_when_the_cheapest_first_order_fails() -> None:
    """B is cheaper and takes day 0, where A must also be (A is closed on day 1): only A-first fits both."""
    travel = np.array([[0, 10, 5], [10, 0, 12], [5, 12, 0]], dtype=float)
    day0 = (((0.0, 100.0),), ((10.0, 10.0),), ((10.0, 10.0),))
    day1 = (((0.0, 100.0),), (), ((10.0, 10.0),))
    problem = Problem(
        travel=travel,
        score=np.array([0.0, 1.0, 1.0]),
        service=np.array([0.0, 10.0, 10.0]),
        windows=(day0, day1),
        tours=(Tour(0, 0, 0.0, 100.0), Tour(0, 0, 0.0, 100.0)),
        mandatory=frozenset({1, 2}),
    )
    solution = solve_toptw(problem, time_limit_s=1.0, max_no_improve=5)
    assert [tour.vertices for tour in solution.tours] == [(1,), (2,)]
    assert solution.missing_mandatory == () and check_solution(problem, solution) == []


def replace_mandatory(problem: Problem, mandatory: frozenset[int]) -> Problem:
    return Problem(problem.travel, problem.score, problem.service, problem.windows, problem.tours, mandatory)


def test_same_seed_same_answer() -> None:
    problem = _random_problem(11, n_customers=30, n_tours=3, split_hours=True, lunch=True)
    runs = [solve_toptw(problem, time_limit_s=30.0, seed=4, max_iterations=25) for _ in range(2)]
    assert [t.vertices for t in runs[0].tours] == [t.vertices for t in runs[1].tours]
    assert runs[0].iterations == 25
    assert check_solution(problem, runs[0]) == []


def test_max_stops_per_tour() -> None:
    problem = _random_problem(3, n_customers=12, n_tours=2, split_hours=False, lunch=False)
    limited = Problem(
        problem.travel, problem.score, problem.service, problem.windows,
        tuple(Tour(0, 0, 480.0, 1080.0, max_stops=2) for _ in range(2)),
    )
    solution = solve_toptw(limited, time_limit_s=1.0, max_no_improve=30)
    assert all(len(tour.stops) <= 2 for tour in solution.tours)
    assert sum(len(tour.stops) for tour in solution.tours) == 4
    assert check_solution(limited, solution) == []


def _benchmark_dir(shared_data_dir: Path) -> Path:
    folder = shared_data_dir.parent / "bench" / "toptw" / "c_r_rc_100_50"
    if not folder.is_dir():
        pytest.skip(f"benchmark instances not found in {folder}")
    return folder


@pytest.mark.parametrize("name", ["50_c101", "50_r102", "50_rc105"])
def test_published_instances_give_checked_answers(shared_data_dir: Path, name: str) -> None:
    text = (_benchmark_dir(shared_data_dir) / f"{name}.txt").read_text(encoding="utf-8")
    for n_tours in (1, 3):
        problem = parse_toptw_instance(text, n_tours=n_tours)
        solution = solve_toptw(problem, time_limit_s=0.3, seed=1)
        assert check_solution(problem, solution) == []
        assert len(solution.tours) == n_tours and solution.score > 0
        visited = {v for tour in solution.tours for v in tour.vertices}
        assert set(solution.unvisited) == set(problem.candidates) - visited


@pytest.mark.parametrize("seed", range(8))
def test_tours_take_no_detour_a_reorder_would_avoid(seed: int) -> None:
    """Among orders of the chosen visits, no reversal or move of one visit is feasible with less travel."""
    from planner.optimiser._general_routes import schedule_route
    from planner.optimiser._polish import _neighbours, route_travel

    problem = _random_problem(seed, n_customers=12, n_tours=2, split_hours=seed % 2 == 1, lunch=seed % 2 == 1)
    solution = solve_toptw(problem, time_limit_s=2.0, seed=seed, max_no_improve=40)
    assert check_solution(problem, solution) == []
    for k, plan in enumerate(solution.tours):
        route = list(plan.vertices)
        travel = route_travel(problem, k, route)
        shorter = [trial for trial in _neighbours(route) if route_travel(problem, k, trial) < travel - 1e-9]
        assert all(schedule_route(problem, k, trial) is None for trial in shorter), (k, route)
