"""A trip request: parse and validate the fields shared by ``craftroute plan`` and the web API.

Every field is checked here, once, and a bad value raises
:class:`geodata.errors.CraftRouteError` naming the field and the allowed values, so
the CLI (exit 2) and the API (HTTP 400) report the same message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geodata.crafts import resolve_craft
from geodata.errors import CraftRouteError, NotFoundError, quoted
from geodata.location import Location

from .. import settings
from ..clock import clock_minutes, minutes_to_clock

if TYPE_CHECKING:
    import geopandas as gpd

#: The accepted paces, slowest first.
PACES: tuple[str, ...] = tuple(settings.PACES)

#: Accepted field names; the values are other names accepted for the same field.
FIELDS: dict[str, tuple[str, ...]] = {
    "start": (),
    "end": (),
    "days": (),
    "date": (),
    "mode": (),
    "interests": (),
    "must": ("must_see", "must_visit"),
    "candidates": (),
    "day_start": (),
    "day_end": (),
    "lunch_start": (),
    "lunch_end": (),
    "lunch_min": (),
    "pace": (),
    "max_stops": ("max_stops_per_day",),
}


@dataclass(frozen=True)
class PlanRequest:
    """A validated trip request.

    Attributes
    ----------
    starts, ends
        Start and end place of each day (a hotel, a bundled place or a typed point).
    days
        Number of days (1 to ``settings.MAX_DAYS``).
    date
        Date of the first day.
    mode
        Travel mode (``settings.MODES``).
    interests
        Crafts the traveller likes (keys of ``geodata.schema.CRAFTS``, resolved from what was
        typed by :func:`geodata.crafts.resolve_craft`); empty = a trip led by the flagship villages.
    must
        Ids of places to include whenever some plan can.
    candidates
        Ids of the places to choose from; empty = every bundled place.
    day_start_min, day_end_min
        Daily window in minutes after midnight.
    lunch_start_min, lunch_end_min, lunch_min
        Lunch must start within the window and lasts ``lunch_min`` (0: no lunch break).
    pace
        ``relaxed``, ``normal`` or ``packed``: scales visit times and stops per day.
    max_stops
        Most stops a day (default from the pace).
    """

    starts: tuple[Location, ...]
    ends: tuple[Location, ...]
    days: int
    date: dt.date
    mode: str
    interests: tuple[str, ...]
    must: tuple[str, ...]
    candidates: tuple[str, ...]
    day_start_min: int
    day_end_min: int
    lunch_start_min: int
    lunch_end_min: int
    lunch_min: int
    pace: str
    max_stops: int

    @property
    def visit_factor(self) -> float:
        """Return the factor the pace puts on each place's visit minutes."""
        return settings.PACES[self.pace][0]

    @property
    def dates(self) -> list[dt.date]:
        """Return the date of each day."""
        return [self.date + dt.timedelta(days=offset) for offset in range(self.days)]


def parse_plan_request(fields: Mapping[str, Any], *, places: gpd.GeoDataFrame | None = None) -> PlanRequest:
    """Return the validated :class:`PlanRequest` of a mapping of fields (CLI options or JSON).

    Parameters
    ----------
    fields
        ``start`` (required), ``end``, ``days``, ``date`` (``YYYY-MM-DD``), ``mode``,
        ``interests``, ``must`` (alias ``must_see``), ``candidates``, ``day_start``,
        ``day_end``, ``lunch_start``, ``lunch_end`` (``HH:MM``), ``lunch_min``, ``pace``,
        ``max_stops`` (alias ``max_stops_per_day``). Lists may be JSON lists or
        comma-separated text; numbers may be text. ``start``/``end`` may also be a
        list with one place per day.
    places
        The places ids are checked against; ``None`` loads the bundled ones.

    Raises
    ------
    CraftRouteError
        Naming the first bad field and what it allows (NotFoundError for unknown places).
    """
    values = _canonical(fields)
    # Fields that need no place data first, so that a typo is reported before the
    # places (and GeoPandas) are loaded.
    days = _integer(values.get("days", 1), "days", 1, settings.MAX_DAYS)
    pace = _choice(values.get("pace", settings.DEFAULT_PACE), "pace", PACES)
    mode = _choice(values.get("mode", settings.DEFAULT_MODE), "mode", settings.MODES)
    if "start" not in values or values["start"] in ("", None, []):
        raise CraftRouteError("start", "is required: a place id or name, or 'lat,lon' (e.g. your hotel)")
    interests = _interests(values.get("interests", ()))
    date = _date(values.get("date"), days)
    day_start = clock_minutes(values.get("day_start", settings.DAY_START), field="day_start")
    day_end = clock_minutes(values.get("day_end", settings.DAY_END), field="day_end")
    if day_end <= day_start:
        msg = f"must be after day_start ({minutes_to_clock(day_start)}), got {minutes_to_clock(day_end)}"
        raise CraftRouteError("day_end", msg)
    lunch_start = clock_minutes(values.get("lunch_start", settings.LUNCH_START), field="lunch_start")
    lunch_end = clock_minutes(values.get("lunch_end", settings.LUNCH_END), field="lunch_end")
    if lunch_end < lunch_start:
        msg = f"must not be before lunch_start ({minutes_to_clock(lunch_start)}), got {minutes_to_clock(lunch_end)}"
        raise CraftRouteError("lunch_end", msg)
    lunch_min = _integer(values.get("lunch_min", settings.LUNCH_MIN), "lunch_min", 0, 180)
    max_stops = _integer(values.get("max_stops", settings.PACES[pace][1]), "max_stops", 1, 20)
    if places is None:
        from geodata.loader import load_places

        places = load_places()
    starts = _places_per_day(values["start"], "start", days, places)
    ends = _places_per_day(values["end"], "end", days, places) if values.get("end") else starts
    return PlanRequest(
        starts=starts,
        ends=ends,
        days=days,
        date=date,
        mode=mode,
        interests=interests,
        must=_place_ids(values.get("must", ()), "must", places),
        candidates=_place_ids(values.get("candidates", ()), "candidates", places),
        day_start_min=day_start,
        day_end_min=day_end,
        lunch_start_min=lunch_start,
        lunch_end_min=lunch_end,
        lunch_min=lunch_min,
        pace=pace,
        max_stops=max_stops,
    )


