"""A trip request: parse and validate the fields shared by ``craftroute plan`` and the web API.

Every field is checked here, once, and a bad value raises
:class:`geodata.errors.CraftRouteError` naming the field and the allowed values, so
the CLI (exit 2) and the API (HTTP 400) report the same message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geodata.crafts import resolve_craft
from geodata.errors import CraftRouteError, NotFoundError, quoted
from geodata.location import Location

from .. import settings
from ..clock import clock_minutes, local_now, minutes_to_clock, round_up_minutes

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
    "register_villages": (),
    "flexible_dates": (),
    "exclude": (),
    "keep": (),
    "only": (),
}

#: Most stops a day a request may ask for (``max_stops``); also the highest ``keep`` order.
MOST_STOPS = 20

#: Texts accepted as yes and no for a yes/no field (``only``, ``register_villages``) given as text.
TRUE_TEXTS: tuple[str, ...] = ("true", "1", "yes", "on")
FALSE_TEXTS: tuple[str, ...] = ("false", "0", "no", "off")


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
    first_day_start_min
        With no ``date`` and no ``day_start`` given, for a plan of today (in Hanoi):
        now, rounded up (:data:`planner.settings.START_NOW_STEP_MIN`), if later than
        ``day_start_min``; else ``None``.
    lunch_start_min, lunch_end_min, lunch_min
        Lunch must start within the window and lasts ``lunch_min`` (0: no lunch break).
    pace
        ``relaxed``, ``normal`` or ``packed``: scales visit times and stops per day.
    max_stops
        Most stops a day (default from the pace).
    register_villages
        Also offer the register's tourism-ready villages that are not tourist places
        (:mod:`.register_stops`); default ``settings.REGISTER_VILLAGES``.
    flexible_dates
        First and last start date to compare (``--flexible-dates FROM..TO``); ``None``:
        start on ``date``.
    exclude
        Ids of places the traveller removed: never visited.
    keep
        ``(id, day)`` pairs, day counted from 1: that place on that day.
    keep_order
        ``(id, order)`` pairs for kept places with an ``order`` (from 1): on their day,
        those places are visited in ascending order (others may come between them).
    only
        Visit no place beyond the must-visit and kept ones.
    places
        The places the ids were checked against, the register's villages included when
        ``register_villages`` (they are added here, once: :func:`.plan.plan_places`
        returns these); ``None`` for a request built by hand.
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
    register_villages: bool = False
    flexible_dates: tuple[dt.date, dt.date] | None = None
    exclude: tuple[str, ...] = ()
    keep: tuple[tuple[str, int], ...] = ()
    keep_order: tuple[tuple[str, int], ...] = ()
    only: bool = False
    first_day_start_min: int | None = None
    places: gpd.GeoDataFrame | None = field(default=None, compare=False, repr=False)

    def day_open_min(self, day: int) -> int:
        """Return when day ``day`` (from 0) starts: now for a plan of today, else ``day_start_min``."""
        if day == 0 and self.first_day_start_min is not None:
            return self.first_day_start_min
        return self.day_start_min

    @property
    def visit_factor(self) -> float:
        """Return the factor the pace puts on each place's visit minutes."""
        return settings.PACES[self.pace][0]

    @property
    def dates(self) -> list[dt.date]:
        """Return the date of each day."""
        return [self.date + dt.timedelta(days=offset) for offset in range(self.days)]


