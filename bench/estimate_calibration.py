"""Calibration of the labelled estimate: detour factor and door-to-door speeds by mode.

For every ordered pair of bundled places that is routed (both within the snap limit)
and more than ``--min-km`` apart, compare the routed road distance with the straight
line, and the routed distance with the routed duration. Prints a table per mode and,
last, one JSON object. The figures back ``DETOUR_FACTOR`` and ``ESTIMATE_SPEED_KMH`` in
``planner/settings.py``.

Usage: ``python bench/estimate_calibration.py [--min-km 2]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geodata import haversine_m, load_places, place_to_location
from planner import cached_matrix, get_router, settings


def main(argv: list[str] | None = None) -> int:
    """Print the calibration table and a final JSON line; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-km", type=float, default=2.0, help="skip pairs closer than this")
    args = parser.parse_args(argv)
    locations = [place_to_location(row) for _, row in load_places().iterrows()]
    lat = np.array([loc.lat for loc in locations])
    lon = np.array([loc.lon for loc in locations])
    straight_m = np.asarray(haversine_m(lat[:, None], lon[:, None], lat[None, :], lon[None, :]))
    print(f"{'mode':<10} {'pairs':>6} {'detour p25':>10} {'median':>7} {'p75':>6} "
          f"{'speed p10':>9} {'median':>7} {'p90':>6} {'setting km/h':>12}")
    summary: dict[str, dict[str, float]] = {}
    for mode in settings.MODES:
        matrix = cached_matrix(get_router(mode), locations)
        pairs = ~matrix.estimated & (straight_m > args.min_km * 1000)
        detour = matrix.distance_m[pairs] / straight_m[pairs]
        speed_kmh = matrix.distance_m[pairs] / matrix.duration_s[pairs] * 3.6
        d25, d50, d75 = np.percentile(detour, [25, 50, 75])
        s10, s50, s90 = np.percentile(speed_kmh, [10, 50, 90])
        print(f"{mode:<10} {int(pairs.sum()):>6} {d25:>10.2f} {d50:>7.2f} {d75:>6.2f} "
              f"{s10:>9.1f} {s50:>7.1f} {s90:>6.1f} {settings.ESTIMATE_SPEED_KMH[mode]:>12.1f}")
        summary[mode] = {"pairs": int(pairs.sum()), "detour_median": round(float(d50), 3),
                         "speed_kmh_median": round(float(s50), 1)}
    print(json.dumps({"detour_factor_setting": settings.DETOUR_FACTOR, "min_km": args.min_km, **summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
