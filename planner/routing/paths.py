"""Array shortest paths on a :class:`planner.routing.weights.ModeGraph`: times, lengths, shapes.

Times come from ``scipy.sparse.csgraph.dijkstra`` (compiled, many sources at once).
Road lengths along the fastest paths are summed by walking the predecessor arrays
back from all targets at once, one hop per numpy step, so there is no Python loop
over pairs.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from .weights import ModeGraph


def fastest_trees(time_csr: sparse.csr_matrix, sources: np.ndarray, *,
                  predecessors: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Return travel seconds and predecessors from each source to every node.

    Parameters
    ----------
    time_csr
        Edge travel times; pass the transpose to get times *to* the sources.
    sources
        Node indices.
    predecessors
        Also return the trees' predecessors (``False``: an empty array in their place,
        and a faster search).

    Returns
    -------
    tuple
        ``(seconds, predecessors)``, both ``(len(sources), n)``; ``inf`` and ``-9999``
        where a node cannot be reached.
    """
    n = time_csr.shape[0]
    if sources.shape[0] == 0:
        return np.empty((0, n)), np.empty((0, n), dtype=np.int32)
    if not predecessors:
        seconds = csgraph.dijkstra(time_csr, directed=True, indices=sources, min_only=False)
        return seconds, np.empty((0, n), dtype=np.int32)
    seconds, found = csgraph.dijkstra(time_csr, directed=True, indices=sources,
                                      return_predecessors=True, min_only=False)
    return seconds, found


def lengths_along(graph: ModeGraph, predecessors: np.ndarray, targets: np.ndarray, *,
                  backward: bool = False) -> np.ndarray:
    """Return the road length in metres of each tree path ending at each target.

    Parameters
    ----------
    graph
        The mode graph the trees were grown on.
    predecessors
        ``(s, n)`` predecessor arrays from :func:`fastest_trees`.
    targets
        ``(t,)`` node indices.
    backward
        The trees were grown on the transposed graph (paths *to* the sources); the
        predecessor of a node is then the next node towards the source.

    Returns
    -------
    numpy.ndarray
        ``(s, t)`` lengths; ``nan`` where the target is unreachable.
    """
    n_trees, n_nodes = predecessors.shape
    n_targets = targets.shape[0]
    flat_predecessors = predecessors.ravel().astype(np.int64)
    # The length of each node's tree edge, looked up once for every node of every tree:
    # the walk below then costs a few array operations per step instead of an edge search.
    step_m = np.zeros(n_trees * n_nodes, dtype=np.float64)
    linked = np.flatnonzero(flat_predecessors >= 0)
    if linked.size:
        node, before = linked % n_nodes, flat_predecessors[linked]
        tail, head = (node, before) if backward else (before, node)
        step_m[linked] = graph.pair_length_m[graph.pair_index(tail, head)]
    # One entry per (tree, target) pair, dropped as soon as its walk reaches the root.
    slot = np.arange(n_trees * n_targets)
    base = np.repeat(np.arange(n_trees, dtype=np.int64) * n_nodes, n_targets)
    here = np.tile(targets.astype(np.int64), n_trees)
    total = np.zeros(n_trees * n_targets, dtype=np.float64)
    while slot.size:
        before = flat_predecessors[base + here]
        moving = before >= 0
        if not moving.all():
            slot, base, here, before = slot[moving], base[moving], here[moving], before[moving]
        total[slot] += step_m[base + here]
        here = before
    return total.reshape(n_trees, n_targets)


def path_nodes(predecessors: np.ndarray, source: int, target: int) -> list[int]:
    """Return the node indices from ``source`` to ``target`` along one forward tree, or ``[]``."""
    nodes = [int(target)]
    while nodes[-1] != source:
        before = int(predecessors[nodes[-1]])
        if before < 0:  # csgraph writes -9999 for the root and unreachable nodes
            return []
        nodes.append(before)
    return nodes[::-1]


def path_points(graph: ModeGraph, nodes: list[int]) -> np.ndarray:
    """Return the ``(k, 2)`` (lon, lat) points following the road edges of a node path."""
    compact = graph.compact
    if len(nodes) < 2:
        if not nodes:
            return np.empty((0, 2))
        return np.array([[compact.node_lon[nodes[0]], compact.node_lat[nodes[0]]]])
    array = np.asarray(nodes, dtype=np.int64)
    pairs = graph.pair_index(array[:-1], array[1:])
    pieces = [compact.edge_points(int(graph.pair_edge[p]), reverse=bool(graph.pair_reversed[p]))
              for p in pairs]
    trimmed = [pieces[0]] + [piece[1:] for piece in pieces[1:]]
    return np.concatenate(trimmed)
