"""The compact road graph cache: round trip, stale and corrupt caches are rebuilt."""

from __future__ import annotations

import logging
from dataclasses import fields, replace
from pathlib import Path

import numpy as np
import pytest

from planner import settings
from planner.routing.access import mode_denied
from planner.routing.compact import (
    CacheError,
    CompactGraph,
    edge_class_name,
    load_compact,
    save_compact,
)
from planner.routing.graph import cache_path, file_sha256, load_graph


def assert_same_graph(left: CompactGraph, right: CompactGraph) -> None:
    for field in fields(CompactGraph):
        a, b = getattr(left, field.name), getattr(right, field.name)
        if isinstance(a, np.ndarray):
            np.testing.assert_array_equal(a, b, err_msg=field.name)
        else:
            assert a == b, field.name


def test_clip_graph_is_a_real_road_network(clip_graph: CompactGraph) -> None:
    assert clip_graph.n_nodes > 500
    assert clip_graph.n_edges > clip_graph.n_nodes
    assert {"primary", "residential"} <= set(clip_graph.class_names.tolist())
    assert clip_graph.edge_oneway.any() and not clip_graph.edge_oneway.all()
    first = clip_graph.edge_points(0)
    u, v = clip_graph.edge_u[0], clip_graph.edge_v[0]
    np.testing.assert_allclose(first[0], (clip_graph.node_lon[u], clip_graph.node_lat[u]))
    np.testing.assert_allclose(first[-1], (clip_graph.node_lon[v], clip_graph.node_lat[v]))


def test_cache_round_trips(clip_graph: CompactGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.npz"
    save_compact(clip_graph, path, version=settings.GRAPH_CACHE_VERSION)
    loaded = load_compact(path, version=settings.GRAPH_CACHE_VERSION, source_sha256=clip_graph.source_sha256)
    assert_same_graph(clip_graph, loaded)


def test_load_graph_reuses_a_valid_cache(osm_clip: Path, clip_cache_dir: Path, clip_graph: CompactGraph) -> None:
    cached = cache_path(file_sha256(osm_clip), cache_dir=clip_cache_dir)
    stamp = cached.stat().st_mtime_ns
    assert_same_graph(load_graph(osm_path=osm_clip, cache_dir=clip_cache_dir), clip_graph)
    assert cached.stat().st_mtime_ns == stamp


def test_corrupt_cache_is_rebuilt(osm_clip: Path, clip_graph: CompactGraph, tmp_path: Path,
                                  caplog: pytest.LogCaptureFixture) -> None:
    cached = cache_path(file_sha256(osm_clip), cache_dir=tmp_path)
    save_compact(clip_graph, cached, version=settings.GRAPH_CACHE_VERSION)
    data = bytearray(cached.read_bytes())
    data[len(data) // 2: len(data) // 2 + 64] = b"\x00" * 64
    cached.write_bytes(bytes(data))
    with pytest.raises(CacheError):
        load_compact(cached, version=settings.GRAPH_CACHE_VERSION)
    with caplog.at_level(logging.WARNING, logger="planner.routing.graph"):
        rebuilt = load_graph(osm_path=osm_clip, cache_dir=tmp_path)
    assert "rebuilding" in caplog.text
    assert_same_graph(rebuilt, clip_graph)
    assert_same_graph(load_compact(cached, version=settings.GRAPH_CACHE_VERSION), clip_graph)


def test_truncated_cache_is_rebuilt(osm_clip: Path, clip_graph: CompactGraph, tmp_path: Path) -> None:
    cached = cache_path(file_sha256(osm_clip), cache_dir=tmp_path)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(b"PK\x03\x04 not a zip")
    assert_same_graph(load_graph(osm_path=osm_clip, cache_dir=tmp_path), clip_graph)


def test_stale_caches_are_refused(clip_graph: CompactGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.npz"
    save_compact(clip_graph, path, version=settings.GRAPH_CACHE_VERSION - 1)
    with pytest.raises(CacheError, match="format version"):
        load_compact(path, version=settings.GRAPH_CACHE_VERSION)
    save_compact(clip_graph, path, version=settings.GRAPH_CACHE_VERSION)
    with pytest.raises(CacheError, match="another version of the road data"):
        load_compact(path, version=settings.GRAPH_CACHE_VERSION, source_sha256="0" * 64)


def test_inconsistent_arrays_are_refused(clip_graph: CompactGraph, tmp_path: Path) -> None:
    broken = replace(clip_graph, edge_v=clip_graph.edge_v + clip_graph.n_nodes)
    path = tmp_path / "graph.npz"
    save_compact(broken, path, version=settings.GRAPH_CACHE_VERSION)
    with pytest.raises(CacheError, match="inconsistent"):
        load_compact(path, version=settings.GRAPH_CACHE_VERSION)


def test_changed_source_file_is_not_served_the_old_cache(osm_clip: Path, clip_graph: CompactGraph,
                                                         tmp_path: Path) -> None:
    edited = tmp_path / "clip.osm"
    text = osm_clip.read_bytes()
    first_way = text.index(b"<way")
    edited.write_bytes(text[:first_way] + text[text.index(b"</way>", first_way) + len(b"</way>"):])
    old_cache = cache_path(clip_graph.source_sha256, cache_dir=tmp_path)
    save_compact(clip_graph, old_cache, version=settings.GRAPH_CACHE_VERSION)
    rebuilt = load_graph(osm_path=edited, cache_dir=tmp_path)
    assert rebuilt.source_sha256 == file_sha256(edited) != clip_graph.source_sha256
    assert rebuilt.n_edges < clip_graph.n_edges


@pytest.mark.parametrize(("highway", "expected"), [
    (["residential", "tertiary"], "tertiary"),
    (["tertiary", "residential"], "tertiary"),
    (["primary", "motorway_link"], "motorway_link"),
    ("unclassified", "unclassified"),
    (None, "road"),
])
def test_merged_edges_get_one_class_whatever_the_list_order(highway: object, expected: str) -> None:
    assert edge_class_name({"highway": highway}, settings.ROAD_CLASS_ORDER) == expected


def test_an_edge_is_closed_if_any_merged_way_is() -> None:
    hierarchy = settings.ACCESS_TAGS["motorbike"]
    assert mode_denied({"access": ["yes", "private"]}, hierarchy, settings.DENIED_ACCESS)
    assert not mode_denied({"access": "destination"}, hierarchy, settings.DENIED_ACCESS)
    assert not mode_denied({}, hierarchy, settings.DENIED_ACCESS)
    assert not mode_denied({"motorcycle": "yes|yes|designated"}, hierarchy, settings.DENIED_ACCESS)
