"""One mode's view of the road graph: travel-time CSR matrix, usable nodes, snapping index.

Derived from the mode-independent :class:`planner.routing.compact.CompactGraph` in well under
a second: keep the edges the mode may use (by ``highway`` class and ``access``), add
reverse edges where the mode ignores one-way rules (walking), weight each edge by
``length / speed``, keep the fastest of parallel edges, and find the largest strongly
connected component (the only nodes a route can both leave and reach).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from geodata.query import EARTH_RADIUS_M

from .compact import CompactGraph

#: Floor on an edge's travel time, so a zero-length edge stays an edge for csgraph.
_MIN_EDGE_S = 1e-3


@dataclass(frozen=True)
class ModeGraph:
    """A mode's weighted graph as arrays.

    Attributes
    ----------
    mode
        The travel mode.
    compact
        The underlying compact graph (node positions and edge shapes).
    time_csr
        ``(n, n)`` CSR matrix of travel seconds on the fastest edge from u to v.
    pair_csr
        ``(n, n)`` CSR matrix with the same edges, holding each edge's position in
        the ``pair_*`` arrays plus one (so no stored value is zero).
    pair_edge, pair_reversed
        For each key, the compact edge it uses and whether it is run backwards.
    pair_length_m
        For each key, the road length of that edge.
    pair_time_s
        For each key, its travel seconds at the mode's speeds (the ``time_csr`` values).
    usable
        ``(n,)`` bool: node is in the largest strongly connected component.
    """

    mode: str
    compact: CompactGraph
    time_csr: sparse.csr_matrix
    pair_csr: sparse.csr_matrix
    pair_edge: np.ndarray
    pair_reversed: np.ndarray
    pair_length_m: np.ndarray
    pair_time_s: np.ndarray
    usable: np.ndarray

    @property
    def n_nodes(self) -> int:
        """Return the number of nodes."""
        return self.compact.n_nodes

    def pair_index(self, tail: np.ndarray, head: np.ndarray) -> np.ndarray:
        """Return the positions in ``pair_*`` of the edges ``tail[i] -> head[i]``."""
        if np.size(tail) == 0:
            return np.empty(0, dtype=np.int64)
        # CSR element lookup searches only the tail's few out-edges: several times
        # faster than a binary search over all edge keys.
        return np.asarray(self.pair_csr[tail, head]).ravel().astype(np.int64) - 1

    def scaled_time_csr(self, class_factor: np.ndarray) -> sparse.csr_matrix:
        """Return ``time_csr`` with each edge's speed times its road class's factor (same edges, same order)."""
        factor = class_factor[self.compact.edge_class[self.pair_edge]]
        position = self.time_csr_positions
        scaled = self.time_csr.copy()
        scaled.data = np.maximum(self.pair_time_s[position] / factor[position], _MIN_EDGE_S)
        return scaled

    @property
    def time_csr_positions(self) -> np.ndarray:
        """Return, for each stored value of ``time_csr``, its position in the ``pair_*`` arrays."""
        return self.pair_csr.data.astype(np.int64) - 1


def build_mode_graph(compact: CompactGraph, *, mode: str, speeds_kmh: dict[str, float],
                     ignore_oneway: bool) -> ModeGraph:
    """Return the weighted graph of one mode.

    Parameters
    ----------
    compact
        The road network.
    mode
        Mode name, stored in the result.
    speeds_kmh
        Speed by ``highway`` class; classes not listed are closed to this mode.
    ignore_oneway
        Add the reverse of every one-way edge (pedestrians walk both ways); otherwise
        only of those tagged two-way for the mode (``oneway:motorcycle=no``).
    """
    class_speed = np.array([speeds_kmh.get(str(name), 0.0) for name in compact.class_names])
    speed_kmh = class_speed[compact.edge_class] if compact.n_edges else np.empty(0)
    allowed = (speed_kmh > 0) & ~compact.mode_mask(compact.edge_closed_modes, mode)
    edges = np.flatnonzero(allowed)
    tail, head = compact.edge_u[edges], compact.edge_v[edges]
    reversed_flag = np.zeros(edges.shape[0], dtype=bool)
    two_way = compact.edge_oneway[edges]
    if not ignore_oneway:
        two_way &= compact.mode_mask(compact.edge_two_way_modes, mode)[edges]
    if two_way.any():
        back = edges[two_way]
        edges = np.concatenate((edges, back))
        tail, head = np.concatenate((tail, compact.edge_v[back])), np.concatenate((head, compact.edge_u[back]))
        reversed_flag = np.concatenate((reversed_flag, np.ones(back.shape[0], dtype=bool)))
    length = compact.edge_length_m[edges]
    time_s = np.maximum(length / (speed_kmh[edges] / 3.6), _MIN_EDGE_S)

    n = compact.n_nodes
    keys = tail.astype(np.int64) * n + head.astype(np.int64)
    order = np.lexsort((time_s, keys))  # by key, fastest first among parallel edges
    keys = keys[order]
    first = np.ones(keys.shape[0], dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    keep = order[first]
    time_csr = sparse.csr_matrix((time_s[keep], (tail[keep], head[keep])), shape=(n, n))
    time_csr.sort_indices()
    positions = np.arange(1, keep.shape[0] + 1, dtype=np.int64)
    pair_csr = sparse.csr_matrix((positions, (tail[keep], head[keep])), shape=(n, n))
    pair_csr.sort_indices()
    return ModeGraph(
        mode=mode, compact=compact, time_csr=time_csr, pair_csr=pair_csr,
        pair_edge=edges[keep], pair_reversed=reversed_flag[keep], pair_length_m=length[keep],
        pair_time_s=time_s[keep],
        usable=_largest_strong_component(time_csr),
    )


def _largest_strong_component(matrix: sparse.csr_matrix) -> np.ndarray:
    """Return the mask of nodes in the largest strongly connected component."""
    if matrix.shape[0] == 0:
        return np.zeros(0, dtype=bool)
    _, labels = csgraph.connected_components(matrix, directed=True, connection="strong")
    counts = np.bincount(labels)
    return labels == int(np.argmax(counts))


def project_m(lat: np.ndarray, lon: np.ndarray, *, lat0: float) -> np.ndarray:
    """Return ``(k, 2)`` equirectangular x/y in metres around latitude ``lat0``.

    Within Hanoi (about 60 km across) the error against true distance is under 0.1 %,
    plenty for finding the nearest node; the reported snap distance is exact haversine.
    """
    x = np.radians(lon) * EARTH_RADIUS_M * np.cos(np.radians(lat0))
    y = np.radians(lat) * EARTH_RADIUS_M
    return np.column_stack((x, y))


@dataclass(frozen=True)
class SnapIndex:
    """A KD-tree over a mode's usable nodes."""

    tree: cKDTree
    nodes: np.ndarray
    lat0: float

    @classmethod
    def from_mode_graph(cls, graph: ModeGraph) -> SnapIndex:
        """Return the index of the nodes usable in ``graph``."""
        nodes = np.flatnonzero(graph.usable)
        lat = graph.compact.node_lat[nodes]
        lat0 = float(np.mean(graph.compact.node_lat)) if graph.n_nodes else 21.0
        return cls(tree=cKDTree(project_m(lat, graph.compact.node_lon[nodes], lat0=lat0)),
                   nodes=nodes, lat0=lat0)

    def nearest(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Return the node index nearest to each point (``-1`` if there are no nodes)."""
        if self.nodes.shape[0] == 0:
            return np.full(np.shape(lat), -1, dtype=np.int64)
        _, found = self.tree.query(project_m(np.atleast_1d(lat), np.atleast_1d(lon), lat0=self.lat0))
        return self.nodes[found]
