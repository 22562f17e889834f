"""Where Hanoi is: the city outline and the check that a point lies inside it."""

from __future__ import annotations

import functools
import gzip
import logging
from pathlib import Path
from typing import TypeVar

import numpy as np
import pyproj
import shapely
from shapely import Point, Polygon, prepared

from . import settings
from .errors import OutsideHanoiError

logger = logging.getLogger(__name__)

G = TypeVar("G", bound=shapely.Geometry)


@functools.lru_cache(maxsize=1)
def _outline_metric() -> prepared.PreparedGeometry | None:
    """Return the city outline in the metric CRS, grown by the tolerance, or ``None``."""
    path = settings.shared_file(settings.city_outline_file)
    if path is None:
        logger.info("Hanoi outline not found; using the bounding box %s", settings.hanoi_bbox)
        return None
    grown = _reproject(_read_poly(path)).buffer(settings.outline_tolerance_m)
    return prepared.prep(grown)


@functools.lru_cache(maxsize=1)
def _to_metric() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs("EPSG:4326", settings.metric_crs, always_xy=True)


def _reproject(geometry: G, *, inverse: bool = False) -> G:
    """Return ``geometry`` from WGS84 to the metric CRS (or back, with ``inverse``)."""
    direction = pyproj.enums.TransformDirection.INVERSE if inverse else pyproj.enums.TransformDirection.FORWARD
    transformer = _to_metric()
    return shapely.transform(geometry, lambda xy: np.column_stack(
        transformer.transform(xy[:, 0], xy[:, 1], direction=direction)))


def _read_poly(path: Path) -> Polygon:
    """Return the outer ring of an Osmosis ``.poly`` file (gzip-compressed) as a polygon."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = [line.strip() for line in handle]
    ring: list[tuple[float, float]] = []
    for line in lines[2:]:
        if line == "END":
            break
        lon_text, lat_text = line.split()[:2]
        ring.append((float(lon_text), float(lat_text)))
    return Polygon(ring)


def city_outline(*, buffer_m: float = 0.0) -> Polygon | None:
    """Return Hanoi's outline in WGS84 degrees, grown by ``buffer_m`` metres, or ``None`` without the shared file."""
    path = settings.shared_file(settings.city_outline_file)
    if path is None:
        return None
    outline = _read_poly(path)
    if buffer_m <= 0:
        return outline
    return _reproject(_reproject(outline).buffer(buffer_m), inverse=True)


def is_in_hanoi(lat: float, lon: float) -> bool:
    """Return whether the point lies in the city of Hanoi (outline, else bounding box)."""
    lon_min, lat_min, lon_max, lat_max = settings.hanoi_bbox
    pad = 0.01  # about 1 km, so the outline tolerance can take over near the box edge
    if not (lat_min - pad <= lat <= lat_max + pad and lon_min - pad <= lon <= lon_max + pad):
        return False
    outline = _outline_metric()
    if outline is None:
        return lat_min <= lat <= lat_max and lon_min <= lon <= lon_max
    x, y = _to_metric().transform(lon, lat)
    return bool(outline.contains(Point(x, y)))


def check_in_hanoi(lat: float, lon: float, *, field: str = "lat,lon") -> None:
    """Return nothing if the point is in Hanoi; raise :class:`OutsideHanoiError` otherwise.

    Parameters
    ----------
    lat, lon
        WGS84 degrees.
    field
        Field name used in the error message.
    """
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise OutsideHanoiError.of(field, "bad_coordinates", lat=lat, lon=lon)
    if not is_in_hanoi(lat, lon):
        lon_min, lat_min, lon_max, lat_max = settings.hanoi_bbox
        raise OutsideHanoiError.of(field, "outside_hanoi", point=f"{lat:.5f},{lon:.5f}", lat_min=lat_min,
                                   lat_max=lat_max, lon_min=lon_min, lon_max=lon_max)
