"""Why a stop is in a plan, in the interface language: the planner's English reasons as translation keys.

The planner writes each stop's reasons in English from a few templates
(:mod:`planner.itinerary.value`); this module matches each text back to its template
and returns a translation key with its values, so the timeline shows them in Vietnamese
too. A text that matches no template is shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from geodata.schema import RECOGNITION
from planner.itinerary import events, value

#: Each reason template of the planner and its translation key.
TEMPLATES: dict[str, str] = {
    value.WHY_MATCH: "why.match",
    value.WHY_CRAFT: "why.craft",
    value.WHY_MUSEUM: "why.museum",
    value.WHY_SIDE: "why.side",
    value.WHY_MUST: "why.must",
    value.WHY_ON_THE_WAY: "why.on_the_way",
    value.WHY_FILLER: "why.filler",
    value.WHY_HIGHLIGHT: "why.highlight",
    value.WHY_SHORTENED: "why.shortened",
    events.WHY_MARKET: "why.market",
    events.WHY_FESTIVAL: "why.festival",
    events.WHY_SESSION: "why.session",
    events.WHY_EVENT_HOURS: "why.event_hours",
}
_FIELD = re.compile(r"\\\{(\w+)(?::[^}]*)?\\\}")


@dataclass(frozen=True)
class Why:
    """One reason: a translation key (or the planner's ``text`` when none) and its values.

    ``craft`` is a craft of the vocabulary ("ceramics"), ``recognition`` a level of
    ``geodata.schema.RECOGNITION``; ``length`` and ``typical`` the chosen and typical
    visit minutes of a shortened visit; ``time`` the start of a session.
    """

    key: str
    craft: str = ""
    recognition: str = ""
    length: str = ""
    typical: str = ""
    time: str = ""
    text: str = ""


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile("^" + _FIELD.sub(lambda m: f"(?P<{m[1]}>[^,]+?)", re.escape(template)) + "$")


_PATTERNS = [(_pattern(template), key) for template, key in TEMPLATES.items()]
_TITLES = {text: level for level, text in (*RECOGNITION.items(), *value.TITLES.items())}


def why_items(texts: Iterable[str]) -> list[Why]:
    """Return the reasons ``texts`` (a stop's ``why`` list) as translation keys with their values."""
    items = []
    for text in texts:
        if text in _TITLES:
            items.append(Why(key="why.title", recognition=_TITLES[text]))
            continue
        for pattern, key in _PATTERNS:
            found = pattern.match(text)
            if found:
                fields = found.groupdict()
                craft = fields.get("craft", "")
                items.append(Why(key=key, craft=craft, length=fields.get("length", ""),
                                 typical=fields.get("typical", ""), time=fields.get("time", "")))
                break
        else:
            items.append(Why(key="", text=text))
    return items