def parse_plan_request(fields: Mapping[str, Any], *, places: gpd.GeoDataFrame | None = None,
                       now: dt.datetime | None = None) -> PlanRequest:
    """Return the validated :class:`PlanRequest` of a mapping of fields (CLI options or JSON).

    Parameters
    ----------
    fields
        ``start`` (required), ``end``, ``days``, ``date`` (``YYYY-MM-DD``), ``mode``,
        ``interests``, ``must`` (alias ``must_see``), ``candidates``, ``day_start``,
        ``day_end``, ``lunch_start``, ``lunch_end`` (``HH:MM``), ``lunch_min``, ``pace``,
        ``max_stops`` (alias ``max_stops_per_day``), ``register_villages`` (true or
        false: also offer the register's tourism-ready villages), ``flexible_dates``
        (``FROM..TO``, the start dates to compare; then ``date`` defaults to ``FROM``),
        ``exclude`` (place ids), ``keep`` (``[{"id", "day", "order"}]`` or ``"id@day"``
        / ``"id@day#order"`` texts, day from 1; the optional order, from 1, is the place's
        position among that day's ordered kept places) and ``only`` (yes/no).
        Lists may be JSON lists or
        comma-separated text; numbers may be text. ``start``/``end`` may also be a
        list with one place per day.
    places
        The places ids are checked against; ``None`` loads the bundled ones.
    now
        The current time in Hanoi (``None``: the clock's): with no ``date`` the plan is
        for today from now (rounded up), or for tomorrow once today's window is over.

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
        raise CraftRouteError.of("start", "start_required")
    interests = _interests(values.get("interests", ()))
    flexible = _flexible_dates(values.get("flexible_dates"), days)
    now = now if now is not None else local_now(settings.TIMEZONE)
    date = _date(values.get("date", flexible[0] if flexible else None), days, today=now.date())
    day_start = clock_minutes(values.get("day_start", settings.DAY_START), field="day_start")
    day_end = clock_minutes(values.get("day_end", settings.DAY_END), field="day_end")
    if day_end <= day_start:
        raise CraftRouteError.of("day_end", "day_end_order", low=minutes_to_clock(day_start),
                                 got=minutes_to_clock(day_end))
    first_start = None
    if values.get("date") is None and flexible is None and "day_start" not in values:
        date, first_start = _start_from_now(now, day_start, day_end, days=days)
    lunch_start = clock_minutes(values.get("lunch_start", settings.LUNCH_START), field="lunch_start")
    lunch_end = clock_minutes(values.get("lunch_end", settings.LUNCH_END), field="lunch_end")
    if lunch_end < lunch_start:
        raise CraftRouteError.of("lunch_end", "lunch_end_order", low=minutes_to_clock(lunch_start),
                                 got=minutes_to_clock(lunch_end))
    lunch_min = _integer(values.get("lunch_min", settings.LUNCH_MIN), "lunch_min", 0, 180)
    max_stops = _integer(values.get("max_stops", settings.PACES[pace][1]), "max_stops", 1, MOST_STOPS)
    register_villages = _yes_no(values.get("register_villages", settings.REGISTER_VILLAGES), "register_villages")
    if places is None:
        from geodata.loader import load_places

        places = load_places()
    if register_villages:
        from .register_stops import with_register_villages

        places = with_register_villages(places)
    starts = _places_per_day(values["start"], "start", days, places)
    ends = _places_per_day(values["end"], "end", days, places) if values.get("end") else starts
    exclude = _listed_ids(values.get("exclude", ()), "exclude", places)
    keep, keep_order = _kept(values.get("keep", ()), days, max_stops, places)
    must = _place_ids(values.get("must", ()), "must", places)
    both = [place_id for place_id, _ in keep if place_id in exclude]
    if both:
        raise CraftRouteError.of("keep", "keep_excluded", got=quoted(both[0]))
    both = [place_id for place_id in must if place_id in exclude]
    if both:
        raise CraftRouteError.of("exclude", "must_excluded", got=quoted(both[0]))
    return PlanRequest(
        starts=starts,
        ends=ends,
        days=days,
        date=date,
        mode=mode,
        interests=interests,
        must=must,
        candidates=_place_ids(values.get("candidates", ()), "candidates", places),
        day_start_min=day_start,
        day_end_min=day_end,
        lunch_start_min=lunch_start,
        lunch_end_min=lunch_end,
        lunch_min=lunch_min,
        pace=pace,
        max_stops=max_stops,
        register_villages=register_villages,
        flexible_dates=flexible,
        exclude=exclude,
        keep=keep,
        keep_order=keep_order,
        only=_yes_no(values.get("only", False), "only"),
        first_day_start_min=first_start,
        places=places,
    )


def _canonical(fields: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(fields, Mapping):
        raise CraftRouteError.of("request", "request_object", got=type(fields).__name__)
    aliases = {alias: name for name, others in FIELDS.items() for alias in (name, *others)}
    values: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in aliases:
            raise CraftRouteError.of(str(key), "not_a_field", allowed=", ".join(FIELDS))
        if isinstance(value, str) and not value.strip() and aliases[key] != "start":
            raise CraftRouteError.of(aliases[key], "empty_default" if aliases[key] != "end" else "empty_end")
        if value not in (None, ""):
            values[aliases[key]] = value
    return values


def _integer(value: Any, field: str, low: int, high: int) -> int:
    try:
        number = int(value)
        if isinstance(value, float) and number != value or isinstance(value, bool):
            raise ValueError
    except (TypeError, ValueError):
        raise CraftRouteError.of(field, "whole_number_range", low=low, high=high, got=quoted(value)) from None
    if not low <= number <= high:
        raise CraftRouteError.of(field, "between", low=low, high=high, got=number)
    return number


def _choice(value: Any, field: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise CraftRouteError.of(field, "one_of", allowed=", ".join(allowed), got=quoted(value))
    return str(value)


def _start_from_now(now: dt.datetime, day_start: int, day_end: int, *, days: int) -> tuple[dt.date, int | None]:
    """Return the first day of a plan with no date chosen, and its start when that is today.

    Today starts from now rounded up (never in the past), or at ``day_start`` when that
    is later; once today's window is over the plan is for tomorrow, from ``day_start``.
    """
    soon = round_up_minutes(now.hour * 60 + now.minute + now.second / 60, settings.START_NOW_STEP_MIN)
    if soon <= day_start:
        return now.date(), None
    if soon < day_end:
        return now.date(), soon
    return _date(now.date() + dt.timedelta(days=1), days, today=now.date()), None


def _date(value: Any, days: int, *, today: dt.date) -> dt.date:
    """Return the first day; the whole trip must lie within ``settings.MIN_DATE..MAX_DATE``."""
    low, high = dt.date.fromisoformat(settings.MIN_DATE), dt.date.fromisoformat(settings.MAX_DATE)
    if value is None:
        date = today
    elif isinstance(value, dt.date):
        date = value
    else:
        try:
            date = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise CraftRouteError.of("date", "date_format", got=quoted(value)) from None
    last = high - dt.timedelta(days=days - 1)
    if not low <= date <= last:
        if days > 1:
            raise CraftRouteError.of("date", "date_range_days", low=low.isoformat(), high=last.isoformat(),
                                     days=days, end=high.isoformat(), got=date.isoformat())
        raise CraftRouteError.of("date", "between", low=low.isoformat(), high=last.isoformat(), got=date.isoformat())
    return date


def _flexible_dates(value: Any, days: int) -> tuple[dt.date, dt.date] | None:
    """Return the first and last start date of ``FROM..TO`` (or a list of two dates); ``None`` when absent."""
    if value is None:
        return None
    parts = value.split("..") if isinstance(value, str) else value
    if not isinstance(parts, (list, tuple)) or len(parts) != 2:
        raise CraftRouteError.of("flexible_dates", "flexible_format", got=quoted(value))
    try:
        first, last = (dt.date.fromisoformat(str(part).strip()) for part in parts)
    except ValueError:
        raise CraftRouteError.of("flexible_dates", "flexible_format", got=quoted(value)) from None
    for day in (first, last):
        try:
            _date(day, days, today=day)  # inside the allowed dates, with room for the whole trip
        except CraftRouteError as error:
            raise CraftRouteError("flexible_dates", error.message, code=error.code, params=error.params) from None
    starts = (last - first).days + 1
    if not 1 <= starts <= settings.FLEXIBLE_DATES_MAX_STARTS:
        raise CraftRouteError.of("flexible_dates", "flexible_span", high=settings.FLEXIBLE_DATES_MAX_STARTS, got=starts)
    return first, last


def _text_list(value: Any, field: str) -> list[str]:
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        items = list(value)
    else:
        raise CraftRouteError.of(field, "text_list", got=quoted(value))
    if any(not item.strip() for item in items):
        raise CraftRouteError.of(field, "empty_item", got=quoted(value))
    return [item.strip() for item in items]


def _interests(value: Any) -> tuple[str, ...]:
    """Return the crafts named by the interests (craft keys, their labels or synonyms, any spelling)."""
    return tuple(dict.fromkeys(resolve_craft(word) for word in _text_list(value, "interests")))


def _place_ids(value: Any, field: str, places: gpd.GeoDataFrame) -> tuple[str, ...]:
    ids = _text_list(value, field)
    for place_id in ids:
        if place_id not in places.index:
            raise NotFoundError.of(field, "unknown_place_id", got=quoted(place_id))
    return tuple(dict.fromkeys(ids))


def _listed_ids(value: Any, field: str, places: gpd.GeoDataFrame) -> tuple[str, ...]:
    """Return the place ids of ``field``; an unknown id is a bad field (400), not a missing page."""
    ids = _text_list(value, field)
    for place_id in ids:
        _check_id(place_id, field, places)
    return tuple(dict.fromkeys(ids))


def _check_id(place_id: Any, field: str, places: gpd.GeoDataFrame) -> None:
    """Raise CraftRouteError (400) naming ``field`` unless ``place_id`` is a place's id."""
    if not isinstance(place_id, str) or place_id not in places.index:
        raise CraftRouteError.of(field, "unknown_place_id", got=quoted(place_id))


