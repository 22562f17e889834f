"""Where the road graph comes from: an OSM file or an OSMnx download, cached as arrays.

Both sources feed one builder (:func:`planner.routing.compact.compact_from_graph`), the way
``osmnx.graph_from_xml`` and ``graph_from_polygon`` share ``_create_graph``. The
result is cached in the cache folder as ``.npz``, keyed by the source's checksum; a
cache that is stale (other source, other format version) or damaged is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx
from tqdm.auto import tqdm

from geodata.errors import CraftRouteError

from .. import settings
from .access import kept_tags
from .cachefile import load_or_build
from .compact import (
    AccessRules,
    CacheError,
    CompactGraph,
    compact_from_graph,
    load_compact,
    save_compact,
)
from .osmfile import OSM_SUFFIXES, OsmFileError, graph_from_elements, read_road_elements

logger = logging.getLogger(__name__)


class NoRoadDataError(Exception):
    """No road file is available and downloading is off or failed."""


def file_sha256(path: Path) -> str:
    """Return the hex SHA-256 checksum of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download_key() -> str:
    """Return a text naming the download query in :mod:`planner.settings`."""
    area = settings.download_bbox if settings.download_bbox is not None else settings.download_place
    return f"osmnx-download:{area}:{settings.download_network_type}"


def graph_from_files(paths: Sequence[Path], *, field: str = "osm_path", progress: bool = False) -> nx.MultiDiGraph:
    """Return the simplified OSMnx graph of one or several road files, offline, merged and clipped.

    Files are read by :func:`planner.routing.osmfile.read_road_elements` (any of
    .osm, .osm.gz, .osm.bz2, .osm.pbf) and clipped to Hanoi (:func:`clip_area`).

    Raises
    ------
    CraftRouteError
        Naming ``field`` when a file is not OSM data or has no roads.
    """
    logger.info("reading road network from %s", ", ".join(str(path) for path in paths))
    kinds = f"{'an OSM road file' if len(paths) == 1 else 'OSM road files'} ({', '.join(OSM_SUFFIXES)})"
    keep = way_tags_to_keep()
    try:
        elements = read_road_elements(paths, keep_tags=keep, clip=clip_area(),
                                      disk_index_mb=settings.osm_disk_index_mb, progress=progress)
    except OsmFileError as error:
        raise CraftRouteError(field, f"must be {kinds}, {error}") from None
    if not any(element["type"] == "way" for element in elements):
        names = ", ".join(repr(str(path)) for path in paths)
        raise CraftRouteError(field, f"must be {kinds} with roads (highway=* ways) in Hanoi, got none in {names}")
    return graph_from_elements(elements, keep_tags=keep)


def clip_area() -> Any:
    """Return the WGS84 polygon road files are clipped to, or ``None`` (see ``settings.clip_to_hanoi``)."""
    if not settings.clip_to_hanoi:
        return None
    from geodata.area import city_outline

    return city_outline(buffer_m=settings.clip_buffer_m)


def check_osm_file(path: Path, *, field: str = "osm_path") -> None:
    """Raise CraftRouteError naming ``field`` unless ``path`` is a non-empty file."""
    kinds = ", ".join(OSM_SUFFIXES)
    if not path.is_file():
        raise CraftRouteError(field, f"must be an existing OSM road file ({kinds}), got {str(path)!r}")
    if path.stat().st_size == 0:
        raise CraftRouteError(field, f"must be an OSM road file ({kinds}), got an empty file {str(path)!r}")


def graph_from_download() -> nx.MultiDiGraph:
    """Return the OSMnx graph downloaded for :data:`settings.download_bbox` (or place)."""
    import osmnx as ox

    ox.settings.requests_timeout = settings.download_timeout_s
    ox.settings.useful_tags_way = way_tags_to_keep()
    if settings.download_bbox is not None:
        return ox.graph_from_bbox(settings.download_bbox, network_type=settings.download_network_type,
                                  simplify=True, retain_all=True)
    return ox.graph_from_place(settings.download_place, network_type=settings.download_network_type,
                               simplify=True, retain_all=True)


def access_rules() -> AccessRules:
    """Return the access rules of :mod:`planner.settings`."""
    return AccessRules(modes=settings.MODES, access_tags=settings.ACCESS_TAGS, denied=settings.DENIED_ACCESS,
                       oneway_exempt_tags=settings.ONEWAY_EXEMPT_TAGS)


def way_tags_to_keep() -> list[str]:
    """Return the OSM way tags the graph must keep: OSMnx's own and those the access rules read."""
    import osmnx as ox

    return sorted(set(ox.settings.useful_tags_way) | set(kept_tags(settings.ACCESS_TAGS, settings.ONEWAY_EXEMPT_TAGS)))


def build_key() -> str:
    """Return a short hex digest of the settings a built graph depends on besides its source."""
    clip = [settings.clip_to_hanoi, settings.clip_buffer_m] if settings.clip_to_hanoi else [False]
    return hashlib.sha256(json.dumps([access_rules().key(), clip]).encode()).hexdigest()[:8]


