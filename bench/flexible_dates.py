"""Benchmark: ``--flexible-dates`` wall time as the window grows, against one plan.

Plans the same 3-day trip (interests ceramics, conical hats, wood carving; start Hoàn
Kiếm Lake) for windows of 1, 7, 14 and 31 start dates from 2027-03-01, with the bundled
places and the road router (the shared OSM file; straight-line estimates without it).
The optimiser budget per start date is ``planner.itinerary.flexible.per_start_budget_s``
(the shared ``FLEXIBLE_DATES_BUDGET_S``), so the total should stay near that budget plus
per-date set-up. Prints a table and one JSON line. Usage: ``python bench/flexible_dates.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import geodata  # noqa: E402
from planner import settings  # noqa: E402
from planner.itinerary import parse_plan_request, plan_trip  # noqa: E402
from planner.itinerary.flexible import per_start_budget_s  # noqa: E402

FIRST = dt.date(2027, 3, 1)
TRIP = {"start": "hoan-kiem-lake", "days": 3, "interests": "ceramics,conical_hats,wood_carving"}


def main() -> None:
    places = geodata.load_places()
    plan_trip(parse_plan_request({**TRIP, "date": FIRST.isoformat()}, places=places), places=places)  # warm caches
    rows = []
    print(f"{'starts':>6} {'budget_s':>9} {'wall_s':>8} {'best':>11} {'value':>7}")
    for starts in (1, 7, 14, settings.FLEXIBLE_DATES_MAX_STARTS):
        last = FIRST + dt.timedelta(days=starts - 1)
        request = parse_plan_request({**TRIP, "flexible_dates": f"{FIRST}..{last}"}, places=places)
        began = time.perf_counter()
        plan = plan_trip(request, places=places)
        wall = time.perf_counter() - began
        budget = per_start_budget_s(starts) * starts
        row = {"starts": starts, "budget_s": round(budget, 2), "wall_s": round(wall, 2),
               "best": plan.days[0].date.isoformat(), "value": round(plan.score, 2)}
        rows.append(row)
        print(f"{starts:>6} {budget:>9.2f} {wall:>8.2f} {row['best']:>11} {plan.score:>7.1f}")
    print(json.dumps({"benchmark": "flexible_dates", "rows": rows}))


if __name__ == "__main__":
    main()
