"""The street index: every named road of the road file as one point, and its segments.

Built from the Overpass-style elements the road reader gives (:func:`street_index_from_elements`,
pure), so a file and any other element source share one builder; stored as one
``.npz`` with a version stamp and the road file's checksum (:func:`save_street_index`,
:func:`load_street_index`), beside the road graph's cache.

Where a street is
-----------------
A street in OSM is many ways with the same ``name``; they may form several pieces
that do not touch (a street cut by a square, or two streets of one name in different
wards). The index keeps the longest connected piece (ways joined by shared nodes,
length along their nodes) and, on it, the node nearest the length-weighted centre of
its segments: a point in the middle of the street, on the street itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from geodata.text import search_key

from ..routing.compact import CacheError, read_npz, write_npz

#: Generic words that lead a street's name and that people leave out ("Phố Hàng Bạc" -> "Hàng Bạc").
DROPPED_PREFIXES: tuple[str, ...] = ("Phố ", "Đường ")
#: OSM tags read as a street's names (the first is the one shown).
NAME_TAGS: tuple[str, ...] = ("name", "name:en", "name:vi", "alt_name", "old_name")
_EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class StreetIndex:
    """Named streets as points, and their segments for the nearest-street lookup.

    Attributes
    ----------
    name
        ``(s,)`` name of each street as OSM has it ("Phố Hàng Bạc").
    label
        ``(s,)`` name shown to people: without a leading "Phố "/"Đường " ("Hàng Bạc").
    keys
        ``(s,)`` search keys of each street, "|"-separated (folded, lower case: the
        name, the label and the other name tags).
    lat, lon
        ``(s,)`` the street's point (see the module notes).
    length_m
        ``(s,)`` length of the street's longest connected piece.
    seg_lat1, seg_lon1, seg_lat2, seg_lon2, seg_street
        One row per segment of a named way: its ends and its street's index.
    source_sha256
        Checksum of the road file(s) the index was built from.
    """

    name: np.ndarray
    label: np.ndarray
    keys: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    length_m: np.ndarray
    seg_lat1: np.ndarray
    seg_lon1: np.ndarray
    seg_lat2: np.ndarray
    seg_lon2: np.ndarray
    seg_street: np.ndarray
    source_sha256: str = ""

    @property
    def n_streets(self) -> int:
        """Return the number of streets."""
        return int(self.name.shape[0])

    @classmethod
    def empty(cls, source_sha256: str = "") -> StreetIndex:
        """Return an index with no street (no road file: only places are found)."""
        text, number = np.array([], dtype=str), np.array([], dtype=np.float64)
        return cls(text, text, text, number, number, number, number, number, number, number,
                   np.array([], dtype=np.int32), source_sha256)


def street_label(name: str) -> str:
    """Return the name people use for a street: "Phố Hàng Bạc" -> "Hàng Bạc" (two words or more stay)."""
    for prefix in DROPPED_PREFIXES:
        rest = name[len(prefix):]
        if name.startswith(prefix) and len(rest.split()) >= 2:
            return rest
    return name


def _bare(name: str) -> str:
    """Return ``name`` without a leading generic word, even when one word is left ("Đường Láng" -> "Láng")."""
    for prefix in DROPPED_PREFIXES:
        if name.startswith(prefix) and name[len(prefix):].strip():
            return name[len(prefix):]
    return name


def _segment_lengths_m(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Return the lengths of the segments of a polyline (equirectangular; streets are short)."""
    mid = np.radians((lat[:-1] + lat[1:]) / 2)
    dx = np.radians(np.diff(lon)) * np.cos(mid)
    dy = np.radians(np.diff(lat))
    return _EARTH_RADIUS_M * np.hypot(dx, dy)


