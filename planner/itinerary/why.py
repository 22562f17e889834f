"""Reason codes: why a stop is in a plan, why a place is left out, what a warning says (pure).

The planner explains itself with :class:`Reason` values, a short ``code`` and its
parameters (craft slugs, minutes, "HH:MM" clock times), so that each interface can say
them in its own language. :meth:`Reason.text` gives the English sentence the CLI prints
and the JSON keeps beside the codes. This module imports nothing of the package, so
:mod:`.value`, :mod:`.reasons` and :mod:`.plan` can all use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geodata.schema import RECOGNITION

#: Titles of the craft standings, as stop reasons (English).
TITLES: dict[str, str] = {
    "world_craft_city": "World Craft City",
    "world_craft_city_candidate": "candidate World Craft City",
    "traditional_craft_village": "recognised traditional craft village",
    "craft_village": "recognised craft village",
}

#: Why a stop is in the plan: code -> English template over the parameters.
STOP_TEMPLATES: dict[str, str] = {
    "match": "matches {craft}",
    "craft": "craft village: {craft}",
    "museum": "about {craft}",
    "side": "also {craft}",
    "must": "must-see",
    "on_the_way": "on the way",
    "filler": "fills free time",
    "highlight": "city highlight",
    "title": "{title}",
    "shortened": "shortened visit ({length:.0f} of {typical:.0f} min)",
    "market": "market day",
    "festival": "festival day",
    "session": "session at {time}",
    "event_hours": "held {time}",
}

#: What keeps a place out of the plan (the ``detail`` of a left-out place), and the
#: planner's warnings: code -> English template.
DETAIL_TEMPLATES: dict[str, str] = {
    "closed": "closed, or open less than the {visit:.0f} min visit, on every day of the trip",
    "closed_by": "closed: {events}",
    "excluded": "excluded by you",
    "no_time": "no time left beside stops worth more to this trip",
    "no_time_must": "fits a day on its own, but not together with the other must-visit places and day limits",
    "lunch": ("{there:.0f} min there, the {visit:.0f} min visit and {back:.0f} min back fit the day, but not with "
              "the {lunch:.0f} min lunch break starting between {earliest} and {latest}"),
    "lunch_on_site": ("{there:.0f} min there, the {visit:.0f} min visit and {back:.0f} min back fit the day, but not "
                      "with the {lunch:.0f} min lunch break starting between {earliest} and {latest} (only visits of "
                      "{on_site:.0f} min or more host lunch on site)"),
    "too_far": ("{there:.0f} min there, the {visit:.0f} min visit and {back:.0f} min back take {total:.0f} min, "
                "more than the {length:.0f} min day ({opens}-{closes})"),
    "no_fit": "{there:.0f} min there, the {visit:.0f} min visit and {back:.0f} min back do not fit the day "
              "({opens}-{closes})",
    "arrives_late": ("arrives {arrive} at the earliest, after the last start of the {visit:.0f} min visit "
                     "({last_start}) before closing at {closing}"),
    "starts_late": ("the {visit:.0f} min visit can start at {start} at the earliest (opening hours), too late to "
                    "finish and be back ({back:.0f} min) by {day_end}"),
    "hours_and_lunch_late": ("its opening hours and the lunch break together leave no room: arrives {arrive} at the "
                             "earliest, after the last start of the {visit:.0f} min visit ({last_start}) before "
                             "closing at {closing}"),
    "hours_and_lunch_start": ("its opening hours and the lunch break together leave no room: the {visit:.0f} min "
                              "visit can start at {start} at the earliest (opening hours), too late to finish and be "
                              "back ({back:.0f} min) by {day_end}"),
    "lunch_not_in_day": ("lunch on day {day} ({date}) could not be placed: a {lunch:.0f} min lunch starting "
                         "{window} does not fit the day {hours}; set lunch_start/lunch_end within the day"),
    "lunch_no_room": ("lunch on day {day} ({date}) could not be placed: no room for a {lunch:.0f} min break "
                      "starting {window} in the day {hours}"),
}

#: The parameter of a multi-day detail naming the day that came closest.
DAY = "day"


@dataclass(frozen=True)
class Reason:
    """One reason: a ``code`` of :data:`STOP_TEMPLATES` or :data:`DETAIL_TEMPLATES` and its parameters.

    ``params`` holds ``(name, value)`` pairs: craft slugs (``craft``), recognition
    levels (``title``), minutes as numbers, clock times as "HH:MM", ISO dates, and
    ``day`` (counted from 1) when a left-out place came closest on one day of several.
    """

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, **params: Any) -> Reason:
        """Return the reason ``code`` with ``params``."""
        if code not in STOP_TEMPLATES and code not in DETAIL_TEMPLATES:
            msg = f"`code` must be one of {', '.join([*STOP_TEMPLATES, *DETAIL_TEMPLATES])}, got {code!r}"
            raise ValueError(msg)
        return cls(code, tuple(params.items()))

    @property
    def values(self) -> dict[str, Any]:
        """Return the parameters as a dict."""
        return dict(self.params)

    def with_params(self, **params: Any) -> Reason:
        """Return this reason with ``params`` added."""
        return Reason(self.code, (*self.params, *params.items()))

    def text(self) -> str:
        """Return the reason in English (the text the CLI prints and the JSON keeps)."""
        values = self.values
        if self.code == "title":
            level = str(values.get("title"))
            return TITLES.get(level) or RECOGNITION.get(level, level)
        template = STOP_TEMPLATES.get(self.code) or DETAIL_TEMPLATES[self.code]
        text = template.format_map(values)
        if DAY in values and self.code in DETAIL_TEMPLATES and "{day}" not in template:
            text += f" (day {values[DAY]})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"code": ..., **params}``, the JSON form (numbers rounded to whole minutes)."""
        return {"code": self.code, **{key: _json_value(value) for key, value in self.params}}


def reason_from_dict(data: Mapping[str, Any]) -> Reason:
    """Return the :class:`Reason` of its JSON form (``to_dict``)."""
    return Reason(str(data["code"]), tuple((key, value) for key, value in data.items() if key != "code"))


def _json_value(value: Any) -> Any:
    if isinstance(value, float):
        return round(value)
    return value
