"""Flexible visits and day values as variants: the search sees each length and day as its own vertex.

A vertex whose visit may last from ``service_min`` to ``service`` becomes a few
variants (evenly spaced lengths, the full one keeping the vertex's own index); variants
of one vertex are *siblings*: visiting one makes the others unavailable. Each variant
has its own score (the value of that length), service and windows, so the scheduling
code and the insertion tables stay those of the fixed-length problem. A vertex worth
more on some days (``day_score``) likewise becomes one variant per tour, each open on
its own tour only, so the search compares "Chuông on its market day" with "Chuông on
another day" as two siblings. Where the day value holds only within hours
(``day_score_windows``), that tour has two variants: one starting within those hours
at the day value, one at any open time at the ordinary value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from .problem import Problem, Windows, starts_within

#: Visit lengths tried per flexible vertex (shortest, evenly spaced, full).
VISIT_STEPS = 3


@dataclass(frozen=True)
class Variants:
    """The fixed-length problem the search runs on and how it maps back.

    Attributes
    ----------
    problem
        The expanded problem: vertex ``v < n`` is the original vertex at full length.
    origin
        ``(m,)`` original vertex of each expanded vertex.
    length
        ``(m,)`` visit length of each expanded vertex.
    siblings
        For each expanded vertex, the other variants of its original vertex.
    within_hours
        ``{ordinary variant: (hours variant, hours)}`` for vertices whose day value
        holds within hours: an ordinary visit that starts within them is worth as much
        as the hours variant (:meth:`upgrade`).
    """

    problem: Problem
    origin: np.ndarray
    length: np.ndarray
    siblings: tuple[tuple[int, ...], ...]
    within_hours: Mapping[int, tuple[int, Windows]] = field(default_factory=dict)

    def upgrade(self, vertex: int, start: float) -> int:
        """Return the variant a visit of ``vertex`` starting at ``start`` is worth: its hours sibling if inside."""
        found = self.within_hours.get(vertex)
        if found is not None and starts_within(found[1], start):
            return found[0]
        return vertex


def visit_lengths(shortest: float, full: float, steps: int) -> list[float]:
    """Return ``steps`` evenly spaced lengths from ``shortest`` to ``full`` (whole when both are)."""
    if full - shortest <= 1e-9 or steps < 2:
        return [full]
    lengths = np.linspace(shortest, full, steps)
    if float(shortest).is_integer() and float(full).is_integer():
        lengths = np.floor(lengths)
    return sorted({float(x) for x in lengths}, reverse=True)


def shifted_windows(windows: Windows, saved: float) -> Windows:
    """Return ``windows`` whose closes are ``saved`` later: a shorter visit may start later."""
    return tuple((opens, closes + saved) for opens, closes in windows)


def day_valued(problem: Problem) -> frozenset[int]:
    """Return the candidates whose value depends on the tour (``day_score`` differs from ``score``)."""
    if problem.day_score is None:
        return frozenset()
    differs = np.any(np.abs(problem.day_score - problem.score[None, :]) > 1e-12, axis=0)
    return frozenset(v for v in problem.candidates if bool(differs[v]))


def expand_visits(problem: Problem, *, steps: int = VISIT_STEPS) -> Variants:
    """Return the fixed-length, fixed-day expansion of ``problem`` (itself when nothing varies).

    A flexible vertex gets one variant per visit length; a vertex whose value depends
    on the day (``day_score``) gets one variant per tour, open on that tour only and
    worth that tour's value. The original index keeps the full-length (first-tour) variant.
    """
    n = problem.n_vertices
    flexible = problem.flexible and problem.service_min is not None
    by_day = day_valued(problem)
    if not flexible and not by_day:
        return Variants(problem, np.arange(n), problem.service.astype(np.float64), ((),) * n)
    origin, length = list(range(n)), [float(s) for s in problem.service]
    if flexible and problem.service_min is not None:
        for v in problem.candidates:
            for extra in visit_lengths(float(problem.service_min[v]), float(problem.service[v]), steps)[1:]:
                origin.append(v)
                length.append(extra)
    day = [0 if o in by_day else -1 for o in origin]
    for m in range(len(origin)):
        if day[m] == 0:
            for k in range(1, len(problem.tours)):
                origin.append(origin[m])
                length.append(length[m])
                day.append(k)
    # A day value limited to hours: this variant starts within them, a sibling at any time.
    hours: list[Windows | None] = [problem.day_score_windows.get((k, o)) if k >= 0 else None
                                   for k, o in zip(day, origin, strict=True)]
    ordinary = [False] * len(origin)
    within_hours: dict[int, tuple[int, Windows]] = {}
    for m in range(len(origin)):
        found = hours[m]
        if found is not None:
            within_hours[len(origin)] = (m, found)
            origin.append(origin[m])
            length.append(length[m])
            day.append(day[m])
            hours.append(None)
            ordinary.append(True)
    origin_a, length_a = np.array(origin, dtype=np.intp), np.array(length)
    full = problem.service[origin_a].astype(np.float64)
    ratio = np.divide(length_a, full, out=np.ones_like(length_a), where=full > 0)
    windows = tuple(
        tuple(variant_windows(per_vertex[o], float(full[m] - length_a[m]), hours[m]) if day[m] in (-1, k) else ()
              for m, o in enumerate(origin))
        for k, per_vertex in enumerate(problem.windows)
    )
    base = problem.score[origin_a].astype(np.float64)
    if problem.day_score is not None:
        on_day = (np.array(day) >= 0) & ~np.array(ordinary)
        base[on_day] = problem.day_score[np.array(day)[on_day], origin_a[on_day]]
    by_origin: dict[int, list[int]] = {}
    for m, o in enumerate(origin):
        by_origin.setdefault(o, []).append(m)
    expanded = replace(
        problem,
        travel=expanded_travel(problem.travel, origin_a),
        bands=None if problem.bands is None else problem.bands.expanded(origin_a),
        score=base * ratio ** problem.length_exponent,
        service=length_a,
        windows=windows,
        mandatory=frozenset(m for m, o in enumerate(origin) if o in problem.mandatory),
        candidates=tuple(m for m, o in enumerate(origin) if o in set(problem.candidates)),
        excluded=frozenset(m for m, o in enumerate(origin) if o in problem.excluded),
        kept={m: problem.kept[o] for m, o in enumerate(origin) if o in problem.kept},
        kept_order={m: problem.kept_order[o] for m, o in enumerate(origin) if o in problem.kept_order},
        service_min=None,
        group=None if problem.group is None else problem.group[origin_a],
        day_score=None,
        day_score_windows={},
    )
    siblings = tuple(tuple(s for s in by_origin[o] if s != m) for m, o in enumerate(origin))
    return Variants(expanded, origin_a, length_a, siblings, within_hours)


def variant_windows(windows: Windows, saved: float, hours: Windows | None) -> Windows:
    """Return the start windows of a variant ``saved`` shorter than full, within ``hours`` if given."""
    shifted = shifted_windows(windows, saved)
    if hours is None:
        return shifted
    inside = ((max(opens, start), min(closes, end)) for opens, closes in shifted for start, end in hours)
    return tuple(sorted((opens, closes) for opens, closes in inside if opens <= closes))


def expanded_travel(travel: np.ndarray, origin: np.ndarray) -> np.ndarray:
    """Return the travel times between expanded vertices: those of their original vertices."""
    return np.ascontiguousarray(travel[np.ix_(origin, origin)])


def shortest_visits(problem: Problem) -> Problem:
    """Return ``problem`` with every visit at its shortest length (to test what can fit at all)."""
    if problem.service_min is None:
        return problem
    saved = problem.service - problem.service_min
    windows = tuple(
        tuple(shifted_windows(w, float(saved[v])) for v, w in enumerate(per_vertex))
        for per_vertex in problem.windows
    )
    return replace(problem, service=problem.service_min.astype(np.float64), windows=windows, service_min=None)
