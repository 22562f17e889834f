"""Travel times that depend on the departure time: time bands, arrivals, latest departures.

A problem may carry one travel-time slice per band of the day (:class:`TravelBands`).
A trip then follows the rule of Ichoua, Gendreau & Potvin (2003, "Vehicle dispatching
with time-dependent travel times", EJOR 144:379-396): it covers, in each band it runs
through, the share ``time in that band / the trip's duration in that band`` of its way,
so a trip that starts just before a peak ends inside it at the peak's pace. Arrival is
then continuous and increasing in the departure time: leaving later never means
arriving earlier (FIFO), and waiting before leaving never helps. With
``TravelBands.whole`` the arrival is rounded up to a whole time unit, which keeps
non-decreasing arrivals and, for whole departures and whole per-band durations,
gives exactly ``depart + duration`` within one band.

:func:`band_arrival` and :func:`band_departure` (its inverse: the latest departure that
arrives by a given time) work on arrays; :class:`TravelClock` answers the scheduling
code's questions for a problem (``TravelClock(problem.travel, problem.bands)``), with or without bands (then ``t + travel[i, j]``).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

_EPS = 1e-9


@dataclass(frozen=True)
class TravelBands:
    """Travel times per time band, in the problem's time unit.

    Attributes
    ----------
    duration
        ``(bands, n, n)`` travel times of each trip if all of it ran at each band's pace.
    starts
        Start of each band within the period, increasing; each band lasts until the next
        starts, and the last runs past the end of the period into the first.
    period
        Length of the cycle of bands (a day: 1440 minutes).
    whole
        Round arrivals up to a whole time unit (plans in whole minutes).
    """

    duration: np.ndarray
    starts: tuple[float, ...]
    period: float = 1440.0
    whole: bool = True

    def __post_init__(self) -> None:
        starts = self.starts
        if self.duration.ndim != 3 or self.duration.shape[0] != len(starts) or not starts:
            msg = f"`duration` must be (bands, n, n) with one slice per start, got {self.duration.shape}"
            raise ValueError(msg + f" and {len(starts)} starts")
        if any(b <= a for a, b in zip(starts, starts[1:], strict=False)) or starts[0] < 0 or starts[-1] >= self.period:
            raise ValueError(f"`starts` must increase within [0, period={self.period}), got {starts}")
        if bool(np.any(self.duration < 0)):
            raise ValueError("`duration` must not be negative")

    def expanded(self, origin: np.ndarray) -> TravelBands:
        """Return the bands between vertices standing for ``origin[v]`` (see ``_variants``)."""
        picked = self.duration[:, origin[:, None], origin[None, :]]
        return TravelBands(np.ascontiguousarray(picked), self.starts, self.period, self.whole)


def band_arrival(duration: np.ndarray, starts: np.ndarray, period: float, depart: ArrayLike) -> np.ndarray:
    """Return the arrival times of trips leaving at ``depart`` (the time-dependent rule above).

    Parameters
    ----------
    duration
        ``(bands, ...)`` duration of each trip in each band.
    starts
        ``(bands,)`` band starts within ``period``.
    period
        Length of the band cycle.
    depart
        Departure times, broadcastable to ``duration.shape[1:]`` (any real time, not
        only within the first period).
    """
    duration = np.asarray(duration, dtype=np.float64)
    shape = np.broadcast_shapes(duration.shape[1:], np.shape(depart))
    duration = np.broadcast_to(duration, (duration.shape[0], *shape)).reshape(duration.shape[0], -1)
    clock = np.broadcast_to(np.asarray(depart, dtype=np.float64), shape).reshape(-1).copy()
    left = np.where(np.isfinite(duration).all(axis=0), 1.0, 0.0)  # share of the way still to go
    clock[left == 0] = np.inf
    left[~np.isfinite(clock)] = 0.0  # an infinite departure stays infinite
    for _ in range(2 * len(starts) + 2):  # a trip longer than a period still ends: cap the loop
        moving = np.flatnonzero(left > 0)
        if moving.size == 0:
            break
        band, ends = _band_and_end(starts, period, clock[moving])
        until = ends - clock[moving]
        pace = duration[band, moving]
        need = left[moving] * pace
        done = need <= until
        clock[moving[done]] += need[done]
        left[moving[done]] = 0.0
        cross = moving[~done]
        clock[cross] = ends[~done]  # exactly at the boundary: the next round is in the next band
        left[cross] -= until[~done] / pace[~done]
    rest = np.flatnonzero(left > 0)  # a trip over a period long: the rest at the band it reached
    if rest.size:
        band, _ = _band_and_end(starts, period, clock[rest])
        clock[rest] += left[rest] * duration[band, rest]
    return clock.reshape(shape)


def band_departure(duration: np.ndarray, starts: np.ndarray, period: float, arrive: ArrayLike) -> np.ndarray:
    """Return the latest departures of trips that arrive by ``arrive`` (the inverse of :func:`band_arrival`).

    Same parameters as :func:`band_arrival`, with arrival times instead of departures;
    ``-inf`` where a trip is unreachable (infinite duration).
    """
    duration = np.asarray(duration, dtype=np.float64)
    shape = np.broadcast_shapes(duration.shape[1:], np.shape(arrive))
    duration = np.broadcast_to(duration, (duration.shape[0], *shape)).reshape(duration.shape[0], -1)
    clock = np.broadcast_to(np.asarray(arrive, dtype=np.float64), shape).reshape(-1).copy()
    left = np.where(np.isfinite(duration).all(axis=0), 1.0, 0.0)
    clock[left == 0] = -np.inf
    left[~np.isfinite(clock)] = 0.0
    for _ in range(2 * len(starts) + 2):
        moving = np.flatnonzero(left > 0)
        if moving.size == 0:
            break
        band, begins = _band_and_start(starts, period, clock[moving])
        since = clock[moving] - begins
        pace = duration[band, moving]
        need = left[moving] * pace
        done = need <= since
        clock[moving[done]] -= need[done]
        left[moving[done]] = 0.0
        cross = moving[~done]
        clock[cross] = begins[~done]
        left[cross] -= since[~done] / pace[~done]
    rest = np.flatnonzero(left > 0)
    if rest.size:
        band, _ = _band_and_start(starts, period, clock[rest])
        clock[rest] -= left[rest] * duration[band, rest]
    return clock.reshape(shape)


def _band_and_end(starts: np.ndarray, period: float, clock: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the band running at each ``clock`` time and the absolute time it ends."""
    cycle = np.floor(clock / period) * period
    position = np.searchsorted(starts, clock - cycle, side="right")  # 0: before the first start
    ends = np.append(starts, starts[0] + period)[position] + cycle
    return (position - 1) % starts.size, ends


