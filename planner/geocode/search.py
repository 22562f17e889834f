"""Rank places, landmarks and streets for a typed text, and name the street nearest a point (pure).

A text is split into a house number and a street text (:mod:`.address`), then the
bundled places (:func:`geodata.query.search_places`, accents optional), the located
landmarks (hotels and stations, :mod:`geodata.landmarks`: name, Vietnamese name and
aliases) and the streets (:class:`.streets.StreetIndex`) are ranked the same way:
0 an exact name, 1 a name that starts with the text, 2 a name with a word that starts
with it, 3 every word somewhere. On equal rank places come first, then landmarks, then
longer streets (the main one of several with similar names). Suggestions carry the
text to put in the start field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np

from geodata.landmarks import Landmark, located_landmarks
from geodata.query import MIN_NAME_CHARS, match_rank, search_places
from geodata.text import search_key

from .. import settings
from .address import parse_address
from .streets import StreetIndex

_EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class Suggestion:
    """One answer to a typed text.

    Attributes
    ----------
    kind
        ``"place"`` (a bundled place), ``"landmark"`` (a hotel or station of
        :mod:`geodata.landmarks`), ``"street"`` (a street of the road file) or ``"online"``.
    label
        What to show and call the start: "Bát Tràng", "Sofitel Legend Metropole Hanoi", "36 Hàng Bạc".
    value
        What to put in the start field so that it finds this answer again (a place id
        when its name is shared, else the label).
    lat, lon
        The point.
    rank
        0 exact ... 3 loose match (see the module notes).
    id
        The place or landmark id (places and landmarks only).
    """

    kind: str
    label: str
    value: str
    lat: float
    lon: float
    rank: int
    id: str = ""


def _rank(keys: list[str], query: str) -> int | None:
    """Return the match rank of ``query`` against a street's search keys, ``None`` when no key has every word."""
    words = query.split()
    if not any(all(word in key for word in words) for key in keys):
        return None
    return match_rank(" | ".join(keys), query)


def street_matches(streets: StreetIndex, text: str, *, limit: int | None = None) -> list[tuple[int, int]]:
    """Return ``(rank, street)`` pairs of the streets matching ``text`` (no house number), best first."""
    query = search_key(text)
    if len(query.replace(" ", "")) < MIN_NAME_CHARS:
        return []
    found = []
    for index, joined in enumerate(streets.keys.tolist()):
        if not all(word in joined for word in query.split()):
            continue  # cheap screen before ranking each key
        rank = _rank(joined.split("|"), query)
        if rank is not None:
            found.append((rank, -float(streets.length_m[index]), index))
    found.sort()
    return [(rank, index) for rank, _, index in found[:limit]]


def place_suggestions(places: gpd.GeoDataFrame, text: str) -> list[Suggestion]:
    """Return the places matching ``text`` as suggestions, best first."""
    if len(search_key(text).replace(" ", "")) < MIN_NAME_CHARS:
        return []
    found = search_places(places, text)
    suggestions = []
    for place_id, row in found.iterrows():
        name = str(row["name_vi"])
        value = name if _finds_again(places, name, str(place_id)) else str(place_id)
        suggestions.append(Suggestion("place", name, value, float(row["lat"]), float(row["lon"]),
                                      int(row["match_rank"]), str(place_id)))
    return suggestions


def _finds_again(places: gpd.GeoDataFrame, name: str, place_id: str) -> bool:
    """Return whether searching ``name`` finds this place alone (else its id must be given)."""
    again = search_places(places, name)
    best = again[again["match_rank"] == again["match_rank"].iloc[0]]
    return len(best) == 1 and str(best.index[0]) == place_id


def landmark_suggestions(landmarks: Sequence[Landmark], text: str) -> list[Suggestion]:
    """Return the located landmarks matching ``text`` as suggestions, best first.

    A landmark is called by the name the text matched: its Vietnamese name when that
    (or an alias written in Vietnamese, with diacritics) matched best, else its name.
    """
    query = search_key(text)
    if len(query.replace(" ", "")) < MIN_NAME_CHARS:
        return []
    found = []
    for position, landmark in enumerate(landmarks):
        if not landmark.located:
            continue
        ranked = [(rank, order, name) for order, name in enumerate(landmark.names)
                  if (rank := _rank([search_key(name)], query)) is not None]
        if not ranked:
            continue
        rank, _, matched = min(ranked)
        vietnamese = matched == landmark.name_vi or (matched not in (landmark.name, landmark.name_vi)
                                                     and not matched.isascii())
        label = landmark.name_vi if vietnamese else landmark.name
        assert landmark.lat is not None and landmark.lon is not None
        found.append((rank, position, Suggestion("landmark", label, label, landmark.lat, landmark.lon, rank,
                                                 landmark.id)))
    return [suggestion for _, _, suggestion in sorted(found, key=lambda item: item[:2])]


def street_suggestion(streets: StreetIndex, index: int, *, rank: int, house: str = "") -> Suggestion:
    """Return street ``index`` as a suggestion, named with the house number when there is one."""
    label = str(streets.label[index])
    label = f"{house} {label}" if house else label
    return Suggestion("street", label, label, float(streets.lat[index]), float(streets.lon[index]), rank)


def suggest(text: str, *, places: gpd.GeoDataFrame, streets: StreetIndex, landmarks: Sequence[Landmark] | None = None,
            limit: int = settings.SUGGEST_LIMIT) -> list[Suggestion]:
    """Return up to ``limit`` places, landmarks and streets for ``text``, best first.

    With a house number ("36 Hàng Bạc") only streets are answered: a number names an
    address. Streets whose labels coincide appear once (the longest). ``landmarks``
    ``None`` searches the bundled ones (:func:`geodata.landmarks.located_landmarks`).
    """
    address = parse_address(text)
    if landmarks is None:
        landmarks = located_landmarks()
    found = [] if address.house else place_suggestions(places, address.street) + landmark_suggestions(
        landmarks, address.street)
    seen: set[str] = set()
    for rank, index in street_matches(streets, address.street):
        label = str(streets.label[index])
        if label in seen:
            continue
        seen.add(label)
        found.append(street_suggestion(streets, index, rank=rank, house=address.house))
    kinds = {"place": 0, "landmark": 1, "street": 2, "online": 3}
    ordered = sorted(enumerate(found), key=lambda item: (item[1].rank, kinds[item[1].kind], item[0]))
    return [suggestion for _, suggestion in ordered][:limit]


def nearest_street(streets: StreetIndex, lat: float, lon: float, *,
                   max_m: float = settings.REVERSE_MAX_M) -> tuple[str, float] | None:
    """Return the label of the street nearest the point and its distance in metres, ``None`` beyond ``max_m``."""
    if streets.seg_street.shape[0] == 0:
        return None
    scale = np.cos(np.radians(lat))
    # local metric plane around the point: precise enough over a few hundred metres
    ax = np.radians(streets.seg_lon1 - lon) * scale * _EARTH_RADIUS_M
    ay = np.radians(streets.seg_lat1 - lat) * _EARTH_RADIUS_M
    bx = np.radians(streets.seg_lon2 - lon) * scale * _EARTH_RADIUS_M
    by = np.radians(streets.seg_lat2 - lat) * _EARTH_RADIUS_M
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = np.clip(np.divide(-(ax * dx + ay * dy), length2, out=np.zeros_like(length2), where=length2 > 0), 0.0, 1.0)
    distance = np.hypot(ax + t * dx, ay + t * dy)
    best = int(np.argmin(distance))
    if float(distance[best]) > max_m:
        return None
    return str(streets.label[int(streets.seg_street[best])]), float(distance[best])
