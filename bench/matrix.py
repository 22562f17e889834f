"""Benchmark: our travel-time matrix against networkx/OSMnx on the same graph and weights.

For N = 50, 100 and 200 places (random road nodes of the full shared Hanoi graph, seeded)
it times

* ours, one band: ``Router.node_matrix`` (the graph contracted around the places, one
  scipy Dijkstra tree per place whose packed weights give time and length at once), the
  same job as networkx's;
* ours, banded: ``compute_matrix`` (snapping, one matrix slice per time band, every
  band of ``settings.TIME_BANDS``, consistency pass), what the planner uses; its road
  searches run on the graph contracted around the places (``planner.routing.contract``);
* ours, banded, one full search per band: ``Router.full_search_matrix`` once per band
  on the whole graph, lengths by predecessor walks (how both matrices were computed
  before the contraction), timed in the same run as the baseline of the banded figure;
* networkx, fair baseline: ``nx.dijkstra_predecessor_and_distance`` per origin on the
  OSMnx ``MultiDiGraph`` with the same per-mode ``travel_time`` weights, road lengths
  summed down the predecessor tree in settling order (the fastest networkx call for
  the job); timed like ours: warm, best of ``--runs`` runs;
* networkx, naive: ``nx.single_source_dijkstra`` per origin (builds a path to every node),
  lengths summed along each path, one run (what an OSMnx user often writes);
* OSMnx: ``ox.routing.shortest_path`` on a sample of pairs, extrapolated to N x N;

and reports seconds, speed-ups (against the fair baseline) and peak traced memory
(tracemalloc, measured in separate runs so tracing does not slow the timings). It also
times building the graph from the raw OSM file against loading the cached compact graph.

Usage: ``python bench/matrix.py [--mode motorbike] [--sizes 50,100,200] [--pairs 100] [--runs 3]``.
The last line printed is one JSON object (figures for the largest N).
Timings are wall-clock on a shared machine: other processes may slow any of them.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geodata.location import Location
from planner import Router, compute_matrix, settings
from planner.routing.access import mode_denied, oneway_exempt
from planner.routing.compact import edge_class_name
from planner.routing.graph import (
    compact_with_settings,
    file_sha256,
    graph_from_files,
    load_graph,
    road_paths,
)


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    """Return the wall-clock seconds of one call and its result."""
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def peak_mb(function: Callable[[], Any]) -> float:
    """Return the peak memory traced by tracemalloc during one call, in MB."""
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def mode_graph(graph: nx.MultiDiGraph, mode: str) -> nx.MultiDiGraph:
    """Return a copy of the OSMnx graph with the mode's edges and ``travel_time`` weights."""
    speeds = settings.SPEEDS_KMH[mode]
    result = nx.MultiDiGraph(**graph.graph)
    result.add_nodes_from(graph.nodes(data=True))
    for u, v, key, data in graph.edges(keys=True, data=True):
        highway = edge_class_name(data, settings.ROAD_CLASS_ORDER)
        if highway not in speeds or mode_denied(data, settings.ACCESS_TAGS[mode], settings.DENIED_ACCESS):
            continue
        travel_time = max(float(data["length"]) / (speeds[highway] / 3.6), 1e-3)
        result.add_edge(u, v, key, length=data["length"], travel_time=travel_time)
        two_way = mode in settings.IGNORE_ONEWAY_MODES or oneway_exempt(data, settings.ONEWAY_EXEMPT_TAGS.get(mode))
        if two_way and data.get("oneway"):
            result.add_edge(v, u, length=data["length"], travel_time=travel_time)
    return result


