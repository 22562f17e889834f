"""How well the road graph covers a set of places: snap and access distance, routed or not."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from geodata.location import Location

from .router import Router


def coverage_rows(router: Router, locations: Sequence[Location]) -> list[dict[str, Any]]:
    """Return one JSON-safe row per location: id, name, kind, snap_m, access_m, status and routed.

    ``status`` is ``"routed"`` when the place lies within ``settings.MAX_SNAP_M`` of a
    node of the mode's largest strongly connected component, ``"partly routed"`` within
    ``settings.MAX_ACCESS_M`` (an estimated access leg of ``access_m`` metres joins it to
    that node) and ``"estimated"`` beyond; ``routed`` is ``True`` unless estimated.
    ``snap_m`` and ``access_m`` are ``None`` without road data.
    """
    rows = []
    for location, snap in zip(locations, router.snap_many(locations), strict=True):
        known = math.isfinite(snap.distance_m)
        rows.append({
            "id": location.id, "name": location.name, "kind": location.kind,
            "snap_m": round(snap.distance_m, 1) if known else None,
            "access_m": round(snap.access_m, 1) if known and snap.usable else None,
            "status": snap.status, "routed": snap.usable,
        })
    return rows
