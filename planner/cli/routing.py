"""``craftroute build-graph | route | matrix | coverage``: the routing core on the command line.

Thin edges over :mod:`planner.routing`: parse arguments, resolve places with
:func:`geodata.resolve_location`, print text or JSON. User errors are
:class:`geodata.errors.CraftRouteError`, turned into one line and exit 2 by
:mod:`craftroute.cli`. ``geodata`` and ``routing`` load lazily: the road graph code is
imported only when a handler runs.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from pathlib import Path

import geodata
from geodata.errors import CraftRouteError
from geodata.location import Location

from .. import routing, settings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the routing subcommands to the ``craftroute`` parser."""
    build = subparsers.add_parser("build-graph", help="build and cache the road graph (once)")
    _add_source_options(build)
    build.add_argument("--rebuild", action="store_true", help="ignore an existing cache")
    build.set_defaults(func=run_build_graph)

    route = subparsers.add_parser("route", help="travel time, distance and road shape between two places")
    route.add_argument("origin", metavar="FROM", help='place id, name (any accents) or "lat,lon"')
    route.add_argument("destination", metavar="TO", help='place id, name (any accents) or "lat,lon"')
    _add_source_options(route)
    _add_depart_option(route)
    _add_format_option(route, default="text")
    route.set_defaults(func=run_route)

    matrix = subparsers.add_parser("matrix", help="travel-time and distance matrix between places")
    matrix.add_argument("--ids", metavar="PLACES",
                        help='places separated by commas (ids, names), or by ";" when any is a point '
                             '"lat,lon" (e.g. "21.03,105.85;bat-trang"); default: all bundled')
    _add_source_options(matrix)
    _add_depart_option(matrix)
    _add_format_option(matrix, default="json")
    matrix.set_defaults(func=run_matrix)

    coverage = subparsers.add_parser("coverage", help="which bundled places the road graph routes")
    _add_source_options(coverage)
    _add_format_option(coverage, default="text")
    coverage.set_defaults(func=run_coverage)


def _add_source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mode", default=settings.DEFAULT_MODE,
                        help=f"travel mode: {', '.join(settings.MODES)} (default {settings.DEFAULT_MODE})")
    parser.add_argument("--osm", type=Path, nargs="+", metavar="FILE",
                        help="road file(s): .osm, .osm.gz, .osm.bz2 or .osm.pbf (e.g. Geofabrik's Vietnam extract, "
                             "clipped to Hanoi); several are merged; default from settings")


def _add_depart_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--depart", metavar="HH:MM",
                        help=f"departure time: rush hours slow the roads (bands {_bands_text()}; "
                             f"default {settings.DEFAULT_DEPART}, outside the peaks)")


def _bands_text() -> str:
    return ", ".join(f"{name.replace('_', ' ')} from {start}" for name, start in settings.TIME_BANDS)


def _depart_min(args: argparse.Namespace) -> float | None:
    """Return the ``--depart`` time in minutes after midnight, or ``None``."""
    if args.depart is None:
        return None
    from ..routing.bands import clock_min

    return clock_min(args.depart, field="--depart")


def _add_format_option(parser: argparse.ArgumentParser, *, default: str) -> None:
    parser.add_argument("--format", choices=("text", "json"), default=default,
                        help=f"output format (default {default})")


def _router(args: argparse.Namespace) -> routing.Router:
    """Return the router for the mode and road file named on the command line."""
    mode = routing.check_mode(args.mode, field="--mode")
    if args.osm is None:
        return routing.get_router(mode)
    for path in args.osm:
        routing.check_osm_file(path, field="--osm")
    return routing.Router.load(mode=mode, osm_path=args.osm, field="--osm")


def run_build_graph(args: argparse.Namespace) -> int:
    """Build (or validate) the cached road graph and print a summary."""
    mode = routing.check_mode(args.mode, field="--mode")
    for path in args.osm or ():
        routing.check_osm_file(path, field="--osm")
    started = time.perf_counter()
    compact = routing.load_graph(osm_path=args.osm, rebuild=args.rebuild, progress=True,
                         field="osm_path" if args.osm is None else "--osm")
    seconds = time.perf_counter() - started
    router = routing.Router.from_compact(compact, mode=mode)
    assert router.graph is not None
    usable = int(router.graph.usable.sum())
    print(f"road graph from {compact.source_name} (sha256 {compact.source_sha256[:12]}): "
          f"{compact.n_nodes:,} nodes, {compact.n_edges:,} edges, ready in {seconds:.1f} s")
    print(f"{mode}: {router.graph.time_csr.nnz:,} usable edges; largest strongly connected component "
          f"{usable:,} nodes ({usable / max(compact.n_nodes, 1):.0%})")
    lat, lon = compact.node_lat, compact.node_lon
    print(f"coverage box: lat {lat.min():.4f}..{lat.max():.4f}, lon {lon.min():.4f}..{lon.max():.4f}")
    try:
        rows = routing.coverage_rows(router, _bundled_locations())
    except CraftRouteError as error:  # no bundled places file: nothing to report on
        print(f"bundled places not checked: {error}")
        return 0
    print(f"bundled places by {mode}: {_status_counts(rows)} of {len(rows)} "
          f"(`craftroute coverage` lists them)")
    return 0


