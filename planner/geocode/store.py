"""The street index of the road file: built once, cached beside the road graph, loaded once per process.

The cache file is named by the road file's checksum and the graph's build key (clip
and rules), and carries :data:`planner.settings.STREET_INDEX_VERSION`, so a new road
file, clip or format rebuilds it. Without a road file (the graph then comes from a
download) the index is empty and only places and points are found.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from .. import settings
from ..routing.cachefile import load_or_build
from ..routing.compact import CacheError
from ..routing.graph import build_key, clip_area, files_checksum, road_paths
from ..routing.osmfile import read_road_elements
from .streets import (
    NAME_TAGS,
    StreetIndex,
    load_street_index,
    save_street_index,
    street_index_from_elements,
)

logger = logging.getLogger(__name__)


def street_index_path(source_sha256: str, *, cache_dir: Path | None = None) -> Path:
    """Return the cache file of the street index of a road source with this checksum."""
    folder = Path(cache_dir) if cache_dir is not None else settings.resolve_cache_dir()
    return folder / f"streets-v{settings.STREET_INDEX_VERSION}-{source_sha256[:16]}-{build_key()}.npz"


def load_streets(*, osm_path: Path | list[Path] | None = None, cache_dir: Path | None = None,
                 rebuild: bool = False) -> StreetIndex:
    """Return the street index of the road file(s), from the cache when valid, else built and cached.

    Parameters
    ----------
    osm_path
        Road file(s); ``None`` uses :func:`planner.settings.resolve_osm_path`.
    cache_dir
        Cache folder; ``None`` uses :func:`planner.settings.resolve_cache_dir`.
    rebuild
        Ignore any cache and build again.
    """
    paths = road_paths(osm_path if osm_path is not None else settings.resolve_osm_path())
    if not paths:
        logger.warning("no road file: addresses and street names cannot be found offline")
        return StreetIndex.empty()
    checksum, name = files_checksum(paths)
    target = street_index_path(checksum, cache_dir=cache_dir)
    return load_or_build(target, lambda: _load_if_valid(target, checksum),
                         lambda: _build_and_save(paths, checksum=checksum, name=name, target=target),
                         rebuild=rebuild)


def _load_if_valid(target: Path, checksum: str) -> StreetIndex | None:
    """Return the cached index at ``target``, or None if it is missing, stale or damaged (logged)."""
    if not target.exists():
        return None
    try:
        return load_street_index(target, version=settings.STREET_INDEX_VERSION, source_sha256=checksum)
    except CacheError as error:
        logger.warning("rebuilding the street index: %s", error)
        return None


def _build_and_save(paths: list[Path], *, checksum: str, name: str, target: Path) -> StreetIndex:
    logger.info("building the street index of %s", name)
    elements = read_road_elements(paths, keep_tags=NAME_TAGS, clip=clip_area(),
                                  disk_index_mb=settings.osm_disk_index_mb)
    index = street_index_from_elements(elements, source_sha256=checksum)
    save_street_index(index, target, version=settings.STREET_INDEX_VERSION)
    logger.info("cached %d streets in %s", index.n_streets, target)
    return index


@functools.lru_cache(maxsize=1)
def _cached_streets(osm_path: str, cache_dir: str) -> StreetIndex:
    """Return :func:`load_streets`, once per road file and cache folder (the arguments are the cache key)."""
    del osm_path, cache_dir  # read again by load_streets from the settings; here they only key the cache
    return load_streets()


def get_street_index() -> StreetIndex:
    """Return the process-wide street index of the current road file (loaded once per file and cache)."""
    return _cached_streets(str(settings.resolve_osm_path()), str(settings.resolve_cache_dir()))


get_street_index.cache_clear = _cached_streets.cache_clear  # type: ignore[attr-defined]
