"""The price of a planned trip for a group, line by line in VND: pure functions, no I/O.

Transport is the plan's distance times the per-km cost of the vehicles the group needs
(the smallest vehicle of the travel mode that seats the group, else as many of the
largest as needed); guides are paid per day (one per ``guide_group_size`` travellers);
entrance and workshop fees are per person and per visited place, 0 and listed in
``unknown_fees`` where neither the operator's list nor the place data gives them; the
operator's margin is a percentage of the costs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from geodata.errors import CraftRouteError, quoted

from . import settings

#: Stop kinds that are visits (hotels and start points have no fee).
VISIT_KINDS = ("village", "destination")
MAX_MARGIN_PERCENT = 500.0


def check_group_size(value: Any) -> int:
    """Return ``value`` as a group size from 1 to ``MAX_GROUP_SIZE``."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= settings.MAX_GROUP_SIZE:
        raise CraftRouteError.of("group_size", "whole_number_range", low=1, high=settings.MAX_GROUP_SIZE,
                                 got=quoted(value))
    return value


def _amount(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 10**12:
        raise CraftRouteError.of(field, "amount", got=quoted(value))
    return round(value)


def check_price_list(prices: Any) -> dict[str, Any]:
    """Return ``prices`` if it is a valid price list (the keys of ``settings.DEFAULT_PRICE_LIST``)."""
    if not isinstance(prices, dict):
        raise CraftRouteError.of("prices", "prices_object")
    unknown = set(prices) - set(settings.DEFAULT_PRICE_LIST)
    if unknown:
        raise CraftRouteError.of("prices", "prices_unknown", got=quoted(sorted(unknown)),
                                 allowed=", ".join(sorted(settings.DEFAULT_PRICE_LIST)))
    checked = {**settings.DEFAULT_PRICE_LIST, **prices}
    vehicles = checked["vehicles"]
    if not isinstance(vehicles, dict) or set(vehicles) != set(settings.VEHICLES_BY_MODE):
        raise CraftRouteError.of("prices.vehicles", "prices_vehicles", allowed=", ".join(sorted(settings.VEHICLES_BY_MODE)))
    for mode, options in vehicles.items():
        if not isinstance(options, list) or not options:
            raise CraftRouteError.of(f"prices.vehicles.{mode}", "vehicles_list")
        for vehicle in options:
            if not isinstance(vehicle, dict) or not isinstance(vehicle.get("name"), str):
                raise CraftRouteError.of(f"prices.vehicles.{mode}", "vehicle_fields")
            seats = vehicle.get("seats")
            if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
                raise CraftRouteError.of(f"prices.vehicles.{mode}.seats", "whole_number_from", low=1, got=quoted(seats))
            _amount(vehicle.get("vnd_per_km"), f"prices.vehicles.{mode}.vnd_per_km")
    _amount(checked["guide_vnd_per_day"], "prices.guide_vnd_per_day")
    guide_group = checked["guide_group_size"]
    if isinstance(guide_group, bool) or not isinstance(guide_group, int) or guide_group < 1:
        raise CraftRouteError.of("prices.guide_group_size", "whole_number_from", low=1, got=quoted(guide_group))
    for key in ("entrance_fee_vnd", "workshop_fee_vnd"):
        if not isinstance(checked[key], dict):
            raise CraftRouteError.of(f"prices.{key}", "fee_map")
        for place_id, fee in checked[key].items():
            _amount(fee, f"prices.{key}.{place_id}")
    margin = checked["margin_percent"]
    if isinstance(margin, bool) or not isinstance(margin, int | float) or not 0 <= margin <= MAX_MARGIN_PERCENT:
        raise CraftRouteError.of("prices.margin_percent", "from_range", low=0, high=f"{MAX_MARGIN_PERCENT:g}",
                                 got=quoted(margin))
    return checked


def choose_vehicles(options: list[dict[str, Any]], group_size: int) -> tuple[dict[str, Any], int]:
    """Return the vehicle for a group and how many of it: the smallest that seats everyone, else the largest."""
    by_size = sorted(options, key=lambda vehicle: vehicle["seats"])
    for vehicle in by_size:
        if vehicle["seats"] >= group_size:
            return vehicle, 1
    largest = by_size[-1]
    return largest, math.ceil(group_size / largest["seats"])


def _line(kind: str, label: str, quantity: float, unit: str, unit_vnd: int, amount_vnd: int,
          **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "label": label, "quantity": quantity, "unit": unit, "unit_vnd": unit_vnd,
            "amount_vnd": amount_vnd, **extra}


def quote(plan: Mapping[str, Any], group_size: int, prices: Mapping[str, Any],
          place_fees: Mapping[str, Mapping[str, int | None]] | None = None) -> dict[str, Any]:
    """Return the price of ``plan`` for ``group_size`` travellers.

    Parameters
    ----------
    plan
        The plan as ``craftroute plan --format json`` prints it (``mode``, ``distance_m``, ``days``).
    group_size
        Travellers (checked: 1 to ``MAX_GROUP_SIZE``).
    prices
        A price list (:func:`check_price_list`).
    place_fees
        Fees per person the place data gives: place id -> ``{"entrance": VND or None, "workshop": ...}``.

    Returns
    -------
    dict
        ``currency``, ``group_size``, ``lines`` (``kind, label, quantity, unit, unit_vnd,
        amount_vnd``; transport adds ``vehicles``, the fees of a place ``place`` and ``unknown``), ``costs_vnd``, ``margin_percent``, ``margin_vnd``, ``total_vnd``,
        ``per_person_vnd`` and ``unknown_fees`` (places whose fees are not known, priced 0).
    """
    group_size = check_group_size(group_size)
    vehicle, count = choose_vehicles(prices["vehicles"][plan["mode"]], group_size)
    distance_km = round(float(plan["distance_m"]) / 1000, 1)
    lines = [_line("transport", vehicle["name"], round(distance_km * count, 1), "km", vehicle["vnd_per_km"],
                   round(distance_km * count * vehicle["vnd_per_km"]), vehicles=count)]
    days = len(plan["days"])
    guides = math.ceil(group_size / prices["guide_group_size"])
    lines.append(_line("guide", "guide", days * guides, "day", prices["guide_vnd_per_day"],
                       days * guides * prices["guide_vnd_per_day"]))
    unknown: list[dict[str, str]] = []
    for day in plan["days"]:
        for stop in day["stops"]:
            if stop.get("kind") not in VISIT_KINDS:
                continue
            from_place = (place_fees or {}).get(stop["id"], {})
            per_person, missing = 0, []
            for kind, key in (("entrance", "entrance_fee_vnd"), ("workshop", "workshop_fee_vnd")):
                fee = prices[key].get(stop["id"], from_place.get(kind))
                if fee is None:
                    missing.append(kind)
                    unknown.append({"id": stop["id"], "name": stop["name"], "fee": kind})
                per_person += round(fee or 0)
            lines.append(_line("fees", stop["name"], group_size, "person", per_person, per_person * group_size,
                               place=stop["id"], unknown=missing))
    costs = sum(line["amount_vnd"] for line in lines)
    margin = round(costs * float(prices["margin_percent"]) / 100)
    total = costs + margin
    return {"currency": "VND", "group_size": group_size, "lines": lines, "costs_vnd": costs,
            "margin_percent": prices["margin_percent"], "margin_vnd": margin, "total_vnd": total,
            "per_person_vnd": math.ceil(total / group_size), "unknown_fees": unknown}


def format_vnd(amount: float, language: str = "en") -> str:
    """Return an amount of VND as text: ``1,250,000 VND`` in English, ``1.250.000 ₫`` in Vietnamese."""
    grouped = f"{round(amount):,}"
    return f"{grouped.replace(',', '.')} ₫" if language == "vi" else f"{grouped} VND"
