"""Event rules of the bundled places (``geodata/data/events.json``): read and validated.

An event rule says when something happens at a place: an annual lunar date and length
(a village festival, the Tết closure), lunar days of every month (a market), or weekdays
and start times (a show). Every rule names its source; the loader rejects one without.
:mod:`.occurrences` turns rules into dated occurrences.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import schema, settings
from ..errors import CraftRouteError, DataValidationError
from ..files import file_stamp

#: What an event can be.
KINDS: tuple[str, ...] = ("festival", "market", "closure", "session")
WEEKDAYS: tuple[str, ...] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_ID = re.compile(schema.ID_PATTERN)
_FIELDS = frozenset({
    "id", "place_ids", "applies_to", "kind", "name", "name_vi", "lunar_month", "lunar_day", "days",
    "days_before", "lunar_days", "weekdays", "times", "duration_min", "capacity", "start", "end", "source", "note",
})


@dataclass(frozen=True)
class EventRule:
    """When an event happens, where, and who says so.

    Attributes
    ----------
    id, kind, name, name_vi
        Identifier, one of :data:`KINDS`, English (ASCII) and Vietnamese names.
    place_ids
        The places it happens at; empty when ``applies_to`` names a kind of place.
    applies_to
        ``"village"`` or ``"destination"``: every place of that kind; ``None``: only ``place_ids``.
    lunar_month, lunar_day, days, days_before
        An annual rule: from ``days_before`` days before the lunar date, for
        ``days_before + days`` days.
    lunar_days
        A monthly rule: these lunar days of every month (leap months included).
    weekdays, times, duration_min, capacity
        A weekly rule: on these weekdays (0 = Monday), one session at each start time.
    start, end
        Published clock times (``HH:MM``) of an annual or monthly event; ``None`` if unknown.
    source, note
        The page the rule comes from, and what it says.
    """

    id: str
    kind: str
    name: str
    name_vi: str
    source: str
    place_ids: tuple[str, ...] = ()
    applies_to: str | None = None
    lunar_month: int | None = None
    lunar_day: int | None = None
    days: int = 1
    days_before: int = 0
    lunar_days: tuple[int, ...] = ()
    weekdays: tuple[int, ...] = ()
    times: tuple[str, ...] = ()
    duration_min: int | None = None
    capacity: int | None = None
    start: str | None = None
    end: str | None = None
    note: str = ""


def load_events(path: str | Path | None = None) -> tuple[EventRule, ...]:
    """Return the validated event rules of ``path`` (``None``: the bundled ``events.json``).

    Raises
    ------
    DataValidationError
        At the first bad rule, naming it and the field.
    CraftRouteError
        If the file cannot be read (field ``path``).
    """
    resolved, stamp = file_stamp(path if path is not None else settings.events_path, what="events")
    return _load_cached(resolved, stamp)


@functools.lru_cache(maxsize=4)
def _load_cached(path: Path, stamp: int) -> tuple[EventRule, ...]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CraftRouteError("path", f"{path.name} is not valid UTF-8 JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise DataValidationError("(file)", "events", "must be an object with a list of events")
    return validate_events(document["events"])


def validate_events(raw_events: Iterable[Any], *, place_ids: Iterable[str] | None = None) -> tuple[EventRule, ...]:
    """Return the rules of ``raw_events`` (mappings), checked; ``place_ids`` also checks the places named.

    Raises
    ------
    DataValidationError
        At the first bad rule, naming the rule (its id, else its position) and field.
    """
    known = set(place_ids) if place_ids is not None else None
    rules: list[EventRule] = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_events):
        rule = _rule(raw, position)
        if rule.id in seen:
            raise DataValidationError(rule.id, "id", "duplicate id; every id must be unique")
        if known is not None:
            missing = [place_id for place_id in rule.place_ids if place_id not in known]
            if missing:
                raise DataValidationError(rule.id, "place_ids", f"no place with id {missing[0]!r}")
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules)


def _rule(raw: Any, position: int) -> EventRule:
    if not isinstance(raw, Mapping):
        raise DataValidationError(f"#{position + 1}", "event", "must be an object")
    label = str(raw.get("id") or f"#{position + 1}")
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise DataValidationError(label, unknown[0], f"is not an event field; fields are {', '.join(sorted(_FIELDS))}")
    text = {name: _text(raw, name, label) for name in ("id", "kind", "name", "name_vi", "source")}
    if not _ID.match(text["id"]):
        raise DataValidationError(label, "id", f"must be a slug of a-z, 0-9 and single hyphens, got {text['id']!r}")
    if text["kind"] not in KINDS:
        raise DataValidationError(label, "kind", f"unknown value {text['kind']!r}; allowed: {', '.join(KINDS)}")
    if not text["name"].isascii():
        raise DataValidationError(label, "name", "must be ASCII (Vietnamese goes in name_vi)")
    if not text["source"].startswith(("http://", "https://")):
        raise DataValidationError(label, "source", f"must be the URL of the page it comes from, got {text['source']!r}")
    place_ids = tuple(_list(raw, "place_ids", label, str))
    applies_to = raw.get("applies_to")
    if applies_to is not None and applies_to not in schema.KINDS:
        raise DataValidationError(label, "applies_to", f"must be one of {', '.join(schema.KINDS)}, got {applies_to!r}")
    if bool(place_ids) == (applies_to is not None):
        raise DataValidationError(label, "place_ids", "give either place_ids or applies_to (a kind of place)")
    rule = EventRule(
        id=text["id"], kind=text["kind"], name=text["name"], name_vi=text["name_vi"], source=text["source"],
        place_ids=place_ids, applies_to=applies_to,
        lunar_month=_int(raw, "lunar_month", label, 1, 12), lunar_day=_int(raw, "lunar_day", label, 1, 30),
        days=_int(raw, "days", label, 1, 30) or 1, days_before=_int(raw, "days_before", label, 0, 30) or 0,
        lunar_days=tuple(_checked_ints(_list(raw, "lunar_days", label, int), "lunar_days", label, 1, 30)),
        weekdays=tuple(_weekdays(_list(raw, "weekdays", label, str), label)),
        times=tuple(_clock(value, "times", label) for value in _list(raw, "times", label, str)),
        duration_min=_int(raw, "duration_min", label, 1, 24 * 60), capacity=_int(raw, "capacity", label, 1, 100000),
        start=_clock(raw["start"], "start", label) if raw.get("start") is not None else None,
        end=_clock(raw["end"], "end", label) if raw.get("end") is not None else None,
        note=str(raw.get("note") or ""),
    )
    _check_one_rule(rule, label)
    return rule


def _check_one_rule(rule: EventRule, label: str) -> None:
    annual = rule.lunar_month is not None or rule.lunar_day is not None
    if annual and (rule.lunar_month is None or rule.lunar_day is None):
        raise DataValidationError(label, "lunar_month", "an annual rule needs both lunar_month and lunar_day")
    given = [annual, bool(rule.lunar_days), bool(rule.weekdays)]
    if sum(given) != 1:
        msg = "give exactly one rule: lunar_month+lunar_day, lunar_days, or weekdays+times"
        raise DataValidationError(label, "lunar_month", msg)
    if bool(rule.weekdays) != bool(rule.times):
        raise DataValidationError(label, "times", "weekdays and times go together (sessions)")


def _text(raw: Mapping[str, Any], name: str, label: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise DataValidationError(label, name, "missing required field")
    return value.strip()


def _list(raw: Mapping[str, Any], name: str, label: str, kind: type) -> list[Any]:
    value = raw.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, kind) and not isinstance(item, bool)
                                              for item in value):
        raise DataValidationError(label, name, f"must be a list of {kind.__name__}, got {value!r}")
    return value


def _int(raw: Mapping[str, Any], name: str, label: str, low: int, high: int) -> int | None:
    value = raw.get(name)
    if value is None:
        return None
    return _checked_ints([value], name, label, low, high)[0]


def _checked_ints(values: list[Any], name: str, label: str, low: int, high: int) -> list[int]:
    for value in values:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise DataValidationError(label, name, f"must be a whole number from {low} to {high}, got {value!r}")
    return [int(value) for value in values]


def _weekdays(values: list[str], label: str) -> list[int]:
    for value in values:
        if value not in WEEKDAYS:
            raise DataValidationError(label, "weekdays", f"unknown day {value!r}; allowed: {', '.join(WEEKDAYS)}")
    return sorted({WEEKDAYS.index(value) for value in values})


def _clock(value: Any, name: str, label: str) -> str:
    if not isinstance(value, str) or not _CLOCK.match(value):
        raise DataValidationError(label, name, f"must be a clock time HH:MM, got {value!r}")
    return value
