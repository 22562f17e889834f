"""Flexible dates: the start dates of a window and the optimiser budget of each (pure).

:func:`planner.itinerary.plan.plan_trip` plans the same trip from each start date and
keeps the best.

The calendar makes dates matter (a festival, a market day, Tết closures), so the plans
of the start dates are compared by their value. Runtime is bounded: at most
``settings.FLEXIBLE_DATES_MAX_STARTS`` start dates (the request parser refuses more),
one travel matrix for all of them (the places do not change with the date), and one
optimiser budget, ``settings.FLEXIBLE_DATES_BUDGET_S``, shared evenly by the start dates
(at least ``settings.FLEXIBLE_DATES_MIN_S`` each, at most the single-plan budget).
"""

from __future__ import annotations

import datetime as dt

from .. import settings
from .request import PlanRequest


def start_dates(request: PlanRequest) -> list[dt.date]:
    """Return the start dates ``request.flexible_dates`` spans (just ``request.date`` without it)."""
    if request.flexible_dates is None:
        return [request.date]
    first, last = request.flexible_dates
    return [first + dt.timedelta(days=offset) for offset in range((last - first).days + 1)]


def per_start_budget_s(n_starts: int, time_limit_s: float | None = None) -> float:
    """Return the optimiser seconds each start date gets."""
    single = settings.OPTIMISER_TIME_LIMIT_S if time_limit_s is None else time_limit_s
    return min(single, max(settings.FLEXIBLE_DATES_MIN_S, settings.FLEXIBLE_DATES_BUDGET_S / max(1, n_starts)))
