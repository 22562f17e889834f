"""What the plan and print pages say beside the timeline: warnings and the places left out.

Pure functions over the plan dict (``planner.itinerary.serialise.plan_to_dict``), so that both
pages show the same notes in the interface language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Reason code of places left out only because stops worth more filled the days.
NO_TIME = "no time"
#: Start of the planner's warning about a must-visit place (the web builds its own, translated).
MUST_WARNING_PREFIX = "must-visit place "
#: The planner's warning about a lunch break it could not place: day number, date, why.
LUNCH_WARNING = re.compile(r"^lunch on day (\d+) \(([^)]*)\) could not be placed: (.*)$", re.DOTALL)


@dataclass(frozen=True)
class PlanWarning:
    """One warning of a plan.

    Attributes
    ----------
    kind
        ``"must"`` (a must-see place is not in the plan), ``"lunch"`` (a day without
        its lunch break), ``"estimated"`` (legs timed from straight lines) or
        ``"planner"`` (any other planner warning, as it says it).
    name, reason, detail
        The place (the date for ``"lunch"``), its reason code and the planner's English
        explanation (``"must"``, ``"lunch"``).
    count
        Number of estimated legs (``"estimated"``), the day number (``"lunch"``).
    text
        The planner's warning (``"planner"``).
    """

    kind: str
    name: str = ""
    reason: str = ""
    detail: str = ""
    count: int = 0
    text: str = ""


@dataclass(frozen=True)
class LeftOut:
    """The places a plan leaves out: listed one by one, and those only lacking time."""

    listed: list[Mapping[str, Any]] = field(default_factory=list)
    no_time: list[Mapping[str, Any]] = field(default_factory=list)


def plan_warnings(plan: Mapping[str, Any]) -> list[PlanWarning]:
    """Return the warnings to show above a plan: must-see places left out, lunch breaks, estimated legs, others."""
    warnings = [
        PlanWarning(kind="must", name=str(item.get("name", "")), reason=str(item.get("reason", "")),
                detail=str(item.get("detail", "")))
        for item in plan.get("unvisited", []) if item.get("must")
    ]
    estimated = sum(1 for day in plan.get("days", []) for leg in day.get("legs", []) if leg.get("estimated"))
    if estimated:
        warnings.append(PlanWarning(kind="estimated", count=estimated))
    for text in map(str, plan.get("warnings", [])):
        lunch = LUNCH_WARNING.match(text)
        if lunch:
            warnings.append(PlanWarning(kind="lunch", count=int(lunch[1]), name=lunch[2], detail=lunch[3]))
        elif not text.startswith(MUST_WARNING_PREFIX):
            warnings.append(PlanWarning(kind="planner", text=text))
    return warnings


def left_out(plan: Mapping[str, Any]) -> LeftOut:
    """Return the places left out: must-see ones and those with a reason other than time, then the rest."""
    result = LeftOut()
    for item in plan.get("unvisited", []):
        if item.get("reason") == NO_TIME and not item.get("must"):
            result.no_time.append(item)
        else:
            result.listed.append(item)
    return result


def useful_detail(item: Mapping[str, Any]) -> str:
    """Return the planner's detail of a left-out place unless it only repeats the reason."""
    detail = str(item.get("detail") or "").strip()
    reason = str(item.get("reason") or "").strip()
    return "" if detail.lower().startswith(reason.lower()) else detail


def plan_page_values(plan: Mapping[str, Any]) -> dict[str, Any]:
    """Return the template values of the plan and print pages: plan, timeline, warnings, left_out."""
    from web.pages.timeline import plan_timeline

    return {"plan": plan, "timeline": plan_timeline(plan), "warnings": plan_warnings(plan), "left_out": left_out(plan)}
