"""The router: snap places to one mode's road graph, search it, route single legs.

A :class:`Router` holds one mode's weighted graph (or none, when there is no road data
at all: then every answer is the labelled estimate). A place within
``settings.MAX_SNAP_M`` of the mode's largest strongly connected component is routed;
one within ``settings.MAX_ACCESS_M`` is partly routed (an estimated access leg to its
nearest reachable node, then the roads); a farther one gets estimated legs, so one plan
can mix routed, partly routed and estimated legs. Whole
travel matrices are assembled from its node searches in :mod:`.matrix`.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy import sparse

from geodata.area import check_in_hanoi
from geodata.errors import CraftRouteError, quoted
from geodata.location import Location
from geodata.query import haversine_m

from .. import settings
from .bands import band_index, band_names, class_factors, clock_min, default_band, duration_at
from .compact import CompactGraph
from .contract import band_matrices, contract, pack_weights, unpack_weights
from .estimate import estimate_matrix, speed_m_per_s
from .graph import NoRoadDataError, load_graph
from .paths import fastest_trees, lengths_along, path_nodes, path_points
from .results import Leg, Snap
from .weights import ModeGraph, SnapIndex, build_mode_graph

logger = logging.getLogger(__name__)


def check_mode(mode: str, *, field: str = "mode") -> str:
    """Return ``mode`` if it is a known travel mode; raise :class:`CraftRouteError` otherwise."""
    if mode not in settings.MODES:
        raise CraftRouteError.of(field, "one_of", allowed=", ".join(settings.MODES), got=quoted(mode))
    return mode


class Router:
    """Travel times, distances and road shapes for one mode.

    Parameters
    ----------
    mode
        Travel mode (one of ``settings.MODES``).
    graph
        The mode's weighted graph; ``None`` for estimate-only routing.
    """

    def __init__(self, mode: str, graph: ModeGraph | None) -> None:
        self.mode = check_mode(mode)
        self.graph = graph
        self.routed = graph is not None
        self._index = SnapIndex.from_mode_graph(graph) if graph is not None else None
        self._band_csr: dict[tuple[int, bool], sparse.csr_matrix] = {}
        self._packed_csr: dict[tuple[int, bool], sparse.csr_matrix] = {}
        self._legs: OrderedDict[tuple[Location, Location, float | None], Leg] = OrderedDict()
        #: Kept trees (:meth:`keep_trees`): row of each node, then per band (to, from) packed weights.
        self._tree_rows: dict[int, int] = {}
        self._trees: list[tuple[np.ndarray, np.ndarray]] = []
        self._legs_lock = threading.Lock()

    @classmethod
    def from_compact(cls, compact: CompactGraph, *, mode: str = settings.DEFAULT_MODE) -> Router:
        """Return the router of ``mode`` on an already loaded compact graph."""
        check_mode(mode)
        graph = build_mode_graph(compact, mode=mode, speeds_kmh=settings.SPEEDS_KMH[mode],
                                 ignore_oneway=mode in settings.IGNORE_ONEWAY_MODES)
        return cls(mode, graph)

    @classmethod
    def load(cls, *, mode: str = settings.DEFAULT_MODE, osm_path: Path | Sequence[Path] | None = None,
             cache_dir: Path | None = None, field: str = "osm_path") -> Router:
        """Return the router of ``mode``, loading (or building and caching) the road graph.

        Without road data and without a download, the router answers with the labelled
        estimate only (``routed`` is ``False``) and logs a warning. A road file that is
        missing or not OSM XML raises CraftRouteError naming ``field`` (``"--osm"``).
        """
        check_mode(mode)
        try:
            compact = load_graph(osm_path=osm_path, cache_dir=cache_dir, field=field)
        except NoRoadDataError as error:
            logger.warning("no road data, travel times are estimates: %s", error)
            return cls(mode, None)
        return cls.from_compact(compact, mode=mode)

    def snap(self, location: Location) -> Snap:
        """Return where ``location`` joins the road network and whether it is routed.

        Raises
        ------
        OutsideHanoiError
            If the location lies outside Hanoi.
        """
        return self.snap_many([location])[0]

    def snap_many(self, locations: Sequence[Location]) -> list[Snap]:
        """Return the snap of each location (one KD-tree query for all).

        Raises
        ------
        OutsideHanoiError
            If a location lies outside Hanoi.
        """
        for location in locations:
            check_in_hanoi(location.lat, location.lon, field=location.id or "location")
        if self._index is None or self.graph is None:
            return [Snap(node=-1, distance_m=float("inf"), usable=False) for _ in locations]
        lat = np.array([loc.lat for loc in locations], dtype=np.float64)
        lon = np.array([loc.lon for loc in locations], dtype=np.float64)
        nodes = self._index.nearest(lat, lon)
        compact = self.graph.compact
        distance = np.asarray(haversine_m(lat, lon, compact.node_lat[nodes], compact.node_lon[nodes]))
        return [snap_at(int(node), float(d)) for node, d in zip(nodes, distance, strict=True)]

    def band_csr(self, band: int, *, reverse: bool = False) -> sparse.csr_matrix:
        """Return the mode's edge times in time band ``band`` (transposed with ``reverse``), built once."""
        if self.graph is None:
            raise RuntimeError("band_csr needs road data")
        key = (band, reverse)
        if key not in self._band_csr:
            factors = class_factors(self.graph.compact.class_names, mode=self.mode)[band]
            forward = self.graph.scaled_time_csr(factors)
            self._band_csr[key] = forward.transpose().tocsr() if reverse else forward
        return self._band_csr[key]

    def packed_band_csr(self, band: int, *, reverse: bool = False) -> sparse.csr_matrix:
        """Return :meth:`band_csr` with its weights packed with road lengths (:func:`.contract.pack_weights`), built once."""
        if self.graph is None:
            raise RuntimeError("packed_band_csr needs road data")
        key = (band, reverse)
        if key not in self._packed_csr:
            packed = self.band_csr(band).copy()
            packed.data = pack_weights(packed.data, self.graph.pair_length_m[self.graph.time_csr_positions])
            self._packed_csr[key] = packed.transpose().tocsr() if reverse else packed
        return self._packed_csr[key]

    def node_matrix(self, nodes: np.ndarray, *, band: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(seconds, metres)`` along the fastest road paths between graph nodes in one band.

        ``inf``/``nan`` where unreachable; ``band`` ``None`` is the default departure's
        band. The search runs on the graph contracted around ``nodes``, like
        :meth:`node_band_matrices`.
        """
        seconds, metres = self._node_matrices(nodes, [default_band() if band is None else band])
        return seconds[0], metres[0]

    def node_band_matrices(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(seconds, metres)``, each ``(bands, k, k)``: :meth:`node_matrix` in every time band."""
        return self._node_matrices(nodes, list(range(len(band_names()))))

    def full_search_matrix(self, nodes: np.ndarray, *, band: int) -> tuple[np.ndarray, np.ndarray]:
        """Return :meth:`node_matrix` searched on the whole graph, lengths summed down the predecessor trees.

        One Dijkstra tree per distinct node, grown ``settings.TREES_PER_BATCH`` at a
        time so memory stays bounded; exact to the float. Used for nodes outside the
        largest strongly connected component, and as the reference the contracted
        search is measured against (``bench/matrix.py``).
        """
        if self.graph is None:
            raise RuntimeError("full_search_matrix needs road data")
        time_csr = self.band_csr(band)
        unique, inverse = np.unique(nodes, return_inverse=True)
        seconds = np.empty((unique.size, unique.size))
        metres = np.empty((unique.size, unique.size))
        for start in range(0, unique.size, settings.TREES_PER_BATCH):
            batch = slice(start, start + settings.TREES_PER_BATCH)
            tree_s, predecessors = fastest_trees(time_csr, unique[batch])
            seconds[batch] = tree_s[:, unique]
            metres[batch] = lengths_along(self.graph, predecessors, unique)
        block = np.ix_(inverse, inverse)
        road_s = seconds[block]
        return road_s, np.where(np.isfinite(road_s), metres[block], np.nan)

    def _node_matrices(self, nodes: np.ndarray, bands: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(seconds, metres)``, each ``(len(bands), k, k)``, searched on the contracted graph.

        The graph contracted around ``nodes`` (:mod:`.contract`) keeps the same fastest
        paths on a fraction of the nodes; weights are whole milliseconds and centimetres
        per road edge. Nodes outside the largest strongly connected component fall back
        to :meth:`full_search_matrix`.
        """
        if self.graph is None:
            raise RuntimeError("node matrices need road data")
        graph = self.graph
        if nodes.size == 0 or not graph.usable[nodes].all():
            slices = [self.full_search_matrix(nodes, band=band) for band in bands]
            return np.stack([s for s, _ in slices]), np.stack([m for _, m in slices])
        base = graph.time_csr
        tail = np.repeat(np.arange(base.shape[0]), np.diff(base.indptr))
        band_time_s = np.stack([self.band_csr(band).data for band in bands])
        contracted = contract(tail, base.indices, band_time_s, graph.pair_length_m[graph.time_csr_positions],
                              n_nodes=graph.n_nodes, keep=graph.usable, terminals=np.asarray(nodes, dtype=np.int64))
        return band_matrices(contracted, batch=settings.TREES_PER_BATCH)

    def node_rows_and_columns(self, nodes: np.ndarray, others: np.ndarray) -> tuple[np.ndarray, ...]:
        """Return times and lengths from ``nodes`` to ``others`` and from ``others`` to ``nodes``, per band.

        One forward and one backward Dijkstra tree per node in ``nodes`` and band: what
        adding an ad-hoc place (a hotel) to an already computed matrix costs. The
        weights are packed like those of :meth:`node_band_matrices`
        (:func:`planner.routing.contract.pack_weights`), so the added cells equal those
        a whole new matrix would hold.

        Returns
        -------
        tuple
            ``(out_s, out_m, in_s, in_m)``, each ``(bands, len(nodes), len(others))``;
            ``in_*[b, i, j]`` is from ``others[j]`` to ``nodes[i]``.
        """
        if self.graph is None:
            raise RuntimeError("node_rows_and_columns needs road data")
        kept = self._rows_and_columns_from_trees(nodes, others)
        if kept is not None:
            return kept
        parts: list[list[np.ndarray]] = [[], [], [], []]
        for band in range(len(band_names())):
            forward, backward = self.packed_band_csr(band), self.packed_band_csr(band, reverse=True)
            out_s, out_m = unpack_weights(fastest_trees(forward, nodes, predecessors=False)[0][:, others])
            in_s, in_m = unpack_weights(fastest_trees(backward, nodes, predecessors=False)[0][:, others])
            for part, value in zip(parts, (out_s, out_m, in_s, in_m), strict=True):
                part.append(value)
        return tuple(np.stack(part) for part in parts)

    def keep_trees(self, locations: Sequence[Location]) -> None:
        """Grow and keep, in every band, the trees to and from the road nodes of ``locations``.

        Afterwards :meth:`node_rows_and_columns` answers a new place's times to and from
        those nodes by looking them up instead of searching: a path's packed weight is a
        whole number, the same whichever end the search starts from. The web app keeps
        the bundled places' trees (2 x bands trees per place, about 125 MB for the 65
        places on the urban graph), so a plan from a hotel costs no search at all.
        """
        if self.graph is None:
            return
        nodes = np.unique([snap.node for snap in self.snap_many(locations) if snap.usable]).astype(np.int64)
        if self._trees and all(int(node) in self._tree_rows for node in nodes):
            return  # kept already (another app of the process, the same places)
        trees = []
        for band in range(len(band_names())):
            to_nodes = fastest_trees(self.packed_band_csr(band, reverse=True), nodes, predecessors=False)[0]
            from_nodes = fastest_trees(self.packed_band_csr(band), nodes, predecessors=False)[0]
            trees.append((to_nodes, from_nodes))
        self._trees, self._tree_rows = trees, {int(node): row for row, node in enumerate(nodes)}

    def _rows_and_columns_from_trees(self, nodes: np.ndarray, others: np.ndarray) -> tuple[np.ndarray, ...] | None:
        """Return :meth:`node_rows_and_columns` from the kept trees, or ``None`` when they do not cover ``others``.

        A column not kept is covered when it is the row's own node (one new place: 0 both ways).
        """
        if not self._trees:
            return None
        rows = np.array([self._tree_rows.get(int(node), -1) for node in others], dtype=np.int64)
        missing = rows < 0
        if missing.any() and not (len(nodes) == 1 and bool(np.all(others[missing] == nodes[0]))):
            return None
        safe = np.maximum(rows, 0)
        parts: list[list[np.ndarray]] = [[], [], [], []]
        for to_nodes, from_nodes in self._trees:
            # to_nodes[r, v]: packed weight from v to kept node r; from_nodes[r, v]: from r to v
            out_packed = np.where(missing[None, :], 0.0, to_nodes[np.ix_(safe, nodes)].T)
            in_packed = np.where(missing[None, :], 0.0, from_nodes[np.ix_(safe, nodes)].T)
            out_s, out_m = unpack_weights(out_packed)
            in_s, in_m = unpack_weights(in_packed)
            for part, value in zip(parts, (out_s, out_m, in_s, in_m), strict=True):
                part.append(value)
        return tuple(np.stack(part) for part in parts)

    def leg(self, origin: Location, destination: Location, *, depart_min: float | None = None) -> Leg:
        """Return the trip from ``origin`` to ``destination``: (partly) routed if both join the roads.

        ``depart_min`` (minutes after midnight; ``None``: ``settings.DEFAULT_DEPART``)
        picks the time band the path is searched in; the trip's time follows it through
        the bands it runs into (:func:`planner.routing.bands.duration_at`). The last
        ``settings.LEG_CACHE_SIZE`` legs are remembered.
        """
        key = (origin, destination, depart_min)
        with self._legs_lock:
            found = self._legs.get(key)
            if found is not None:
                self._legs.move_to_end(key)
                return found
        found = self._search_leg(origin, destination, depart_min=depart_min)
        with self._legs_lock:
            self._legs[key] = found
            while len(self._legs) > settings.LEG_CACHE_SIZE:
                self._legs.popitem(last=False)
        return found

    def _search_leg(self, origin: Location, destination: Location, *, depart_min: float | None) -> Leg:
        """Return :meth:`leg` searched on the roads."""
        origin_snap, destination_snap = self.snap_many([origin, destination])
        if (origin.lat, origin.lon) == (destination.lat, destination.lon):
            point = (origin.lon, origin.lat)
            return Leg(from_id=origin.id, to_id=destination.id, mode=self.mode, distance_m=0.0,
                       duration_s=0.0, estimated=False, geometry=[point, point], depart_min=depart_min)
        if origin_snap.usable and destination_snap.usable and self.graph is not None:
            depart = depart_min if depart_min is not None else clock_min(settings.DEFAULT_DEPART)
            _, predecessors = fastest_trees(self.band_csr(band_index(depart)), np.array([origin_snap.node]))
            nodes = path_nodes(predecessors[0], origin_snap.node, destination_snap.node)
            if nodes:
                return self._routed_leg(origin, destination, origin_snap, destination_snap, nodes, depart_min)
            logger.warning("no road path from %s to %s, using the estimate", origin.id, destination.id)
        return replace(self._estimated_leg(origin, destination), depart_min=depart_min)

    def _routed_leg(self, origin: Location, destination: Location, origin_snap: Snap,
                    destination_snap: Snap, nodes: list[int], depart_min: float | None) -> Leg:
        """Return a (partly) routed leg along ``nodes`` with access legs at both ends."""
        assert self.graph is not None
        array = np.asarray(nodes, dtype=np.int64)
        pairs = self.graph.pair_index(array[:-1], array[1:])
        road_m = float(self.graph.pair_length_m[pairs].sum())
        access_m = origin_snap.access_m + destination_snap.access_m
        estimated_m = origin_snap.estimated_m + destination_snap.estimated_m
        factors = class_factors(self.graph.compact.class_names, mode=self.mode)
        pair_class = self.graph.compact.edge_class[self.graph.pair_edge[pairs]]
        band_s = (self.graph.pair_time_s[pairs][None, :] / factors[:, pair_class]).sum(axis=1)
        band_s += access_m / speed_m_per_s(self.mode)
        depart = depart_min if depart_min is not None else clock_min(settings.DEFAULT_DEPART)
        points = [(origin.lon, origin.lat)]
        points += [(float(x), float(y)) for x, y in path_points(self.graph, nodes)]
        points.append((destination.lon, destination.lat))
        return Leg(from_id=origin.id, to_id=destination.id, mode=self.mode, distance_m=road_m + access_m,
                   duration_s=float(duration_at(band_s[:, None], depart)[0]), estimated=estimated_m > 0,
                   geometry=points, estimated_m=estimated_m, depart_min=depart_min)

    def _estimated_leg(self, origin: Location, destination: Location) -> Leg:
        """Return the labelled straight-line estimate from ``origin`` to ``destination``."""
        duration_s, distance_m = estimate_matrix(np.array([origin.lat, destination.lat]),
                                                 np.array([origin.lon, destination.lon]), mode=self.mode)
        return Leg(from_id=origin.id, to_id=destination.id, mode=self.mode,
                   distance_m=float(distance_m[0, 1]), duration_s=float(duration_s[0, 1]), estimated=True,
                   geometry=[(origin.lon, origin.lat), (destination.lon, destination.lat)],
                   estimated_m=float(distance_m[0, 1]))


def snap_at(node: int, distance_m: float) -> Snap:
    """Return the snap of a place ``distance_m`` from its nearest reachable road ``node``.

    Routed within ``settings.MAX_SNAP_M`` (straight access leg, counted as routed),
    partly routed within ``settings.MAX_ACCESS_M`` (access leg estimated as
    great-circle x ``settings.DETOUR_FACTOR``), estimated beyond.
    """
    if distance_m <= settings.MAX_SNAP_M:
        return Snap(node=node, distance_m=distance_m, usable=True, access_m=distance_m)
    if distance_m <= settings.MAX_ACCESS_M:
        access_m = distance_m * settings.DETOUR_FACTOR
        return Snap(node=node, distance_m=distance_m, usable=True, access_m=access_m, estimated_m=access_m)
    return Snap(node=node, distance_m=distance_m, usable=False)


@functools.lru_cache(maxsize=len(settings.MODES))
def _cached_router(mode: str) -> Router:
    return Router.load(mode=mode)


def get_router(mode: str = settings.DEFAULT_MODE) -> Router:
    """Return the process-wide router of ``mode`` (loaded once, for the web app and CLI)."""
    return _cached_router(check_mode(mode))


get_router.cache_clear = _cached_router.cache_clear  # type: ignore[attr-defined]
