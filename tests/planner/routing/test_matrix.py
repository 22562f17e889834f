"""The cached places matrix and cheap ad-hoc additions to it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import geodata
from geodata.location import Location
from planner import Router
from planner.routing.assemble import close_triangles
from planner.routing.compact import CompactGraph
from planner.routing.matrix import cached_matrix, compute_matrix, matrix_with_cache, travel_matrix

# Inputs: points in central Hanoi (inside the test clip) and one village outside it.
PLACES = [
    Location("hoan-kiem-lake", "Hồ Hoàn Kiếm", 21.0287, 105.8524, "destination"),
    Location("dong-xuan", "Chợ Đồng Xuân", 21.0382, 105.8495, "destination"),
    Location("opera-house", "Nhà hát Lớn", 21.0245, 105.8575, "destination"),
    Location("van-phuc", "Vạn Phúc", 20.9803, 105.7720, "village"),
]
HOTEL = Location("pt-21.03300-105.85000", "hotel", 21.0330, 105.8500)


@pytest.fixture(scope="module")
def router(clip_graph: CompactGraph) -> Router:
    return Router.from_compact(clip_graph, mode="motorbike")


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("matrix-*.npz"))


def test_cached_matrix_is_stored_and_reused(router: Router, tmp_path: Path) -> None:
    first = cached_matrix(router, PLACES, cache_dir=tmp_path)
    [stored] = cache_files(tmp_path)
    stamp = stored.stat().st_mtime_ns
    second = cached_matrix(router, PLACES, cache_dir=tmp_path)
    assert stored.stat().st_mtime_ns == stamp
    assert second.ids == first.ids
    np.testing.assert_array_equal(second.duration_s, first.duration_s)
    np.testing.assert_array_equal(second.estimated, first.estimated)
    np.testing.assert_allclose(first.duration_s, compute_matrix(router, PLACES).duration_s)


def test_other_places_or_modes_get_their_own_cache(router: Router, clip_graph: CompactGraph,
                                                   tmp_path: Path) -> None:
    cached_matrix(router, PLACES, cache_dir=tmp_path)
    cached_matrix(router, PLACES[:3], cache_dir=tmp_path)
    walk = cached_matrix(Router.from_compact(clip_graph, mode="walk"), PLACES, cache_dir=tmp_path)
    assert len(cache_files(tmp_path)) == 3
    assert walk.mode == "walk"


def test_corrupt_matrix_cache_is_recomputed(router: Router, tmp_path: Path) -> None:
    expected = cached_matrix(router, PLACES, cache_dir=tmp_path)
    [stored] = cache_files(tmp_path)
    stored.write_bytes(stored.read_bytes()[:100])
    again = cached_matrix(router, PLACES, cache_dir=tmp_path)
    np.testing.assert_allclose(again.distance_m, expected.distance_m)
    np.testing.assert_array_equal(again.estimated, expected.estimated)


def test_adding_a_hotel_matches_the_full_computation(router: Router, tmp_path: Path) -> None:
    wanted = [PLACES[2], HOTEL, PLACES[0], PLACES[3]]
    combined = matrix_with_cache(router, wanted, bundled=PLACES, cache_dir=tmp_path)
    direct = compute_matrix(router, wanted)
    assert combined.ids == direct.ids
    np.testing.assert_allclose(combined.duration_s, direct.duration_s, rtol=1e-9)
    np.testing.assert_allclose(combined.distance_m, direct.distance_m, rtol=1e-6, atol=0.5)
    np.testing.assert_array_equal(combined.estimated, direct.estimated)
    assert not combined.estimated[1, 0] and combined.estimated[1, 3]


def test_a_moved_place_is_not_taken_from_the_cache(router: Router) -> None:
    known = compute_matrix(router, PLACES)
    moved = Location(PLACES[0].id, PLACES[0].name, 21.0300, 105.8550, "destination")
    result = travel_matrix(router, [moved, PLACES[1]], known=known, known_locations=PLACES)
    direct = compute_matrix(router, [moved, PLACES[1]])
    np.testing.assert_allclose(result.duration_s, direct.duration_s, rtol=1e-9)
    assert result.duration_s[0, 1] != pytest.approx(known.duration_s[0, 1])


def test_a_slow_estimate_gives_way_to_a_chain_through_another_place() -> None:
    duration_s = np.array([[0.0, 10.0, 100.0], [10.0, 0.0, 20.0], [100.0, 20.0, 0.0]])
    distance_m = duration_s * 5
    estimated_m = np.array([[0.0, 0.0, 500.0], [0.0, 0.0, 40.0], [500.0, 40.0, 0.0]])
    assert close_triangles(duration_s, distance_m, estimated_m) == 2
    assert duration_s[0, 2] == duration_s[2, 0] == 30.0
    assert distance_m[0, 2] == 150.0 and estimated_m[0, 2] == 40.0  # the chain's own figures
    assert duration_s[0, 1] == 10.0 and estimated_m[0, 1] == 0.0


@pytest.mark.slow
def test_the_places_matrix_obeys_the_triangle_inequality(full_graph: CompactGraph) -> None:
    """Through another place is never faster than directly (was 12,015 of 274,625 triples)."""
    router = Router.from_compact(full_graph, mode="motorbike")
    locations = geodata.places_to_locations(geodata.load_places())
    snaps = router.snap_many(locations)
    assert any(not snap.usable for snap in snaps), "no estimated place: nothing mixes with the roads"
    duration_s = compute_matrix(router, locations).duration_s
    excess_s = duration_s[:, None, :] - (duration_s[:, :, None] + duration_s[None, :, :])
    assert excess_s.max() <= 1.0  # at most a rounding second
    # Cells between places on the roads keep their own road figures.
    joined = [i for i, snap in enumerate(snaps) if snap.usable]
    for a, b in ((joined[0], joined[-1]), (joined[-1], joined[1])):
        # matrix searches weigh each road edge in whole milliseconds
        assert duration_s[a, b] == pytest.approx(router.leg(locations[a], locations[b]).duration_s, abs=0.05)


def test_kept_place_trees_give_the_searched_hotel_rows(clip_graph: CompactGraph, tmp_path: Path) -> None:
    searching = Router.from_compact(clip_graph, mode="motorbike")
    looking_up = Router.from_compact(clip_graph, mode="motorbike")
    looking_up.keep_trees(PLACES)
    known = cached_matrix(searching, PLACES, cache_dir=tmp_path)
    for hotel in (HOTEL, Location("pt-21.02000-105.84000", "hotel", 21.0200, 105.8400)):
        wanted = [hotel, *PLACES]
        searched = travel_matrix(searching, wanted, known=known, known_locations=PLACES)
        looked_up = travel_matrix(looking_up, wanted, known=known, known_locations=PLACES)
        assert searched.bands is not None and looked_up.bands is not None
        np.testing.assert_array_equal(looked_up.bands.duration_s, searched.bands.duration_s)
        np.testing.assert_array_equal(looked_up.bands.distance_m, searched.bands.distance_m)
    # two new places at once are not covered by the trees: searched as before
    pair = [HOTEL, Location("pt-21.02000-105.84000", "hotel", 21.0200, 105.8400), *PLACES]
    np.testing.assert_array_equal(
        travel_matrix(looking_up, pair, known=known, known_locations=PLACES).duration_s,
        travel_matrix(searching, pair, known=known, known_locations=PLACES).duration_s)
