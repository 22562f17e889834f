"""The labelled straight-line estimate used where there is no routed road path.

Great-circle distance times :data:`planner.settings.DETOUR_FACTOR`, at the mode's
:data:`planner.settings.ESTIMATE_SPEED_KMH`. Every leg and matrix cell built this way
is flagged ``estimated=True``.
"""

from __future__ import annotations

import numpy as np

from geodata.query import haversine_m

from .. import settings


def speed_m_per_s(mode: str) -> float:
    """Return the estimate (and access-leg) speed of a mode in metres per second."""
    return settings.ESTIMATE_SPEED_KMH[mode] / 3.6


def estimate_matrix(lat: np.ndarray, lon: np.ndarray, *, mode: str) -> tuple[np.ndarray, np.ndarray]:
    """Return estimated ``(duration_s, distance_m)`` matrices between all points.

    Parameters
    ----------
    lat, lon
        ``(n,)`` WGS84 degrees.
    mode
        Travel mode, for the speed.
    """
    lat, lon = np.asarray(lat, dtype=np.float64), np.asarray(lon, dtype=np.float64)
    straight_m = haversine_m(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    distance_m = np.asarray(straight_m) * settings.DETOUR_FACTOR
    return distance_m / speed_m_per_s(mode), distance_m
