"""The solver's view of a solution's value and of the gain of one more visit.

Additive problems sum their scores. With groups, each group's visits are ranked by
score and the ``j``-th counts ``decay ** j`` times its score (see
:mod:`planner.optimiser.problem`); the marginal gain of a candidate is then computed
for all candidates of a group at once.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .problem import Problem


class Valuer:
    """Value of a set of visited vertices and marginal gains of candidates."""

    def __init__(self, problem: Problem) -> None:
        self.score = problem.score.astype(np.float64)
        grouped = problem.group is not None and bool(np.any(problem.group >= 0))
        self.group = problem.group if grouped else None
        self.decay = np.array(problem.group_decay, dtype=np.float64)

    def total(self, visited: Iterable[int]) -> float:
        """Return the value of visiting ``visited``."""
        if self.group is None:
            return float(sum(self.score[v] for v in visited))
        ranked: dict[int, list[float]] = {}
        total = 0.0
        for v in visited:
            g = int(self.group[v])
            if g < 0:
                total += float(self.score[v])
            else:
                ranked.setdefault(g, []).append(float(self.score[v]))
        for g, values in ranked.items():
            factors = self.decay[g] ** np.arange(len(values))
            total += float(np.sort(values)[::-1] @ factors)
        return total

    def gains(self, visited: Iterable[int], candidates: np.ndarray) -> np.ndarray:
        """Return the value each candidate adds to ``visited`` (its score when additive)."""
        gain = self.score[candidates]
        if self.group is None:
            return gain
        gain = gain.copy()
        members: dict[int, list[float]] = {}
        for v in visited:
            if self.group[v] >= 0:
                members.setdefault(int(self.group[v]), []).append(float(self.score[v]))
        cand_groups = self.group[candidates]
        for g, values in members.items():
            rows = np.nonzero(cand_groups == g)[0]
            if len(rows) == 0:
                continue
            decay = self.decay[g]
            ranked = np.sort(np.array(values))[::-1]
            weights = decay ** np.arange(len(ranked))
            # tail[p]: the value of the members ranked from p on, which all drop one rank
            tail = np.concatenate([np.cumsum((ranked * weights)[::-1])[::-1], [0.0]])
            x = gain[rows]
            rank = (ranked[None, :] >= x[:, None]).sum(axis=1)
            gain[rows] = x * decay ** rank - (1.0 - decay) * tail[rank]
        return gain
