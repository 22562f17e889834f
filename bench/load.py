"""Benchmark: the production server under a realistic load (gunicorn + Locust headless, 127.0.0.1).

Starts gunicorn (``--workers`` processes x ``--threads`` threads, the app loaded once
before forking) on a free loopback port with the plan and matrix rate limits raised
through configuration (every simulated user shares one address), warms it up, then
runs Locust headless for ``--seconds`` with ``--users`` visitors (``bench/load_users.py``:
explorer, villages API, place pages, dashboard, plan form, plans through the API and
the page, GPX exports; 1-3 s between requests; plans from random hotels in urban Hanoi).

Prints a table per endpoint, then one JSON line
``{"users": U, "seconds": s, "requests": n, "failures": 0, "p95_ms": {endpoint: ms}, "rps": r}``.
Targets at 50 users for 60 s: 0 failures; p95 <= 1 s for pages and reads, <= 2 s for plans.

Usage: ``python bench/load.py [--users 50] [--seconds 60] [--workers 2] [--threads 8]``.
Only 127.0.0.1 is contacted; the server is stopped at the end. Figures are wall-clock
on the machine it runs on (shared machines give noisy figures).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

HOST = "127.0.0.1"
STARTUP_TIMEOUT_S = 300.0
PAGE_TARGET_P95_MS = 1000.0
PLAN_TARGET_P95_MS = 2000.0
#: Rate limits for the run: far above what 50 users sharing one address send.
LOAD_RATE_LIMIT = "100000 per minute"


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(port: int, *, workers: int, threads: int) -> subprocess.Popen[bytes]:
    """Start gunicorn on ``port`` (rate limits raised) and return it once it answers."""
    env = {**os.environ, "CRAFTROUTE_PLAN_RATE_LIMIT": LOAD_RATE_LIMIT,
           "CRAFTROUTE_MATRIX_RATE_LIMIT": LOAD_RATE_LIMIT, "PYTHONPATH": str(ROOT)}
    # Keep-alive longer than a user's pause, so that no client reuses a connection the
    # server has just closed (gunicorn's default is 2 s; users wait 1-3 s).
    command = [sys.executable, "-m", "gunicorn", "--bind", f"{HOST}:{port}", "--workers", str(workers),
               "--threads", str(threads), "--preload", "--timeout", "120", "--keep-alive", "30",
               "--log-level", "warning", "web:create_app()"]
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
                               start_new_session=True)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"server exited: {log.read().decode()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/crafts", timeout=5).read()
            return process
        except OSError:
            time.sleep(0.5)
    stop_server(process)
    raise RuntimeError("server did not answer in time")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn and its workers (its own process group)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def warm_up(base: str, *, workers: int, threads: int) -> None:
    """Request every page and read several times at once, so that every worker has loaded its data."""
    from concurrent.futures import ThreadPoolExecutor

    urls = ["/", "/explore", "/dashboard", "/api/v1/villages", "/places/bat-trang",
            "/plan?start=hoan-kiem-lake&days=1&date=2026-12-07"]
    # Parallel requests keep one worker busy, so that the others take connections too.
    with ThreadPoolExecutor(max_workers=workers * threads) as pool:
        for _ in range(3):
            list(pool.map(lambda url: urllib.request.urlopen(base + url, timeout=300).read(),
                          urls * workers * 2))


def run_locust(base: str, *, users: int, seconds: float) -> Any:
    """Return Locust's statistics after ``seconds`` of ``users`` visitors against ``base``."""
    import gevent
    import load_users
    from locust.env import Environment

    import geodata

    load_users.PLACE_IDS[:] = list(geodata.load_places().index)
    load_users.CRAFTS[:] = [entry["craft"] for entry in geodata.craft_vocabulary()]
    environment = Environment(user_classes=[load_users.Visitor], host=base)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=max(1.0, users / 10))
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    return environment.stats


def summarise(stats: Any, *, users: int, seconds: float) -> dict[str, Any]:
    """Return the JSON summary of a run: totals, p95 per endpoint and requests per second."""
    total = stats.total
    return {
        "users": users, "seconds": seconds, "requests": total.num_requests, "failures": total.num_failures,
        "p95_ms": {name: round(float(entry.get_response_time_percentile(0.95) or 0.0))
                   for (name, _method), entry in sorted(stats.entries.items())},
        "rps": round(total.num_requests / seconds, 1),
    }


def meets_targets(summary: dict[str, Any]) -> bool:
    """Return whether the run had no failures and every endpoint's p95 met its target."""
    from load_users import PLAN_NAMES

    within = all(p95 <= (PLAN_TARGET_P95_MS if name in PLAN_NAMES else PAGE_TARGET_P95_MS)
                 for name, p95 in summary["p95_ms"].items())
    return summary["failures"] == 0 and within


def main(argv: list[str] | None = None) -> int:
    """Run the load benchmark; print the table and the JSON line. Exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="simulated visitors (default %(default)s)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the run (default %(default)s)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default %(default)s)")
    parser.add_argument("--threads", type=int, default=8, help="threads per worker (default %(default)s)")
    args = parser.parse_args(argv)
    if args.users < 1 or args.seconds <= 0:
        parser.error("--users must be at least 1 and --seconds above 0")
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(port, workers=args.workers, threads=args.threads)
    try:
        warm_up(base, workers=args.workers, threads=args.threads)
        stats = run_locust(base, users=args.users, seconds=args.seconds)
    finally:
        stop_server(server)
    summary = summarise(stats, users=args.users, seconds=args.seconds)
    print(f"{'endpoint':32} {'requests':>9} {'fails':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for (name, _method), entry in sorted(stats.entries.items()):
        print(f"{name:32} {entry.num_requests:>9} {entry.num_failures:>6} {entry.median_response_time:>8.0f} "
              f"{entry.get_response_time_percentile(0.95):>8.0f} {entry.max_response_time:>8.0f}")
    for error in stats.errors.values():
        print(f"failure: {error.method} {error.name}: {error.error} ({error.occurrences}x)")
    print(json.dumps(summary))
    return 0 if meets_targets(summary) else 1


if __name__ == "__main__":
    sys.exit(main())
