"""The base map's GeoJSON per zoom band, from the compact road graph and boundary polygons.

Pure: arrays and GeoDataFrames in, plain ``dict`` GeoJSON out. Roads of one class and
name are merged into long lines per grid cell (a few thousand features instead of tens
of thousands of edges), simplified for the band's zoom, with coordinates rounded to
about a metre. Labels are point features placed on the middle of the longest piece of
each named road in a cell, and inside each district or commune.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

if TYPE_CHECKING:
    import geopandas as gpd

    from planner.routing.compact import CompactGraph

#: Decimal places kept in coordinates (1e-5 degree: about 1 m in Hanoi).
COORD_DECIMALS = 5


@dataclass(frozen=True)
class Band:
    """What the base map shows between two zoom levels.

    Attributes
    ----------
    min_zoom, max_zoom
        The Leaflet zoom levels the band is drawn at (both included).
    road_classes
        OSM ``highway`` classes drawn.
    label_classes
        Classes whose names are written on the map.
    tolerance_deg
        Douglas-Peucker simplification tolerance of lines.
    cell_deg
        Grid cell size: roads are merged, and labelled once, per cell.
    communes
        Whether commune boundaries and names are drawn (districts always are).
    """

    min_zoom: int
    max_zoom: int
    road_classes: frozenset[str]
    label_classes: frozenset[str]
    tolerance_deg: float
    cell_deg: float
    communes: bool


def _line_coords(geometry: Any) -> list | None:
    """Return GeoJSON ``(type, coordinates)`` of a (multi)line, rounded; ``None`` if empty."""
    parts = list(shapely.get_parts(geometry))
    lines = [np.round(np.asarray(part.coords), COORD_DECIMALS).tolist() for part in parts if not part.is_empty]
    lines = [line for line in lines if len(line) >= 2]
    if not lines:
        return None
    return ["LineString", lines[0]] if len(lines) == 1 else ["MultiLineString", lines]


def _feature(geometry: list, **properties: Any) -> dict[str, Any]:
    kind, coordinates = geometry
    return {"type": "Feature", "geometry": {"type": kind, "coordinates": coordinates}, "properties": properties}


def _label(point: Any, **properties: Any) -> dict[str, Any]:
    coordinates = [round(point.x, COORD_DECIMALS), round(point.y, COORD_DECIMALS)]
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": coordinates}, "properties": properties}


def _unique_edges(compact: CompactGraph, selected: np.ndarray) -> np.ndarray:
    """Return ``selected`` without the reverse twin of each two-way street."""
    u, v = compact.edge_u[selected], compact.edge_v[selected]
    length = np.round(compact.edge_length_m[selected]).astype(np.int64)
    keys = np.column_stack((np.minimum(u, v), np.maximum(u, v), length))
    _, first = np.unique(keys, axis=0, return_index=True)
    return selected[np.sort(first)]


def road_features(compact: CompactGraph, names: Sequence[str], band: Band) -> list[dict[str, Any]]:
    """Return the band's road lines and road-name labels as GeoJSON features.

    Parameters
    ----------
    compact
        The road graph's arrays (edge classes and shapes).
    names
        Name of each edge of ``compact`` (``""`` when unknown).
    band
        The zoom band: which classes, how simplified, how often labelled.
    """
    classes = compact.class_names[compact.edge_class]
    selected = np.flatnonzero(np.isin(classes, sorted(band.road_classes)))
    if selected.size == 0:
        return []
    edges = _unique_edges(compact, selected)
    starts, stops = compact.geom_offsets[edges], compact.geom_offsets[edges + 1]
    counts = stops - starts
    point_index = np.concatenate([np.arange(a, b) for a, b in zip(starts.tolist(), stops.tolist(), strict=True)])
    xy = np.column_stack((compact.geom_lon[point_index], compact.geom_lat[point_index]))
    lines = shapely.linestrings(xy, indices=np.repeat(np.arange(edges.size), counts))
    cells = np.floor(xy[np.cumsum(counts) - counts] / band.cell_deg).astype(np.int64)

    groups: dict[tuple[str, str, int, int], list[int]] = {}
    for i, edge in enumerate(edges.tolist()):
        key = (str(classes[edge]), names[edge], int(cells[i, 0]), int(cells[i, 1]))
        groups.setdefault(key, []).append(i)
    features: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for (klass, name, _, _), members in groups.items():
        merged = shapely.line_merge(shapely.multilinestrings(lines[members]))
        geometry = _line_coords(shapely.simplify(merged, band.tolerance_deg))
        if geometry is None:
            continue
        features.append(_feature(geometry, kind="road", road_class=klass, **({"name": name} if name else {})))
        if name and klass in band.label_classes:
            longest = max(shapely.get_parts(merged), key=lambda part: part.length)
            labels.append(_label(longest.interpolate(0.5, normalized=True), kind="road-label", road_class=klass,
                                 name=name))
    return features + labels


def boundary_features(districts: gpd.GeoDataFrame | None, communes: gpd.GeoDataFrame | None,
                      band: Band) -> list[dict[str, Any]]:
    """Return district (and, if the band says so, commune) outlines and name labels."""
    layers = [("district", districts, "district")]
    if band.communes:
        layers.append(("commune", communes, "commune"))
    features: list[dict[str, Any]] = []
    for kind, frame, name_column in layers:
        if frame is None:
            continue
        outlines = shapely.simplify(shapely.boundary(frame.geometry.to_numpy()), band.tolerance_deg)
        points = shapely.point_on_surface(frame.geometry.to_numpy())
        for outline, point, name in zip(outlines, points, frame[name_column].tolist(), strict=True):
            geometry = _line_coords(outline)
            if geometry is not None:
                features.append(_feature(geometry, kind=kind, name=name))
            features.append(_label(point, kind=f"{kind}-label", name=name))
    return features


def band_collection(compact: CompactGraph | None, names: Sequence[str], districts: gpd.GeoDataFrame | None,
                    communes: gpd.GeoDataFrame | None, band: Band, *, attribution: str) -> dict[str, Any]:
    """Return the band's GeoJSON FeatureCollection: boundaries first, then roads and labels.

    ``compact`` may be ``None`` (no road data): the map then shows boundaries only.
    """
    features = boundary_features(districts, communes, band)
    if compact is not None:
        features += road_features(compact, names, band)
    return {"type": "FeatureCollection", "attribution": attribution,
            "zoom": [band.min_zoom, band.max_zoom], "features": features}
