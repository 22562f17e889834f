"""The compact road graph: plain arrays of nodes, edges and edge shapes.

An OSMnx ``MultiDiGraph`` takes minutes to build and hundreds of MB to hold; the same
network as numpy arrays loads in well under a second. This module turns the graph into
arrays (:func:`compact_from_graph`) and writes/reads them as one ``.npz`` file with a
version stamp and the source checksum (:func:`save_compact`, :func:`load_compact`).
The arrays are mode-independent; per-mode weights are derived at load
(:mod:`planner.routing.weights`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import zipfile
import zlib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from .access import mode_bits, tag_values
from .cachefile import atomic_savez

logger = logging.getLogger(__name__)


class CacheError(Exception):
    """A compact-graph cache file is unreadable, stale or inconsistent."""


@dataclass(frozen=True)
class CompactGraph:
    """A directed road network as arrays (one row per node or per directed edge).

    Attributes
    ----------
    node_osmid, node_lat, node_lon
        OSM id and WGS84 position of each node.
    edge_u, edge_v
        Node indices of each directed edge (as OSMnx stores it: two-way streets have
        an edge each way, one-way streets one edge).
    edge_length_m
        Road length of each edge.
    edge_class
        Index into ``class_names`` of the edge's ``highway`` class.
    edge_oneway
        Whether the edge belongs to a one-way street.
    edge_closed_modes, edge_two_way_modes
        Bit masks over ``mode_names`` (bit ``i`` = ``mode_names[i]``): the edge's access
        tags close it to the mode; a one-way edge is open both ways to the mode
        (``oneway:motorcycle=no``). See :mod:`planner.routing.access`.
    geom_offsets, geom_lon, geom_lat
        Edge shapes, flattened: points of edge ``i`` (from u to v, both ends included)
        are ``geom_*[geom_offsets[i]:geom_offsets[i + 1]]``.
    class_names
        The ``highway`` classes, indexed by ``edge_class``.
    mode_names
        The travel modes of the bit masks.
    source_sha256
        Checksum of the road file (or of the download query) the graph came from.
    source_name
        File name or query, for messages.
    """

    node_osmid: np.ndarray
    node_lat: np.ndarray
    node_lon: np.ndarray
    edge_u: np.ndarray
    edge_v: np.ndarray
    edge_length_m: np.ndarray
    edge_class: np.ndarray
    edge_oneway: np.ndarray
    edge_closed_modes: np.ndarray
    edge_two_way_modes: np.ndarray
    geom_offsets: np.ndarray
    geom_lon: np.ndarray
    geom_lat: np.ndarray
    class_names: np.ndarray
    mode_names: np.ndarray
    source_sha256: str
    source_name: str

    @property
    def n_nodes(self) -> int:
        """Return the number of nodes."""
        return int(self.node_lat.shape[0])

    @property
    def n_edges(self) -> int:
        """Return the number of directed edges."""
        return int(self.edge_u.shape[0])

    def edge_points(self, edge: int, *, reverse: bool = False) -> np.ndarray:
        """Return the ``(k, 2)`` array of (lon, lat) points of one edge, from u to v."""
        start, stop = self.geom_offsets[edge], self.geom_offsets[edge + 1]
        points = np.column_stack((self.geom_lon[start:stop], self.geom_lat[start:stop]))
        return points[::-1] if reverse else points

    def mode_mask(self, masks: np.ndarray, mode: str) -> np.ndarray:
        """Return the bool per edge of ``mode`` in one of the bit masks (all ``False`` for an unknown mode)."""
        names = [str(name) for name in self.mode_names]
        if mode not in names:
            return np.zeros(self.n_edges, dtype=bool)
        return ((masks >> names.index(mode)) & 1).astype(bool)


@dataclass(frozen=True)
class AccessRules:
    """How access tags read for each mode (the values in :mod:`planner.settings`)."""

    modes: tuple[str, ...]
    access_tags: dict[str, tuple[str, ...]]
    denied: frozenset[str]
    oneway_exempt_tags: dict[str, str] = field(default_factory=dict)

    def key(self) -> str:
        """Return a short hex digest of the rules, so caches built with other rules are not reused."""
        text = json.dumps([self.modes, self.access_tags, sorted(self.denied), self.oneway_exempt_tags],
                          sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:8]


def edge_class_name(data: dict[str, Any], class_order: tuple[str, ...]) -> str:
    """Return the highest-ranked ``highway`` class of an edge, the same on every build.

    A simplified edge can merge ways of several classes, listed in no fixed order;
    taking the highest rank (``motorway`` first) is deterministic and keeps vehicles
    that may not use the higher class off the whole edge.
    """
    rank = {name: i for i, name in enumerate(class_order)}
    classes = tag_values(data.get("highway")) or ["road"]
    return min(classes, key=lambda name: (rank.get(name, len(rank)), name))


def compact_from_graph(graph: nx.MultiDiGraph, *, source_sha256: str, source_name: str,
                       rules: AccessRules, class_order: tuple[str, ...] = ()) -> CompactGraph:
    """Return the compact arrays of an OSMnx graph (unprojected, EPSG:4326).

    Parameters
    ----------
    graph
        A graph from ``osmnx.graph_from_xml`` / ``graph_from_bbox`` with ``length``,
        ``highway`` and ``oneway`` edge attributes, and the access tags ``rules`` read.
    source_sha256, source_name
        Provenance stamped into the result.
    rules
        How access tags close ways or open one-way streets per mode.
    class_order
        ``highway`` classes from most to least important, to pick one class per edge.
    """
    osmids = np.fromiter(graph.nodes, dtype=np.int64, count=graph.number_of_nodes())
    index_of = {osmid: i for i, osmid in enumerate(osmids.tolist())}
    node_lat = np.array([graph.nodes[n]["y"] for n in osmids.tolist()], dtype=np.float64)
    node_lon = np.array([graph.nodes[n]["x"] for n in osmids.tolist()], dtype=np.float64)

    class_index: dict[str, int] = {}
    n_edges = graph.number_of_edges()
    edge_u = np.empty(n_edges, dtype=np.int32)
    edge_v = np.empty(n_edges, dtype=np.int32)
    length = np.empty(n_edges, dtype=np.float64)
    klass = np.empty(n_edges, dtype=np.int16)
    oneway = np.empty(n_edges, dtype=bool)
    closed = np.empty(n_edges, dtype=np.uint8)
    two_way = np.empty(n_edges, dtype=np.uint8)
    offsets = np.zeros(n_edges + 1, dtype=np.int64)
    lon_parts: list[np.ndarray] = []
    lat_parts: list[np.ndarray] = []
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        edge_u[i], edge_v[i] = index_of[u], index_of[v]
        length[i] = float(data.get("length", 0.0))
        highway = edge_class_name(data, class_order)
        klass[i] = class_index.setdefault(highway, len(class_index))
        oneway[i] = bool(data.get("oneway", False))
        closed[i], two_way[i] = mode_bits(data, modes=rules.modes, access_tags=rules.access_tags,
                                          denied=rules.denied, oneway_exempt_tags=rules.oneway_exempt_tags)
        geometry = data.get("geometry")
        if geometry is not None:
            coords = np.asarray(geometry.coords, dtype=np.float64)
        else:
            coords = np.array([[node_lon[edge_u[i]], node_lat[edge_u[i]]],
                               [node_lon[edge_v[i]], node_lat[edge_v[i]]]])
        lon_parts.append(coords[:, 0])
        lat_parts.append(coords[:, 1])
        offsets[i + 1] = offsets[i] + coords.shape[0]
    return CompactGraph(
        node_osmid=osmids, node_lat=node_lat, node_lon=node_lon,
        edge_u=edge_u, edge_v=edge_v, edge_length_m=length, edge_class=klass,
        edge_oneway=oneway, edge_closed_modes=closed, edge_two_way_modes=two_way, geom_offsets=offsets,
        geom_lon=np.concatenate(lon_parts) if lon_parts else np.empty(0),
        geom_lat=np.concatenate(lat_parts) if lat_parts else np.empty(0),
        class_names=np.array(list(class_index), dtype=str), mode_names=np.array(rules.modes, dtype=str),
        source_sha256=source_sha256, source_name=source_name,
    )


def write_npz(arrays: dict[str, Any], path: Path, *, version: int) -> None:
    """Write named arrays to ``path`` (.npz), atomically, with a ``version`` stamp (a cache file)."""
    atomic_savez(path, **arrays, version=np.array(version))


def read_npz(path: Path, *, version: int, source_sha256: str | None = None) -> dict[str, np.ndarray]:
    """Return the arrays of a cache file written by :func:`write_npz`, checked for version and source.

    Raises
    ------
    CacheError
        If the file cannot be read, or has another version or ``source_sha256`` array.
    """
    try:
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            stored = {name: data[name] for name in data.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, KeyError, zlib.error) as error:
        raise CacheError(f"cannot read {path}: {error}") from error
    if int(stored.get("version", -1)) != version:
        raise CacheError(f"{path} has format version {stored.get('version')}, expected {version}")
    if source_sha256 is not None and str(stored.get("source_sha256")) != source_sha256:
        raise CacheError(f"{path} was built from another version of the road data")
    return stored


def save_compact(compact: CompactGraph, path: Path, *, version: int) -> None:
    """Write the compact graph to ``path`` (.npz), atomically, with a version stamp."""
    arrays = {f.name: getattr(compact, f.name) for f in fields(compact)}
    arrays["source_sha256"] = np.array(compact.source_sha256)
    arrays["source_name"] = np.array(compact.source_name)
    write_npz(arrays, path, version=version)


def load_compact(path: Path, *, version: int, source_sha256: str | None = None) -> CompactGraph:
    """Return the compact graph stored at ``path``, checked for staleness and damage.

    Parameters
    ----------
    path
        A file written by :func:`save_compact`.
    version
        The format version the caller expects.
    source_sha256
        The checksum the source must have; ``None`` skips this check.

    Raises
    ------
    CacheError
        If the file cannot be read, has another version or checksum, or its arrays
        are inconsistent.
    """
    stored = read_npz(path, version=version, source_sha256=source_sha256)
    try:
        compact = CompactGraph(**{f.name: stored[f.name] for f in fields(CompactGraph)
                                  if f.name not in ("source_sha256", "source_name")},
                               source_sha256=str(stored["source_sha256"]),
                               source_name=str(stored["source_name"]))
    except KeyError as error:
        raise CacheError(f"{path} lacks the array {error}") from error
    _check_consistent(compact, path)
    return compact


def _check_consistent(compact: CompactGraph, path: Path) -> None:
    """Raise :class:`CacheError` if the arrays do not describe one valid graph."""
    n_nodes, n_edges = compact.n_nodes, compact.n_edges
    same_nodes = compact.node_lon.shape[0] == n_nodes == compact.node_osmid.shape[0]
    edge_arrays = (compact.edge_v, compact.edge_length_m, compact.edge_class,
                   compact.edge_oneway, compact.edge_closed_modes, compact.edge_two_way_modes)
    same_edges = all(a.shape[0] == n_edges for a in edge_arrays)
    ends_ok = n_edges == 0 or (int(max(compact.edge_u.max(), compact.edge_v.max())) < n_nodes
                               and int(min(compact.edge_u.min(), compact.edge_v.min())) >= 0)
    geometry_ok = (compact.geom_offsets.shape[0] == n_edges + 1
                   and int(compact.geom_offsets[-1]) == compact.geom_lon.shape[0]
                   == compact.geom_lat.shape[0])
    classes_ok = n_edges == 0 or int(compact.edge_class.max()) < compact.class_names.shape[0]
    if not (n_nodes > 0 and same_nodes and same_edges and ends_ok and geometry_ok and classes_ok):
        raise CacheError(f"{path} holds inconsistent arrays")
