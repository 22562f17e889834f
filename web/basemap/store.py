"""The base map files: built once per road graph, kept gzip-compressed in the cache folder.

I/O edge of :mod:`web.basemap.build`: reads the road graph's names from the OSM file,
writes ``basemap-v{version}-{graph checksum}-{band}.geojson.gz`` files and returns their
bytes with an ETag. A changed road file (another checksum) or format version gives new
file names, so a stale file is never served.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geodata import settings as geodata_settings
from web import settings
from web.basemap.build import Band, band_collection

if TYPE_CHECKING:
    import geopandas as gpd

    from planner.routing.compact import CompactGraph

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BandFile:
    """One zoom band's GeoJSON, gzip-compressed, and its ETag (checksum of the bytes)."""

    gzipped: bytes
    etag: str


def bands() -> list[Band]:
    """Return the zoom bands of :data:`web.settings.BASEMAP_BANDS`."""
    return [Band(min_zoom=lo, max_zoom=hi, road_classes=frozenset(roads), label_classes=frozenset(named),
                 tolerance_deg=tolerance, cell_deg=cell, communes=communes)
            for lo, hi, roads, named, tolerance, cell, communes in settings.BASEMAP_BANDS]


def attribution(*, boundaries: bool) -> str:
    """Return the base map's credit line: OSM for the roads, GADM for the boundaries."""
    parts = [geodata_settings.ATTRIBUTION_OSM]
    if boundaries:
        parts.append(geodata_settings.ATTRIBUTION_GADM)
    return " · ".join(parts)


def _band_file(gzipped: bytes) -> BandFile:
    return BandFile(gzipped=gzipped, etag=hashlib.sha256(gzipped).hexdigest()[:32])


def build_band_files(compact: CompactGraph | None, osm_path: Path | list[Path] | None, districts: gpd.GeoDataFrame | None,
                     communes: gpd.GeoDataFrame | None, *, cache_dir: Path | None) -> list[BandFile]:
    """Return every band's file, read from ``cache_dir`` or built (and written there).

    Parameters
    ----------
    compact
        The road graph, or ``None`` when there is no road data (boundaries only).
    osm_path
        The OSM file the graph was built from, for road names (``None``: no names).
    districts, communes
        Boundary polygons (``None`` when the shared data is absent).
    cache_dir
        Where the files are kept; ``None`` builds them in memory only.
    """
    source = compact.source_sha256[:16] if compact is not None else "no-roads"
    has_bounds = districts is not None
    stem = f"basemap-v{settings.BASEMAP_VERSION}-{source}-{'b' if has_bounds else 'nb'}"
    paths = [cache_dir / f"{stem}-{i}.geojson.gz" for i in range(len(bands()))] if cache_dir else []
    if paths and all(path.is_file() for path in paths):
        return [_band_file(path.read_bytes()) for path in paths]
    from web.basemap.names import edge_names

    names = edge_names(compact, osm_path) if compact is not None else []
    files = []
    for i, band in enumerate(bands()):
        collection = band_collection(compact, names, districts, communes, band,
                                     attribution=attribution(boundaries=has_bounds))
        text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
        gzipped = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
        files.append(_band_file(gzipped))
        if paths:
            paths[i].parent.mkdir(parents=True, exist_ok=True)
            partial = paths[i].with_name(paths[i].name + ".partial")
            partial.write_bytes(gzipped)
            partial.replace(paths[i])
    logger.info("base map built: %s", ", ".join(f"{len(f.gzipped) // 1024} KB" for f in files))
    return files
