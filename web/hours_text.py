"""Opening hours as people read them ("Mon–Sun 07:30–17:30" / "T2–CN 07:30–17:30"): pure."""

from __future__ import annotations

from geodata.errors import CraftRouteError
from geodata.hours import parse_opening_hours
from planner.clock import minutes_to_clock

#: Short weekday names, Monday first, per interface language.
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "vi": ("T2", "T3", "T4", "T5", "T6", "T7", "CN"),
}
#: Words for "open all day, every day" and "closed" per language.
ALWAYS_OPEN: dict[str, str] = {"en": "Open 24 hours, every day", "vi": "Mở cửa 24/24, mọi ngày"}
CLOSED: dict[str, str] = {"en": "closed", "vi": "nghỉ"}
DASH = "\u2013"
MINUTES_PER_DAY = 24 * 60


def _times(intervals: tuple[tuple[int, int], ...], language: str) -> str:
    if not intervals:
        return CLOSED.get(language, CLOSED["en"])
    return ", ".join(f"{minutes_to_clock(start)}{DASH}{minutes_to_clock(end)}" for start, end in intervals)


def format_opening_hours(text: str, language: str = "en") -> str:
    """Return opening hours in OSM syntax as readable text in ``language``.

    Consecutive weekdays with the same hours are grouped ("Tue–Sun 08:00–17:00;
    Mon closed"). Text the parser does not understand is returned unchanged.

    Parameters
    ----------
    text
        Opening hours such as ``"Mo-Su 07:30-17:30"`` or ``"24/7"``.
    language
        ``"en"`` or ``"vi"`` (others fall back to English).
    """
    try:
        week = parse_opening_hours(text)
    except CraftRouteError:
        return text
    names = WEEKDAYS.get(language, WEEKDAYS["en"])
    if all(day == ((0, MINUTES_PER_DAY),) for day in week):
        return ALWAYS_OPEN.get(language, ALWAYS_OPEN["en"])
    groups: list[tuple[int, int]] = []
    for index, day in enumerate(week):
        if groups and week[groups[-1][1]] == day:
            groups[-1] = (groups[-1][0], index)
        else:
            groups.append((index, index))
    parts = []
    for first, last in groups:
        days = names[first] if first == last else f"{names[first]}{DASH}{names[last]}"
        parts.append(f"{days} {_times(week[first], language)}")
    return "; ".join(parts)
