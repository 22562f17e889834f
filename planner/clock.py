"""Clock times: the ``HH:MM`` text people type and read, as minutes after midnight.

A leaf of the planner: routing (departure times) and itineraries (day windows, plan
times) both read and write clock times through it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from zoneinfo import ZoneInfo

from geodata.errors import CraftRouteError, quoted

MINUTES_PER_DAY = 24 * 60
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def minutes_to_clock(minutes: float) -> str:
    """Return minutes after midnight as ``"HH:MM"`` (rounded to the minute)."""
    total = math.floor(minutes + 0.5)
    return f"{total // 60:02d}:{total % 60:02d}"


def clock_minutes(value: object, *, field: str, latest_min: int = MINUTES_PER_DAY) -> int:
    """Return the minutes after midnight of the clock time ``value`` (``"HH:MM"``).

    Raises
    ------
    CraftRouteError
        Naming ``field`` if ``value`` is not a time from 00:00 to ``latest_min``.
    """
    match = _CLOCK.match(str(value).strip())
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2))
        if minutes < 60 and hours * 60 + minutes <= latest_min:
            return hours * 60 + minutes
    raise CraftRouteError.of(field, "clock_format", high=minutes_to_clock(latest_min), got=quoted(value))


def local_now(timezone: str) -> dt.datetime:
    """Return the current time in ``timezone`` (an IANA name such as ``"Asia/Ho_Chi_Minh"``)."""
    return dt.datetime.now(ZoneInfo(timezone))


def round_up_minutes(minutes: float, step: int) -> int:
    """Return ``minutes`` rounded up to a multiple of ``step`` (12:53 -> 13:00 for 15)."""
    return int(math.ceil(minutes / step - 1e-9) * step)