def compact_with_settings(graph: nx.MultiDiGraph, *, source_sha256: str, source_name: str) -> CompactGraph:
    """Return the compact arrays of ``graph`` with the road-class and access settings applied."""
    return compact_from_graph(graph, source_sha256=source_sha256, source_name=source_name,
                              rules=access_rules(), class_order=settings.ROAD_CLASS_ORDER)


def cache_path(source_sha256: str, *, cache_dir: Path | None = None) -> Path:
    """Return the cache file of the graph built from a source with this checksum (and today's rules and clip)."""
    folder = Path(cache_dir) if cache_dir is not None else settings.resolve_cache_dir()
    return folder / f"graph-v{settings.GRAPH_CACHE_VERSION}-{source_sha256[:16]}-{build_key()}.npz"


def load_graph(*, osm_path: Path | Sequence[Path] | None = None, cache_dir: Path | None = None,
               rebuild: bool = False, progress: bool = False, field: str = "osm_path") -> CompactGraph:
    """Return the compact road graph, from the cache when it is valid, else built and cached.

    Parameters
    ----------
    osm_path
        Road file, or several merged (.osm, .osm.gz, .osm.bz2, .osm.pbf); ``None`` uses
        :func:`settings.resolve_osm_path`, and downloads with OSMnx if there is no file
        and :data:`settings.allow_download` is on.
    cache_dir
        Cache folder; ``None`` uses :func:`settings.resolve_cache_dir`.
    rebuild
        Ignore any cache and build again.
    progress
        Show a progress bar over the build steps.
    field
        The option or setting that named the road file, for errors (``"--osm"``).

    Raises
    ------
    NoRoadDataError
        If there is no road file and no download.
    CraftRouteError
        Naming ``field`` if a road file is missing, empty or not OSM data.
    """
    paths = road_paths(osm_path if osm_path is not None else settings.resolve_osm_path())
    if paths:
        checksum, name = files_checksum(paths, field=field)
    elif settings.allow_download:
        name = download_key()
        checksum = hashlib.sha256(name.encode()).hexdigest()
    else:
        raise NoRoadDataError("no road file found and downloading is off (planner.settings.allow_download)")
    target = cache_path(checksum, cache_dir=cache_dir)
    return load_or_build(
        target, lambda: _load_if_valid(target, checksum),
        lambda: _build_and_save(paths, checksum=checksum, name=name, target=target, progress=progress, field=field),
        rebuild=rebuild)


def _load_if_valid(target: Path, checksum: str) -> CompactGraph | None:
    """Return the cached graph at ``target``, or None if it is missing, stale or damaged (logged)."""
    if not target.exists():
        return None
    try:
        return load_compact(target, version=settings.GRAPH_CACHE_VERSION, source_sha256=checksum)
    except CacheError as error:
        logger.warning("rebuilding the road graph cache: %s", error)
        return None


def files_checksum(paths: Sequence[Path], *, field: str = "osm_path") -> tuple[str, str]:
    """Return the checksum of one or several road files (checked first) and their names, for caches."""
    for path in paths:
        check_osm_file(path, field=field)
    checksums = [file_sha256(path) for path in paths]
    checksum = checksums[0] if len(paths) == 1 else hashlib.sha256(" ".join(checksums).encode()).hexdigest()
    return checksum, " + ".join(path.name for path in paths)


def road_paths(osm_path: Path | Sequence[Path] | None) -> list[Path]:
    """Return the road files named by a setting or option: none, one or several."""
    if osm_path is None:
        return []
    if isinstance(osm_path, (str, Path)):
        return [Path(osm_path)]
    return [Path(path) for path in osm_path]


def _build_and_save(paths: list[Path], *, checksum: str, name: str, target: Path,
                    progress: bool, field: str) -> CompactGraph:
    """Return the compact graph built from the files (or a download), after caching it."""
    steps = ["read OSM data" if paths else "download with OSMnx", "compact arrays", "write cache"]
    with tqdm(total=len(steps), desc="build road graph", unit="step", disable=not progress) as bar:
        bar.set_postfix_str(steps[0])
        try:
            graph = graph_from_files(paths, field=field, progress=progress) if paths else graph_from_download()
        except (ConnectionError, OSError) as error:
            if paths:
                raise
            raise NoRoadDataError(f"no road file and the download failed: {error}") from error
        bar.update()
        bar.set_postfix_str(steps[1])
        compact = compact_with_settings(graph, source_sha256=checksum, source_name=name)
        del graph
        bar.update()
        bar.set_postfix_str(steps[2])
        save_compact(compact, target, version=settings.GRAPH_CACHE_VERSION)
        bar.update()
    logger.info("cached %d nodes / %d edges in %s", compact.n_nodes, compact.n_edges, target)
    return compact
