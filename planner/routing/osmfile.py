"""Reading road files as users have them: OSM XML (.osm, .osm.gz, .osm.bz2) or PBF, one or several.

Every format goes through one reader, pyosmium (libosmium), which streams the file:
node coordinates go to libosmium's location index (in memory for small files, in a
temporary file on disk for large ones such as a country extract, see
``settings.OSM_DISK_INDEX_MB``) and only the roads (``highway=*`` ways, OSMnx's
``"all"`` network filter) inside the clip area reach Python. Several files merge by OSM
id: shared node ids join the networks, a way already read from an earlier file is
skipped. The result is the Overpass-style element list that OSMnx builds graphs from,
so files and downloads share one builder (:func:`graph_from_elements`).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from tqdm.auto import tqdm

logger = logging.getLogger(__name__)

#: File name endings pyosmium reads, as named in messages.
OSM_SUFFIXES: tuple[str, ...] = (".osm", ".osm.gz", ".osm.bz2", ".osm.pbf")

#: ``highway`` values that are not roads (OSMnx's ``"all"`` network filter).
NOT_ROADS: frozenset[str] = frozenset({"abandoned", "construction", "no", "planned", "platform", "proposed",
                                       "raceway", "razed"})


class OsmFileError(ValueError):
    """A road file cannot be read as OSM data."""


def read_road_elements(paths: Sequence[Path], *, keep_tags: Iterable[str], clip: Any = None,
                       disk_index_mb: float = 64.0, progress: bool = False) -> list[dict[str, Any]]:
    """Return the roads of one or several OSM files as Overpass-style elements (nodes, then ways).

    Parameters
    ----------
    paths
        OSM files (.osm, .osm.gz, .osm.bz2, .osm.pbf), merged in this order.
    keep_tags
        Way tags to keep (the others are dropped while reading).
    clip
        A shapely polygon in WGS84: only the stretches of ways inside it are kept;
        ``None`` keeps everything.
    disk_index_mb
        Files larger than this keep their node locations in a temporary file, not in memory.
    progress
        Show a progress bar of the ways read per file.

    Raises
    ------
    OsmFileError
        If a file cannot be read as OSM data.
    """
    keep = frozenset(keep_tags)
    nodes: dict[int, tuple[float, float]] = {}
    ways: dict[int, dict[str, Any]] = {}
    for path in paths:
        _read_one(Path(path), nodes, ways, keep=keep, clip=clip, disk_index_mb=disk_index_mb, progress=progress)
    used = {ref for way in ways.values() for ref in way["nodes"]}
    elements: list[dict[str, Any]] = [{"type": "node", "id": ref, "lat": nodes[ref][0], "lon": nodes[ref][1],
                                       "tags": {}} for ref in sorted(used)]
    elements += [{"type": "way", "id": way_id, **way} for way_id, way in ways.items()]
    return elements


def _read_one(path: Path, nodes: dict[int, tuple[float, float]], ways: dict[int, dict[str, Any]], *,
              keep: frozenset[str], clip: Any, disk_index_mb: float, progress: bool) -> None:
    """Add the roads of one file to ``nodes`` and ``ways`` (ways already there are skipped)."""
    import osmium

    size_mb = path.stat().st_size / 1e6
    with tempfile.TemporaryDirectory(prefix="craftroute-osm-") as folder:
        storage = f"sparse_file_array,{Path(folder) / 'locations'}" if size_mb > disk_index_mb else "flex_mem"
        processor = (osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
                     .with_locations(storage)
                     .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY))
                     .with_filter(osmium.filter.KeyFilter("highway")))
        batch = _Batch(nodes, ways, clip=clip)
        try:
            with tqdm(desc=f"read {path.name}", unit=" roads", disable=not progress) as bar:
                for way in processor:
                    assert isinstance(way, osmium.osm.Way)  # the entity filter lets only ways through
                    bar.update()
                    if way.id in ways:
                        continue  # the same way from an earlier file
                    tags = {tag.k: tag.v for tag in way.tags if tag.k in keep or tag.k in ("highway", "area")}
                    if tags["highway"] in NOT_ROADS or tags.get("area") == "yes":
                        continue
                    batch.add(way.id, [(node.ref, node.location.lat, node.location.lon) for node in way.nodes
                                       if node.location.valid()], tags)
        except RuntimeError as error:  # libosmium's parse and format errors
            raise OsmFileError(f"cannot read {str(path)!r}: {error}") from None
        batch.flush()


class _Batch:
    """Ways waiting for the clip test, tested many at a time (one vectorised call per batch)."""

    size = 20_000

    def __init__(self, nodes: dict[int, tuple[float, float]], ways: dict[int, dict[str, Any]], *,
                 clip: Any) -> None:
        self.nodes, self.ways, self.clip = nodes, ways, clip
        self.box = clip.bounds if clip is not None else None
        self.pending: list[tuple[int, list[tuple[int, float, float]], dict[str, str]]] = []

    def add(self, way_id: int, refs: list[tuple[int, float, float]], tags: dict[str, str]) -> None:
        """Queue a way, unless it has no two nodes or lies wholly outside the clip's bounding box."""
        if len(refs) < 2:
            return
        if self.box is not None:
            lon_min, lat_min, lon_max, lat_max = self.box
            if not any(lat_min <= lat <= lat_max and lon_min <= lon <= lon_max for _, lat, lon in refs):
                return
        self.pending.append((way_id, refs, tags))
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self) -> None:
        """Add the queued ways' stretches inside the clip (and their nodes) to the result."""
        if not self.pending:
            return
        points = np.array([(lat, lon) for _, refs, _ in self.pending for _, lat, lon in refs], dtype=np.float64)
        if self.clip is not None:
            import shapely

            inside = shapely.contains_xy(self.clip, points[:, 1], points[:, 0])
        else:
            inside = np.ones(points.shape[0], dtype=bool)
        start = 0
        for way_id, refs, tags in self.pending:
            stop = start + len(refs)
            for piece, (first, last) in enumerate(_runs(inside[start:stop])):
                stretch = refs[first:last]
                for ref, lat, lon in stretch:
                    self.nodes[ref] = (lat, lon)
                # A way cut by the clip boundary keeps its id for the first stretch; later
                # ones get ids no OSM way has (negative), so the stretches stay apart.
                self.ways[way_id if piece == 0 else -(way_id * 1000 + piece)] = {
                    "nodes": [ref for ref, _, _ in stretch], "tags": tags}
            start = stop
        self.pending = []


def _runs(inside: np.ndarray) -> list[tuple[int, int]]:
    """Return the ``(start, stop)`` of each run of at least two consecutive ``True`` values."""
    if inside.all():
        return [(0, inside.shape[0])]
    edges = np.diff(np.concatenate(([0], inside.astype(np.int8), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(int(a), int(b)) for a, b in zip(starts, stops, strict=True) if b - a >= 2]


def graph_from_elements(elements: list[dict[str, Any]], *, keep_tags: Iterable[str]) -> nx.MultiDiGraph:
    """Return the simplified OSMnx graph of Overpass-style road elements (at least one way).

    The builder ``osmnx.graph_from_xml`` and the downloads use, fed our elements:
    one-way streets, edge lengths and simplification are exactly OSMnx's; ``keep_tags``
    become OSMnx's ``useful_tags_way`` so the edges carry them.
    """
    import osmnx as ox
    from osmnx import graph as ox_graph

    ox.settings.useful_tags_way = sorted(keep_tags)
    graph = ox_graph._create_graph([{"elements": elements}], bidirectional=False)
    return ox.simplify_graph(graph)
