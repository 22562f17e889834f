"""Fixtures for the routing tests: real OSM road data from ../shared/data, clipped and cached.

The clip (central Hanoi around Hoan Kiem Lake, a few km across) keeps most tests fast;
the full-graph fixture builds the whole shared file once per session (~20 s) for the
tests marked slow.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from planner import settings as planner_settings
from planner.routing.compact import CompactGraph
from planner.routing.graph import load_graph

#: Central Hanoi, around Hoan Kiem Lake and the Old Quarter (lat_min, lon_min, lat_max, lon_max).
CLIP_BBOX = (21.012, 105.835, 21.042, 105.862)


def clip_osm(source: Path, target: Path, bbox: tuple[float, float, float, float]) -> Path:
    """Write the ways of ``source`` lying wholly inside ``bbox`` (and their nodes) to ``target``."""
    lat_min, lon_min, lat_max, lon_max = bbox
    nodes: dict[str, bytes] = {}
    ways: list[ET.Element] = []
    with gzip.open(source, "rb") as handle:
        for _, element in ET.iterparse(handle, events=("end",)):
            if element.tag == "node":
                lat, lon = float(element.get("lat", "nan")), float(element.get("lon", "nan"))
                if lat_min <= lat <= lat_max and lon_min <= lon <= lon_max:
                    nodes[element.get("id", "")] = ET.tostring(element)
                element.clear()
            elif element.tag == "way":
                refs = [nd.get("ref", "") for nd in element.findall("nd")]
                if refs and all(ref in nodes for ref in refs):
                    ways.append(element)
                else:
                    element.clear()
    used = {nd.get("ref") for way in ways for nd in way.findall("nd")}
    with target.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n')
        for node_id, text in nodes.items():
            if node_id in used:
                out.write(text)
        for way in ways:
            out.write(ET.tostring(way))
        out.write(b"</osm>\n")
    return target


@pytest.fixture(scope="session")
def shared_osm_file(shared_data_dir: Path) -> Path:
    """Return the shared urban Hanoi road file; skip if it is missing."""
    path = shared_data_dir / planner_settings.shared_osm_file
    if not path.is_file():
        pytest.skip(f"road file {path} not found (see ../shared/data/SOURCES.md)")
    return path


@pytest.fixture(scope="session")
def osm_clip(shared_osm_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a small .osm file clipped from the shared road data (central Hanoi)."""
    return clip_osm(shared_osm_file, tmp_path_factory.mktemp("osm") / "clip.osm", CLIP_BBOX)


@pytest.fixture(scope="session")
def clip_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the session cache folder of the clipped graph."""
    return tmp_path_factory.mktemp("clip-cache")


@pytest.fixture(scope="session")
def clip_graph(osm_clip: Path, clip_cache_dir: Path) -> CompactGraph:
    """Return the compact graph of the clip (built once per session)."""
    return load_graph(osm_path=osm_clip, cache_dir=clip_cache_dir)


@pytest.fixture(scope="session")
def full_graph(shared_osm_file: Path, isolated_cache_dir: Path) -> CompactGraph:
    """Return the compact graph of the whole shared road file (built once per session).

    It goes to the session cache that the web app and CLI tests also use, so the whole
    suite builds the full graph once.
    """
    return load_graph(osm_path=shared_osm_file, cache_dir=isolated_cache_dir)
