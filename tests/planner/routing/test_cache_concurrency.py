"""Graph and matrix caches under concurrency and faults: two real processes building the same
cache at once leave one valid file, built once; a truncated or garbage file is rebuilt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from planner import settings
from planner.routing.compact import CacheError, load_compact
from planner.routing.graph import cache_path, file_sha256, load_graph
from planner.routing.matrix import cached_matrix

REPO = Path(__file__).resolve().parents[3]

#: Run in each child: build (or wait for and load) the cache; print what was built.
CHILD = """
import logging, sys
from pathlib import Path
logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(name)s %(message)s")
from geodata.location import Location
from planner import Router
from planner.routing.graph import load_graph
from planner.routing.matrix import cached_matrix
osm, cache, what = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
graph = load_graph(osm_path=osm, cache_dir=cache, progress=False)
if what == "matrix":
    places = [Location("hoan-kiem-lake", "Ho Hoan Kiem", 21.0287, 105.8524, "destination"),
              Location("dong-xuan", "Cho Dong Xuan", 21.0382, 105.8495, "destination"),
              Location("opera-house", "Nha hat Lon", 21.0245, 105.8575, "destination")]
    matrix = cached_matrix(Router.from_compact(graph, mode="walk"), places, cache_dir=cache)
    print(float(matrix.duration_s.sum()))
else:
    print(graph.n_edges)
"""


def run_two_at_once(osm_clip: Path, cache_dir: Path, what: str) -> list[subprocess.CompletedProcess[str]]:
    """Return the results of two child processes started together on an empty cache folder."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(osm_clip), str(cache_dir), what],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
                for _ in range(2)]
    results = []
    for child in children:
        out, err = child.communicate(timeout=600)
        results.append(subprocess.CompletedProcess(child.args, child.returncode, out, err))
    return results


@pytest.mark.slow
def test_two_processes_building_the_graph_leave_one_valid_cache(osm_clip: Path, tmp_path: Path) -> None:
    results = run_two_at_once(osm_clip, tmp_path, "graph")
    assert [r.returncode for r in results] == [0, 0], [r.stderr[-2000:] for r in results]
    assert results[0].stdout == results[1].stdout
    built = sum("cached" in r.stderr and "nodes" in r.stderr for r in results)
    assert built == 1  # the second process waited for the lock, then loaded the file
    [cache] = tmp_path.glob("*.npz")
    assert load_compact(cache, version=settings.GRAPH_CACHE_VERSION).n_edges == int(results[0].stdout)
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.slow
def test_two_processes_building_the_matrix_leave_one_valid_cache(osm_clip: Path, clip_graph, tmp_path: Path,
                                                                  clip_cache_dir: Path) -> None:
    # The graph cache is already there: both children race on the matrix only.
    for built in clip_cache_dir.glob("*.npz"):
        (tmp_path / built.name).write_bytes(built.read_bytes())
    results = run_two_at_once(osm_clip, tmp_path, "matrix")
    assert [r.returncode for r in results] == [0, 0], [r.stderr[-2000:] for r in results]
    assert results[0].stdout == results[1].stdout
    assert len(list(tmp_path.glob("matrix-walk-*.npz"))) == 1
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_damaged_graph_cache_is_rebuilt_not_served(osm_clip: Path, clip_graph, tmp_path: Path, damage: str) -> None:
    cached = cache_path(file_sha256(osm_clip), cache_dir=tmp_path)
    load_graph(osm_path=osm_clip, cache_dir=tmp_path, progress=False)
    good = cached.read_bytes()
    cached.write_bytes(good[: len(good) // 2] if damage == "truncated" else os.urandom(len(good)))
    with pytest.raises(CacheError):
        load_compact(cached, version=settings.GRAPH_CACHE_VERSION)
    rebuilt = load_graph(osm_path=osm_clip, cache_dir=tmp_path, progress=False)
    assert rebuilt.n_edges == clip_graph.n_edges
    assert load_compact(cached, version=settings.GRAPH_CACHE_VERSION).n_edges == clip_graph.n_edges


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_damaged_matrix_cache_is_recomputed_not_served(clip_graph, tmp_path: Path, damage: str) -> None:
    from geodata.location import Location
    from planner import Router

    router = Router.from_compact(clip_graph, mode="motorbike")
    places = [Location("hoan-kiem-lake", "Hồ Hoàn Kiếm", 21.0287, 105.8524, "destination"),
              Location("opera-house", "Nhà hát Lớn", 21.0245, 105.8575, "destination")]
    expected = cached_matrix(router, places, cache_dir=tmp_path)
    [stored] = tmp_path.glob("matrix-*.npz")
    good = stored.read_bytes()
    stored.write_bytes(good[:100] if damage == "truncated" else os.urandom(len(good)))
    again = cached_matrix(router, places, cache_dir=tmp_path)
    np.testing.assert_allclose(again.duration_s, expected.duration_s)
    assert stored.read_bytes()[:2] == b"PK"  # rewritten as a valid zip
