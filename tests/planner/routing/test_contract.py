"""The contracted graph gives the same banded matrix as full searches of the road graph."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from scipy.sparse import csgraph

from planner import Router
from planner.routing.bands import band_names
from planner.routing.compact import CompactGraph
from planner.routing.contract import band_matrices, contract, pack_weights, unpack_weights


def random_road_graph(seed: int, n: int = 300) -> tuple[np.ndarray, ...]:
    """Return arcs of a random sparse graph: a two-way ring (strongly connected) plus random one-way arcs."""
    rng = np.random.default_rng(seed)
    ring = np.arange(n)
    tail = np.concatenate((ring, (ring + 1) % n, rng.integers(0, n, 2 * n)))
    head = np.concatenate(((ring + 1) % n, ring, rng.integers(0, n, 2 * n)))
    keep = tail != head
    key = np.unique(tail[keep] * n + head[keep])
    tail, head = key // n, key % n
    length_m = rng.uniform(10, 500, key.size)
    band_time_s = length_m[None] / rng.uniform(2, 15, (3, key.size))
    return tail, head, band_time_s, length_m


@pytest.mark.parametrize("seed", range(5))
def test_contracted_searches_match_full_searches_in_every_band(seed: int) -> None:
    tail, head, band_time_s, length_m = random_road_graph(seed)
    n = 300
    terminals = np.random.default_rng(seed + 100).choice(n, 25, replace=False)
    graph = contract(tail, head, band_time_s, length_m, n_nodes=n, keep=np.ones(n, dtype=bool), terminals=terminals)
    assert graph.n_nodes < n
    seconds, metres = band_matrices(graph, batch=7)
    for band in range(band_time_s.shape[0]):
        times = sparse.csr_matrix((band_time_s[band], (tail, head)), shape=(n, n))
        np.testing.assert_allclose(seconds[band], csgraph.dijkstra(times, indices=terminals)[:, terminals],
                                   atol=0.01)
        # lengths along the fastest paths: those of one search of the whole graph with the same packed weights
        packed = sparse.csr_matrix((pack_weights(band_time_s[band], length_m), (tail, head)), shape=(n, n))
        _, expected_m = unpack_weights(csgraph.dijkstra(packed, indices=terminals)[:, terminals])
        np.testing.assert_allclose(metres[band], expected_m, atol=0.05)


def test_repeated_and_unreachable_terminals() -> None:
    tail, head = np.array([0, 1, 1, 2]), np.array([1, 0, 2, 1])
    band_time_s, length_m = np.array([[5.0, 5.0, 7.0, 7.0]]), np.array([50.0, 50.0, 70.0, 70.0])
    keep = np.array([True, True, True, False])
    graph = contract(tail, head, band_time_s, length_m, n_nodes=4, keep=keep, terminals=np.array([0, 2, 0]))
    seconds, metres = band_matrices(graph, batch=128)
    np.testing.assert_allclose(seconds[0], [[0, 12, 0], [12, 0, 12], [0, 12, 0]])
    np.testing.assert_allclose(metres[0], [[0, 120, 0], [120, 0, 120], [0, 120, 0]])


def test_router_band_matrices_match_one_whole_graph_search_per_band(clip_graph: CompactGraph) -> None:
    router = Router.from_compact(clip_graph, mode="motorbike")
    assert router.graph is not None
    nodes = np.random.default_rng(3).choice(np.flatnonzero(router.graph.usable), 40, replace=False)
    seconds, metres = router.node_band_matrices(nodes)
    for band in range(len(band_names())):
        expected_s, expected_m = router.full_search_matrix(nodes, band=band)
        np.testing.assert_allclose(seconds[band], expected_s, atol=0.05)
        np.testing.assert_allclose(metres[band], expected_m, atol=1.0)
        one_s, one_m = router.node_matrix(nodes, band=band)
        np.testing.assert_array_equal(one_s, seconds[band])
        np.testing.assert_array_equal(one_m, metres[band])


def test_a_node_outside_the_strong_component_falls_back_to_whole_graph_searches(clip_graph: CompactGraph) -> None:
    router = Router.from_compact(clip_graph, mode="motorbike")
    assert router.graph is not None
    outside = np.flatnonzero(~router.graph.usable)[:1]
    assert outside.size == 1
    nodes = np.concatenate((np.flatnonzero(router.graph.usable)[:5], outside))
    seconds, _ = router.node_matrix(nodes, band=1)
    expected, _ = router.full_search_matrix(nodes, band=1)
    np.testing.assert_array_equal(seconds, expected)
