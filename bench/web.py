"""Benchmark: the web app's plan API and plan page under bounded load on 127.0.0.1.

Starts ``craftroute serve`` (waitress) in a child process on a free loopback port,
warms it up (road graph, travel matrices and places cached), then sends a bounded
number of requests from a small pool of client threads (a closed-loop load
generator: each thread sends its next request when the previous answer arrives):

* ``POST /api/v1/itineraries``: a 2-day plan over 30 candidate places;
* ``GET /plan?...``: the plan page for the same trip (map with road shapes, timeline).

It prints p50/p95/max latency and throughput per endpoint, then one JSON line.
Targets: p95 <= 300 ms for the API and <= 1 s for the page.

Usage: ``python bench/web.py [--requests 200] [--page-requests 50] [--concurrency 2]``.
Only 127.0.0.1 is contacted; the run stops by itself. Timings are wall-clock on a
shared machine.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import geodata

HOST = "127.0.0.1"
START = "21.0285,105.8542"  # Hoàn Kiếm Lake, where most visitors stay
CANDIDATES = 30
DAYS = 2
API_TARGET_P95_MS = 300.0
PAGE_TARGET_P95_MS = 1000.0
STARTUP_TIMEOUT_S = 120.0
REQUEST_TIMEOUT_S = 60.0


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def plan_fields() -> dict[str, Any]:
    """Return the benchmark trip: 2 days from Hoàn Kiếm over the 30 places nearest to it."""
    lat, lon = (float(part) for part in START.split(","))
    nearest = geodata.nearest_places(geodata.load_places(), lat, lon, n=CANDIDATES)
    return {"start": START, "days": DAYS, "date": "2026-12-01", "mode": "motorbike",
            "candidates": list(nearest.index)}


def start_server(port: int, threads: int) -> subprocess.Popen[bytes]:
    """Start ``craftroute serve`` on ``port`` and return the process once it answers."""
    command = [sys.executable, "-m", "craftroute", "serve", "--host", HOST, "--port", str(port),
               "--threads", str(threads)]
    process = subprocess.Popen(command, cwd=Path(__file__).resolve().parent.parent,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/villages?kind=destination", timeout=5).read()
            return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("server did not answer in time")


def timed_request(request: urllib.request.Request) -> float:
    """Return the seconds one request took; raise if it did not answer 200."""
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{request.full_url} answered {response.status}")
    return time.perf_counter() - began


def run_load(make_request: Any, count: int, concurrency: int) -> dict[str, float]:
    """Send ``count`` requests from ``concurrency`` threads; return latency figures in ms."""
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        latencies = sorted(pool.map(lambda _: timed_request(make_request()), range(count)))
    elapsed = time.perf_counter() - began
    milliseconds = [value * 1000 for value in latencies]
    return {
        "requests": count,
        "p50_ms": round(statistics.median(milliseconds), 1),
        "p95_ms": round(milliseconds[max(0, round(0.95 * count) - 1)], 1),
        "max_ms": round(milliseconds[-1], 1),
        "per_s": round(count / elapsed, 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table and the JSON line; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="API requests (default %(default)s)")
    parser.add_argument("--page-requests", type=int, default=50, help="plan page requests (default %(default)s)")
    parser.add_argument("--concurrency", type=int, default=2, help="client threads (default %(default)s)")
    parser.add_argument("--threads", type=int, default=4, help="waitress threads (default %(default)s)")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up requests per endpoint")
    args = parser.parse_args(argv)

    fields = plan_fields()
    port = free_port()
    base = f"http://{HOST}:{port}"
    body = json.dumps(fields).encode()

    def api_request() -> urllib.request.Request:
        return urllib.request.Request(f"{base}/api/v1/itineraries", data=body, method="POST",
                                      headers={"Content-Type": "application/json"})

    page_url = f"{base}/plan?" + urllib.parse.urlencode(
        [(key, value) for key, values in fields.items()
         for value in (values if isinstance(values, list) else [values])])

    def page_request() -> urllib.request.Request:
        return urllib.request.Request(page_url)

    server = start_server(port, args.threads)
    try:
        began = time.perf_counter()
        for _ in range(args.warmup):
            timed_request(api_request())
            timed_request(page_request())
        warmup_s = time.perf_counter() - began
        results = {
            "itineraries_api": run_load(api_request, args.requests, args.concurrency),
            "plan_page": run_load(page_request, args.page_requests, args.concurrency),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"2-day plan over {CANDIDATES} candidates, {args.concurrency} client threads, "
          f"waitress {args.threads} threads, warm-up {warmup_s:.1f} s")
    print(f"{'endpoint':<18}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'req/s':>8}{'target':>9}")
    targets = {"itineraries_api": API_TARGET_P95_MS, "plan_page": PAGE_TARGET_P95_MS}
    for name, figures in results.items():
        print(f"{name:<18}{figures['requests']:>9}{figures['p50_ms']:>9}{figures['p95_ms']:>9}"
              f"{figures['max_ms']:>9}{figures['per_s']:>8}{targets[name]:>9.0f}")
    summary = {
        **{f"{name}_{key}": value for name, figures in results.items() for key, value in figures.items()},
        "concurrency": args.concurrency,
        "api_p95_ok": results["itineraries_api"]["p95_ms"] <= API_TARGET_P95_MS,
        "page_p95_ok": results["plan_page"]["p95_ms"] <= PAGE_TARGET_P95_MS,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
