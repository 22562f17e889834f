"""What routing returns: snaps, legs and travel matrices as plain frozen dataclasses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from geodata.location import Location
from geodata.query import haversine_m

from .. import settings
from .bands import band_index, depart_fields, duration_at

#: How a place joins the road network, from best to worst (see :attr:`Snap.status`).
SNAP_STATUSES: tuple[str, ...] = ("routed", "partly routed", "estimated")


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
        Whether legs to and from the place use the roads: a node exists within
        ``settings.MAX_ACCESS_M`` (fully routed within ``settings.MAX_SNAP_M``).
    access_m
        Length of the access leg between the place and its node: ``distance_m`` when
        routed, ``distance_m x settings.DETOUR_FACTOR`` when partly routed, ``0`` when
        the place is estimated.
    estimated_m
        The part of ``access_m`` that is estimated (``0`` when routed).
    """

    node: int
    distance_m: float
    usable: bool
    access_m: float = 0.0
    estimated_m: float = 0.0

    @property
    def status(self) -> str:
        """Return ``"routed"``, ``"partly routed"`` or ``"estimated"`` (:data:`SNAP_STATUSES`)."""
        if not self.usable:
            return SNAP_STATUSES[2]
        return SNAP_STATUSES[1] if self.estimated_m > 0 else SNAP_STATUSES[0]


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
        ``True`` when any part of the leg is estimated rather than routed.
    geometry
        (lon, lat) points from the origin to the destination: the place, its road node,
        the roads, the other road node, the other place (just the two end points when
        the whole leg is estimated).
    estimated_m
        Metres of ``distance_m`` that are estimated: ``0`` when fully routed, the
        access legs of partly routed places, all of it for a straight-line estimate.
    depart_min
        Departure in minutes after midnight; ``None``: ``settings.DEFAULT_DEPART``.
    """

    from_id: str
    to_id: str
    mode: str
    distance_m: float
    duration_s: float
    estimated: bool
    geometry: list[tuple[float, float]]
    estimated_m: float = 0.0
    depart_min: float | None = None

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
        ``(n, n)`` bool: ``True`` where any part of the cell is estimated.
    mode
        Travel mode.
    estimated_m
        ``(n, n)`` metres of ``distance_m`` that are estimated (``0`` where fully routed);
        ``None`` means all of an estimated cell.
    bands
        The same figures per time band (``settings.TIME_BANDS``); ``duration_s`` and
        the others are the slice of the default departure's band. ``None``: one slice.
    depart_min
        The departure (minutes after midnight) the times are for; ``None``: the default
        departure, ``settings.DEFAULT_DEPART``.
    """

    ids: list[str]
    duration_s: np.ndarray
    distance_m: np.ndarray
    estimated: np.ndarray
    mode: str
    estimated_m: np.ndarray | None = None
    bands: BandSlices | None = None
    depart_min: float | None = None

    def estimated_metres(self) -> np.ndarray:
        """Return the ``(n, n)`` estimated metres of every cell."""
        if self.estimated_m is not None:
            return self.estimated_m
        return np.where(self.estimated, self.distance_m, 0.0)

    def index(self, location_id: str) -> int:
        """Return the row/column of a location id (``ValueError`` if absent)."""
        return self.ids.index(location_id)

    def submatrix(self, ids: list[str]) -> TravelMatrix:
        """Return the matrix restricted to (and ordered by) ``ids``."""
        rows = np.array([self.index(i) for i in ids], dtype=np.int64)
        pick = np.ix_(rows, rows)
        bands = None
        if self.bands is not None:
            band_pick = (slice(None), rows[:, None], rows[None, :])
            bands = BandSlices(self.bands.duration_s[band_pick], self.bands.distance_m[band_pick],
                               self.bands.estimated_m[band_pick])
        return TravelMatrix(ids=list(ids), duration_s=self.duration_s[pick], distance_m=self.distance_m[pick],
                            estimated=self.estimated[pick], mode=self.mode,
                            estimated_m=self.estimated_metres()[pick], bands=bands, depart_min=self.depart_min)

    def at(self, depart_min: float) -> TravelMatrix:
        """Return the matrix of trips leaving at ``depart_min`` (minutes after midnight).

        Times follow each trip through the bands it runs into
        (:func:`planner.routing.bands.duration_at`); distances and estimated metres are
        those of the departure's band. A matrix without bands is returned unchanged.
        """
        if self.bands is None:
            return self
        band = band_index(depart_min)
        estimated_m = self.bands.estimated_m[band]
        return replace(self, duration_s=duration_at(self.bands.duration_s, depart_min),
                       distance_m=self.bands.distance_m[band], estimated=estimated_m > 0, estimated_m=estimated_m,
                       depart_min=float(depart_min))