def networkx_matrix(graph: nx.MultiDiGraph, osmids: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Return (seconds, metres) with one networkx Dijkstra per origin, lengths along paths."""
    n = len(osmids)
    seconds, metres = np.full((n, n), np.inf), np.full((n, n), np.nan)
    for i, source in enumerate(osmids):
        times, paths = nx.single_source_dijkstra(graph, source, weight="travel_time")
        for j, target in enumerate(osmids):
            if target not in times:
                continue
            seconds[i, j] = times[target]
            path = paths[target]
            metres[i, j] = sum(min(graph[u][v].values(), key=lambda d: d["travel_time"])["length"]
                               for u, v in itertools.pairwise(path))
    return seconds, metres


def fastest_lengths(graph: nx.MultiDiGraph) -> dict[tuple[int, int], float]:
    """Return the road length of the fastest parallel edge of each (u, v)."""
    best: dict[tuple[int, int], tuple[float, float]] = {}
    for u, v, data in graph.edges(data=True):
        if (u, v) not in best or data["travel_time"] < best[(u, v)][0]:
            best[(u, v)] = (data["travel_time"], float(data["length"]))
    return {pair: length for pair, (_, length) in best.items()}


def networkx_fair_matrix(graph: nx.MultiDiGraph, lengths: dict[tuple[int, int], float],
                         osmids: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Return (seconds, metres) with ``dijkstra_predecessor_and_distance`` per origin, lengths down the tree."""
    n = len(osmids)
    seconds, metres = np.full((n, n), np.inf), np.full((n, n), np.nan)
    for i, source in enumerate(osmids):
        predecessors, times = nx.dijkstra_predecessor_and_distance(graph, source, weight="travel_time")
        along = {source: 0.0}
        for node in times:  # settling order: a node's predecessor is settled before it
            if node != source:
                before = predecessors[node][0]
                along[node] = along[before] + lengths[(before, node)]
        for j, target in enumerate(osmids):
            if target in times:
                seconds[i, j], metres[i, j] = times[target], along[target]
    return seconds, metres


def osmnx_pairs_seconds(graph: nx.MultiDiGraph, osmids: list[int], n_pairs: int, seed: int) -> float:
    """Return the mean seconds of ``ox.routing.shortest_path`` over random pairs."""
    import osmnx as ox

    rng = np.random.default_rng(seed)
    origins = rng.choice(osmids, n_pairs).tolist()
    destinations = rng.choice(osmids, n_pairs).tolist()
    elapsed, _ = timed(lambda: [ox.routing.shortest_path(graph, o, d, weight="travel_time")
                                for o, d in zip(origins, destinations, strict=True)])
    return elapsed / n_pairs


def per_band_searches(router: Router, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(seconds, metres)`` per band by one full-graph search per place and band (no contraction)."""
    slices = [router.full_search_matrix(nodes, band=band) for band in range(len(settings.TIME_BANDS))]
    return np.stack([s for s, _ in slices]), np.stack([m for _, m in slices])


def sample_locations(router: Router, n: int, seed: int) -> list[Location]:
    """Return ``n`` places at random usable road nodes."""
    assert router.graph is not None
    compact = router.graph.compact
    nodes = np.random.default_rng(seed).choice(np.flatnonzero(router.graph.usable), n, replace=False)
    return [Location(f"n{node}", f"node {node}", float(compact.node_lat[node]), float(compact.node_lon[node]))
            for node in nodes]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print a table and a final JSON line; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", default=settings.DEFAULT_MODE, choices=settings.MODES)
    parser.add_argument("--sizes", default="50,100,200", help="comma-separated numbers of places")
    parser.add_argument("--pairs", type=int, default=100, help="pairs for the OSMnx shortest_path sample")
    parser.add_argument("--osm", type=Path, nargs="+", help="road file(s) (default: the shared file from settings)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of ours and the fair baseline (best counts)")
    args = parser.parse_args(argv)
    sizes = [int(text) for text in args.sizes.split(",")]
    osm_paths = road_paths(args.osm or settings.resolve_osm_path())
    if not osm_paths:
        parser.error("no road file: give --osm or put the shared data in ../shared/data")

    with tempfile.TemporaryDirectory() as cache_text:
        cache_dir = Path(cache_text)
        osm_path = osm_paths[0]
        build_s, graph = timed(lambda: graph_from_files(osm_paths))
        compact_s, compact = timed(lambda: compact_with_settings(graph, source_sha256=file_sha256(osm_path),
                                                                 source_name=osm_path.name))
        load_graph(osm_path=osm_paths, cache_dir=cache_dir)  # build once more, writing the cache
        loads = [timed(lambda: Router.from_compact(load_graph(osm_path=osm_paths, cache_dir=cache_dir),
                                                   mode=args.mode))[0] for _ in range(3)]
    cache_load_s = statistics.median(loads)
    router = Router.from_compact(compact, mode=args.mode)
    weighted = mode_graph(graph, args.mode)
    print(f"graph {osm_path.name}: {compact.n_nodes:,} nodes, {compact.n_edges:,} edges; mode {args.mode}")
    print(f"build from raw OSM {build_s + compact_s:.1f} s (read + OSMnx {build_s:.1f} s + compact {compact_s:.1f} s); "
          f"load from cache {cache_load_s:.2f} s")
    print(f"{'N':>5} {'ours 1 band s':>13} {'ours bands s':>12} {'full bands s':>12} {'nx fair s':>10} "
          f"{'speed-up':>9} {'nx naive s':>10} {'osmnx N*N s':>12} {'ours MB':>8} {'nx MB/origin':>13} "
          f"{'max |dt| s':>11}")

    rows: list[dict[str, Any]] = []
    osmnx_pair_s = osmnx_pairs_seconds(weighted, compact.node_osmid[router.graph.usable].tolist(),
                                       args.pairs, seed=1) if router.graph is not None else float("nan")
    lengths = fastest_lengths(weighted)
    n_bands = len(settings.TIME_BANDS)
    for n in sizes:
        locations = sample_locations(router, n, seed=n)
        nodes = np.array([int(loc.id[1:]) for loc in locations], dtype=np.int64)
        osmids = [int(compact.node_osmid[node]) for node in nodes]
        compute_matrix(router, locations[:2])  # warm-up: every band's weights built
        networkx_fair_matrix(weighted, lengths, osmids[:1])  # warm-up
        one_band = functools.partial(router.node_matrix, nodes)
        banded = functools.partial(compute_matrix, router, locations)
        fair = functools.partial(networkx_fair_matrix, weighted, lengths, osmids)
        full_bands = functools.partial(per_band_searches, router, nodes)
        one_runs = [timed(one_band) for _ in range(args.runs)]
        band_runs = [timed(banded) for _ in range(args.runs)]
        full_runs = [timed(full_bands) for _ in range(args.runs)]
        fair_runs = [timed(fair) for _ in range(args.runs)]
        ours_s, banded_s, full_s, fair_s = (min(r[0] for r in runs)
                                            for runs in (one_runs, band_runs, full_runs, fair_runs))
        naive_s, (naive_seconds, _) = timed(functools.partial(networkx_matrix, weighted, osmids))
        (our_seconds, our_metres), matrix = one_runs[0][1], band_runs[0][1]
        nx_seconds, nx_metres = fair_runs[0][1]
        ours_mb = peak_mb(banded)
        nx_mb = peak_mb(functools.partial(networkx_fair_matrix, weighted, lengths, osmids[:1]))
        # Places sit on nodes, so access legs are 0 and the matrices must agree.
        max_dt = float(np.nanmax(np.abs(our_seconds - nx_seconds)))
        max_dm = float(np.nanmax(np.abs(our_metres - nx_metres)))
        default = np.abs(matrix.duration_s - nx_seconds)
        contracted_s, contracted_m = router.node_band_matrices(nodes)
        full_seconds, full_metres = full_runs[0][1]
        row = {"n": n, "bands": n_bands, "seconds": round(ours_s, 3), "banded_seconds": round(banded_s, 3),
               "banded_full_search_seconds": round(full_s, 3), "banded_speedup_vs_full": round(full_s / banded_s, 2),
               "banded_vs_full_max_abs_diff_s": float(np.nanmax(np.abs(contracted_s - full_seconds))),
               "banded_vs_full_max_abs_diff_m": float(np.nanmax(np.abs(contracted_m - full_metres))),
               "baseline": "networkx dijkstra_predecessor_and_distance", "baseline_seconds": round(fair_s, 2),
               "speedup": round(fair_s / ours_s, 1), "banded_speedup_per_band": round(fair_s * n_bands / banded_s, 1),
               "full_search_speedup_per_band": round(fair_s * n_bands / full_s, 1),
               "naive_single_source_dijkstra_seconds": round(naive_s, 2),
               "osmnx_shortest_path_extrapolated_seconds": round(osmnx_pair_s * n * n, 1),
               "peak_mb": round(ours_mb, 1), "baseline_peak_mb_per_origin": round(nx_mb, 1),
               "max_abs_diff_s": max_dt, "max_abs_diff_m": max_dm,
               "default_band_max_abs_diff_s": float(np.nanmax(default)),
               "naive_max_abs_diff_s": float(np.nanmax(np.abs(naive_seconds - nx_seconds)))}
        rows.append(row)
        print(f"{n:>5} {ours_s:>13.3f} {banded_s:>12.3f} {full_s:>12.3f} {fair_s:>10.2f} {row['speedup']:>8.1f}x "
              f"{naive_s:>10.2f} "
              f"{osmnx_pair_s * n * n:>12.1f} {ours_mb:>8.1f} {nx_mb:>13.1f} {max_dt:>11.2g}")

    summary = dict(rows[-1])
    summary.update({"mode": args.mode, "cache_load_seconds": round(cache_load_s, 3),
                    "build_seconds": round(build_s + compact_s, 2), "runs": args.runs,
                    "osmnx_shortest_path_seconds_per_pair": round(osmnx_pair_s, 4),
                    "nodes": compact.n_nodes, "edges": compact.n_edges, "sizes": rows})
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
