"""The router: snapping, routed and estimated legs, mixed matrices, no-data fallback."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import geodata
from geodata import haversine_m
from geodata.errors import CraftRouteError, OutsideHanoiError
from geodata.location import Location
from planner import Router, compute_matrix, get_router, settings
from planner.routing.compact import CompactGraph
from planner.routing.paths import fastest_trees, path_nodes

# Inputs, not expected results: coordinates from ../shared/data/SOURCES.md.
HOAN_KIEM = Location("hoan-kiem-lake", "Hồ Hoàn Kiếm", 21.0287, 105.8524, "destination")
OLD_QUARTER = Location("dong-xuan", "Chợ Đồng Xuân", 21.0382, 105.8495, "destination")
VAN_PHUC = Location("van-phuc", "Vạn Phúc", 20.9803, 105.7720, "village")
CHUYEN_MY = Location("chuyen-my", "Chuyên Mỹ", 20.7290, 105.8645, "village")


def straight_m(a: Location, b: Location) -> float:
    return float(haversine_m(a.lat, a.lon, b.lat, b.lon))


def polyline_m(points: list[tuple[float, float]]) -> float:
    lon, lat = np.array(points).T
    return float(np.sum(haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:])))


@pytest.fixture(scope="module")
def clip_router(clip_graph: CompactGraph) -> Router:
    return Router.from_compact(clip_graph, mode="motorbike")


def test_unknown_mode_names_the_allowed_modes(clip_graph: CompactGraph) -> None:
    with pytest.raises(CraftRouteError, match="must be one of motorbike, car, bicycle, walk, got 'plane'"):
        Router.from_compact(clip_graph, mode="plane")
    with pytest.raises(CraftRouteError, match="mode"):
        get_router("boat")


def test_snap_reports_distance_and_how_the_place_is_routed(clip_router: Router) -> None:
    near = clip_router.snap(HOAN_KIEM)
    assert near.usable and 0 <= near.distance_m <= settings.MAX_SNAP_M
    assert (near.status, near.access_m, near.estimated_m) == ("routed", near.distance_m, 0.0)
    assert clip_router.graph is not None and clip_router.graph.usable[near.node]
    outside = clip_router.snap(VAN_PHUC)  # 8 km outside the clip
    assert settings.MAX_SNAP_M < outside.distance_m <= settings.MAX_ACCESS_M
    assert outside.status == "partly routed" and outside.usable
    assert outside.estimated_m == outside.access_m == pytest.approx(outside.distance_m * settings.DETOUR_FACTOR)
    far = clip_router.snap(CHUYEN_MY)  # beyond the access limit
    assert far.status == "estimated" and not far.usable and far.distance_m > settings.MAX_ACCESS_M


def test_partly_routed_leg_estimates_only_the_access_part(clip_router: Router) -> None:
    leg = clip_router.leg(HOAN_KIEM, VAN_PHUC)
    outside = clip_router.snap(VAN_PHUC)
    assert leg.estimated and leg.estimated_m == pytest.approx(outside.access_m)
    assert len(leg.geometry) > 5  # the roads of the clip, then the access line
    road_m = leg.distance_m - clip_router.snap(HOAN_KIEM).access_m - outside.access_m
    assert road_m == pytest.approx(polyline_m(leg.geometry[1:-1]), rel=0.01)
    matrix = compute_matrix(clip_router, [HOAN_KIEM, VAN_PHUC])
    assert matrix.estimated_m[0, 1] == pytest.approx(leg.estimated_m)
    assert matrix.duration_s[0, 1] == pytest.approx(leg.duration_s)
    estimate = clip_router.leg(HOAN_KIEM, CHUYEN_MY)
    assert estimate.estimated_m == estimate.distance_m and len(estimate.geometry) == 2


def test_place_outside_hanoi_is_an_error(clip_router: Router) -> None:
    with pytest.raises(OutsideHanoiError, match="outside Hanoi"):
        clip_router.snap(Location("hcmc", "Hồ Chí Minh City", 10.7769, 106.7009))


def test_routed_leg_follows_the_roads(clip_router: Router) -> None:
    leg = clip_router.leg(HOAN_KIEM, OLD_QUARTER)
    assert not leg.estimated
    assert leg.geometry[0] == (HOAN_KIEM.lon, HOAN_KIEM.lat)
    assert leg.geometry[-1] == (OLD_QUARTER.lon, OLD_QUARTER.lat)
    assert len(leg.geometry) > 5
    assert leg.distance_m > straight_m(HOAN_KIEM, OLD_QUARTER)
    assert polyline_m(leg.geometry) == pytest.approx(leg.distance_m, rel=0.01)
    assert leg.geojson_geometry()["type"] == "LineString"


def test_leg_and_matrix_agree(clip_router: Router) -> None:
    matrix = compute_matrix(clip_router, [HOAN_KIEM, OLD_QUARTER])
    there, back = clip_router.leg(HOAN_KIEM, OLD_QUARTER), clip_router.leg(OLD_QUARTER, HOAN_KIEM)
    # matrix searches weigh each road edge in whole milliseconds and centimetres
    assert matrix.duration_s[0, 1] == pytest.approx(there.duration_s, abs=0.05)
    assert matrix.distance_m[1, 0] == pytest.approx(back.distance_m, abs=0.5)
    assert not matrix.estimated.any()
    assert np.all(np.diag(matrix.duration_s) == 0)


def test_a_leg_to_the_same_place_is_empty(clip_router: Router) -> None:
    leg = clip_router.leg(HOAN_KIEM, HOAN_KIEM)
    assert (leg.distance_m, leg.duration_s, leg.estimated) == (0.0, 0.0, False)
    assert compute_matrix(clip_router, [HOAN_KIEM, HOAN_KIEM]).duration_s.sum() == 0.0


def test_unroutable_places_get_estimated_legs_in_a_mixed_matrix(clip_router: Router) -> None:
    places = [HOAN_KIEM, OLD_QUARTER, CHUYEN_MY]
    matrix = compute_matrix(clip_router, places)
    assert matrix.ids == [p.id for p in places]
    expected = np.array([[False, False, True], [False, False, True], [True, True, False]])
    np.testing.assert_array_equal(matrix.estimated, expected)
    np.testing.assert_array_equal(matrix.estimated_m[expected], matrix.distance_m[expected])
    assert not matrix.estimated_m[~expected].any()
    estimate_m = straight_m(HOAN_KIEM, CHUYEN_MY) * settings.DETOUR_FACTOR
    assert matrix.distance_m[0, 2] == pytest.approx(estimate_m, rel=1e-9)
    assert matrix.duration_s[0, 2] == pytest.approx(estimate_m / (settings.ESTIMATE_SPEED_KMH["motorbike"] / 3.6))
    leg = clip_router.leg(CHUYEN_MY, HOAN_KIEM)
    assert leg.estimated and len(leg.geometry) == 2


def test_same_node_places_cost_only_their_access_legs(clip_router: Router) -> None:
    near = Location("near", "beside the lake", HOAN_KIEM.lat + 0.0001, HOAN_KIEM.lon)
    matrix = compute_matrix(clip_router, [HOAN_KIEM, near])
    snaps = clip_router.snap(HOAN_KIEM), clip_router.snap(near)
    assert snaps[0].node == snaps[1].node
    assert matrix.distance_m[0, 1] == pytest.approx(snaps[0].distance_m + snaps[1].distance_m)


def test_no_road_data_falls_back_to_labelled_estimates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(settings, "osm_path", None)
    monkeypatch.setattr(settings, "shared_osm_file", "osm/no-such-file.osm.gz")
    monkeypatch.setattr(settings, "allow_download", False)
    router = Router.load(mode="walk", cache_dir=tmp_path)
    assert not router.routed
    matrix = compute_matrix(router, [HOAN_KIEM, OLD_QUARTER, VAN_PHUC])
    off_diagonal = ~np.eye(3, dtype=bool)
    assert matrix.estimated[off_diagonal].all()
    walk_mps = settings.ESTIMATE_SPEED_KMH["walk"] / 3.6
    np.testing.assert_allclose(matrix.duration_s, matrix.distance_m / walk_mps)
    assert router.leg(HOAN_KIEM, VAN_PHUC).estimated
    assert not router.snap(HOAN_KIEM).usable


@pytest.mark.slow
def test_hoan_kiem_to_van_phuc_by_motorbike_is_routed(full_graph: CompactGraph) -> None:
    router = Router.from_compact(full_graph, mode="motorbike")
    leg = router.leg(HOAN_KIEM, VAN_PHUC)
    straight = straight_m(HOAN_KIEM, VAN_PHUC)
    assert not leg.estimated
    assert straight < leg.distance_m < 2 * straight
    assert polyline_m(leg.geometry) == pytest.approx(leg.distance_m, rel=0.01)
    speed_kmh = leg.distance_m / leg.duration_s * 3.6
    assert speed_kmh <= max(settings.SPEEDS_KMH["motorbike"].values())


@pytest.mark.slow
def test_motorbikes_and_bicycles_keep_off_motorways(full_graph: CompactGraph) -> None:
    motorway = {i for i, name in enumerate(full_graph.class_names) if str(name).startswith("motorway")}
    assert motorway, "the urban extract has motorway edges"
    for mode, allowed in (("motorbike", False), ("bicycle", False), ("walk", False), ("car", True)):
        graph = Router.from_compact(full_graph, mode=mode).graph
        assert graph is not None
        classes = set(full_graph.edge_class[graph.pair_edge].tolist())
        assert bool(classes & motorway) is allowed, mode


@pytest.mark.slow
def test_far_villages_are_partly_routed_on_the_urban_extract(full_graph: CompactGraph) -> None:
    router = Router.from_compact(full_graph, mode="motorbike")
    matrix = compute_matrix(router, [HOAN_KIEM, VAN_PHUC, CHUYEN_MY])
    assert not matrix.estimated[0, 1] and not matrix.estimated[1, 0]
    assert matrix.estimated[2, :2].all() and matrix.estimated[:2, 2].all()
    access = router.snap(CHUYEN_MY)
    assert access.status == "partly routed"
    np.testing.assert_allclose(matrix.estimated_m[2, :2], access.access_m)
    assert (matrix.estimated_m[2, :2] < matrix.distance_m[2, :2]).all()


@pytest.mark.slow
def test_van_phuc_to_bat_trang_follows_the_roads_but_the_last_stretch(full_graph: CompactGraph) -> None:
    bat_trang = geodata.resolve_location("bat-trang")  # the bundled record
    leg = Router.from_compact(full_graph, mode="motorbike").leg(VAN_PHUC, bat_trang)
    assert leg.estimated and 0 < leg.estimated_m <= 2000
    assert polyline_m(leg.geometry[1:-1]) == pytest.approx(leg.distance_m - leg.estimated_m, rel=0.01)


def matrix_path_edges(router: Router, locations: list[Location]) -> np.ndarray:
    """Return the compact edges on the fastest paths between every pair of the places' road nodes."""
    assert router.graph is not None
    nodes = np.unique([snap.node for snap in router.snap_many(locations) if snap.usable])
    _, predecessors = fastest_trees(router.graph.time_csr, nodes)
    edges = []
    for row, source in enumerate(nodes):
        for target in nodes:
            path = np.asarray(path_nodes(predecessors[row], int(source), int(target)), dtype=np.int64)
            edges.append(router.graph.pair_edge[router.graph.pair_index(path[:-1], path[1:])])
    return np.concatenate(edges)


@pytest.mark.slow
def test_motorbike_matrix_paths_use_no_motorway_nor_closed_way(full_graph: CompactGraph) -> None:
    locations = geodata.places_to_locations(geodata.load_places())
    motorway = np.isin(full_graph.class_names, ["motorway", "motorway_link"])
    closed = full_graph.mode_mask(full_graph.edge_closed_modes, "motorbike")
    assert closed.sum() > 100, "the urban extract has ways closed to motorbikes (motorcycle=no)"
    motorbike = matrix_path_edges(Router.from_compact(full_graph, mode="motorbike"), locations)
    assert not motorway[full_graph.edge_class[motorbike]].any()
    assert not closed[motorbike].any()
    car = matrix_path_edges(Router.from_compact(full_graph, mode="car"), locations)
    assert motorway[full_graph.edge_class[car]].any()  # the check above can see a motorway
