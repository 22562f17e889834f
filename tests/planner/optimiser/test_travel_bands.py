"""Time-dependent travel: the solver plans with the band of each departure, the checker times legs alike."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.optimiser import LunchBreak, Problem, Tour, check_solution, schedule_route, solve_toptw, uniform_windows
from planner.optimiser.checker import earliest_arrival
from planner.optimiser.travel import TravelBands, band_arrival, band_departure

#: A morning peak 06:30-09:00, then off-peak until the next morning (minutes after midnight).
STARTS = (390.0, 540.0)


@pytest.fixture()
def banded() -> Problem:
    """Depot 0, the workshop 1 (must start by 07:20), the market 2 (all day), the temple 3 (from 08:00).

    One-way streets make travel asymmetric: out to the workshop 30 min in the peak, 10
    off-peak; back 20 both ways. The day runs 07:00-12:00. Off-peak times reach the
    workshop at 07:10, in time; in the peak, leaving at 07:00 arrives at 07:30, too late,
    so the plan must change.
    """
    off_peak = np.array([
        [0, 10, 15, 12],
        [20, 0, 8, 9],
        [15, 8, 0, 5],
        [12, 9, 5, 0],
    ], dtype=float)
    peak = off_peak * np.array([
        [1, 3, 2, 3],
        [1, 1, 3, 3],
        [2, 3, 1, 2],
        [3, 3, 2, 1],
    ])
    windows = uniform_windows([0, 420, 420, 480], [1440, 440, 700, 700], 1)
    return Problem(
        travel=off_peak,
        score=np.array([0.0, 10.0, 4.0, 6.0]),
        service=np.array([0.0, 40.0, 30.0, 45.0]),
        windows=windows,
        tours=(Tour(start=0, end=0, open=420.0, close=720.0),),
        bands=TravelBands(np.stack([peak, off_peak]), STARTS),
    )


def test_arrival_never_comes_earlier_for_a_later_departure_and_inverts() -> None:
    rng = np.random.default_rng(7)
    duration = rng.uniform(0.0, 400.0, (2, 200))
    departures = np.arange(0.0, 2 * 1440.0, 2.5)
    arrivals = np.stack([band_arrival(duration, np.array(STARTS), 1440.0, t) for t in departures])
    assert (np.diff(arrivals, axis=0) >= -1e-9).all()
    for t, arrive in zip(departures[::40], arrivals[::40], strict=True):
        np.testing.assert_allclose(band_departure(duration, np.array(STARTS), 1440.0, arrive), t, atol=1e-6)


def test_a_trip_into_the_off_peak_runs_its_remaining_share_faster(banded: Problem) -> None:
    # 0 -> 1 leaving 08:50: 10 min in the peak cover a third of the way (30 min pace),
    # the other two thirds at 10 min pace take 6.67 min: arrival 09:06:40, rounded up.
    assert earliest_arrival(banded, 0, 1, 530.0) == 547.0
    assert earliest_arrival(banded, 0, 1, 420.0) == 450.0
    assert earliest_arrival(banded, 0, 1, 600.0) == 610.0
    assert banded.clock.arrive_one(0, 1, 530.0) == 547.0


def test_the_peak_changes_the_plan_and_each_plan_passes_its_own_check(banded: Problem) -> None:
    off_peak_only = replace(banded, bands=None)
    naive = solve_toptw(off_peak_only, time_limit_s=0.3, seed=1)
    timed = solve_toptw(banded, time_limit_s=0.3, seed=1)
    assert check_solution(off_peak_only, naive) == []
    assert check_solution(banded, timed) == []
    assert 1 in naive.tours[0].vertices and 1 not in timed.tours[0].vertices
    assert timed.tours[0].vertices
    # the first leg leaves in the peak: its arrival is the peak's, not the off-peak one
    first = timed.tours[0].stops[0]
    assert first.arrive == earliest_arrival(banded, 0, first.vertex, timed.tours[0].leave)
    assert first.arrive - timed.tours[0].leave > banded.travel[0, first.vertex]


def test_the_checker_rejects_a_plan_timed_with_the_off_peak_band(banded: Problem) -> None:
    naive = solve_toptw(replace(banded, bands=None), time_limit_s=0.3, seed=1)
    errors = check_solution(banded, naive)
    assert errors
    assert any("cannot be there before" in error or "outside" in error for error in errors)


def test_a_later_departure_reaches_the_first_stop_sooner_after_leaving(banded: Problem) -> None:
    early = schedule_route(banded, 0, [2])
    late_tour = replace(banded.tours[0], open=560.0)
    late = schedule_route(replace(banded, tours=(late_tour,)), 0, [2])
    assert early is not None and late is not None
    assert early.stops[0].arrive - early.leave == 30.0  # 15 min off-peak, doubled in the peak
    assert late.stops[0].arrive - late.leave == 15.0


def test_lunch_and_split_windows_use_the_bands_too(banded: Problem) -> None:
    windows = list(banded.windows[0])
    windows[3] = ((480.0, 520.0), (600.0, 700.0))
    lunch = LunchBreak(30.0, 600.0, 660.0)
    problem = replace(banded, windows=(tuple(windows),), tours=(replace(banded.tours[0], lunch=lunch),))
    solution = solve_toptw(problem, time_limit_s=0.3, seed=2)
    assert check_solution(problem, solution) == []
    assert solution.tours[0].lunch_start is not None


def test_bands_must_match_the_matrix(banded: Problem) -> None:
    assert banded.bands is not None
    with pytest.raises(ValueError, match="bands.duration"):
        replace(banded, bands=TravelBands(banded.bands.duration[:, :3, :3], STARTS))
    with pytest.raises(ValueError, match="starts"):
        TravelBands(banded.bands.duration, (540.0, 390.0))


def random_banded(seed: int, n: int = 12) -> Problem:
    """Return a random asymmetric instance with a slow peak, a fast evening and tight windows."""
    rng = np.random.default_rng(seed)
    base = rng.integers(5, 40, (n, n)).astype(float)
    np.fill_diagonal(base, 0.0)
    slices = np.stack([np.ceil(base * rng.uniform(1.0, 2.5, (n, n))), base, np.ceil(base * 0.8)])
    for piece in slices:
        np.fill_diagonal(piece, 0.0)
    opens = rng.integers(400, 800, n).astype(float)
    opens[0] = 0.0
    closes = opens + rng.integers(20, 200, n)
    closes[0] = 1440.0
    return Problem(
        travel=base, score=rng.integers(1, 10, n).astype(float), service=rng.integers(10, 60, n).astype(float),
        windows=uniform_windows(opens, closes, 2),
        tours=(Tour(0, 0, 420.0, 1000.0), Tour(0, 0, 500.0, 1100.0)),
        bands=TravelBands(slices, (390.0, 540.0, 990.0)),
    )


@pytest.mark.parametrize("seed", range(8))
def test_insertion_tests_agree_with_rescheduling_under_bands(seed: int) -> None:
    from planner.optimiser._general_routes import GeneralRoutes

    problem = random_banded(seed)
    routes = GeneralRoutes(problem)
    solution = solve_toptw(problem, time_limit_s=0.2, seed=seed)
    assert check_solution(problem, solution) == []
    routes.set_routes([list(plan.vertices) for plan in solution.tours])
    candidates = np.array(problem.candidates, dtype=np.intp)
    for k, route in enumerate(routes.routes):
        _, feasible = routes.insertion_table(k, candidates)
        for row, vertex in enumerate(candidates):
            for position in range(len(route) + 1):
                trial = route[:position] + [int(vertex)] + route[position:]
                assert feasible[row, position] == (schedule_route(problem, k, trial) is not None), (k, vertex, position)
