"""Rush hours: time bands, their speed factors, and travel times that keep FIFO order."""

from __future__ import annotations

import numpy as np
import pytest

import geodata
from geodata.errors import CraftRouteError
from planner import Router, compute_matrix, settings
from planner.routing.bands import band_index, band_names, clock_min, duration_at
from planner.routing.compact import CompactGraph


@pytest.mark.parametrize(("clock", "band"), [
    ("06:29", "evening"), ("06:30", "morning_peak"), ("08:59", "morning_peak"), ("09:00", "midday"),
    ("16:30", "evening_peak"), ("19:00", "evening"), ("23:59", "evening"), ("00:00", "evening"),
])
def test_bands_cover_the_day_and_the_last_runs_past_midnight(clock: str, band: str) -> None:
    assert band_names()[band_index(clock_min(clock))] == band


def test_the_default_departure_is_outside_the_peaks() -> None:
    assert "peak" not in band_names()[band_index(clock_min(settings.DEFAULT_DEPART))]


@pytest.mark.parametrize("text", ["24:00", "8am", "07:5", "", "-1:00", "07:60"])
def test_bad_departure_names_the_field(text: str) -> None:
    with pytest.raises(CraftRouteError, match="--depart: must be a time of day HH:MM"):
        clock_min(text, field="--depart")


def test_a_trip_running_into_a_band_covers_its_share_of_the_way_at_each_speed() -> None:
    # 30 min at morning-peak speed, 15 min at midday speed; leaving 08:50 (10 min before 09:00):
    # a third of the way in the peak, the other two thirds at midday speed (10 min).
    band_s = np.zeros(len(band_names()))
    band_s[band_names().index("morning_peak")] = 1800.0
    band_s[band_names().index("midday")] = 900.0
    assert duration_at(band_s, clock_min("08:50")) == pytest.approx(600 + 600)
    assert duration_at(band_s, clock_min("07:00")) == pytest.approx(1800)
    assert duration_at(band_s, clock_min("10:00")) == pytest.approx(900)


@pytest.mark.slow
def test_arrival_never_comes_earlier_for_a_later_departure(full_graph: CompactGraph) -> None:
    router = Router.from_compact(full_graph, mode="motorbike")
    locations = geodata.places_to_locations(geodata.load_places())[:30]
    matrix = compute_matrix(router, locations)
    assert matrix.bands is not None
    departures = np.arange(0, 24 * 60, 5.0)
    arrivals = np.stack([depart * 60 + matrix.at(depart).duration_s for depart in departures])
    assert (np.diff(arrivals, axis=0) >= -1e-6).all()
    # The peaks are slower and the matrix's main figures are the default departure's.
    peak, off_peak = matrix.at(clock_min("07:45")), matrix.at(clock_min("10:30"))
    routed = ~matrix.estimated & (matrix.duration_s > 0)  # not the diagonal nor places at one point
    assert (peak.duration_s[routed] > off_peak.duration_s[routed]).all()
    np.testing.assert_allclose(off_peak.duration_s, matrix.duration_s)


@pytest.mark.slow
def test_a_leg_in_the_morning_peak_takes_longer_and_says_so(full_graph: CompactGraph) -> None:
    router = Router.from_compact(full_graph, mode="motorbike")
    lake, van_phuc = (geodata.resolve_location(name) for name in ("hoan-kiem-lake", "van-phuc"))
    peak, off_peak = (router.leg(lake, van_phuc, depart_min=clock_min(t)) for t in ("07:45", "10:30"))
    assert peak.duration_s > 1.2 * off_peak.duration_s
    assert off_peak.duration_s == pytest.approx(router.leg(lake, van_phuc).duration_s)
    walk = Router.from_compact(full_graph, mode="walk")
    assert walk.leg(lake, van_phuc, depart_min=clock_min("07:45")).duration_s == pytest.approx(
        walk.leg(lake, van_phuc).duration_s)