@dataclass(frozen=True)
class BandSlices:
    """A travel matrix's figures in each time band: ``(bands, n, n)`` arrays."""

    duration_s: np.ndarray
    distance_m: np.ndarray
    estimated_m: np.ndarray


def shape_parts(geometry: Sequence[tuple[float, float]], *,
                estimated: bool) -> list[tuple[list[tuple[float, float]], bool]]:
    """Return the pieces of a leg's shape, each with whether it is estimated.

    A straight-line estimate (two points) is one estimated piece. A routed shape runs
    place -> road node -> roads -> road node -> place (:meth:`Router.leg`): its first
    and last segments are the access legs, estimated pieces of their own when longer
    than ``settings.MAX_SNAP_M`` (a partly routed place); the rest is one routed piece.
    """
    points = list(geometry)
    if len(points) < 3:
        return [(points, estimated)] if points else []
    if not estimated:
        return [(points, False)]
    lon, lat = np.array(points).T
    first, last = (float(haversine_m(lat[a], lon[a], lat[a + 1], lon[a + 1])) for a in (0, len(points) - 2))
    start, stop = int(first > settings.MAX_SNAP_M), len(points) - int(last > settings.MAX_SNAP_M)
    parts = [(points[start:stop], False)]  # the roads, with any access leg that is routed
    if start:
        parts.insert(0, (points[:2], True))
    if stop < len(points):
        parts.append((points[-2:], True))
    return [part for part in parts if len(part[0]) >= 2]


def shape_estimated_m(geometry: Sequence[tuple[float, float]], *, estimated: bool, distance_m: float) -> float:
    """Return the estimated metres of a leg from its shape (see :func:`shape_parts`).

    The estimated access pieces count great-circle x ``settings.DETOUR_FACTOR``, as
    :func:`planner.routing.router.snap_at` does; a leg without a road shape counts whole.
    """
    if not estimated:
        return 0.0
    if len(geometry) < 3:
        return distance_m
    total = 0.0
    for points, part_estimated in shape_parts(geometry, estimated=estimated):
        if part_estimated:
            (lon0, lat0), (lon1, lat1) = points
            total += float(haversine_m(lat0, lon0, lat1, lon1)) * settings.DETOUR_FACTOR
    return total


def estimated_text(estimated_m: float) -> str:
    """Return "1.2 km estimated" for the estimated metres of a leg."""
    return f"{estimated_m / 1000:.1f} km estimated"


def leg_how(leg: Leg) -> str:
    """Return how a leg was found: routed, partly routed ("1.2 km estimated") or estimated."""
    if not leg.estimated:
        return "routed on OpenStreetMap roads"
    if leg.estimated_m >= leg.distance_m:
        return "estimated from the straight line"
    return f"routed on OpenStreetMap roads, {estimated_text(leg.estimated_m)}"


def leg_to_dict(leg: Leg, origin: Location, destination: Location) -> dict[str, Any]:
    """Return the JSON form of a leg (the ``route --format json`` contract)."""
    return {
        "from": origin.id, "to": destination.id, "from_name": origin.name, "to_name": destination.name,
        "mode": leg.mode, "distance_m": round(leg.distance_m, 1), "duration_s": round(leg.duration_s, 1),
        "estimated": leg.estimated, "estimated_m": round(leg.estimated_m, 1), **depart_fields(leg.depart_min),
        "geometry": leg.geojson_geometry(),
    }


def matrix_to_dict(matrix: TravelMatrix) -> dict[str, Any]:
    """Return the JSON form of a matrix (the ``matrix --format json`` contract)."""
    return {
        "ids": matrix.ids, "mode": matrix.mode,
        "duration_s": np.round(matrix.duration_s, 1).tolist(),
        "distance_m": np.round(matrix.distance_m, 1).tolist(),
        "estimated": matrix.estimated.tolist(),
        "estimated_m": np.round(matrix.estimated_metres(), 1).tolist(),
        **depart_fields(matrix.depart_min),
    }
