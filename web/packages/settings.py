"""Settings of tour operators' packages: the default price list, link and token lifetimes.

The price list is what a new operator starts from; each operator edits their own
(``/packages/prices`` or ``PUT /api/v1/operator/prices``). Every figure below is an
**assumption** of this project, not a quote from a supplier: no public tariff of Hanoi
tour transport or guiding is published in a citable form. They are round numbers in
the range of Hanoi day-tour offers in 2024-2025 and are meant to be replaced by each
operator's own costs. Fees of villages come from the place data (``entrance_fee_vnd``,
``workshop_fee_vnd``) or the operator's list; the bundled places file carries none, so a
fee is 0 and flagged ``unknown`` until the operator enters it.
"""

from __future__ import annotations

from typing import Any

#: Vehicle sizes by travel mode: (largest group it carries, cost per km in VND).
#: Assumptions: motorbike taxi with driver per rider pair (~8,000 VND/km), 4-seat car
#: (~12,000 VND/km), 16-seat van (~18,000 VND/km), 29-seat coach (~25,000 VND/km);
#: bicycles (rental per rider, ~2,000 VND/km); walking costs nothing.
VEHICLES_BY_MODE: dict[str, list[dict[str, Any]]] = {
    "motorbike": [{"name": "motorbike with driver", "seats": 2, "vnd_per_km": 8_000}],
    "car": [
        {"name": "car (4 seats)", "seats": 4, "vnd_per_km": 12_000},
        {"name": "van (16 seats)", "seats": 15, "vnd_per_km": 18_000},
        {"name": "coach (29 seats)", "seats": 28, "vnd_per_km": 25_000},
    ],
    "bicycle": [{"name": "bicycle", "seats": 1, "vnd_per_km": 2_000}],
    "walk": [{"name": "on foot", "seats": 1_000, "vnd_per_km": 0}],
}

#: Default price list of a new operator (all amounts in VND).
DEFAULT_PRICE_LIST: dict[str, Any] = {
    "vehicles": VEHICLES_BY_MODE,
    # Assumption: an English-speaking guide for a day, one per 15 travellers.
    "guide_vnd_per_day": 800_000,
    "guide_group_size": 15,
    # Known fees per place id, per person (the operator fills them in).
    "entrance_fee_vnd": {},
    "workshop_fee_vnd": {},
    # The operator's margin on the costs, in percent.
    "margin_percent": 15.0,
}

#: Largest group a package is priced for.
MAX_GROUP_SIZE = 200
#: Days a deleted package stays restorable.
RESTORE_DAYS = 30
#: Bytes of randomness of API tokens, share links and sign-in links (URL-safe base64).
TOKEN_BYTES = 32
#: Hours a sign-in link printed by ``craftroute operator add`` stays valid.
SIGNIN_LINK_HOURS = 72
#: Characters of the token prefix kept in clear to tell tokens apart in ``operator list``.
TOKEN_PREFIX_LENGTH = 6