def _pieces(ways: list[list[int]]) -> list[list[int]]:
    """Return the connected pieces of ``ways`` (node id lists) as lists of way positions."""
    parent = list(range(len(ways)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_way: dict[int, int] = {}
    for position, nodes in enumerate(ways):
        for node in nodes:
            other = first_way.setdefault(node, position)
            parent[find(position)] = find(other)
    groups: dict[int, list[int]] = {}
    for position in range(len(ways)):
        groups.setdefault(find(position), []).append(position)
    return list(groups.values())


def _street_point(ways: list[list[int]], nodes: dict[int, tuple[float, float]]) -> tuple[float, float, float]:
    """Return ``(lat, lon, length_m)`` of the middle node of the longest connected piece of ``ways``."""
    best: tuple[float, float, float] | None = None
    for piece in _pieces(ways):
        mids, weights = [], []
        for position in piece:
            coords = np.array([nodes[ref] for ref in ways[position]])
            lengths = _segment_lengths_m(coords[:, 0], coords[:, 1])
            mids.append((coords[:-1] + coords[1:]) / 2)
            weights.append(lengths)
        length = float(sum(w.sum() for w in weights))
        if best is not None and length <= best[2]:
            continue
        mid, weight = np.vstack(mids), np.concatenate(weights)
        centre = (mid * weight[:, None]).sum(axis=0) / weight.sum() if weight.sum() > 0 else mid.mean(axis=0)
        refs = sorted({ref for position in piece for ref in ways[position]})
        points = np.array([nodes[ref] for ref in refs])
        nearest = int(np.argmin(((points - centre) ** 2).sum(axis=1)))
        best = (float(points[nearest, 0]), float(points[nearest, 1]), length)
    assert best is not None  # every street has at least one way
    return best


def street_index_from_elements(elements: Iterable[dict[str, Any]], *, source_sha256: str = "") -> StreetIndex:
    """Return the street index of Overpass-style road elements (nodes with lat/lon, ways with tags)."""
    nodes: dict[int, tuple[float, float]] = {}
    by_name: dict[str, list[list[int]]] = {}
    other_names: dict[str, set[str]] = {}
    for element in elements:
        if element["type"] == "node":
            nodes[element["id"]] = (float(element["lat"]), float(element["lon"]))
            continue
        tags = element.get("tags", {})
        name = str(tags.get("name", "")).strip()
        if element["type"] != "way" or not name or len(element["nodes"]) < 2:
            continue
        by_name.setdefault(name, []).append(list(element["nodes"]))
        other_names.setdefault(name, set()).update(str(tags[tag]) for tag in NAME_TAGS[1:] if tags.get(tag))
    names = sorted(by_name)
    if not names:
        return StreetIndex.empty(source_sha256)
    points = [_street_point(by_name[name], nodes) for name in names]
    labels = [street_label(name) for name in names]
    keys = ["|".join(dict.fromkeys(search_key(text) for text in (name, label, _bare(name), *sorted(other_names[name]))))
            for name, label in zip(names, labels, strict=True)]
    segments: list[tuple[float, float, float, float, int]] = []
    for index, name in enumerate(names):
        for way in by_name[name]:
            for a, b in zip(way[:-1], way[1:], strict=True):
                segments.append((*nodes[a], *nodes[b], index))
    seg = np.array(segments, dtype=np.float64)
    return StreetIndex(
        name=np.array(names, dtype=str), label=np.array(labels, dtype=str), keys=np.array(keys, dtype=str),
        lat=np.array([p[0] for p in points]), lon=np.array([p[1] for p in points]),
        length_m=np.array([p[2] for p in points]),
        seg_lat1=seg[:, 0], seg_lon1=seg[:, 1], seg_lat2=seg[:, 2], seg_lon2=seg[:, 3],
        seg_street=seg[:, 4].astype(np.int32), source_sha256=source_sha256,
    )


def save_street_index(index: StreetIndex, path: Path, *, version: int) -> None:
    """Write ``index`` to ``path`` (.npz), atomically, with a version stamp."""
    arrays: dict[str, Any] = {f.name: getattr(index, f.name) for f in fields(index)}
    arrays["source_sha256"] = np.array(index.source_sha256)
    write_npz(arrays, path, version=version)


def load_street_index(path: Path, *, version: int, source_sha256: str | None = None) -> StreetIndex:
    """Return the street index stored at ``path``.

    Raises
    ------
    CacheError
        If the file cannot be read, has another version or source checksum, or its
        arrays do not match.
    """
    stored = read_npz(path, version=version, source_sha256=source_sha256)
    try:
        index = StreetIndex(**{f.name: stored[f.name] for f in fields(StreetIndex) if f.name != "source_sha256"},
                            source_sha256=str(stored["source_sha256"]))
    except KeyError as error:
        raise CacheError(f"{path} lacks the array {error}") from error
    n, m = index.n_streets, index.seg_street.shape[0]
    same = all(getattr(index, name).shape == (n,) for name in ("label", "keys", "lat", "lon", "length_m"))
    same &= all(getattr(index, name).shape == (m,) for name in ("seg_lat1", "seg_lon1", "seg_lat2", "seg_lon2"))
    if not same or (m and int(index.seg_street.max()) >= n):
        raise CacheError(f"{path} holds inconsistent arrays")
    return index
