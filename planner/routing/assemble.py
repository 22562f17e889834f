"""Assembling a travel matrix from estimates, routed road blocks and cached blocks."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from geodata.location import Location

from .bands import band_names, default_band
from .estimate import estimate_matrix, speed_m_per_s
from .results import BandSlices, Snap, TravelMatrix

logger = logging.getLogger(__name__)


@dataclass
class MatrixDraft:
    """A travel matrix being filled in: starts as all estimates, routed blocks overwrite cells.

    Arrays are ``(bands, n, n)``: one slice per time band (``settings.TIME_BANDS``).
    """

    ids: list[str]
    duration_s: np.ndarray
    distance_m: np.ndarray
    estimated_m: np.ndarray
    mode: str
    coincide: np.ndarray

    @classmethod
    def estimates(cls, locations: Sequence[Location], *, mode: str) -> MatrixDraft:
        """Return a draft holding the straight-line estimate for every pair."""
        lat = np.array([loc.lat for loc in locations], dtype=np.float64)
        lon = np.array([loc.lon for loc in locations], dtype=np.float64)
        duration_s, distance_m = estimate_matrix(lat, lon, mode=mode)
        n_bands = len(band_names())
        return cls(ids=[loc.id for loc in locations], duration_s=np.repeat(duration_s[None], n_bands, axis=0),
                   distance_m=np.repeat(distance_m[None], n_bands, axis=0),
                   estimated_m=np.repeat(distance_m[None], n_bands, axis=0), mode=mode, coincide=distance_m == 0.0)

    def put_routed(self, rows: np.ndarray, cols: np.ndarray, road_s: np.ndarray, road_m: np.ndarray, *,
                   row_snaps: Sequence[Snap], col_snaps: Sequence[Snap]) -> None:
        """Write routed cells ``(rows[i], cols[j])``: road figures (``(bands, r, c)``) plus both access legs.

        The estimated part of a cell is the estimated part of its access legs (partly
        routed places). Unreachable cells (``inf`` seconds) keep their estimate, with a
        logged warning.
        """
        reachable = np.isfinite(road_s)
        if not reachable.all():
            logger.warning("%d routed pairs unreachable, using estimates", int((~reachable).sum()))
        speed = speed_m_per_s(self.mode)
        access_m = _column(row_snaps, "access_m")[:, None] + _column(col_snaps, "access_m")[None, :]
        estimated_m = _column(row_snaps, "estimated_m")[:, None] + _column(col_snaps, "estimated_m")[None, :]
        block = (slice(None), rows[:, None], cols[None, :])
        self.duration_s[block] = np.where(reachable, road_s + access_m / speed, self.duration_s[block])
        self.distance_m[block] = np.where(reachable, road_m + access_m, self.distance_m[block])
        self.estimated_m[block] = np.where(reachable, estimated_m, self.estimated_m[block])

    def put_cached(self, positions: np.ndarray, cached: TravelMatrix, cached_positions: np.ndarray) -> None:
        """Copy the cells between ``cached_positions`` of ``cached`` to ``positions`` here."""
        target = (slice(None), positions[:, None], positions[None, :])
        source = (slice(None), cached_positions[:, None], cached_positions[None, :])
        if cached.bands is None:
            raise ValueError("the cached matrix has no time bands")
        self.duration_s[target] = cached.bands.duration_s[source]
        self.distance_m[target] = cached.bands.distance_m[source]
        self.estimated_m[target] = cached.bands.estimated_m[source]

    def finish(self) -> TravelMatrix:
        """Return the finished matrix: zero between coinciding places, then consistent (:func:`close_triangles`)."""
        np.fill_diagonal(self.coincide, True)
        self.duration_s[:, self.coincide] = 0.0
        self.distance_m[:, self.coincide] = 0.0
        self.estimated_m[:, self.coincide] = 0.0
        for band in range(self.duration_s.shape[0]):
            changed = close_triangles(self.duration_s[band], self.distance_m[band], self.estimated_m[band])
            if changed:
                logger.info("%d cells are faster through another place than by their own estimate", changed)
        return matrix_from_bands(self.ids, self.mode, BandSlices(self.duration_s, self.distance_m, self.estimated_m))


def matrix_from_bands(ids: list[str], mode: str, bands: BandSlices) -> TravelMatrix:
    """Return the travel matrix holding ``bands``, its main figures the default departure's band."""
    default = default_band()
    estimated_m = bands.estimated_m[default]
    return TravelMatrix(ids=ids, duration_s=bands.duration_s[default], distance_m=bands.distance_m[default],
                        estimated=estimated_m > 0, mode=mode, estimated_m=estimated_m, bands=bands)


def close_triangles(duration_s: np.ndarray, distance_m: np.ndarray, estimated_m: np.ndarray) -> int:
    """Replace, in place, each cell slower than a chain through other places by that chain.

    Routed and partly routed cells already obey the triangle inequality (the same road
    network, access legs added once at each end), but a straight-line estimate (a place
    farther than ``settings.MAX_ACCESS_M`` from the roads) can be slower than going
    through a routed place: the traveller would then do exactly that. One
    Floyd-Warshall pass over the places makes every cell the fastest chain of cells,
    so reaching a place through another is never faster than going directly. Distance
    and estimated metres follow the chain chosen.

    Returns
    -------
    int
        The number of cells changed.
    """
    before = duration_s.copy()
    for k in range(duration_s.shape[0]):
        via_s = duration_s[:, k, None] + duration_s[None, k, :]
        faster = via_s < duration_s
        if faster.any():
            duration_s[faster] = via_s[faster]
            distance_m[faster] = (distance_m[:, k, None] + distance_m[None, k, :])[faster]
            estimated_m[faster] = (estimated_m[:, k, None] + estimated_m[None, k, :])[faster]
    return int((duration_s != before).sum())


def _column(snaps: Sequence[Snap], name: str) -> np.ndarray:
    """Return one attribute of each snap as an array."""
    return np.array([getattr(snap, name) for snap in snaps], dtype=np.float64)