def run_route(args: argparse.Namespace) -> int:
    """Print the leg between two places."""
    origin = geodata.resolve_location(args.origin, field="FROM")
    destination = geodata.resolve_location(args.destination, field="TO")
    depart_min = _depart_min(args)
    router = _router(args)
    leg = router.leg(origin, destination, depart_min=depart_min)
    if args.format == "json":
        print(json.dumps(routing.leg_to_dict(leg, origin, destination), ensure_ascii=False))
        return 0
    when = routing.leg_to_dict(leg, origin, destination)
    print(f"{origin.name} -> {destination.name} by {leg.mode}, leaving {when['depart']} "
          f"({when['band'].replace('_', ' ')}): {leg.distance_m / 1000:.1f} km, "
          f"{leg.duration_s / 60:.0f} min ({routing.leg_how(leg)})")
    for label, location in (("from", origin), ("to", destination)):
        snap = router.snap(location)
        distance = "no road data" if not math.isfinite(snap.distance_m) else f"{snap.distance_m:.0f} m"
        print(f"  {label} {location.id}: nearest reachable road node {distance}, {snap.status}")
    return 0


def _bundled_locations() -> list[Location]:
    """Return every bundled place as a location."""
    return geodata.places_to_locations(geodata.load_places())


def _named_locations(ids_text: str) -> list[Location]:
    """Return the places named by ``--ids``: split on ";" when the text has one, else on commas.

    A single "lat,lon" point (two numbers and one comma, no ";") is one place.
    """
    texts = [text.strip() for text in ids_text.split(";" if ";" in ids_text else ",")]
    if ";" not in ids_text and len(texts) == 2 and all(_is_number(text) for text in texts):
        texts = [ids_text.strip()]
    if any(not text for text in texts):
        msg = (f'must be places separated by commas, or by ";" when a place is a point "lat,lon" '
               f'(e.g. "21.03,105.85;bat-trang"), with no empty item, got {ids_text!r}')
        raise CraftRouteError("--ids", msg)
    return [geodata.resolve_location(text, field="--ids") for text in texts]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def run_matrix(args: argparse.Namespace) -> int:
    """Print the travel matrix between the places."""
    depart_min = _depart_min(args)
    if args.ids is None:
        matrix = routing.cached_matrix(_router(args), _bundled_locations())
    else:
        locations = _named_locations(args.ids)
        router = _router(args)
        try:
            bundled = _bundled_locations()
        except CraftRouteError:  # no bundled places file: nothing cached to reuse
            matrix = routing.compute_matrix(router, locations)
        else:
            matrix = routing.matrix_with_cache(router, locations, bundled=bundled)
    if depart_min is not None:
        matrix = matrix.at(depart_min)
    if args.format == "json":
        print(json.dumps(routing.matrix_to_dict(matrix), ensure_ascii=False))
        return 0
    print("\n".join(matrix_text(matrix)))
    return 0


def matrix_text(matrix: routing.TravelMatrix) -> list[str]:
    """Return the lines of the text matrix: columns numbered, each row ``number id`` with full ids."""
    width = max((len(i) for i in matrix.ids), default=2)
    cell = max(5, len(str(len(matrix.ids))) + 1)
    lines = [f"minutes by {matrix.mode} (* = estimated); column N is the place of row N"]
    lines.append(" " * (width + 5) + "".join(f" {number:>{cell}}" for number in range(1, len(matrix.ids) + 1)))
    for row, origin in enumerate(matrix.ids):
        cells = "".join(
            f" {matrix.duration_s[row, col] / 60:>{cell - 1}.0f}{'*' if matrix.estimated[row, col] else ' '}"
            for col in range(len(matrix.ids))
        )
        lines.append(f"{row + 1:>3}. {origin:<{width}}{cells}")
    return lines


def run_coverage(args: argparse.Namespace) -> int:
    """Print, for each bundled place, its snap distance and whether it is routed."""
    locations = _bundled_locations()
    router = _router(args)
    rows = routing.coverage_rows(router, locations)
    if args.format == "json":
        counts = {status: sum(row["status"] == status for row in rows) for status in routing.SNAP_STATUSES}
        print(json.dumps({"mode": router.mode, "max_snap_m": settings.MAX_SNAP_M,
                          "max_access_m": settings.MAX_ACCESS_M, "counts": counts, "places": rows},
                         ensure_ascii=False))
        return 0
    print(f"{_status_counts(rows)} of {len(rows)} places by {router.mode} (routed within "
          f"{settings.MAX_SNAP_M:.0f} m of the network, partly routed within {settings.MAX_ACCESS_M / 1000:.0f} km "
          f"with an estimated access leg, others estimated)")
    for row in rows:
        snap = "-" if row["snap_m"] is None else f"{row['snap_m']:.0f} m"
        access = "" if row["access_m"] is None or row["status"] == "routed" else \
            f" (access {row['access_m'] / 1000:.1f} km estimated)"
        print(f"  {row['status']:<13} {snap:>9}  {row['id']}  {row['name']}{access}")
    return 0


def _status_counts(rows: list[dict[str, object]]) -> str:
    """Return "N routed, N partly routed, N estimated" for coverage rows."""
    return ", ".join(f"{sum(row['status'] == status for row in rows)} {status}"
                     for status in routing.SNAP_STATUSES)
