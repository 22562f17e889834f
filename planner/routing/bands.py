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
from ..optimiser.travel import band_arrival


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
        The rule is the optimiser's (:func:`planner.optimiser.travel.band_arrival`), so
        plans and single legs time a trip alike.
    """
    depart_s = float(depart_min) * 60.0
    arrive_s = band_arrival(np.asarray(band_duration_s, dtype=np.float64), band_starts_min() * 60.0,
                            MINUTES_PER_DAY * 60.0, depart_s)
    return arrive_s - depart_s
