"""The data of a team orienteering problem with time windows (TOPTW) and of its answer.

Everything is plain arrays and frozen dataclasses; times are in one unit chosen by
the caller (the itinerary wrapper uses minutes after midnight, the benchmark the
instance's own units). Vertices are indexes into the travel-time matrix.

The value of a solution
-----------------------
By default a solution is worth the sum of its vertices' scores (the classic, additive
TOPTW). Two optional extensions make the value non-additive, and the solver optimises
it as such:

* Flexible visits: ``service_min[v] <= length <= service[v]``. A visit of ``length``
  is worth ``score[v] * (length / service[v]) ** length_exponent`` (an exponent below
  1 makes value grow less than linearly with time), and, since the visit must still
  end by the time a full one would, it may start up to ``service[v] - length`` after
  its window closes.
* Values by day: ``day_score[k, v]`` (``None`` for none) is what visiting ``v`` on
  tour ``k`` is worth in place of ``score[v]`` (a village on its market day). When
  ``day_score_windows`` holds ``(k, v)``, that value needs a visit starting inside
  those windows (the market's hours); a visit at another time is worth ``score[v]``.
  The solver gives such a vertex one variant per tour, and one more for the hours
  (:mod:`planner.optimiser._variants`).
* Diminishing returns within groups: ``group[v]`` (``-1`` for none) and
  ``group_decay[g]``. Within a group the visits are ranked by their value, highest
  first, and the ``j``-th (from 0) counts ``group_decay[g] ** j`` times its value.

What the traveller decided
--------------------------
Per-vertex constraints carry a traveller's edits of a plan: ``excluded``
vertices are never visited; ``kept`` vertices must be visited on the tour they are
fixed to (they are mandatory, and no move may put them on another tour); kept
vertices with a rank in ``kept_order`` are visited in ascending rank on their tour
(other visits may come between them); with ``only`` no vertex beyond the mandatory
and kept ones is a candidate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ._travel_clock import TravelClock
from .travel import TravelBands

#: Start-of-visit windows of one vertex on one tour: sorted ``(open, close)`` pairs; empty = closed.
Windows = tuple[tuple[float, float], ...]


def starts_within(windows: Windows, start: float) -> bool:
    """Return whether a visit starting at ``start`` starts inside one of ``windows`` (to 1e-6)."""
    return any(opens - 1e-6 <= start <= closes + 1e-6 for opens, closes in windows)


@dataclass(frozen=True)
class LunchBreak:
    """A break of ``duration`` that must start between ``earliest_start`` and ``latest_start``.

    The break is taken after leaving a stop (at that place) or on arrival at the next
    one, before its visit starts; waiting time can absorb it. When ``during_visit_min``
    is set, a visit at least that long may host the break on site instead: the break
    then lies within the visit's span and adds no time.
    """

    duration: float
    earliest_start: float
    latest_start: float
    during_visit_min: float | None = None


@dataclass(frozen=True)
class Tour:
    """One tour (one day): its depots, time window, stop limit and lunch break.

    Attributes
    ----------
    start, end
        Vertex where the tour starts and ends (they may be equal).
    open, close
        The tour leaves ``start`` no earlier than ``open`` and reaches ``end`` by ``close``.
    max_stops
        Most customer visits on this tour; ``None`` for no limit.
    lunch
        A break that must be taken on this tour; ``None`` for none.
    """

    start: int
    end: int
    open: float
    close: float
    max_stops: int | None = None
    lunch: LunchBreak | None = None


@dataclass(frozen=True)
class Problem:
    """A TOPTW instance over a travel-time matrix.

    Attributes
    ----------
    travel
        ``(n, n)`` travel times; ``travel[i, j]`` is the time from ``i`` to ``j``.
    score
        ``(n,)`` score collected by visiting each vertex.
    service
        ``(n,)`` visit duration of each vertex.
    windows
        ``windows[k][v]``: start-of-visit windows of vertex ``v`` on tour ``k``.
    tours
        The tours (days), in order.
    mandatory
        Vertices every solution should visit when some solution can.
    candidates
        Vertices that may be visited; by default every vertex that is no tour's depot.
    service_min
        ``(n,)`` shortest allowed visit of each vertex; ``None``: every visit lasts ``service``.
    length_exponent
        Exponent of the value of a shortened visit (see the module notes), in ``(0, 1]``.
    group
        ``(n,)`` group of each vertex (``0..len(group_decay) - 1``, or ``-1``); ``None``: no groups.
    group_decay
        Factor of each group applied once per better-valued visit of the same group, in ``(0, 1]``.
    day_score
        ``(len(tours), n)`` value of each vertex on each tour, replacing ``score``; ``None``: ``score`` every day.
    day_score_windows
        ``{(tour, vertex): windows}``: ``day_score[tour, vertex]`` holds only for a visit
        starting inside ``windows``; elsewhere the visit is worth ``score[vertex]``.
    excluded
        Vertices no solution may visit (removed from ``candidates``).
    kept
        ``{vertex: tour}``: vertices every solution must visit, each on its tour (they
        join ``mandatory``; a solver that cannot fit one reports it missing).
    kept_order
        ``{vertex: rank}`` for some kept vertices: on each tour, the ranked kept vertices
        are visited in ascending rank (equal ranks in any order; other visits may come
        between them).
    only
        Whether the candidates are only the mandatory and kept vertices.
    bands
        Travel times by time band (:mod:`.travel`): a trip's time then depends on when it
        leaves, and ``travel`` only serves as a nominal figure; ``None``: ``travel`` always.
    """

    travel: np.ndarray
    score: np.ndarray
    service: np.ndarray
    windows: tuple[tuple[Windows, ...], ...]
    tours: tuple[Tour, ...]
    mandatory: frozenset[int] = frozenset()
    candidates: tuple[int, ...] = ()
    service_min: np.ndarray | None = None
    length_exponent: float = 0.5
    group: np.ndarray | None = None
    group_decay: tuple[float, ...] = ()
    day_score: np.ndarray | None = None
    day_score_windows: Mapping[tuple[int, int], Windows] = field(default_factory=dict)
    excluded: frozenset[int] = frozenset()
    kept: Mapping[int, int] = field(default_factory=dict)
    kept_order: Mapping[int, int] = field(default_factory=dict)
    only: bool = False
    bands: TravelBands | None = None

    def __post_init__(self) -> None:
        n = self.travel.shape[0]
        if self.travel.shape != (n, n) or self.score.shape != (n,) or self.service.shape != (n,):
            msg = f"`travel` must be (n, n) and `score`, `service` (n,), got {self.travel.shape}, "
            msg += f"{self.score.shape}, {self.service.shape}"
            raise ValueError(msg)
        if len(self.windows) != len(self.tours) or any(len(w) != n for w in self.windows):
            msg = f"`windows` must hold one tuple of {n} window lists per tour ({len(self.tours)})"
            raise ValueError(msg)
        depots = {v for tour in self.tours for v in (tour.start, tour.end)}
        if not all(0 <= v < n for v in depots):
            raise ValueError(f"tour depots must be vertices 0..{n - 1}, got {sorted(depots)}")
        if not self.candidates:
            object.__setattr__(self, "candidates", tuple(v for v in range(n) if v not in depots))
        self._apply_edits(n)
        bad = [v for v in self.candidates if v in depots or not 0 <= v < n]
        bad += [v for v in self.mandatory if v not in self.candidates]
        if bad:
            raise ValueError(f"candidates and mandatory vertices must be non-depot vertices, got {bad}")
        self._check_value_fields(n)
        if self.bands is not None and self.bands.duration.shape[1:] != (n, n):
            raise ValueError(f"`bands.duration` must be (bands, {n}, {n}), got {self.bands.duration.shape}")

    def _apply_edits(self, n: int) -> None:
        """Check ``excluded``, ``kept`` and ``only``, then narrow the candidates and widen ``mandatory``."""
        bad_tours = {v: k for v, k in self.kept.items() if not 0 <= k < len(self.tours)}
        if bad_tours:
            raise ValueError(f"`kept` tours must be 0..{len(self.tours) - 1}, got {bad_tours}")
        both = sorted(set(self.kept) & self.excluded)
        if both:
            raise ValueError(f"vertices cannot be both kept and excluded, got {both}")
        must_out = sorted(self.mandatory & self.excluded)
        if must_out:
            raise ValueError(f"mandatory vertices cannot be excluded, got {must_out}")
        kept = dict(self.kept)
        object.__setattr__(self, "kept", kept)
        unkept = sorted(v for v in self.kept_order if v not in kept)
        if unkept:
            raise ValueError(f"`kept_order` vertices must be kept vertices, got {unkept}")
        object.__setattr__(self, "kept_order", dict(self.kept_order))
        object.__setattr__(self, "mandatory", frozenset(self.mandatory | set(kept)))
        allowed = [v for v in self.candidates if v not in self.excluded]
        if self.only:
            allowed = [v for v in allowed if v in self.mandatory]
        allowed += [v for v in kept if v not in allowed and 0 <= v < n]
        object.__setattr__(self, "candidates", tuple(allowed))

    def tours_allowed(self, vertex: int) -> tuple[int, ...]:
        """Return the tours ``vertex`` may be visited on: its kept tour, else every tour."""
        if vertex in self.kept:
            return (self.kept[vertex],)
        return tuple(range(len(self.tours)))

    def in_kept_order(self, route: Sequence[int]) -> bool:
        """Return whether ``route`` visits its ranked kept vertices in ascending rank."""
        ranks = [self.kept_order[v] for v in route if v in self.kept_order]
        return all(a <= b for a, b in zip(ranks, ranks[1:], strict=False))

    def _check_value_fields(self, n: int) -> None:
        if self.service_min is not None:
            low = self.service_min
            if low.shape != (n,) or bool(np.any(low < 0)) or bool(np.any(low > self.service + 1e-9)):
                raise ValueError("`service_min` must be (n,) with 0 <= service_min <= service")
        if not 0.0 < self.length_exponent <= 1.0:
            raise ValueError(f"`length_exponent` must be in (0, 1], got {self.length_exponent}")
        if any(not 0.0 < decay <= 1.0 for decay in self.group_decay):
            raise ValueError(f"`group_decay` values must be in (0, 1], got {self.group_decay}")
        if self.day_score is not None and (self.day_score.shape != (len(self.tours), n)
                                           or bool(np.any(self.day_score < 0))):
            raise ValueError(f"`day_score` must be ({len(self.tours)}, {n}) with values >= 0")
        if self.day_score_windows and (self.day_score is None or any(
                not (0 <= k < len(self.tours) and 0 <= v < n) for k, v in self.day_score_windows)):
            raise ValueError(f"`day_score_windows` needs `day_score` and keys (tour 0..{len(self.tours) - 1}, vertex)")
        if self.group is not None:
            groups = self.group
            if groups.shape != (n,) or bool(np.any(groups < -1)) or bool(np.any(groups >= len(self.group_decay))):
                msg = f"`group` must be (n,) with values -1..{len(self.group_decay) - 1}"
                raise ValueError(msg)

    def worth(self, k: int, vertex: int, start: float | None = None) -> float:
        """Return the value of a full visit of ``vertex`` on tour ``k`` starting at ``start``.

        That is its day score, unless ``day_score_windows`` limits the day score to hours
        that ``start`` (``None``: unknown, taken as inside) is outside of; else its score.
        """
        if self.day_score is None:
            return float(self.score[vertex])
        hours = self.day_score_windows.get((k, vertex))
        if hours is not None and start is not None and not starts_within(hours, start):
            return float(self.score[vertex])
        return float(self.day_score[k, vertex])

    @property
    def flexible(self) -> bool:
        """Return whether some visit may be shorter than its ``service``."""
        return self.service_min is not None and bool(np.any(self.service_min < self.service - 1e-9))
    @cached_property
    def clock(self) -> TravelClock:
        """Return the arrivals and latest departures between the vertices (built once per problem)."""
        return TravelClock(self.travel, self.bands)

    @property
    def n_vertices(self) -> int:
        """Return the number of vertices (rows of the travel matrix)."""
        return int(self.travel.shape[0])


def uniform_windows(
    open_: Sequence[float], close: Sequence[float], n_tours: int
) -> tuple[tuple[Windows, ...], ...]:
    """Return per-tour windows where every tour has one window ``[open_[v], close[v]]`` per vertex."""
    per_vertex = tuple(((float(o), float(c)),) for o, c in zip(open_, close, strict=True))
    return tuple(per_vertex for _ in range(n_tours))


@dataclass(frozen=True)
class Visit:
    """One stop of a tour: when the traveller arrives, starts the visit and leaves.

    ``length`` is the visit's chosen length; ``None`` means the vertex's full ``service``.
    """

    vertex: int
    arrive: float
    start: float
    depart: float
    length: float | None = None

    @property
    def wait(self) -> float:
        """Return the waiting time between arrival and start of the visit."""
        return self.start - self.arrive


@dataclass(frozen=True)
class TourPlan:
    """The schedule of one tour.

    Attributes
    ----------
    stops
        The customer visits in order (depots excluded).
    leave
        Departure time from the start depot.
    back
        Arrival time at the end depot.
    lunch_start
        Start of the lunch break, or ``None``.
    lunch_after
        Index in ``stops`` after which lunch is taken (``-1``: before the first stop).
    lunch_vertex
        Where lunch is taken: the stop just left (after its visit, or during it when the
        break allows lunch on site), or the next stop/end depot on arrival.
    """

    stops: tuple[Visit, ...]
    leave: float
    back: float
    lunch_start: float | None = None
    lunch_after: int | None = None
    lunch_vertex: int | None = None

    @property
    def vertices(self) -> tuple[int, ...]:
        """Return the visited vertices in order."""
        return tuple(stop.vertex for stop in self.stops)


@dataclass(frozen=True)
class Solution:
    """A set of tours with their schedules and what was left out.

    Attributes
    ----------
    tours
        One :class:`TourPlan` per tour of the problem.
    score
        Value of the visits (the sum of their scores when the problem is additive).
    unvisited
        Candidates not visited.
    missing_mandatory
        Mandatory vertices the solver could not fit.
    iterations, elapsed_s
        Search effort.
    """

    tours: tuple[TourPlan, ...]
    score: float
    unvisited: tuple[int, ...] = ()
    missing_mandatory: tuple[int, ...] = ()
    iterations: int = 0
    elapsed_s: float = 0.0
