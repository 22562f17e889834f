"""Benchmark: the planners' dashboard with its caches and simplified polygons vs without.

Runs the Flask app in-process (test client, no network) on the real register and the
shared boundary files, and measures ``GET /dashboard`` (no filter and with a craft filter):

* ``repeat``: the app as shipped, two pages viewed again and again (the recent pages are kept);
* ``new_filter``: a different filter each time (a former district), so each page is built,
  but the register, derived current-unit polygons, areas and simplified display geometry
  are computed once per application;
* ``uncached``: the ``new_filter`` requests after dropping every cached object before each
  one (what each page would cost if nothing were kept): the baseline;
* ``unsimplified``: cached, but polygons drawn at full GADM detail
  (``web.settings.MAP_SIMPLIFY_DEG = 0``): the page size baseline.

Prints p50/p95 latency and page size per variant, the ratios, then one JSON line.
Usage: ``python bench/dashboard.py [--requests 20]``. Timings are wall-clock on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from web import create_app, settings, state  # noqa: E402

REPEATED = ("/dashboard", "/dashboard?craft=furniture")


def district_urls() -> list[str]:
    """Return one dashboard URL per former district of the register (each a new filter)."""
    from urllib.parse import urlencode

    from geodata.register import load_register

    districts = sorted(load_register()["former_district"].unique())
    return [f"/dashboard?{urlencode({'district': name})}" for name in districts]


def measure(urls: list[str] | tuple[str, ...], requests: int, *, drop_cache: bool,
            simplify_deg: float) -> dict[str, Any]:
    """Return latency (ms) and page size (bytes) of ``requests`` pages cycling through ``urls``."""
    original = settings.MAP_SIMPLIFY_DEG
    settings.MAP_SIMPLIFY_DEG = simplify_deg
    try:
        app = create_app({"TESTING": True})
        client = app.test_client()
        client.get("/dashboard?status=unknown")  # warm-up: imports, first loads
        times_ms: list[float] = []
        sizes: list[int] = []
        for index in range(requests):
            if drop_cache:
                with app.app_context():
                    state.get_cached("unused", dict)  # ensure the state exists
                    app.extensions[state.EXTENSION_KEY].cache.clear()
            started = time.perf_counter()
            response = client.get(urls[index % len(urls)])
            times_ms.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
            sizes.append(len(response.data))
    finally:
        settings.MAP_SIMPLIFY_DEG = original
    ordered = sorted(times_ms)
    return {"p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
            "page_kb": round(statistics.mean(sizes) / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    """Run the three variants, print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args(argv)
    fresh = district_urls()[:args.requests]
    results = {
        "repeat": measure(REPEATED, args.requests, drop_cache=False, simplify_deg=settings.MAP_SIMPLIFY_DEG),
        "new_filter": measure(fresh, len(fresh), drop_cache=False, simplify_deg=settings.MAP_SIMPLIFY_DEG),
        "uncached": measure(fresh, len(fresh), drop_cache=True, simplify_deg=settings.MAP_SIMPLIFY_DEG),
        "unsimplified": measure(fresh, len(fresh), drop_cache=False, simplify_deg=0.0),
    }
    print(f"{'variant':<14}{'p50 ms':>10}{'p95 ms':>10}{'page KB':>10}")
    for name, row in results.items():
        print(f"{name:<14}{row['p50_ms']:>10}{row['p95_ms']:>10}{row['page_kb']:>10}")
    ratios = {"uncached_over_new_filter_p50": round(results["uncached"]["p50_ms"] / results["new_filter"]["p50_ms"], 2),
              "uncached_over_repeat_p50": round(results["uncached"]["p50_ms"] / results["repeat"]["p50_ms"], 1),
              "unsimplified_over_simplified_kb": round(results["unsimplified"]["page_kb"]
                                                       / results["new_filter"]["page_kb"], 2)}
    print(f"uncached / new filter p50: {ratios['uncached_over_new_filter_p50']}x; uncached / repeat p50: "
          f"{ratios['uncached_over_repeat_p50']}x; unsimplified / simplified page size: "
          f"{ratios['unsimplified_over_simplified_kb']}x")
    print(json.dumps({"benchmark": "dashboard", "requests": args.requests, **results, **ratios}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
