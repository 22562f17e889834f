"""Who may use a road, per mode: one small hand-written OSM file per access tag.

Each file has two ways from A to B near Hoan Kiem Lake: a short one carrying the tags
under test and a longer, untagged residential detour through C. A mode that may use
the short way goes straight (about 210 m); one that may not takes the detour (about
470 m); the reverse trip tells one-way rules apart.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from planner import Router, settings
from planner.routing.compact import CompactGraph
from planner.routing.graph import load_graph

#: A, B, C, and a stub road beyond each of A and B (so both stay junctions when OSMnx simplifies).
NODES = {1: (21.0300, 105.8500), 2: (21.0300, 105.8520), 3: (21.0320, 105.8510),
         4: (21.0300, 105.8490), 5: (21.0300, 105.8530)}


def write_osm(path: Path, tags: dict[str, str]) -> Path:
    """Write the two-way test network with ``tags`` on the short way A-B."""
    nodes = "".join(f'<node id="{i}" lat="{lat}" lon="{lon}" version="1"/>' for i, (lat, lon) in NODES.items())
    short = "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items())
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><osm version="0.6">' + nodes
        + f'<way id="10" version="1"><nd ref="1"/><nd ref="2"/>{short}</way>'
        + '<way id="11" version="1"><nd ref="1"/><nd ref="3"/><nd ref="2"/><tag k="highway" v="residential"/></way>'
        + '<way id="12" version="1"><nd ref="4"/><nd ref="1"/><tag k="highway" v="residential"/></way>'
        + '<way id="13" version="1"><nd ref="2"/><nd ref="5"/><tag k="highway" v="residential"/></way>'
        + "</osm>", encoding="utf-8")
    return path


def straight_there_and_back(graph: CompactGraph, mode: str) -> tuple[bool, bool]:
    """Return whether the mode goes A->B and B->A by the short way."""
    router = Router.from_compact(graph, mode=mode)
    index = {int(osmid): i for i, osmid in enumerate(graph.node_osmid)}
    _, metres = router.node_matrix(np.array([index[1], index[2]]))
    assert np.isfinite(metres).all(), "the detour keeps every trip possible"
    return bool(metres[0, 1] < 300), bool(metres[1, 0] < 300)


RULES = [
    # tags on the short way, mode, (A->B straight, B->A straight)
    ({"highway": "motorway"}, "motorbike", (False, False)),
    ({"highway": "motorway"}, "bicycle", (False, False)),
    ({"highway": "motorway"}, "walk", (False, False)),
    ({"highway": "motorway"}, "car", (True, True)),
    ({"highway": "motorway_link"}, "motorbike", (False, False)),
    ({"highway": "motorway_link"}, "car", (True, True)),
    ({"highway": "residential", "motorcycle": "no"}, "motorbike", (False, False)),
    ({"highway": "residential", "motorcycle": "no"}, "car", (True, True)),
    ({"highway": "residential", "motor_vehicle": "no"}, "motorbike", (False, False)),
    ({"highway": "residential", "motor_vehicle": "no"}, "car", (False, False)),
    ({"highway": "residential", "motor_vehicle": "no"}, "bicycle", (True, True)),
    ({"highway": "residential", "access": "no", "motorcycle": "yes"}, "motorbike", (True, True)),
    ({"highway": "residential", "access": "no", "motorcycle": "yes"}, "car", (False, False)),
    ({"highway": "residential", "access": "private"}, "walk", (False, False)),
    ({"highway": "residential", "bicycle": "no"}, "bicycle", (False, False)),
    ({"highway": "residential", "bicycle": "no"}, "motorbike", (True, True)),
    ({"highway": "residential", "foot": "no"}, "walk", (False, False)),
    ({"highway": "residential", "foot": "no"}, "bicycle", (True, True)),
    ({"highway": "residential", "oneway": "yes"}, "motorbike", (True, False)),
    ({"highway": "residential", "oneway": "yes"}, "walk", (True, True)),
    ({"highway": "residential", "oneway": "yes", "oneway:motorcycle": "no"}, "motorbike", (True, True)),
    ({"highway": "residential", "oneway": "yes", "oneway:motorcycle": "no"}, "car", (True, False)),
    ({"highway": "residential", "oneway": "yes", "oneway:motorcycle": "no"}, "bicycle", (True, False)),
    ({"highway": "residential", "oneway": "yes", "oneway:bicycle": "no"}, "bicycle", (True, True)),
]


@pytest.mark.parametrize(("tags", "mode", "expected"), RULES,
                         ids=[f"{'+'.join(f'{k}={v}' for k, v in t.items())}-{m}" for t, m, _ in RULES])
def test_access_tags_decide_who_uses_the_way(tags: dict[str, str], mode: str, expected: tuple[bool, bool],
                                             tmp_path: Path) -> None:
    graph = load_graph(osm_path=write_osm(tmp_path / "roads.osm", tags), cache_dir=tmp_path)
    assert straight_there_and_back(graph, mode) == expected


def test_the_rules_are_the_documented_settings() -> None:
    assert "motorway" not in settings.SPEEDS_KMH["motorbike"] and "motorway" in settings.SPEEDS_KMH["car"]
    assert settings.ACCESS_TAGS["motorbike"][0] == "motorcycle"
    assert settings.ONEWAY_EXEMPT_TAGS["motorbike"] == "oneway:motorcycle"
