"""A small graph for many-to-many matrices in every time band: dead ends pruned, nodes eliminated.

A matrix between a few hundred places needs only the roads that can lie on a path
between them. :func:`contract` keeps the mode's largest strongly connected component,
prunes dead-end trees that hold no place (a path never enters them and comes back),
collapses each chain of pass-through nodes (two neighbours, no place) into one arc,
then eliminates low-degree nodes in rounds: a node ``v`` gives way to shortcuts
``u -> w`` for its arcs ``u -> v -> w``, keeping per band the faster of a shortcut and
an arc already there, so travel between the remaining nodes is unchanged (the node
elimination of contraction hierarchies, without the hierarchy). The arcs are the same
in every band, only their weights differ, so every band shares one CSR layout.

Each weight packs an arc's time in whole milliseconds above its length in whole
centimetres (:func:`pack_weights`): sums stay exact integers in float64, the minimum
of two weights is the faster arc (the shorter when equally fast), and one Dijkstra
search gives both the time and the length of the fastest path, with no predecessor
trees to walk. :func:`band_matrices` grows one tree per place and band on that graph
(thousands of nodes instead of tens of thousands).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

#: Most rounds of dead-end pruning (each removes one layer of every dead-end tree).
MAX_PRUNE_ROUNDS = 200
#: Node elimination rounds, by the most neighbours a node may have to be eliminated in
#: that round: low degrees first, as each elimination adds in x out shortcuts. Tuned on
#: the Hanoi motorbike graph (30,151 nodes -> about 4,200 for 200 places).
ELIMINATION_DEGREES = (3, 3, 3, 3, 4, 4, 4, 4, 5, 5)
#: Room for the centimetres of a path below its milliseconds in one float64 weight: 2**25 cm
#: (335 km) of length, leaving 2**28 ms (74 hours) of time exact within float64's 2**53.
LENGTH_SLOTS = float(2 ** 25)


@dataclass(frozen=True)
class ContractedGraph:
    """The contracted graph of some terminal nodes, one CSR of packed weights per band.

    Attributes
    ----------
    terminals
        ``(t,)`` contracted node of each terminal given to :func:`contract`.
    band_csr
        Per band, the arcs' packed weights (:func:`pack_weights`), one CSR layout for all.
    """

    terminals: np.ndarray
    band_csr: tuple[sparse.csr_matrix, ...]

    @property
    def n_nodes(self) -> int:
        """Return the number of nodes of the contracted graph."""
        return int(self.band_csr[0].shape[0]) if self.band_csr else 0


def contract(tail: np.ndarray, head: np.ndarray, band_time_s: np.ndarray, length_m: np.ndarray, *,
             n_nodes: int, keep: np.ndarray, terminals: np.ndarray) -> ContractedGraph:
    """Return the contracted graph of arcs ``tail -> head`` between the nodes in ``keep``.

    Parameters
    ----------
    tail, head
        ``(m,)`` arcs, one per ordered node pair (no parallel arcs).
    band_time_s
        ``(bands, m)`` arc travel seconds per band.
    length_m
        ``(m,)`` arc lengths.
    n_nodes
        Number of nodes the arcs index.
    keep
        ``(n_nodes,)`` bool, the strongly connected nodes routes may use.
    terminals
        Node indices that must stay (the places' road nodes); all in ``keep``.
    """
    inside = keep[tail] & keep[head] & (tail != head)
    tail, head = tail[inside], head[inside]
    weight = pack_weights(band_time_s[:, inside], length_m[inside][None])
    is_terminal = np.zeros(n_nodes, dtype=bool)
    is_terminal[terminals] = True
    alive = _prune_dead_ends(tail, head, keep.copy(), is_terminal, n_nodes)
    inside = alive[tail] & alive[head]
    tail, head, weight = tail[inside], head[inside], weight[:, inside]
    if tail.size == 0:
        return _build(tail, head, weight, is_terminal, terminals)
    passing, other_sum = _pass_through(tail, head, is_terminal, alive, n_nodes)
    key = tail.astype(np.int64) * n_nodes + head
    order = np.argsort(key)
    sorted_key = key[order]
    # the arc that continues an arc into a pass-through node: out of it, to its other neighbour
    wanted = head.astype(np.int64) * n_nodes + (other_sum[head] - tail)
    found = np.minimum(np.searchsorted(sorted_key, wanted), key.size - 1)
    follow = np.where(passing[head] & (sorted_key[found] == wanted), order[found], -1)
    start = np.flatnonzero(~passing[tail])
    current = start.copy()
    summed = weight[:, start].copy()
    live = np.ones(start.size, dtype=bool)
    walking = np.flatnonzero(passing[head[current]])
    while walking.size:
        step = follow[current[walking]]
        dead = step < 0
        live[walking[dead]] = False
        walking, step = walking[~dead], step[~dead]
        current[walking] = step
        summed[:, walking] += weight[:, step]
        walking = walking[passing[head[step]]]
    ends = head[current]
    live &= ends != tail[start]
    tail, head, weight = _fastest_parallel(tail[start][live], ends[live], summed[:, live], n_nodes)
    removable = alive & ~passing & ~is_terminal
    for max_degree in ELIMINATION_DEGREES:
        tail, head, weight = _eliminate(tail, head, weight, removable, n_nodes, max_degree=max_degree)
    nodes = np.zeros(n_nodes, dtype=bool)
    nodes[tail], nodes[head], nodes[terminals] = True, True, True
    return _build(tail, head, weight, nodes, terminals)


def _fastest_parallel(tail: np.ndarray, head: np.ndarray, weight: np.ndarray,
                      n_nodes: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return one arc per ordered node pair, sorted by pair, with per band the least weight of parallel arcs."""
    key = tail.astype(np.int64) * n_nodes + head
    order = np.argsort(key, kind="stable")
    key = key[order]
    starts = np.flatnonzero(_run_starts(key))
    unique = key[starts]
    if unique.size == 0:
        return unique, unique, weight[:, :0]
    return unique // n_nodes, unique % n_nodes, np.minimum.reduceat(weight[:, order], starts, axis=1)


def _neighbour_pairs(tail: np.ndarray, head: np.ndarray, n_nodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct unordered neighbour pairs ``(low, high)`` of the arcs."""
    pair = np.sort(np.minimum(tail, head).astype(np.int64) * n_nodes + np.maximum(tail, head))
    pair = pair[_run_starts(pair)]
    return pair // n_nodes, pair % n_nodes


def _run_starts(values: np.ndarray) -> np.ndarray:
    """Return the mask of the first element of each run of equal values in sorted ``values``."""
    starts = np.ones(values.shape[0], dtype=bool)
    starts[1:] = values[1:] != values[:-1]
    return starts


def _eliminate(tail: np.ndarray, head: np.ndarray, weight: np.ndarray, removable: np.ndarray, n_nodes: int, *,
               max_degree: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the arcs after eliminating an independent set of removable nodes of low degree.

    Each eliminated node ``v`` is replaced by shortcuts ``u -> w`` for its arcs
    ``u -> v -> w`` (``u != w``), per band the lighter of the shortcut and any arc
    ``u -> w`` already there, so paths between the remaining nodes do not change.
    ``removable`` loses the eliminated nodes.
    """
    low, high = _neighbour_pairs(tail, head, n_nodes)
    degree = np.bincount(low, minlength=n_nodes) + np.bincount(high, minlength=n_nodes)
    candidate = removable & (degree >= 1) & (degree <= max_degree)
    both = candidate[low] & candidate[high]
    selected = candidate.copy()
    # of two neighbouring candidates only the lower-numbered one may go: an independent set
    selected[np.maximum(low[both], high[both])] = False
    if not selected.any():
        return tail, head, weight
    into = np.flatnonzero(selected[head])
    out = np.flatnonzero(selected[tail])
    out = out[np.argsort(tail[out], kind="stable")]
    first = np.searchsorted(tail[out], head[into])
    count = np.searchsorted(tail[out], head[into], side="right") - first
    before = np.repeat(into, count)
    after = out[np.repeat(first, count) + np.arange(before.size) - np.repeat(np.cumsum(count) - count, count)]
    loop = tail[before] == head[after]
    before, after = before[~loop], after[~loop]
    stay = ~(selected[tail] | selected[head])
    removable &= ~selected
    return _fastest_parallel(np.concatenate((tail[stay], tail[before])), np.concatenate((head[stay], head[after])),
                             np.concatenate((weight[:, stay], weight[:, before] + weight[:, after]), axis=1), n_nodes)


def _prune_dead_ends(tail: np.ndarray, head: np.ndarray, alive: np.ndarray, is_terminal: np.ndarray,
                     n_nodes: int) -> np.ndarray:
    """Return ``alive`` without the non-terminal nodes of dead-end trees (one neighbour)."""
    low, high = _neighbour_pairs(tail, head, n_nodes)
    for _ in range(MAX_PRUNE_ROUNDS):
        both = alive[low] & alive[high]
        degree = np.bincount(low[both], minlength=n_nodes) + np.bincount(high[both], minlength=n_nodes)
        drop = alive & ~is_terminal & (degree <= 1)
        if not drop.any():
            break
        alive &= ~drop
    return alive


def _pass_through(tail: np.ndarray, head: np.ndarray, is_terminal: np.ndarray, alive: np.ndarray,
                  n_nodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the pass-through nodes (exactly two neighbours, not a terminal) and each node's neighbour sum."""
    low, high = _neighbour_pairs(tail, head, n_nodes)
    degree = np.bincount(low, minlength=n_nodes) + np.bincount(high, minlength=n_nodes)
    other_sum = np.bincount(low, weights=high, minlength=n_nodes) + np.bincount(high, weights=low, minlength=n_nodes)
    return alive & ~is_terminal & (degree == 2), other_sum.astype(np.int64)


def _build(tail: np.ndarray, head: np.ndarray, weight: np.ndarray, nodes: np.ndarray,
           terminals: np.ndarray) -> ContractedGraph:
    """Return the CSR graphs of the arcs (one per ordered pair, sorted by pair) renumbered over ``nodes``."""
    number = np.cumsum(nodes) - 1
    size = int(nodes.sum())
    rows, cols = number[tail], number[head]
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=size))))
    csrs = tuple(sparse.csr_matrix((weight[band], cols, indptr), shape=(size, size)) for band in range(weight.shape[0]))
    return ContractedGraph(number[terminals], csrs)


