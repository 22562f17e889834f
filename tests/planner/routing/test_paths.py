"""Array shortest paths agree with networkx on the same graph and weights."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import osmnx as ox
import pytest

from planner import Router, settings
from planner.routing.access import mode_denied, oneway_exempt
from planner.routing.compact import CompactGraph, edge_class_name
from planner.routing.graph import way_tags_to_keep

N_SAMPLE = 12


def travel_time_weight(mode: str) -> Any:
    """Return a networkx weight function giving each hop the fastest allowed edge's seconds."""
    speeds = settings.SPEEDS_KMH[mode]

    def seconds(data: dict[str, Any]) -> float | None:
        highway = edge_class_name(data, settings.ROAD_CLASS_ORDER)
        if highway not in speeds or mode_denied(data, settings.ACCESS_TAGS[mode], settings.DENIED_ACCESS):
            return None
        return max(float(data["length"]) / (speeds[highway] / 3.6), 1e-3)

    def weight(u: int, v: int, parallel: dict[Any, dict[str, Any]]) -> float | None:
        times = [t for t in map(seconds, parallel.values()) if t is not None]
        return min(times) if times else None

    return weight


@pytest.fixture(scope="module")
def clip_networkx(osm_clip: Path) -> nx.MultiDiGraph:
    """Return the OSMnx graph of the clip, built the same way as the compact graph."""
    ox.settings.useful_tags_way = way_tags_to_keep()
    return ox.graph_from_xml(osm_clip, simplify=True, retain_all=True)


def fastest_edge_length(parallel: dict[Any, dict[str, Any]], weight: Any) -> float:
    """Return the length of the fastest allowed edge among parallel edges."""
    allowed = [d for d in parallel.values() if weight(0, 0, {0: d}) is not None]
    return float(min(allowed, key=lambda d: weight(0, 0, {0: d}))["length"])


def mode_ways(graph: nx.MultiDiGraph, mode: str) -> nx.MultiDiGraph:
    """Return a copy with the one-way edges the mode may ride backwards also in reverse."""
    copy = graph.copy()
    ignore = mode in settings.IGNORE_ONEWAY_MODES
    exempt = settings.ONEWAY_EXEMPT_TAGS.get(mode)
    copy.add_edges_from((v, u, data) for u, v, data in graph.edges(data=True)
                        if ignore or (data.get("oneway") and oneway_exempt(data, exempt)))
    return copy


def sample_nodes(router: Router, seed: int) -> np.ndarray:
    assert router.graph is not None
    usable = np.flatnonzero(router.graph.usable)
    return np.random.default_rng(seed).choice(usable, N_SAMPLE, replace=False)


@pytest.mark.parametrize("mode", settings.MODES)
def test_matrix_equals_networkx_dijkstra(mode: str, clip_graph: CompactGraph,
                                         clip_networkx: nx.MultiDiGraph) -> None:
    router = Router.from_compact(clip_graph, mode=mode)
    nodes = sample_nodes(router, seed=len(mode))
    seconds, metres = router.node_matrix(nodes)
    graph = mode_ways(clip_networkx, mode)
    weight = travel_time_weight(mode)
    osmids = clip_graph.node_osmid[nodes].tolist()
    for i, source in enumerate(osmids):
        expected_s, paths = nx.single_source_dijkstra(graph, source, weight=weight)
        for j, target in enumerate(osmids):
            assert seconds[i, j] == pytest.approx(expected_s[target], rel=1e-9, abs=0.05)
            hops = zip(paths[target][:-1], paths[target][1:], strict=True)
            along_m = sum(fastest_edge_length(graph[u][v], weight) for u, v in hops)
            assert metres[i, j] == pytest.approx(along_m, rel=1e-6, abs=0.5)


def test_one_way_streets_make_vehicle_trips_asymmetric(clip_graph: CompactGraph) -> None:
    motorbike = Router.from_compact(clip_graph, mode="motorbike")
    nodes = sample_nodes(motorbike, seed=3)
    seconds, _ = motorbike.node_matrix(nodes)
    assert (np.abs(seconds - seconds.T) > 1.0).sum() >= 2
    walk = Router.from_compact(clip_graph, mode="walk")
    walk_s, _ = walk.node_matrix(sample_nodes(walk, seed=3))
    np.testing.assert_allclose(walk_s, walk_s.T, rtol=1e-9)


def test_forward_and_backward_trees_agree_with_the_matrix(clip_graph: CompactGraph) -> None:
    router = Router.from_compact(clip_graph, mode="car")
    nodes = sample_nodes(router, seed=5)
    band_s, band_m = router.node_band_matrices(nodes)
    out_s, out_m, in_s, in_m = router.node_rows_and_columns(nodes[:2], nodes)
    np.testing.assert_allclose(out_s, band_s[:, :2], rtol=1e-9)
    np.testing.assert_allclose(out_m, band_m[:, :2], rtol=1e-9)
    np.testing.assert_allclose(in_s, np.swapaxes(band_s[:, :, :2], 1, 2), rtol=1e-9)
    np.testing.assert_allclose(in_m, np.swapaxes(band_m[:, :, :2], 1, 2), rtol=1e-6, atol=0.5)


def test_batched_trees_give_the_same_matrix(clip_graph: CompactGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    router = Router.from_compact(clip_graph, mode="motorbike")
    nodes = sample_nodes(router, seed=7)
    whole_s, whole_m = router.node_matrix(nodes)
    monkeypatch.setattr(settings, "TREES_PER_BATCH", 5)
    batched_s, batched_m = router.node_matrix(nodes)
    np.testing.assert_array_equal(batched_s, whole_s)
    np.testing.assert_array_equal(batched_m, whole_m)
