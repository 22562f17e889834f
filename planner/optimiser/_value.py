"""The solver's view of a solution's value and of the gain of one more visit.

Additive problems sum their scores. With groups, each group's visits are ranked by
score and the ``j``-th counts ``decay ** j`` times its score (see
:mod:`planner.optimiser.problem`); the marginal gain of every candidate is computed in
one vectorised pass over the groups that already have visits.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .problem import Problem

#: Most remembered sets of visits with their gains (a few kB each).
GAINS_CACHE_SIZE = 5_000


class Valuer:
    """Value of a set of visited vertices and marginal gains of candidates."""

    def __init__(self, problem: Problem) -> None:
        self.score = problem.score.astype(np.float64)
        grouped = problem.group is not None and bool(np.any(problem.group >= 0))
        self.group = problem.group if grouped else None
        self.decay = np.array(problem.group_decay, dtype=np.float64)
        self._scores: list[float] = self.score.tolist()
        self._groups: list[int] = [] if self.group is None else [int(g) for g in self.group]
        self._decays: list[float] = self.decay.tolist()
        self._every_vertex = np.arange(len(self.score), dtype=np.intp)
        self._gains: dict[tuple[int, ...], np.ndarray] = {}

    def _ranked(self, visited: Iterable[int]) -> tuple[float, dict[int, list[float]]]:
        """Return the ungrouped visits' total and each group's visit scores, highest first."""
        ungrouped, members = 0.0, dict[int, list[float]]()
        for v in visited:
            g = self._groups[v]
            if g < 0:
                ungrouped += self._scores[v]
            else:
                members.setdefault(g, []).append(self._scores[v])
        for values in members.values():
            values.sort(reverse=True)
        return ungrouped, members

    def total(self, visited: Iterable[int]) -> float:
        """Return the value of visiting ``visited``."""
        if self.group is None:
            return float(sum(self.score[v] for v in visited))
        total, members = self._ranked(visited)
        for g, values in members.items():
            factor, decay = 1.0, self._decays[g]
            for value in values:
                total += value * factor
                factor *= decay
        return total

    def gains(self, visited: Iterable[int], candidates: np.ndarray) -> np.ndarray:
        """Return the value each candidate adds to ``visited`` (its score when additive).

        With groups, every vertex's gain is computed once per set of visits and
        remembered: the search asks about the same sets again and again.
        """
        if self.group is None:
            return self.score[candidates]
        key = tuple(sorted(visited))
        found = self._gains.get(key)
        if found is None:
            if len(self._gains) >= GAINS_CACHE_SIZE:
                self._gains.clear()
            found = self._gains[key] = self._grouped_gains(key, self._every_vertex)
        return found[candidates]

    def _grouped_gains(self, visited: Iterable[int], candidates: np.ndarray) -> np.ndarray:
        """Return :meth:`gains` computed for ``candidates`` (a grouped problem)."""
        assert self.group is not None
        gain = self.score[candidates]
        _, members = self._ranked(visited)
        if not members:
            return gain
        width = max(len(values) for values in members.values())
        ranked = np.full((len(members) + 1, width), -np.inf)  # the last row: groups without visits
        tail = np.zeros((len(members) + 1, width + 1))
        decay = np.ones(len(members) + 1)
        row_of = np.full(len(self.decay), len(members))
        for row, (g, values) in enumerate(members.items()):
            row_of[g] = row
            decay[row] = self._decays[g]
            weighted = np.array(values) * decay[row] ** np.arange(len(values))
            ranked[row, :len(values)] = values
            # tail[p]: the value of the visits ranked from p on, which all drop one rank
            tail[row, :len(values)] = np.cumsum(weighted[::-1])[::-1]
        groups = self.group[candidates]
        rows = np.where(groups >= 0, row_of[np.maximum(groups, 0)], len(members))
        rank = (ranked[rows] >= gain[:, None]).sum(axis=1)
        return gain * decay[rows] ** rank - (1.0 - decay[rows]) * tail[rows, rank]
