"""Benchmark the itinerary optimiser on published orienteering instances with time windows.

Runs :func:`planner.optimiser.solve_toptw` on every instance for m = 1..4 tours where a
best-known score exists, checks every answer with the independent feasibility checker,
prints a table (score, reference best, gap %, seconds) and, last, one JSON line.

    python bench/optw.py [--instances DIR] [--reference CSV] [--time-limit S] [--tours 1,2,3,4]

A score above the reference gives a negative gap.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from planner.optimiser import Solution, check_solution, solve_toptw  # noqa: E402 (after sys.path)
from planner.optimiser.instances import parse_toptw_instance, travel_decimals  # noqa: E402

DEFAULT_DIR = REPO.parent / "shared" / "bench" / "toptw" / "c_r_rc_100_100"


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=Path, default=DEFAULT_DIR, help="folder of instance .txt files")
    parser.add_argument("--reference", type=Path, default=None,
                        help="CSV instance,m,ref_best,... (default: reference_scores.csv beside the folder)")
    parser.add_argument("--time-limit", type=float, default=1.0, help="seconds per instance and m")
    parser.add_argument("--tours", default="1,2,3,4", help="comma-separated numbers of tours m")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default="", help="comma-separated instance names to run (default: all)")
    parser.add_argument("--ortools", action="store_true",
                        help="also run Google OR-Tools routing with the same limit (needs `pip install ortools`)")
    return parser.parse_args(argv)


def _reference(path: Path) -> dict[tuple[str, int], float]:
    with path.open(encoding="utf-8") as handle:
        return {(row["instance"], int(row["m"])): float(row["ref_best"]) for row in csv.DictReader(handle)}


def _reference_solver(wanted: bool) -> Callable[..., Solution | None] | None:
    """Return OR-Tools' solve function if asked for and installed (a note on stderr if not)."""
    if not wanted:
        return None
    try:
        import ortools  # noqa: F401
    except ImportError:
        print("OR-Tools is not installed (pip install ortools); running without it", file=sys.stderr)
        return None
    from optw_ortools import solve_with_ortools

    return solve_with_ortools


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and return the exit code (1 if any answer is infeasible)."""
    args = _parse_args(argv)
    reference_path = args.reference
    if reference_path is None:
        for candidate in (args.instances / "reference_scores.csv", args.instances.parent / "reference_scores.csv"):
            if candidate.is_file():
                reference_path = candidate
                break
    if not args.instances.is_dir() or reference_path is None:
        print(f"instances or reference scores not found under {args.instances}", file=sys.stderr)
        return 2
    reference = _reference(reference_path)
    tours = [int(m) for m in args.tours.split(",")]
    only = set(filter(None, args.only.split(",")))
    rows = []
    reference_solver = _reference_solver(args.ortools)
    extra = f"{'ortools':>9}{'gap %':>8}" if reference_solver else ""
    print(f"{'instance':<10}{'m':>3}{'score':>8}{'ref':>8}{'gap %':>8}{'seconds':>9}{'feasible':>10}{extra}")
    for path in sorted(args.instances.glob("*.txt")):
        name = path.stem
        if only and name not in only:
            continue
        text = path.read_text(encoding="utf-8")
        for m in tours:
            if (name, m) not in reference:
                continue
            problem = parse_toptw_instance(text, n_tours=m, decimals=travel_decimals(name))
            started = time.perf_counter()
            solution = solve_toptw(problem, time_limit_s=args.time_limit, seed=args.seed)
            seconds = time.perf_counter() - started
            errors = check_solution(problem, solution)
            ref = reference[(name, m)]
            gap = 100.0 * (ref - solution.score) / ref if ref else 0.0
            row = {"instance": name, "m": m, "score": solution.score, "ref": ref, "gap_pct": gap,
                   "seconds": seconds, "feasible": not errors}
            extra = ""
            if reference_solver:
                other = reference_solver(problem, time_limit_s=args.time_limit)
                other_score = other.score if other is not None and not check_solution(problem, other) else 0.0
                row["ortools_gap_pct"] = 100.0 * (ref - other_score) / ref if ref else 0.0
                extra = f"{other_score:>9.0f}{row['ortools_gap_pct']:>8.2f}"
            rows.append(row)
            print(f"{name:<10}{m:>3}{solution.score:>8.0f}{ref:>8.0f}{gap:>8.2f}{seconds:>9.2f}"
                  f"{'yes' if not errors else 'NO':>10}{extra}", flush=True)
            for error in errors[:3]:
                print(f"    {error}")
    gaps = [row["gap_pct"] for row in rows]
    summary = {
        "instances": len(rows),
        "time_limit_s": args.time_limit,
        "mean_gap_pct": round(sum(gaps) / len(gaps), 3) if gaps else None,
        "max_gap_pct": round(max(gaps), 3) if gaps else None,
        "max_seconds": round(max(row["seconds"] for row in rows), 3) if rows else None,
        "infeasible": sum(not row["feasible"] for row in rows),
    }
    if reference_solver and rows:
        summary["ortools_mean_gap_pct"] = round(sum(row["ortools_gap_pct"] for row in rows) / len(rows), 3)
    for m in tours:
        by_m = [row["gap_pct"] for row in rows if row["m"] == m]
        if by_m:
            summary[f"mean_gap_pct_m{m}"] = round(sum(by_m) / len(by_m), 3)
    print(json.dumps(summary))
    return 1 if summary["infeasible"] else 0


if __name__ == "__main__":
    sys.exit(main())
