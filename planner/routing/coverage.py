"""How well the road graph covers a set of places: snap distance and routed or not."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from geodata.location import Location

from .router import Router


def coverage_rows(router: Router, locations: Sequence[Location]) -> list[dict[str, Any]]:
    """Return one JSON-safe row per location: id, name, kind, snap_m and routed.

    ``routed`` is ``True`` when the place lies within ``settings.MAX_SNAP_M`` of a
    node of the mode's largest strongly connected component, so every leg to and from
    it follows the roads; ``snap_m`` is ``None`` without road data.
    """
    rows = []
    for location in locations:
        snap = router.snap(location)
        rows.append({
            "id": location.id, "name": location.name, "kind": location.kind,
            "snap_m": round(snap.distance_m, 1) if math.isfinite(snap.distance_m) else None,
            "routed": snap.usable,
        })
    return rows
