"""Editing the plan shown: remove, lock, move, reorder and add stops, "only these places", then re-plan.

The plan page's edit controls all belong to one GET form (``#plan-edit``; controls
beside each stop join it through their ``form`` attribute), which sends the shown
plan's own fields plus the edits to ``/plan/edit``. :func:`edited_fields` folds the
edits into plain plan fields (the last edit of a place wins: a removed must-see place
is no longer a must-see, a removed locked stop is no longer locked; "only these
places" keeps the shown stops; "move up/down" locks the day's stops in the new
order, ``keep=id@day#order``), and the view redirects to ``/plan`` with them, so the
plan page, its exports and shared links all read one plain query string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, redirect, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as BaseResponse

from web.params import get_list

bp = Blueprint("plan_edit", __name__)

#: Fields the edit form sets itself; every other field of the plan is carried as it was.
EDIT_FIELDS: tuple[str, ...] = ("exclude", "keep", "only", "must_see", "shown", "reorder")
#: The edit form's list of the stops shown ("only these places" keeps them), not a plan field.
SHOWN = "shown"
#: The "move up/down" buttons' field: ``day:id,id,...``, a day's stops in their new order.
REORDER = "reorder"


def _is_yes(values: list[str]) -> bool:
    return any(value.strip().lower() in ("true", "1", "yes", "on") for value in values)


def edited_fields(args: MultiDict[str, str]) -> MultiDict[str, str]:
    """Return the plan fields of a submitted edit form: the carried fields and the folded edits."""
    exclude = list(dict.fromkeys(get_list(args, "exclude")))
    kept: dict[str, str] = {}
    for item in get_list(args, "keep"):  # later controls (move to a day) override earlier ones (lock)
        place_id, _, day = item.rpartition("@")
        if place_id and place_id not in exclude:
            kept[place_id] = day
    for item in args.getlist(REORDER):
        kept.update(_reordered(item, kept, exclude))
    only = _is_yes(args.getlist("only"))
    must = [place_id for place_id in get_list(args, "must_see") if place_id not in exclude]
    if only:
        must += [place_id for place_id in get_list(args, SHOWN) if place_id not in exclude and place_id not in kept]
    result: MultiDict[str, str] = MultiDict([(key, value) for key, value in args.items(multi=True)
                                             if key not in EDIT_FIELDS])
    for place_id in dict.fromkeys(must):
        result.add("must_see", place_id)
    for place_id in exclude:
        result.add("exclude", place_id)
    for place_id, day in kept.items():
        result.add("keep", f"{place_id}@{day}")
    if only:
        result.add("only", "true")
    return result


def _reordered(item: str, kept: Mapping[str, str], exclude: list[str]) -> dict[str, str]:
    """Return ``{id: "day#order"}`` locking the stops of a ``day:id,id,...`` item in that order.

    Stops removed, or moved to another day by the same submission, drop out; the rest
    are numbered from 1 in the order given. A malformed item changes nothing.
    """
    day, _, ids = item.partition(":")
    if not day.strip().isdigit():
        return {}
    listed = (place_id.strip() for place_id in ids.split(","))
    stays = [place_id for place_id in listed
             if place_id and place_id not in exclude and kept.get(place_id, day).partition("#")[0] == day]
    return {place_id: f"{day}#{order}" for order, place_id in enumerate(dict.fromkeys(stays), start=1)}


@bp.get("/plan/edit")
def edit() -> BaseResponse:
    """Re-plan with the edits of the plan page's form (see :func:`edited_fields`)."""
    from urllib.parse import urlencode

    query = urlencode(list(edited_fields(request.args).items(multi=True)))
    return redirect(f"{url_for('plan.result')}?{query}", code=303)


@dataclass(frozen=True)
class PlanEdit:
    """What the plan page's edit controls show.

    Attributes
    ----------
    carried
        ``(name, value)`` of the plan's fields the form sends back unchanged.
    days
        Number of days (for "move to day").
    kept
        Locked stops: place id -> day.
    orders
        Locked stops with an order: place id -> their order on their day.
    day_stops
        The ids of each day's stops (day from 1), in the plan's order.
    must
        Must-see place ids.
    excluded
        ``(id, name)`` of the places removed by the traveller.
    addable
        ``(id, name)`` of the places not in the plan that can be added.
    shown
        Ids of the stops in the plan.
    only
        Whether "only these places" is on.
    """

    carried: list[tuple[str, str]] = field(default_factory=list)
    days: int = 1
    kept: dict[str, int] = field(default_factory=dict)
    orders: dict[str, int] = field(default_factory=dict)
    day_stops: dict[int, tuple[str, ...]] = field(default_factory=dict)
    must: tuple[str, ...] = ()
    excluded: list[tuple[str, str]] = field(default_factory=list)
    addable: list[tuple[str, str]] = field(default_factory=list)
    shown: tuple[str, ...] = ()
    only: bool = False

    def keep_value(self, place_id: str, day: int) -> str:
        """Return the ``keep`` value locking ``place_id`` on ``day`` (with its order when it has one there)."""
        order = self.orders.get(place_id) if self.kept.get(place_id) == day else None
        return f"{place_id}@{day}" + (f"#{order}" if order is not None else "")

    def moved(self, day: int, place_id: str, step: int) -> str | None:
        """Return the ``reorder`` value of ``day`` with ``place_id`` moved ``step`` places (``None``: cannot move)."""
        stops = list(self.day_stops.get(day, ()))
        if place_id not in stops:
            return None
        index = stops.index(place_id)
        target = index + step
        if not 0 <= target < len(stops):
            return None
        stops[index], stops[target] = stops[target], stops[index]
        return f"{day}:{','.join(stops)}"


def plan_edit_values(args: MultiDict[str, str], plan: Mapping[str, Any], names: Mapping[str, str]) -> PlanEdit:
    """Return the edit controls' values of the plan dict shown for the query ``args``.

    ``names`` maps every place id to its display name (for removed and addable places).
    """
    request_fields = plan.get("request", {})
    shown = tuple(str(stop["id"]) for day in plan.get("days", []) for stop in day.get("stops", []))
    kept = {str(item["id"]): int(item["day"]) for item in request_fields.get("keep", [])}
    orders = {str(item["id"]): int(item["order"]) for item in request_fields.get("keep", []) if "order" in item}
    day_stops = {number: tuple(str(stop["id"]) for stop in day.get("stops", []))
                 for number, day in enumerate(plan.get("days", []), start=1)}
    excluded = [str(place_id) for place_id in request_fields.get("exclude", [])]
    taken = set(shown) | set(excluded)
    return PlanEdit(
        carried=[(key, value) for key, value in args.items(multi=True) if key not in EDIT_FIELDS],
        days=len(plan.get("days", [])) or 1,
        kept=kept,
        orders=orders,
        day_stops=day_stops,
        must=tuple(str(place_id) for place_id in request_fields.get("must", [])),
        excluded=[(place_id, names.get(place_id, place_id)) for place_id in excluded],
        addable=sorted(((place_id, name) for place_id, name in names.items() if place_id not in taken),
                       key=lambda item: item[1]),
        shown=shown,
        only=bool(request_fields.get("only")),
    )
