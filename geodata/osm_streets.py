"""Village positions from OpenStreetMap streets named after the village: reading and matching.

Hanoi names many streets after the village they cross ("Phố Đa Sỹ", "Phố La Nội").
Where no OSM place node names a register village, :func:`match_street` takes the
middle of the street named exactly like it (tones and vowel marks included, so "Văn
Phúc" never stands for "Vạn Phúc"), cut to the village's former commune polygon, as a
*proxy* for the village: only when the named street inside the commune is short enough
(``geodata.settings.street_proxy_max_m``) for its middle to say where the village is.
:func:`read_named_ways` streams the named ways of OSM files with pyosmium and
:func:`index_ways` groups them by name once for all villages.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import settings

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

logger = logging.getLogger(__name__)

#: Combining marks of the Vietnamese tones (grave, acute, hook, tilde, dot below).
_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")
#: Leading words that are not part of a village's own name.
_VILLAGE_PREFIXES = frozenset({"thôn", "làng", "xóm"})


@dataclass(frozen=True)
class NamedWay:
    """A named OSM way: its id, name and ``(lon, lat)`` points."""

    osm_id: int
    name: str
    coords: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class StreetProxy:
    """Where a village is taken to be: the middle of the street(s) named after it."""

    lat: float
    lon: float
    length_m: float
    way_ids: tuple[int, ...]
    name: str

    @property
    def ref(self) -> str:
        """Return the OSM ways and their name, e.g. ``way/12+way/34 name=Phố Đa Sỹ``."""
        return "+".join(f"way/{way_id}" for way_id in self.way_ids) + f" name={self.name}"


#: A name as its (letters, tone) syllables.
NameKey = tuple[tuple[str, str], ...]


def _syllable(word: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    tone = next((char for char in decomposed if char in _TONES), "")
    base = unicodedata.normalize("NFC", "".join(char for char in decomposed if char not in _TONES))
    return base, tone


def name_key(name: str, prefixes: Iterable[str] = ()) -> NameKey:
    """Return the syllables of ``name`` as (letters, tone) pairs, leading ``prefixes`` dropped.

    Case and the placement of a tone mark ("Hoà"/"Hòa") do not matter; the tones and
    the vowel marks themselves do ("Vạn" differs from "Văn").
    """
    words = name.split()
    dropped = {prefix.casefold() for prefix in prefixes}
    while words and words[0].casefold() in dropped:
        words = words[1:]
    return tuple(_syllable(word) for word in words)


def index_ways(ways: Iterable[NamedWay]) -> dict[NameKey, list[NamedWay]]:
    """Return the ways grouped by the key of their name ("Phố"/"Đường" in front dropped)."""
    index: dict[NameKey, list[NamedWay]] = defaultdict(list)
    for way in ways:
        if len(way.coords) > 1:
            index[name_key(way.name, settings.street_name_prefixes)].append(way)
    return dict(index)


def match_street(village: str, commune_shape: BaseGeometry, ways: Mapping[NameKey, Sequence[NamedWay]], *,
                 max_length_m: float | None = None) -> StreetProxy | None:
    """Return the middle of the street named after ``village`` inside ``commune_shape``, or ``None``.

    Parameters
    ----------
    village
        The village (thôn/làng) name as the register writes it.
    commune_shape
        The former commune polygon (EPSG:4326); the street is cut to it.
    ways
        Named ways grouped by :func:`index_ways`.
    max_length_m
        Longest named street (inside the commune, all its ways together) whose middle
        still stands for the village; default ``geodata.settings.street_proxy_max_m``.

    Notes
    -----
    The point is the middle of the longest connected stretch of the named street inside
    the commune. A street name only matches the whole village name, with "Đường" or
    "Phố" in front or nothing; lanes ("Ngõ ...") never match.
    """
    import shapely
    from pyproj import Transformer
    from shapely import ops
    from shapely.geometry import LineString, MultiLineString

    key = name_key(village, _VILLAGE_PREFIXES)
    if not key:
        return None
    limit = settings.street_proxy_max_m if max_length_m is None else max_length_m
    parts = []
    for way in ways.get(key, ()):
        inside = commune_shape.intersection(LineString(way.coords))
        if not inside.is_empty and inside.length > 0:
            parts.append((way, inside))
    if not parts:
        return None
    to_metric = Transformer.from_crs("EPSG:4326", settings.metric_crs, always_xy=True).transform
    to_degrees = Transformer.from_crs(settings.metric_crs, "EPSG:4326", always_xy=True).transform
    union = shapely.union_all([shapely.transform(inside, to_metric, interleaved=False) for _, inside in parts])
    merged = ops.linemerge(union) if isinstance(union, MultiLineString) else union
    length_m = merged.length
    if length_m > limit:
        logger.debug("%s: street of %.0f m inside the commune, longer than %.0f m", village, length_m, limit)
        return None
    stretches = [line for line in getattr(merged, "geoms", [merged]) if isinstance(line, LineString)]
    middle = shapely.transform(max(stretches, key=lambda line: line.length).interpolate(0.5, normalized=True),
                               to_degrees, interleaved=False)
    return StreetProxy(lat=middle.y, lon=middle.x, length_m=length_m,
                       way_ids=tuple(sorted(way.osm_id for way, _ in parts)), name=parts[0][0].name)


def read_named_ways(paths: Iterable[Path]) -> list[NamedWay]:
    """Return the named ways (with a ``highway`` tag) of the OSM files, streamed with pyosmium."""
    import osmium

    found: list[NamedWay] = []
    for path in paths:
        processor = osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY).with_locations()
        count = 0
        for obj in processor:
            if not isinstance(obj, osmium.osm.Way) or "highway" not in obj.tags:
                continue
            name = obj.tags.get("name:vi") or obj.tags.get("name")
            if not name:
                continue
            coords = tuple((node.lon, node.lat) for node in obj.nodes if node.location.valid())
            found.append(NamedWay(obj.id, name, coords))
            count += 1
        logger.info("%s: %d named highway ways", path.name, count)
    return found
