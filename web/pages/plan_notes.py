"""What the plan and print pages say beside the timeline: warnings and the places left out.

Pure functions over the plan dict (``planner.itinerary.serialise.plan_to_dict``), so that both
pages show the same notes in the interface language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.itinerary.reasons import REASONS
from web.dates import format_date
from web.names import PlaceName, localise_plan
from web.pages.why import coded_text, detail_text

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
        The place (the date in words for ``"lunch"``), its reason code and what the
        planner says about it, in the interface language (``"must"``, ``"lunch"``).
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
class LeftOutGroup:
    """The places left out for one reason (``"opening hours"``...), each with what blocks it in words."""

    reason: str
    items: list[Mapping[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class LeftOut:
    """The places a plan leaves out: must-see ones first, then the others grouped by reason.

    Each item is the plan's ``unvisited`` item with ``detail_text`` added: what keeps it
    out, in the interface language ("" when there is nothing to add to the reason).
    """

    must: list[Mapping[str, Any]] = field(default_factory=list)
    groups: list[LeftOutGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Return how many places are left out."""
        return len(self.must) + sum(len(group.items) for group in self.groups)


def plan_warnings(plan: Mapping[str, Any], *, language: str = "en") -> list[PlanWarning]:
    """Return the warnings to show above a plan: must-see places left out, lunch breaks, estimated legs, others.

    ``detail`` is worded in ``language`` from the planner's codes (English text for a
    plan saved without them, shown in English only).
    """
    warnings = [
        PlanWarning(kind="must", name=str(item.get("name", "")), reason=str(item.get("reason", "")),
                    detail=detail_text(item, language))
        for item in plan.get("unvisited", []) if item.get("must")
    ]
    estimated = sum(1 for day in plan.get("days", []) for leg in day.get("legs", []) if leg.get("estimated"))
    if estimated:
        warnings.append(PlanWarning(kind="estimated", count=estimated))
    codes = plan.get("warning_codes")
    if codes is not None:
        warnings += [PlanWarning(kind="lunch", count=int(code.get("day", 0)),
                                 name=format_date(str(code.get("date", "")), language),
                                 detail=coded_text(code, language)) for code in codes]
    for text in map(str, plan.get("warnings", [])):
        lunch = LUNCH_WARNING.match(text)
        if lunch:
            if codes is None:
                warnings.append(PlanWarning(kind="lunch", count=int(lunch[1]), name=format_date(lunch[2], language),
                                            detail=lunch[3] if language == "en" else ""))
        elif not text.startswith(MUST_WARNING_PREFIX):
            warnings.append(PlanWarning(kind="planner", text=text))
    return warnings


def left_out(plan: Mapping[str, Any], *, language: str = "en") -> LeftOut:
    """Return the places left out: must-see ones, then the rest grouped by reason (the most specific first)."""
    result = LeftOut()
    groups: dict[str, LeftOutGroup] = {}
    for item in plan.get("unvisited", []):
        shown = {**item, "detail_text": useful_detail(item, language)}
        if item.get("must"):
            result.must.append(shown)
        else:
            reason = str(item.get("reason", ""))
            groups.setdefault(reason, LeftOutGroup(reason)).items.append(shown)
    order = {reason: rank for rank, reason in enumerate(REASONS)}
    result.groups.extend(sorted(groups.values(), key=lambda group: order.get(group.reason, len(order))))
    return result


def useful_detail(item: Mapping[str, Any], language: str = "en") -> str:
    """Return what keeps a left-out place out, in ``language``, unless it only repeats the reason."""
    detail = detail_text(item, language).strip()
    reason = str(item.get("reason") or "").strip()
    code = item.get("detail_code")
    if isinstance(code, Mapping) and code.get("code") == "no_time":
        return ""
    return "" if detail.lower().startswith(reason.lower()) else detail


def plan_page_values(plan: Mapping[str, Any], *, language: str = "en",
                     names: Mapping[str, PlaceName] | None = None) -> dict[str, Any]:
    """Return the template values of the plan and print pages: plan, timeline, warnings, left_out.

    Parameters
    ----------
    plan
        The plan dict.
    language
        The interface language of reasons and dates.
    names
        Place names in that language by id (:func:`web.names.place_names`); the plan's
        names when ``None``.
    """
    from web.pages.timeline import plan_timeline

    shown = localise_plan(plan, names) if names is not None else plan
    return {"plan": shown, "timeline": plan_timeline(shown, language=language),
            "warnings": plan_warnings(shown, language=language), "left_out": left_out(shown, language=language)}
