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
arrives by a given time) work on arrays; :class:`planner.optimiser._travel_clock.TravelClock`
answers the scheduling code's questions for a problem (``problem.clock``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    origin
        For bands made by :meth:`expanded`: the vertex of ``source`` each vertex stands
        for, so that per-trip tables are built over the fewer source trips; else ``None``.
    source
        The bands :meth:`expanded` was called on, or ``None``.
    """

    duration: np.ndarray
    starts: tuple[float, ...]
    period: float = 1440.0
    whole: bool = True
    origin: np.ndarray | None = field(default=None, compare=False, repr=False)
    source: TravelBands | None = field(default=None, compare=False, repr=False)

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
        root, root_origin = (self, origin) if self.source is None or self.origin is None else (
            self.source, self.origin[origin])
        return TravelBands(np.ascontiguousarray(picked), self.starts, self.period, self.whole,
                           origin=np.asarray(root_origin, dtype=np.intp), source=root)


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
    depart = np.asarray(depart, dtype=np.float64)
    shape = np.broadcast_shapes(duration.shape[1:], depart.shape)
    band, ends = _band_and_end(starts, period, depart)
    arrival = np.broadcast_to(depart + _pick(duration, band, shape), shape).copy()
    slow = ~(arrival <= ends)  # the trip runs into the next band (or is unreachable)
    if slow.any():
        arrival[slow] = _run_forward(_per_band(duration, shape)[:, slow],
                                     np.broadcast_to(depart, shape)[slow], starts, period)
    return arrival


def _pick(duration: np.ndarray, band: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Return ``duration[band[...], ...]`` broadcast to ``shape``."""
    return np.take_along_axis(_per_band(duration, shape), np.broadcast_to(band, shape)[None], axis=0)[0]


def _per_band(duration: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Return ``(bands, ...)`` durations broadcast to ``(bands, *shape)`` (trip axes aligned to the right)."""
    missing = len(shape) - (duration.ndim - 1)
    return np.broadcast_to(duration.reshape(duration.shape[0], *(1,) * missing, *duration.shape[1:]),
                           (duration.shape[0], *shape))


def _run_forward(duration: np.ndarray, clock: np.ndarray, starts: np.ndarray, period: float) -> np.ndarray:
    """Return the arrivals of ``(bands, k)`` trips leaving at ``(k,)`` times, band by band."""
    clock = clock.copy()
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
    return clock


def band_departure(duration: np.ndarray, starts: np.ndarray, period: float, arrive: ArrayLike) -> np.ndarray:
    """Return the latest departures of trips that arrive by ``arrive`` (the inverse of :func:`band_arrival`).

    Same parameters as :func:`band_arrival`, with arrival times instead of departures;
    ``-inf`` where a trip is unreachable (infinite duration).
    """
    duration = np.asarray(duration, dtype=np.float64)
    arrive = np.asarray(arrive, dtype=np.float64)
    shape = np.broadcast_shapes(duration.shape[1:], arrive.shape)
    band, begins = _band_and_start(starts, period, arrive)
    with np.errstate(invalid="ignore"):
        departure = np.broadcast_to(arrive - _pick(duration, band, shape), shape).copy()
    slow = ~(departure >= begins)  # the trip began in an earlier band (or is unreachable)
    if slow.any():
        departure[slow] = _run_backward(_per_band(duration, shape)[:, slow],
                                        np.broadcast_to(arrive, shape)[slow], starts, period)
    return departure


def _run_backward(duration: np.ndarray, clock: np.ndarray, starts: np.ndarray, period: float) -> np.ndarray:
    """Return the latest departures of ``(bands, k)`` trips arriving by ``(k,)`` times, band by band."""
    clock = clock.copy()
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
    return clock


def _band_and_end(starts: np.ndarray, period: float, clock: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the band running at each ``clock`` time and the absolute time it ends (``nan`` if infinite)."""
    with np.errstate(invalid="ignore"):
        cycle = np.floor(clock / period) * period
        position = np.searchsorted(starts, clock - cycle, side="right")  # 0: before the first start
    ends = np.append(starts, starts[0] + period)[position] + cycle
    return (position - 1) % starts.size, ends


def _band_and_start(starts: np.ndarray, period: float, clock: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the band running just before each ``clock`` time and the absolute time it began."""
    with np.errstate(invalid="ignore"):
        cycle = np.floor(clock / period) * period
        position = np.searchsorted(starts, clock - cycle, side="left")  # 0: at or before the first start
    begins = np.append(starts[-1] - period, starts)[position] + cycle
    return (position - 1) % starts.size, begins
