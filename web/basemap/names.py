"""Road names for the compact graph's edges, read from the OSM file with pyosmium.

The compact graph keeps classes and shapes but not names. Each edge starts at an OSM
node (``node_osmid[edge_u]``) and its shape's second point is the next node of the way
it follows, so the (first node, second node) pair of every named way finds the name.
"""

from __future__ import annotations

import logging
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from planner.routing.compact import CompactGraph

logger = logging.getLogger(__name__)

#: OSM coordinates are stored as integers of 1e-7 degree.
OSM_COORD_SCALE = 10_000_000


def segment_names(osm_path: Path) -> dict[tuple[int, int, int], str]:
    """Return the name of each way segment: ``(node id, next lon, next lat) -> name``.

    Both directions are keyed; coordinates are in 1e-7 degree. A way without ``name``
    falls back to its ``ref`` (e.g. a national road number); unnamed ways are skipped.
    """
    import osmium

    names: dict[tuple[int, int, int], str] = {}
    processor = osmium.FileProcessor(str(osm_path)).with_locations().with_filter(osmium.filter.KeyFilter("highway"))
    for way in processor:
        if not isinstance(way, osmium.osm.Way):
            continue
        name = way.tags.get("name") or way.tags.get("ref")
        if not name:
            continue
        nodes = [(node.ref, node.location.x, node.location.y) for node in way.nodes]
        for (a, ax, ay), (b, bx, by) in pairwise(nodes):
            names[(a, bx, by)] = name
            names[(b, ax, ay)] = name
    return names


def edge_names(compact: CompactGraph, osm_path: Path | list[Path] | None) -> list[str]:
    """Return the name of each edge of ``compact`` (``""`` when unnamed or no OSM file).

    ``osm_path`` may name several files (merged road data); names are read from each.
    """
    paths = [Path(path) for path in (osm_path if isinstance(osm_path, list) else [osm_path]) if path is not None]
    paths = [path for path in paths if path.is_file()]
    if not paths:
        return [""] * compact.n_edges
    by_segment: dict[tuple[int, int, int], str] = {}
    for path in paths:
        by_segment.update(segment_names(path))
    second = compact.geom_offsets[:-1] + 1
    start_ids = compact.node_osmid[compact.edge_u].tolist()
    xs = np.round(compact.geom_lon[second] * OSM_COORD_SCALE).astype(np.int64).tolist()
    ys = np.round(compact.geom_lat[second] * OSM_COORD_SCALE).astype(np.int64).tolist()
    names = [by_segment.get((node, x, y), "") for node, x, y in zip(start_ids, xs, ys, strict=True)]
    logger.info("road names found for %d of %d edges", sum(1 for name in names if name), len(names))
    return names