def _kept(value: Any, days: int, max_stops: int, places: gpd.GeoDataFrame
          ) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    """Return the ``(id, day)`` pairs of ``keep`` and the ``(id, order)`` pairs of those with an order.

    Items are ``{"id", "day"}`` objects with an optional ``"order"``, or ``"id@day"`` /
    ``"id@day#order"`` texts (a list or comma-separated). A place kept twice keeps its
    last item. Two places with the same order on the same day are refused, naming the
    second item's ``keep[i].order``.
    """
    items = value if isinstance(value, (list, tuple)) else _text_list(value, "keep")
    pairs: dict[str, int] = {}
    orders: dict[str, tuple[int, int]] = {}  # id -> (order, index of its item)
    for index, item in enumerate(items):
        place_id, day, order = _kept_item(item)
        _check_id(place_id, "keep", places)
        pairs[place_id] = _integer(day, "keep", 1, days)
        orders.pop(place_id, None)
        if order is not None:
            orders[place_id] = (_integer(order, f"keep[{index}].order", 1, MOST_STOPS), index)
    for day in range(1, days + 1):
        on_day = [place_id for place_id, kept_day in pairs.items() if kept_day == day]
        if len(on_day) > max_stops:
            raise CraftRouteError.of("keep", "keep_too_many", count=len(on_day), day=day, high=max_stops)
        taken: dict[int, tuple[str, int]] = {}
        for place_id in on_day:
            if place_id not in orders:
                continue
            order, index = orders[place_id]
            if order in taken:
                (first, first_index), (second, index) = sorted([taken[order], (place_id, index)], key=lambda x: x[1])
                raise CraftRouteError.of(f"keep[{index}].order", "keep_order_taken", got=quoted(second), order=order,
                                         day=day, other=quoted(first))
            taken[order] = (place_id, index)
    return tuple(pairs.items()), tuple((place_id, order) for place_id, (order, _) in orders.items())


def _kept_item(item: Any) -> tuple[Any, Any, Any]:
    """Return the id, day and order (``None`` when not given) of one ``keep`` item."""
    if isinstance(item, Mapping) and set(item) <= {"id", "day", "order"} and "id" in item:
        return item["id"], item.get("day"), item.get("order")
    if isinstance(item, str) and "@" in item:
        place_id, rest = (part.strip() for part in item.rsplit("@", 1))
        day, mark, order = (part.strip() for part in rest.partition("#"))
        return place_id, day, order if mark else None
    raise CraftRouteError.of("keep", "keep_format", got=quoted(item))


def _yes_no(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_TEXTS or text in FALSE_TEXTS:
        return text in TRUE_TEXTS
    raise CraftRouteError.of(field, "yes_no", got=quoted(value))


def _places_per_day(value: Any, field: str, days: int, places: gpd.GeoDataFrame) -> tuple[Location, ...]:
    from ..geocode import resolve_start

    texts = [value] if isinstance(value, str) else _text_list(value, field)
    if len(texts) not in (1, days):
        raise CraftRouteError.of(field, "place_per_day", days=days, got=len(texts))
    found = [resolve_start(text, places, field=field) for text in texts]
    return tuple(found * days) if len(found) == 1 else tuple(found)
