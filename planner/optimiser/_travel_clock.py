"""Arrivals and latest departures between a problem's vertices, with or without time bands.

Without bands a trip takes ``travel[i, j]`` whenever it leaves. With bands
(:mod:`.travel`) array queries read each trip's tabulated arrival function
(:mod:`._arrival_table`, built on first use) and single trips follow the bands in plain
Python, remembered, as the search asks the same ones again and again.
"""

from __future__ import annotations

import bisect
import math

import numpy as np

from ._arrival_table import ArrivalTable
from .travel import TravelBands

_EPS = 1e-9
#: Most remembered single-trip answers per problem.
MEMO_SIZE = 200_000


class TravelClock:
    """Arrivals and latest departures between a problem's vertices, with or without bands."""

    def __init__(self, travel: np.ndarray, bands: TravelBands | None) -> None:
        self.travel = np.ascontiguousarray(travel, dtype=np.float64)
        self.bands = bands
        #: the trips' own vertex of each vertex: copies of one place (visit variants) share its trips
        self._trip_of: list[int] | None = None
        #: the trips' durations (those of the source places for copies) and each vertex's row in them
        self._trip_duration: np.ndarray | None = None
        self._trip_rows: np.ndarray | None = None
        if self.bands is not None:
            self._starts = np.array(self.bands.starts, dtype=np.float64)
            self._start_list = list(self.bands.starts)
            self._trip_duration = self.bands.duration
            if self.bands.source is not None and self.bands.origin is not None:
                self._trip_duration, self._trip_rows = self.bands.source.duration, self.bands.origin
                self._trip_of = self.bands.origin.tolist()
            # (n, n, bands): one pair's durations lie together for the scalar lookups; rows
            # become lists when first asked (the search reads few of them)
            self._by_pair = np.ascontiguousarray(np.moveaxis(self._trip_duration, 0, -1))
            self._pair_rows: dict[int, list[list[float]]] = {}
        self._table: ArrivalTable | None = None
        self._arrivals: dict[tuple[int, int, float], float] = {}
        self._latest: dict[tuple[int, int, float], float] = {}

    @property
    def constant(self) -> bool:
        """Return whether travel times do not depend on the departure time."""
        return self.bands is None

    def arrive(self, i: np.ndarray | int, j: np.ndarray | int, depart: np.ndarray | float) -> np.ndarray:
        """Return the arrival times at ``j`` of trips leaving ``i`` at ``depart`` (arrays broadcast)."""
        if self.bands is None:
            return np.asarray(depart, dtype=np.float64) + np.asarray(self.travel[i, j])
        found = self._arrival_table().arrival(i, j, depart)
        return np.ceil(found - _EPS) if self.bands.whole else found

    def latest(self, i: np.ndarray | int, j: np.ndarray | int, arrive: np.ndarray | float) -> np.ndarray:
        """Return the latest departures from ``i`` that reach ``j`` by ``arrive`` (arrays broadcast)."""
        if self.bands is None:
            return np.asarray(arrive, dtype=np.float64) - np.asarray(self.travel[i, j])
        if self.bands.whole:
            arrive = np.floor(np.asarray(arrive, dtype=np.float64) + _EPS)
        found = self._arrival_table().departure(i, j, arrive)
        return np.floor(found + _EPS) if self.bands.whole else found

    def _arrival_table(self) -> ArrivalTable:
        """Return the trips' tabulated arrival functions, built on first use."""
        assert self.bands is not None
        if self._table is None:  # copies of places: their trips tabulated once
            assert self._trip_duration is not None
            self._table = ArrivalTable(self._trip_duration, self._starts, self.bands.period, self._trip_rows)
        return self._table

    def arrive_one(self, i: int, j: int, depart: float) -> float:
        """Return the arrival at ``j`` of one trip leaving ``i`` at ``depart`` (fast scalar path)."""
        if self.bands is None:
            return depart + float(self.travel[i, j])
        if self._trip_of is not None:
            i, j = self._trip_of[i], self._trip_of[j]
        key = (i, j, depart)
        found = self._arrivals.get(key)
        if found is None:
            if len(self._arrivals) >= MEMO_SIZE:
                self._arrivals.clear()
            found = self._arrivals[key] = self._arrive_banded(i, j, depart)
        return found

    def latest_one(self, i: int, j: int, arrive: float) -> float:
        """Return the latest departure from ``i`` that reaches ``j`` by ``arrive`` (scalar :meth:`latest`)."""
        if self.bands is None:
            return arrive - float(self.travel[i, j])
        key = (i, j, arrive) if self._trip_of is None else (self._trip_of[i], self._trip_of[j], arrive)
        found = self._latest.get(key)
        if found is None:
            if len(self._latest) >= MEMO_SIZE:
                self._latest.clear()
            found = self._latest[key] = float(self.latest(i, j, arrive))
        return found

    def _arrive_banded(self, i: int, j: int, depart: float) -> float:
        """Return :meth:`arrive_one` with bands, following the trip band by band in plain Python."""
        assert self.bands is not None
        row = self._pair_rows.get(i)
        if row is None:
            row = self._pair_rows[i] = self._by_pair[i].tolist()
        pace = row[j]
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
