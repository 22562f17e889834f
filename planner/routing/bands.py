"""Rush hours: time bands of the day, their speed factors, and travel times by departure time.

A matrix carries one slice of travel times per band (:data:`planner.settings.TIME_BANDS`).
The time of a trip leaving at a given minute is not simply its band's slice: a trip
that starts just before a peak ends inside it. :func:`duration_at` follows the trip
through the bands at each band's speed (the time-dependent model of Ichoua, Gendreau
& Potvin 2003, "Vehicle dispatching with time-dependent travel times", EJOR 144:379-396,
applied per cell), so leaving later never means arriving earlier (FIFO).
"""

from __future__ import annotations

import numpy as np

from .. import settings
from ..clock import MINUTES_PER_DAY, clock_minutes, minutes_to_clock


def band_names() -> list[str]:
    """Return the names of the time bands, in order."""
    return [name for name, _ in settings.TIME_BANDS]


def band_starts_min() -> np.ndarray:
    """Return the start of each band in minutes after midnight."""
    return np.array([clock_min(start, field="TIME_BANDS") for _, start in settings.TIME_BANDS], dtype=np.float64)


def clock_min(text: str, *, field: str = "depart") -> float:
    """Return the minutes after midnight of a departure ``"HH:MM"`` (a time of day, 00:00-23:59).

    Raises
    ------
    CraftRouteError
        Naming ``field`` if the text is not a time 00:00-23:59.
    """
    return float(clock_minutes(text, field=field, latest_min=MINUTES_PER_DAY - 1))


def depart_fields(depart_min: float | None) -> dict[str, str]:
    """Return the JSON fields naming a departure and its band (the default departure for ``None``)."""
    minutes = depart_min if depart_min is not None else clock_min(settings.DEFAULT_DEPART, field="DEFAULT_DEPART")
    return {"depart": minutes_to_clock(minutes % MINUTES_PER_DAY), "band": band_names()[band_index(minutes)]}


def band_index(depart_min: float) -> int:
    """Return the band a departure at ``depart_min`` (minutes after midnight) falls in."""
    starts = band_starts_min()
    position = int(np.searchsorted(starts, depart_min % MINUTES_PER_DAY, side="right")) - 1
    return position % len(starts)  # before the first start: the last band, run past midnight


def default_band() -> int:
    """Return the band of :data:`settings.DEFAULT_DEPART` (outside the peaks)."""
    return band_index(clock_min(settings.DEFAULT_DEPART, field="DEFAULT_DEPART"))


def class_factors(class_names: np.ndarray, *, mode: str) -> np.ndarray:
    """Return the ``(bands, classes)`` speed factors of each road class in each band for ``mode``."""
    group_of = {name: group for group, names in settings.BAND_ROAD_GROUPS.items() for name in names}
    factors = np.ones((len(settings.TIME_BANDS), len(class_names)))
    if mode not in settings.RUSH_HOUR_MODES:
        return factors
    for row, name in enumerate(band_names()):
        band = settings.BAND_SPEED_FACTORS[name]
        factors[row] = [band.get(group_of.get(str(road), "local"), 1.0) for road in class_names]
    return factors


def duration_at(band_duration_s: np.ndarray, depart_min: float) -> np.ndarray:
    """Return travel seconds for a departure at ``depart_min``, following the trip through the bands.

    Parameters
    ----------
    band_duration_s
        ``(bands, ...)`` travel seconds of each trip if the whole of it ran at the
        speed of each band.
    depart_min
        Departure, minutes after midnight (may exceed a day).

    Returns
    -------
    numpy.ndarray
        The ``(...)`` seconds: each trip covers the share ``elapsed / band duration`` of
        its length per band it runs through; non-decreasing arrival in departure time.
    """
    shape = np.shape(band_duration_s)[1:]
    band_duration_s = np.asarray(band_duration_s, dtype=np.float64).reshape(len(settings.TIME_BANDS), -1)
    starts = band_starts_min() * 60.0
    day_s = MINUTES_PER_DAY * 60.0
    clock = np.full(band_duration_s.shape[1:], float(depart_min) * 60.0)
    left = np.ones(band_duration_s.shape[1:])  # share of the trip still to travel
    total = np.zeros(band_duration_s.shape[1:])
    finite = np.isfinite(band_duration_s).all(axis=0)
    left[~finite] = 0.0
    total[~finite] = np.inf
    for _ in range(2 * len(starts) + 2):  # a trip longer than a day still ends: cap the loop
        moving = left > 0
        if not moving.any():
            break
        time_of_day = np.mod(clock, day_s)
        band = (np.searchsorted(starts, time_of_day, side="right") - 1) % len(starts)
        band_end = starts[(band + 1) % len(starts)]
        until_end = np.mod(band_end - time_of_day, day_s)
        until_end[until_end == 0] = day_s
        need = left * np.take_along_axis(band_duration_s, band[None], axis=0)[0]
        finish = moving & (need <= until_end)
        total[finish] += need[finish]
        left[finish] = 0.0
        cross = moving & ~finish
        share = np.zeros_like(left)
        np.divide(until_end, np.take_along_axis(band_duration_s, band[None], axis=0)[0], out=share, where=cross)
        total[cross] += until_end[cross]
        left[cross] -= share[cross]
        clock[cross] += until_end[cross]
    if (left > 0).any():  # a trip over a day long: the rest at the band it reached
        band = (np.searchsorted(starts, np.mod(clock, day_s), side="right") - 1) % len(starts)
        total += left * np.take_along_axis(band_duration_s, band[None], axis=0)[0]
    return total.reshape(shape)
