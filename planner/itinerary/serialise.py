"""The JSON of a plan (``craftroute plan --format json`` and the web API), times as "HH:MM"."""

from __future__ import annotations

from typing import Any

from geodata.location import Location

from ..clock import minutes_to_clock
from .model import Plan, PlanDay, PlanStop


def plan_to_dict(plan: Plan, *, geometry: bool = False) -> dict[str, Any]:
    """Return the JSON-safe dict of ``plan``.

    Keys: ``score``, ``days`` (``date``, ``start``, ``end``, ``leave``, ``back``,
    ``stops`` with ``id, name, lat, lon, arrive, start, visit_end, depart, wait_min, visit_min``
    (the length chosen), ``typical_min``, ``craft, kind, why`` (short reasons in English),
    ``why_codes`` (the same as ``{"code", **params}``, :mod:`.why`), ``events`` (that day's
    events at the stop, as in ``craftroute calendar --format json``), ``kept`` (locked on
    that day by the traveller) and ``order`` (its requested order, when given), ``legs`` with ``from,
    to, distance_m, duration_s, estimated`` (and ``depart``, the ``band`` it leaves in,
    ``estimated_m`` when known), ``lunch`` ``{"start", "end", "at", "name",
    "on_site"}`` or ``None``, ``travel_s``, ``distance_m``), ``unvisited`` (``id, name,
    reason, detail, must`` and ``detail_code``, the detail as ``{"code", **params}``),
    ``estimated``, ``travel_s``, ``distance_m``, ``mode``, ``warnings`` (English),
    ``warning_codes`` (the lunch warnings as codes), ``request``, ``flexible_dates``
    (``{"best": date, "choices": [{"date", "score"}]}`` or ``None``).

    Parameters
    ----------
    plan
        The plan.
    geometry
        Add each leg's ``geometry`` (a GeoJSON LineString) when the plan has shapes.
    """
    request = plan.request
    order = dict(request.keep_order)
    kept = dict(request.keep)
    flexible = None
    if plan.date_choices:
        flexible = {
            "best": plan.days[0].date.isoformat() if plan.days else request.date.isoformat(),
            "choices": [{"date": day.isoformat(), "score": round(score, 3)} for day, score in plan.date_choices],
        }
    return {
        "score": round(plan.score, 3),
        "flexible_dates": flexible,
        "days": [_day_to_dict(day, geometry=geometry, kept={place_id for place_id, n in kept.items() if n == number},
                              order=order)
                 for number, day in enumerate(plan.days, start=1)],
        "unvisited": [
            {"id": item.id, "reason": item.reason, "name": item.name, "detail": item.detail, "must": item.must,
             **({"detail_code": item.why.to_dict()} if item.why is not None else {})}
            for item in plan.unvisited
        ],
        "estimated": plan.estimated,
        "travel_s": round(plan.travel_s, 1),
        "distance_m": round(plan.distance_m, 1),
        "mode": plan.mode,
        "warnings": list(plan.warnings),
        "warning_codes": [note.to_dict() for note in plan.notes],
        "request": {
            "days": request.days,
            "date": request.date.isoformat(),
            "mode": request.mode,
            "pace": request.pace,
            "interests": list(request.interests),
            "must": list(request.must),
            "day_start": minutes_to_clock(request.day_start_min),
            "first_day_start": minutes_to_clock(request.day_open_min(0)),
            "day_end": minutes_to_clock(request.day_end_min),
            "max_stops": request.max_stops,
            "exclude": list(request.exclude),
            "keep": [{"id": place_id, "day": day, **({"order": order[place_id]} if place_id in order else {})}
                     for place_id, day in request.keep],
            "only": request.only,
        },
    }


def _point(location: Location | PlanStop) -> dict[str, Any]:
    return {"id": location.id, "name": location.name, "lat": location.lat, "lon": location.lon}


def _day_to_dict(day: PlanDay, *, geometry: bool, kept: set[str], order: dict[str, int]) -> dict[str, Any]:
    """Return the JSON of one day; ``kept`` holds the ids locked on it, ``order`` their requested order."""
    legs = []
    for leg in day.legs:
        item: dict[str, Any] = {
            "from": leg.from_id,
            "to": leg.to_id,
            "distance_m": round(leg.distance_m, 1),
            "duration_s": round(leg.duration_s, 1),
            "estimated": leg.estimated,
        }
        if leg.depart_min is not None:
            item["depart"] = minutes_to_clock(leg.depart_min)
        if leg.band is not None:
            item["band"] = leg.band
        estimated_m = leg.estimated_length_m
        if estimated_m is not None:
            item["estimated_m"] = round(estimated_m, 1)
        if geometry and leg.geometry:
            item["geometry"] = {"type": "LineString", "coordinates": [list(p) for p in leg.geometry]}
        legs.append(item)
    lunch = None
    if day.lunch is not None:
        lunch = {
            "start": minutes_to_clock(day.lunch.start_min),
            "end": minutes_to_clock(day.lunch.end_min),
            "at": day.lunch.at_id,
            "name": day.lunch.at_name,
            "on_site": day.lunch.on_site,
        }
    return {
        "date": day.date.isoformat(),
        "start": _point(day.start),
        "end": _point(day.end),
        "leave": minutes_to_clock(day.leave_min),
        "back": minutes_to_clock(day.back_min),
        "stops": [
            {
                **_point(stop),
                "arrive": minutes_to_clock(stop.arrive_min),
                "start": minutes_to_clock(stop.start_min),
                "visit_end": minutes_to_clock(stop.visit_end_min),
                "depart": minutes_to_clock(stop.depart_min),
                "wait_min": round(stop.wait_min),
                "visit_min": round(stop.visit_min),
                "typical_min": round(stop.typical_min),
                "why": [reason.text() for reason in stop.why],
                "why_codes": [reason.to_dict() for reason in stop.why],
                "events": [dict(event) for event in stop.events],
                "craft": stop.craft,
                "kind": stop.kind,
                "kept": stop.id in kept,
                **({"order": order[stop.id]} if stop.id in kept and stop.id in order else {}),
            }
            for stop in day.stops
        ],
        "legs": legs,
        "lunch": lunch,
        "travel_s": round(day.travel_s, 1),
        "distance_m": round(day.distance_m, 1),
    }
