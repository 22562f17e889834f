"""Every trip's arrival function as a few breakpoints, for array queries without a band-by-band loop.

Under the time-dependent rule of :mod:`.travel`, the arrival of one trip is piecewise
linear in its departure, periodic up to a shift (leaving a period later arrives a
period later), and bends only where the departure crosses a band start or where the
arrival does. Those are ``2 x bands`` departures per period: the band starts and their
preimages (:func:`.travel.band_departure`). Tabulating them once per problem turns
each query of the search's insertion tests into one lookup and one interpolation for
all trips at once, whichever bands they run through; the inverse (latest departure)
interpolates the same table the other way.
"""

from __future__ import annotations

import numpy as np

from .travel import band_arrival, band_departure


class ArrivalTable:
    """Breakpoints ``(departure, arrival)`` of each trip ``i -> j`` over one period.

    Parameters
    ----------
    duration
        ``(bands, n, n)`` trip durations per band.
    starts
        ``(bands,)`` band starts.
    period
        Length of the band cycle.
    vertex_row
        ``(m,)`` row of ``duration`` that each queried vertex stands for (vertices that are
        copies of one place share its trips); ``None``: vertex ``v`` is row ``v``.
    """

    def __init__(self, duration: np.ndarray, starts: np.ndarray, period: float,
                 vertex_row: np.ndarray | None = None) -> None:
        n_bands, n = duration.shape[0], duration.shape[1]
        flat = duration.reshape(n_bands, -1)
        self.reachable = np.isfinite(flat).all(axis=0)
        flat = np.where(self.reachable, flat, 1.0)
        bends = np.mod(band_departure(flat, starts, period, starts[:, None]), period)
        depart = np.sort(np.concatenate((np.broadcast_to(starts[:, None], bends.shape), bends)), axis=0)
        arrive = band_arrival(flat, starts, period, depart)
        # one breakpoint either side from the neighbouring periods closes the cycle
        self.depart = np.concatenate((depart[-1:] - period, depart, depart[:1] + period)).T.copy()
        self.arrive = np.concatenate((arrive[-1:] - period, arrive, arrive[:1] + period)).T.copy()
        self.forward = _slopes(self.depart, self.arrive)
        self.backward = _slopes(self.arrive, self.depart)
        self.period = period
        self.n = n
        self.row = None if vertex_row is None else np.asarray(vertex_row, dtype=np.intp)

    def _pair(self, i: np.ndarray | int, j: np.ndarray | int) -> np.ndarray:
        """Return the table rows of the trips ``i -> j``."""
        if self.row is None:
            return np.asarray(i) * self.n + np.asarray(j)
        return self.row[i] * self.n + self.row[j]

    def arrival(self, i: np.ndarray | int, j: np.ndarray | int, depart: np.ndarray | float) -> np.ndarray:
        """Return the arrival at ``j`` leaving ``i`` at ``depart`` (arrays broadcast; ``inf`` if unreachable)."""
        pair = self._pair(i, j)
        depart = np.asarray(depart, dtype=np.float64)
        with np.errstate(invalid="ignore"):
            shift = np.floor(depart / self.period) * self.period
            found = shift + _interpolate(self.depart, self.arrive, self.forward, pair, depart - shift)
        return np.where(self.reachable[pair] & np.isfinite(depart), found, np.inf)

    def departure(self, i: np.ndarray | int, j: np.ndarray | int, arrive: np.ndarray | float) -> np.ndarray:
        """Return the latest departure from ``i`` reaching ``j`` by ``arrive`` (``-inf`` if unreachable)."""
        pair = self._pair(i, j)
        arrive = np.asarray(arrive, dtype=np.float64)
        with np.errstate(invalid="ignore"):
            shift = np.floor((arrive - self.arrive[pair, 0]) / self.period) * self.period
            found = shift + _interpolate(self.arrive, self.depart, self.backward, pair, arrive - shift)
        return np.where(self.reachable[pair] & np.isfinite(arrive), found, -np.inf)


def _slopes(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Return the ``(pairs, points)`` slopes of ``y`` over ``x`` from each point to the next (0 for a step)."""
    width, rise = np.diff(x, axis=1), np.diff(y, axis=1)
    slope = np.divide(rise, width, out=np.zeros_like(width), where=width > 0)
    return np.concatenate((slope, np.zeros((x.shape[0], 1))), axis=1)


def _interpolate(x: np.ndarray, y: np.ndarray, slope: np.ndarray, pair: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Return ``y[pair]`` interpolated at ``at`` along increasing ``x[pair]`` (``(pairs, points)`` tables)."""
    points = x.shape[1]
    shape = np.broadcast_shapes(np.shape(pair), np.shape(at))
    pair, at = np.broadcast_to(pair, shape), np.broadcast_to(at, shape)
    # ``at`` lies within the table's span by construction; rounding may put it a hair before
    k = np.maximum(np.count_nonzero(x[pair] <= at[..., None], axis=-1) - 1, 0)
    cell = pair * points + k
    return y.ravel()[cell] + (at - x.ravel()[cell]) * slope.ravel()[cell]
