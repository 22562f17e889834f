"""Road files as users have them: .osm, .osm.gz, .osm.bz2 and .osm.pbf, several merged, clipped to Hanoi."""

from __future__ import annotations

import bz2
import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import osmium
import osmnx as ox
import pytest

from geodata.errors import CraftRouteError
from planner import settings
from planner.routing.compact import CompactGraph
from planner.routing.graph import graph_from_files, load_graph, way_tags_to_keep


def write_pbf(source: Path, target: Path) -> Path:
    """Write every object of an OSM file to a .osm.pbf with pyosmium."""
    with osmium.SimpleWriter(str(target)) as writer:
        for obj in osmium.FileProcessor(str(source)):
            writer.add(obj)
    return target


def split_ways(source: Path, first: Path, second: Path) -> int:
    """Write two files sharing all nodes and overlapping in their middle third of ways; return the way count."""
    root = ET.parse(source).getroot()
    nodes = [element for element in root if element.tag == "node"]
    ways = [element for element in root if element.tag == "way"]
    for path, part in ((first, ways[: 2 * len(ways) // 3]), (second, ways[len(ways) // 3:])):
        osm = ET.Element("osm", version="0.6")
        osm.extend(nodes + part)
        ET.ElementTree(osm).write(path, encoding="utf-8", xml_declaration=True)
    return len(ways)


def counts(graph: CompactGraph) -> tuple[int, int, float]:
    return graph.n_nodes, graph.n_edges, round(float(graph.edge_length_m.sum()), 3)


@pytest.fixture(scope="module")
def clip_counts(clip_graph: CompactGraph) -> tuple[int, int, float]:
    return counts(clip_graph)


@pytest.mark.parametrize("suffix", [".osm.gz", ".osm.bz2", ".osm.pbf"])
def test_every_format_gives_the_same_graph(suffix: str, osm_clip: Path, clip_counts: tuple[int, int, float],
                                           tmp_path: Path) -> None:
    target = tmp_path / f"clip{suffix}"
    if suffix == ".osm.pbf":
        write_pbf(osm_clip, target)
    else:
        opener = gzip.open if suffix == ".osm.gz" else bz2.open
        with opener(target, "wb") as out:
            out.write(osm_clip.read_bytes())
    assert counts(load_graph(osm_path=target, cache_dir=tmp_path)) == clip_counts


def test_the_reader_builds_what_osmnx_builds_from_xml(osm_clip: Path) -> None:
    ox.settings.useful_tags_way = way_tags_to_keep()
    expected = ox.graph_from_xml(osm_clip, simplify=True, retain_all=True)
    expected.remove_nodes_from([node for node, degree in dict(expected.degree()).items() if degree == 0])
    ours = graph_from_files([osm_clip])
    assert (ours.number_of_nodes(), ours.number_of_edges()) == (expected.number_of_nodes(),
                                                                expected.number_of_edges())
    assert set(ours.edges(keys=False)) == set(expected.edges(keys=False))


def test_several_files_merge_into_one_graph(osm_clip: Path, clip_counts: tuple[int, int, float],
                                            tmp_path: Path) -> None:
    first, second = tmp_path / "west.osm", tmp_path / "east.osm"
    n_ways = split_ways(osm_clip, first, second)
    assert n_ways > 100
    merged = load_graph(osm_path=[first, write_pbf(second, tmp_path / "east.osm.pbf")], cache_dir=tmp_path)
    assert counts(merged) == clip_counts  # shared nodes join, the ways in both files count once
    assert counts(load_graph(osm_path=first, cache_dir=tmp_path))[1] < clip_counts[1]
    assert merged.source_name == "west.osm + east.osm.pbf"


def test_roads_outside_hanoi_are_clipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two roads: one at Hoan Kiem Lake, one in Hai Phong (106.68 E, 60 km east of the city's edge).
    nodes = {1: (21.0300, 105.8500), 2: (21.0300, 105.8520), 3: (20.8600, 106.6800), 4: (20.8600, 106.6820)}
    text = "".join(f'<node id="{i}" lat="{lat}" lon="{lon}" version="1"/>' for i, (lat, lon) in nodes.items())
    text += "".join(f'<way id="{w}" version="1"><nd ref="{a}"/><nd ref="{b}"/><tag k="highway" v="primary"/></way>'
                    for w, (a, b) in ((10, (1, 2)), (11, (3, 4))))
    path = tmp_path / "two-cities.osm"
    path.write_text(f'<?xml version="1.0"?><osm version="0.6">{text}</osm>', encoding="utf-8")
    clipped = load_graph(osm_path=path, cache_dir=tmp_path)
    assert sorted(clipped.node_osmid.tolist()) == [1, 2]
    monkeypatch.setattr(settings, "clip_to_hanoi", False)
    assert sorted(load_graph(osm_path=path, cache_dir=tmp_path).node_osmid.tolist()) == [1, 2, 3, 4]


def test_a_file_of_another_format_names_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "roads.osm.pbf"
    bad.write_bytes(b"not a protocol buffer")
    with pytest.raises(CraftRouteError, match=r"--osm: must be an OSM road file \(\.osm, .*cannot read") as raised:
        load_graph(osm_path=bad, cache_dir=tmp_path, field="--osm")
    assert raised.value.field == "--osm"


@pytest.mark.slow
def test_a_pbf_of_the_shared_file_gives_the_same_graph(shared_osm_file: Path, full_graph: CompactGraph,
                                                       tmp_path: Path) -> None:
    pbf = write_pbf(shared_osm_file, tmp_path / "hanoi.osm.pbf")
    assert pbf.stat().st_size < shared_osm_file.stat().st_size
    assert counts(load_graph(osm_path=pbf, cache_dir=tmp_path)) == counts(full_graph)