def _canonical(fields: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(fields, Mapping):
        raise CraftRouteError("request", f"must be an object of plan fields, got {type(fields).__name__}")
    aliases = {alias: name for name, others in FIELDS.items() for alias in (name, *others)}
    values: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in aliases:
            raise CraftRouteError(str(key), f"is not a plan field; fields are {', '.join(FIELDS)}")
        if isinstance(value, str) and not value.strip() and aliases[key] != "start":
            msg = "must not be empty; leave it out for the default" if aliases[key] != "end" else (
                "must not be empty; leave it out to end each day at the start")
            raise CraftRouteError(aliases[key], msg)
        if value not in (None, ""):
            values[aliases[key]] = value
    return values


def _integer(value: Any, field: str, low: int, high: int) -> int:
    try:
        number = int(value)
        if isinstance(value, float) and number != value or isinstance(value, bool):
            raise ValueError
    except (TypeError, ValueError):
        raise CraftRouteError(field, f"must be a whole number from {low} to {high}, got {quoted(value)}") from None
    if not low <= number <= high:
        raise CraftRouteError(field, f"must be between {low} and {high}, got {number}")
    return number


def _choice(value: Any, field: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise CraftRouteError(field, f"must be one of {', '.join(allowed)}, got {quoted(value)}")
    return str(value)


def _date(value: Any, days: int) -> dt.date:
    """Return the first day; the whole trip must lie within ``settings.MIN_DATE..MAX_DATE``."""
    low, high = dt.date.fromisoformat(settings.MIN_DATE), dt.date.fromisoformat(settings.MAX_DATE)
    if value is None:
        date = dt.date.today()
    elif isinstance(value, dt.date):
        date = value
    else:
        try:
            date = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise CraftRouteError("date", f"must be a date YYYY-MM-DD, got {quoted(value)}") from None
    last = high - dt.timedelta(days=days - 1)
    if not low <= date <= last:
        msg = f"must be between {low.isoformat()} and {last.isoformat()}"
        msg += f" (the {days} days must end by {high.isoformat()})" if days > 1 else ""
        raise CraftRouteError("date", f"{msg}, got {date.isoformat()}")
    return date


def _text_list(value: Any, field: str) -> list[str]:
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        items = list(value)
    else:
        raise CraftRouteError(field, f"must be a list of text or comma-separated text, got {quoted(value)}")
    if any(not item.strip() for item in items):
        raise CraftRouteError(field, f"must not hold an empty item (as in 'a,,b' or ''), got {quoted(value)}")
    return [item.strip() for item in items]


def _interests(value: Any) -> tuple[str, ...]:
    """Return the crafts named by the interests (craft keys, their labels or synonyms, any spelling)."""
    return tuple(dict.fromkeys(resolve_craft(word) for word in _text_list(value, "interests")))


def _place_ids(value: Any, field: str, places: gpd.GeoDataFrame) -> tuple[str, ...]:
    ids = _text_list(value, field)
    for place_id in ids:
        if place_id not in places.index:
            raise NotFoundError(field, f"no place with id {quoted(place_id)}; list ids with `craftroute villages`")
    return tuple(dict.fromkeys(ids))


def _places_per_day(value: Any, field: str, days: int, places: gpd.GeoDataFrame) -> tuple[Location, ...]:
    from geodata.query import resolve_location

    texts = [value] if isinstance(value, str) else _text_list(value, field)
    if len(texts) not in (1, days):
        raise CraftRouteError(field, f"must name one place, or one per day ({days}), got {len(texts)}")
    found = [resolve_location(text, places, field=field) for text in texts]
    return tuple(found * days) if len(found) == 1 else tuple(found)
