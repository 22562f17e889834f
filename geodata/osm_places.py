"""Village-level positions from OpenStreetMap place nodes: reading and matching.

:func:`read_place_nodes` streams OSM files (pyosmium) and keeps the named nodes tagged
``place`` with one of :data:`geodata.settings.village_place_values`; the pure
:func:`match_village` then picks the one named like a register village that lies inside
the village's former commune polygon, so that a same-name village of another commune
is never taken. Names are compared accent-, case- and space-insensitively, with a
leading "thôn", "làng", "xóm" or "khu" ignored on both sides.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import settings
from .text import search_key

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

logger = logging.getLogger(__name__)

#: OSM file name endings pyosmium reads.
OSM_SUFFIXES: tuple[str, ...] = (".osm", ".osm.gz", ".osm.bz2", ".pbf", ".osm.pbf")

_PREFIX_RE = re.compile(r"^(?:thon|lang|xom|khu|ap)\s+")


@dataclass(frozen=True)
class PlaceNode:
    """A named OSM node tagged ``place``."""

    osm_id: int
    name: str
    place: str
    lat: float
    lon: float

    @property
    def ref(self) -> str:
        """Return the OSM object and its tag, e.g. ``node/123 place=village``."""
        return f"node/{self.osm_id} place={self.place}"


def village_key(name: str) -> str:
    """Return the matching form of a village name ("Thôn Bối Khê" -> "boikhe")."""
    return "".join(_PREFIX_RE.sub("", search_key(name)).split())


def match_village(village: str, commune_shape: BaseGeometry, places: Iterable[PlaceNode]) -> PlaceNode | None:
    """Return the place node named like ``village`` inside ``commune_shape``, or ``None``.

    Parameters
    ----------
    village
        The village (thôn/làng) name as the register writes it.
    commune_shape
        The former commune polygon (EPSG:4326); nodes outside it are ignored.
    places
        Candidate nodes, e.g. from :func:`read_place_nodes`.

    Notes
    -----
    Several matches inside the commune (a village and its hamlet of the same name)
    resolve to the lowest OSM id, so the choice is reproducible.
    """
    from shapely.geometry import Point

    key = village_key(village) if village else ""
    if not key:
        return None
    inside = [place for place in places
              if village_key(place.name) == key and commune_shape.covers(Point(place.lon, place.lat))]
    return min(inside, key=lambda place: place.osm_id) if inside else None


def shared_osm_files() -> list[Path]:
    """Return the OSM files of the shared data folder (``osm/``), sorted by name."""
    base = settings.find_shared_data_dir()
    if base is None or not (base / "osm").is_dir():
        return []
    return sorted(path for path in (base / "osm").iterdir() if path.name.endswith(OSM_SUFFIXES))


def read_place_nodes(paths: Iterable[Path]) -> list[PlaceNode]:
    """Return the named village-like place nodes of the OSM files, streamed with pyosmium.

    Only nodes whose ``place`` tag is one of ``geodata.settings.village_place_values``
    and that carry a ``name`` are kept; ``name:vi`` is preferred when present.
    """
    import osmium

    values = set(settings.village_place_values)
    found: list[PlaceNode] = []
    for path in paths:
        processor = (osmium.FileProcessor(str(path), osmium.osm.NODE)
                     .with_filter(osmium.filter.KeyFilter("place")))
        count = 0
        for node in processor:
            assert isinstance(node, osmium.osm.Node)  # the processor reads nodes only
            name = node.tags.get("name:vi") or node.tags.get("name")
            place = node.tags.get("place")
            if name and place in values and node.location.valid():
                found.append(PlaceNode(node.id, name, place, node.location.lat, node.location.lon))
                count += 1
        logger.info("%s: %d named place nodes (%s)", path.name, count, ", ".join(sorted(values)))
    return found
