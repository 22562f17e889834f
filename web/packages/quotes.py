"""Plan a package's request and price it for its group with the operator's price list."""

from __future__ import annotations

import math
from typing import Any

from web import planning, state

from .pricing import check_group_size, quote

#: Place data columns of fees per person in VND (absent from the bundled file today).
FEE_COLUMNS = {"entrance": "entrance_fee_vnd", "workshop": "workshop_fee_vnd"}


def place_fees() -> dict[str, dict[str, int | None]]:
    """Return the fees per person the place data gives, place id -> ``{"entrance", "workshop"}``."""
    places = state.get_places()
    fees: dict[str, dict[str, int | None]] = {}
    for kind, column in FEE_COLUMNS.items():
        if column not in places.columns:
            continue
        for place_id, value in places[column].items():
            known = value is not None and not (isinstance(value, float) and math.isnan(value))
            fees.setdefault(str(place_id), {})[kind] = round(value) if known else None
    return fees


def plan_and_price(request: dict[str, Any], group_size: Any, prices: dict[str, Any]) -> tuple[dict, dict]:
    """Return the plan (JSON) of ``request`` and its price for ``group_size`` travellers."""
    group_size = check_group_size(group_size)
    plan = planning.plan_json(planning.make_plan(request))
    return plan, quote(plan, group_size, prices, place_fees())