def _band_and_start(starts: np.ndarray, period: float, clock: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the band running just before each ``clock`` time and the absolute time it began."""
    cycle = np.floor(clock / period) * period
    position = np.searchsorted(starts, clock - cycle, side="left")  # 0: at or before the first start
    begins = np.append(starts[-1] - period, starts)[position] + cycle
    return (position - 1) % starts.size, begins


class TravelClock:
    """Arrivals and latest departures between a problem's vertices, with or without bands."""

    def __init__(self, travel: np.ndarray, bands: TravelBands | None) -> None:
        self.travel = np.ascontiguousarray(travel, dtype=np.float64)
        self.bands = bands
        if self.bands is not None:
            self._starts = np.array(self.bands.starts, dtype=np.float64)
            self._start_list = list(self.bands.starts)
            # (n, n, bands) rows: one pair's durations lie together for the scalar lookups
            self._by_pair = np.ascontiguousarray(np.moveaxis(self.bands.duration, 0, -1)).tolist()

    @property
    def constant(self) -> bool:
        """Return whether travel times do not depend on the departure time."""
        return self.bands is None

    def arrive(self, i: np.ndarray | int, j: np.ndarray | int, depart: np.ndarray | float) -> np.ndarray:
        """Return the arrival times at ``j`` of trips leaving ``i`` at ``depart`` (arrays broadcast)."""
        if self.bands is None:
            return np.asarray(depart, dtype=np.float64) + np.asarray(self.travel[i, j])
        found = band_arrival(self.bands.duration[:, i, j], self._starts, self.bands.period, depart)
        return np.ceil(found - _EPS) if self.bands.whole else found

    def latest(self, i: np.ndarray | int, j: np.ndarray | int, arrive: np.ndarray | float) -> np.ndarray:
        """Return the latest departures from ``i`` that reach ``j`` by ``arrive`` (arrays broadcast)."""
        if self.bands is None:
            return np.asarray(arrive, dtype=np.float64) - np.asarray(self.travel[i, j])
        if self.bands.whole:
            arrive = np.floor(np.asarray(arrive, dtype=np.float64) + _EPS)
        found = band_departure(self.bands.duration[:, i, j], self._starts, self.bands.period, arrive)
        return np.floor(found + _EPS) if self.bands.whole else found

    def arrive_one(self, i: int, j: int, depart: float) -> float:
        """Return the arrival at ``j`` of one trip leaving ``i`` at ``depart`` (fast scalar path)."""
        if self.bands is None:
            return depart + float(self.travel[i, j])
        pace = self._by_pair[i][j]
        starts, period = self._start_list, self.bands.period
        clock, left = float(depart), 1.0
        if math.isinf(max(pace)) or not math.isfinite(clock):
            return math.inf if math.isinf(max(pace)) else clock
        bounds = [*starts, starts[0] + period]
        for _ in range(2 * len(starts) + 2):
            cycle = math.floor(clock / period) * period
            position = bisect.bisect_right(starts, clock - cycle)
            band, ends = (position - 1) % len(starts), bounds[position] + cycle
            need = left * pace[band]
            if need <= ends - clock:
                clock += need
                left = 0.0
                break
            left -= (ends - clock) / pace[band]
            clock = ends
        if left > 0:
            band = (bisect.bisect_right(starts, clock - math.floor(clock / period) * period) - 1) % len(starts)
            clock += left * pace[band]
        return math.ceil(clock - _EPS) if self.bands.whole else clock
