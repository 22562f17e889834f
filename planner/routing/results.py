"""What routing returns: snaps, legs and travel matrices as plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from geodata.location import Location


@dataclass(frozen=True)
class Snap:
    """Where a place joins the road network.

    Attributes
    ----------
    node
        Index of the nearest node of the mode's largest strongly connected component;
        ``-1`` when there is no road data.
    distance_m
        Great-circle distance from the place to that node (``inf`` without road data).
    usable
        Whether the place is routed: a node exists within ``settings.MAX_SNAP_M``.
    """

    node: int
    distance_m: float
    usable: bool


@dataclass(frozen=True)
class Leg:
    """One trip from a place to another.

    Attributes
    ----------
    from_id, to_id
        Location ids.
    mode
        Travel mode.
    distance_m, duration_s
        Road distance and travel time (access legs to and from the road included).
    estimated
        ``True`` when the figures are the straight-line estimate, not a routed path.
    geometry
        (lon, lat) points following the roads, from the origin to the destination
        (just the two end points when estimated).
    """

    from_id: str
    to_id: str
    mode: str
    distance_m: float
    duration_s: float
    estimated: bool
    geometry: list[tuple[float, float]]

    def geojson_geometry(self) -> dict[str, Any]:
        """Return the leg's shape as a GeoJSON LineString."""
        return {"type": "LineString", "coordinates": [[lon, lat] for lon, lat in self.geometry]}


@dataclass(frozen=True)
class TravelMatrix:
    """Travel times and distances between every ordered pair of places.

    Attributes
    ----------
    ids
        Location ids, the order of the rows and columns.
    duration_s, distance_m
        ``(n, n)`` float64, row = origin, column = destination, 0 on the diagonal.
    estimated
        ``(n, n)`` bool: ``True`` where the cell is the straight-line estimate.
    mode
        Travel mode.
    """

    ids: list[str]
    duration_s: np.ndarray
    distance_m: np.ndarray
    estimated: np.ndarray
    mode: str

    def index(self, location_id: str) -> int:
        """Return the row/column of a location id (``ValueError`` if absent)."""
        return self.ids.index(location_id)

    def submatrix(self, ids: list[str]) -> TravelMatrix:
        """Return the matrix restricted to (and ordered by) ``ids``."""
        rows = np.array([self.index(i) for i in ids], dtype=np.int64)
        pick = np.ix_(rows, rows)
        return TravelMatrix(ids=list(ids), duration_s=self.duration_s[pick], distance_m=self.distance_m[pick],
                            estimated=self.estimated[pick], mode=self.mode)


def leg_to_dict(leg: Leg, origin: Location, destination: Location) -> dict[str, Any]:
    """Return the JSON form of a leg (the ``route --format json`` contract)."""
    return {
        "from": origin.id, "to": destination.id, "from_name": origin.name, "to_name": destination.name,
        "mode": leg.mode, "distance_m": round(leg.distance_m, 1), "duration_s": round(leg.duration_s, 1),
        "estimated": leg.estimated, "geometry": leg.geojson_geometry(),
    }


def matrix_to_dict(matrix: TravelMatrix) -> dict[str, Any]:
    """Return the JSON form of a matrix (the ``matrix --format json`` contract)."""
    return {
        "ids": matrix.ids, "mode": matrix.mode,
        "duration_s": np.round(matrix.duration_s, 1).tolist(),
        "distance_m": np.round(matrix.distance_m, 1).tolist(),
        "estimated": matrix.estimated.tolist(),
    }
