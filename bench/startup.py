"""Benchmark: how fast the ``craftroute`` command answers help and usage errors.

Runs each command in a fresh interpreter (``python -m craftroute ...``) several times
and keeps the best wall-clock time, for this checkout and, with ``--baseline REV``,
for an earlier git revision checked out into a temporary worktree and run the same
way (its entry point was ``web.cli``), so the ratio compares runs on the same machine
at the same moment. It also counts the modules each command imported
(``python -X importtime``) and names the heavy libraries among them.

Usage: ``python bench/startup.py [--runs 5] [--baseline 87fa9df]``. Prints a table,
then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY_MODULES = ("geopandas", "pandas", "shapely", "pyproj", "osmnx", "networkx", "scipy", "folium", "flask")
COMMANDS: dict[str, tuple[str, ...]] = {
    "craftroute --help": ("--help",),
    "craftroute plan --help": ("plan", "--help"),
    "craftroute route --help": ("route", "--help"),
    "plan --interests nope (usage error)": ("plan", "--interests", "nope", "--start", "x", "--days", "1"),
    "plan --days 0 (usage error)": ("plan", "--start", "Hoan Kiem Lake", "--days", "0"),
}


def entry_point(tree: Path) -> list[str]:
    """Return the interpreter arguments that run the command of the checkout at ``tree``."""
    if (tree / "craftroute" / "cli.py").exists():
        return ["-m", "craftroute"]
    return ["-c", "import sys; from web.cli import main; sys.exit(main())"]


def best_time(tree: Path, argv: tuple[str, ...], runs: int) -> tuple[float, int]:
    """Return the best wall-clock seconds of ``runs`` runs and the exit code."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    best, code = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run([sys.executable, *entry_point(tree), *argv], cwd=tree, env=env,
                                capture_output=True, check=False, timeout=120)
        best = min(best, time.perf_counter() - started)
        code = result.returncode
    return best, code


def heavy_imports(tree: Path, argv: tuple[str, ...]) -> list[str]:
    """Return the heavy libraries that one run of the command imported."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    result = subprocess.run([sys.executable, "-X", "importtime", *entry_point(tree), *argv], cwd=tree, env=env,
                            capture_output=True, text=True, check=False, timeout=120)
    names = {line.split("|")[-1].strip().split(".")[0]
             for line in result.stderr.splitlines() if line.startswith("import time:")}
    return sorted(names & set(HEAVY_MODULES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command; the best counts (default 5)")
    parser.add_argument("--baseline", metavar="REV", help="an earlier git revision to time the same way")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        baseline = None
        if args.baseline:
            baseline = Path(folder) / "baseline"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(baseline), args.baseline],
                           check=True, capture_output=True)
        try:
            rows = []
            for label, argv in COMMANDS.items():
                seconds, code = best_time(ROOT, argv, args.runs)
                row = {"command": label, "seconds": round(seconds, 3), "exit": code,
                       "heavy": heavy_imports(ROOT, argv)}
                if baseline is not None:
                    base_seconds, _ = best_time(baseline, argv, args.runs)
                    row |= {"baseline_seconds": round(base_seconds, 3),
                            "speedup": round(base_seconds / seconds, 1)}
                rows.append(row)
        finally:
            if baseline is not None:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(baseline)],
                               check=False, capture_output=True)
    print(f"{'command':<40} {'exit':>4} {'best s':>7} {'baseline s':>10} {'ratio':>6}  heavy libraries imported")
    for row in rows:
        print(f"{row['command']:<40} {row['exit']:>4} {row['seconds']:>7.3f} "
              f"{row.get('baseline_seconds', float('nan')):>10.3f} {row.get('speedup', float('nan')):>6.1f}  "
              f"{', '.join(row['heavy']) or '-'}")
    summary = {"runs": args.runs, "max_seconds": max(row["seconds"] for row in rows),
               "all_under_1s": all(row["seconds"] < 1.0 for row in rows), "baseline": args.baseline,
               "commands": rows}
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
