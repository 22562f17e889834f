"""Flexible dates: plan the same trip from each start date of a window and keep the best (geo-level).

The calendar makes dates matter (a festival, a market day, Tết closures), so the plans
of the start dates are compared by their value. Runtime is bounded: at most
``settings.FLEXIBLE_DATES_MAX_STARTS`` start dates (the request parser refuses more),
one travel matrix for all of them (the places do not change with the date), and one
optimiser budget, ``settings.FLEXIBLE_DATES_BUDGET_S``, shared evenly by the start dates
(at least ``settings.FLEXIBLE_DATES_MIN_S`` each, at most the single-plan budget).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from .. import settings
from .model import Plan
from .request import PlanRequest

if TYPE_CHECKING:
    import geopandas as gpd

    from ..routing.results import TravelMatrix
    from ..routing.router import Router

logger = logging.getLogger(__name__)


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


def plan_best_start(
    request: PlanRequest,
    *,
    places: gpd.GeoDataFrame,
    router: Router | None,
    matrix: TravelMatrix | None,
    time_limit_s: float | None = None,
    seed: int | None = None,
    geometry: bool = False,
) -> Plan:
    """Return the plan of the best start date of ``request.flexible_dates``, listing every date's value.

    Ties go to the earliest date. The plan's ``date_choices`` hold ``(date, value)`` of
    every start date compared.
    """
    from .plan import plan_trip
    from .problem import candidate_places, place_locations, trip_locations

    dates = start_dates(request)
    if matrix is None:
        from ..routing.matrix import matrix_with_cache
        from ..routing.router import get_router

        router = router if router is not None else get_router(request.mode)
        matrix = matrix_with_cache(router, trip_locations(request, candidate_places(request, places)),
                                   bundled=place_locations(places))
    budget = per_start_budget_s(len(dates), time_limit_s)
    plans = [plan_trip(replace(request, date=day, flexible_dates=None), places=places, router=router, matrix=matrix,
                       time_limit_s=budget, seed=seed) for day in dates]
    best = max(range(len(plans)), key=lambda i: (round(plans[i].score, 6), -i))
    logger.info("flexible dates: best start %s of %d (value %.2f)", dates[best], len(dates), plans[best].score)
    plan = plans[best]
    if geometry:
        from ..routing.router import get_router
        from .plan import with_leg_geometry

        plan = with_leg_geometry(plan, router if router is not None else get_router(request.mode))
    return replace(plan, request=replace(plan.request, flexible_dates=request.flexible_dates),
                   date_choices=tuple((day, p.score) for day, p in zip(dates, plans, strict=True)))
