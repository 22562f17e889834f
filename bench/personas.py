"""Plan a trip for each visitor persona of bench/personas.json and check what a local guide expects.

For every persona: the places that must appear, lesser places that must not displace
their flagship (``not_instead``), the number of distinct crafts, a stop of a requested
craft on every day, every day inside its window, the independent checker silent, and
the planning time within the command's budget (the optimiser's time limit plus
``--overhead`` seconds for the matrix and the reasons). Prints one row per persona and,
last, one JSON line.

    python bench/personas.py [--personas FILE] [--overhead S]

Uses the road graph and the places matrix from the cache (``craftroute build-graph``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geodata import load_places  # noqa: E402 (after sys.path)
from planner import settings  # noqa: E402
from planner.itinerary import Plan, parse_plan_request, plan_trip  # noqa: E402
from planner.itinerary.value import place_value  # noqa: E402
from planner.routing.router import get_router  # noqa: E402


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--personas", type=Path, default=REPO / "bench" / "personas.json")
    parser.add_argument("--overhead", type=float, default=2.0,
                        help="seconds allowed beyond the optimiser's time limit (matrix, reasons)")
    return parser.parse_args(argv)


def plan_crafts(plan: Plan, places: Any) -> list[set[str]]:
    """Return, day by day, the crafts of the stops (a village's craft, a museum's craft)."""
    days = []
    for day in plan.days:
        crafts = set()
        for stop in day.stops:
            value = place_value(places.loc[stop.id], plan.request.interests)
            if stop.craft:
                crafts.add(stop.craft)
            elif value.related and value.group:
                crafts.add(value.group)
        days.append(crafts)
    return days


def judge(persona: dict[str, Any], plan: Plan, places: Any) -> list[str]:
    """Return what the plan gets wrong against the persona's expectations (empty: it passes)."""
    visited = {stop.id for day in plan.days for stop in day.stops}
    failures = [f"missing {place}" for place in persona["must_include"] if place not in visited]
    failures += [f"{minor} without {flagship}" for minor, flagship in persona["not_instead"]
                 if minor in visited and flagship not in visited]
    by_day = plan_crafts(plan, places)
    distinct = set().union(*by_day) if by_day else set()
    if len(distinct) < persona["min_distinct_crafts"]:
        failures.append(f"{len(distinct)} distinct crafts < {persona['min_distinct_crafts']}")
    interests = set(plan.request.interests)
    if interests:
        failures += [f"day {k + 1} has no requested craft" for k, crafts in enumerate(by_day) if not crafts & interests]
    request = plan.request
    failures += [f"day {k + 1} outside its window" for k, day in enumerate(plan.days)
                 if day.leave_min < request.day_start_min or day.back_min > request.day_end_min]
    failures += [f"checker: {finding}" for finding in plan.checker_findings]
    return failures


def main(argv: list[str] | None = None) -> int:
    """Run every persona and return the exit code (1 if any fails)."""
    args = _parse_args(argv)
    personas = json.loads(args.personas.read_text(encoding="utf-8"))["personas"]
    places = load_places()
    budget_s = settings.OPTIMISER_TIME_LIMIT_S + args.overhead
    rows = []
    print(f"{'persona':<44}{'days':>5}{'stops':>6}{'crafts':>7}{'seconds':>9}  result")
    for persona in personas:
        request = parse_plan_request(persona["request"], places=places)
        router = get_router(request.mode)
        started = time.perf_counter()
        plan = plan_trip(request, places=places, router=router)
        seconds = time.perf_counter() - started
        failures = judge(persona, plan, places)
        if seconds > budget_s:
            failures.append(f"{seconds:.1f} s > budget {budget_s:.1f} s")
        crafts = set().union(*plan_crafts(plan, places))
        stops = sum(len(day.stops) for day in plan.days)
        rows.append({"passed": not failures, "crafts": len(crafts), "seconds": seconds})
        result = "pass" if not failures else "FAIL: " + "; ".join(failures)
        print(f"{persona['name'][:43]:<44}{request.days:>5}{stops:>6}{len(crafts):>7}{seconds:>9.2f}  {result}",
              flush=True)
    summary = {
        "personas": len(rows),
        "passed": sum(row["passed"] for row in rows),
        "mean_distinct_crafts": round(sum(row["crafts"] for row in rows) / len(rows), 2) if rows else None,
        "max_seconds": round(max(row["seconds"] for row in rows), 2) if rows else None,
    }
    print(json.dumps(summary))
    return 0 if summary["passed"] == summary["personas"] else 1


if __name__ == "__main__":
    sys.exit(main())
