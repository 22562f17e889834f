"""Parse published orienteering-with-time-windows instances (Righini-Salani/Montemanni format).

Format (see ``../shared/bench/toptw/SOURCES.md``): a header line ``k v N t``, a line
``D Q``, then per vertex ``i x y d S f a list... O C`` (service ``d``, score ``S``,
start-of-visit window ``[O, C]``). Vertex 0 starts and ends every tour; its closing
time is the tour budget. Travel time is the Euclidean distance rounded *down* to one
decimal for Solomon instances (two for Cordeau's ``pr`` instances).
"""

from __future__ import annotations

import numpy as np

from .problem import Problem, Tour, uniform_windows


def travel_decimals(instance_name: str) -> int:
    """Return the decimals travel times are truncated to: 2 for Cordeau ``pr`` instances, else 1."""
    return 2 if instance_name.lower().startswith("pr") else 1


def parse_toptw_instance(text: str, *, n_tours: int, decimals: int = 1) -> Problem:
    """Return the :class:`Problem` of an instance file's text, with ``n_tours`` tours.

    Parameters
    ----------
    text
        The whole instance file.
    n_tours
        Number of tours ``m`` (it is not in the file).
    decimals
        Travel times are Euclidean distances truncated to this many decimals.
    """
    lines = [line.split() for line in text.splitlines() if line.strip()]
    rows = lines[2:]
    xy, service, score, opens, closes = [], [], [], [], []
    for row in rows:
        n_list = int(row[6])
        xy.append((float(row[1]), float(row[2])))
        service.append(float(row[3]))
        score.append(float(row[4]))
        opens.append(float(row[7 + n_list]))
        closes.append(float(row[8 + n_list]))
    coords = np.array(xy)
    distance = np.sqrt(((coords[:, None, :] - coords[None, :, :]) ** 2).sum(axis=2))
    scale = 10.0**decimals
    # truncate, but keep distances such as 2.9999999 (meant as 3.0) from losing a unit
    travel = np.floor(distance * scale + 1e-9) / scale
    tour = Tour(start=0, end=0, open=opens[0], close=closes[0])
    return Problem(
        travel=travel,
        score=np.array(score),
        service=np.array(service),
        windows=uniform_windows(opens, closes, n_tours),
        tours=tuple(tour for _ in range(n_tours)),
    )
