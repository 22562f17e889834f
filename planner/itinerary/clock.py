"""Clock times: minutes after midnight as the ``HH:MM`` text people read."""

from __future__ import annotations

import math


def minutes_to_clock(minutes: float) -> str:
    """Return minutes after midnight as ``"HH:MM"`` (rounded to the minute)."""
    total = math.floor(minutes + 0.5)
    return f"{total // 60:02d}:{total % 60:02d}"