def band_matrices(graph: ContractedGraph, *, batch: int) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(seconds, metres)``, each ``(bands, t, t)``, between the terminals along the fastest paths.

    One Dijkstra tree per distinct terminal and band, ``batch`` trees at a time;
    ``inf`` seconds and ``nan`` metres where unreachable. Times are exact to the
    millisecond and lengths to the centimetre per arc of the original graph.
    """
    unique, inverse = np.unique(graph.terminals, return_inverse=True)
    n_bands = len(graph.band_csr)
    seconds = np.empty((n_bands, unique.size, unique.size))
    metres = np.empty((n_bands, unique.size, unique.size))
    for band, csr in enumerate(graph.band_csr):
        for begin in range(0, unique.size, batch):
            part = slice(begin, begin + batch)
            found = csgraph.dijkstra(csr, directed=True, indices=unique[part], min_only=False)[:, unique]
            seconds[band, part], metres[band, part] = unpack_weights(found)
    block = (slice(None), inverse[:, None], inverse[None, :])
    return seconds[block], metres[block]


def pack_weights(time_s: np.ndarray, length_m: np.ndarray) -> np.ndarray:
    """Return weights holding whole milliseconds (at least 1) times :data:`LENGTH_SLOTS` plus whole centimetres."""
    return np.maximum(np.rint(time_s * 1000.0), 1.0) * LENGTH_SLOTS + np.rint(length_m * 100.0)


def unpack_weights(packed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the seconds and metres of packed path weights (``inf``/``nan`` where unreachable)."""
    reached = np.isfinite(packed)
    whole = np.where(reached, packed, 0.0)
    milliseconds = np.floor(whole / LENGTH_SLOTS)
    centimetres = whole - milliseconds * LENGTH_SLOTS
    return np.where(reached, milliseconds / 1000.0, np.inf), np.where(reached, centimetres / 100.0, np.nan)
