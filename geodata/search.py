"""Search places by what people type: names first, then crafts and their other words, then descriptions.

:func:`geodata.query.search_places` matches names only (a start place must be named);
:func:`find_places` also finds "silk", "pottery" or "gốm" through the craft vocabulary
(:mod:`.crafts`: English and Vietnamese synonyms, accents optional) and words of a
place's description, experiences and story, and says what matched each place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd

from .crafts import craft_words
from .query import filter_places, places_within, search_places, with_distance
from .text import search_key

#: What matched, in the ``matched`` column: the name, a craft (``"craft:<slug>"``), or the description.
MATCHED_NAME = "name"
MATCHED_CRAFT = "craft:"
MATCHED_DESCRIPTION = "description"
#: Ranks after the name ranks (0-3) of :func:`geodata.query.search_places`.
RANK_MAIN_CRAFT, RANK_OTHER_CRAFT, RANK_DESCRIPTION = 4, 5, 6
#: A typed word this long or longer also matches the craft words it begins ("potter" -> "pottery").
MIN_PREFIX_CHARS = 4


def crafts_named(text: str) -> list[str]:
    """Return the crafts ``text`` names: a craft key, label or synonym, or the start of one, accents optional."""
    query = search_key(text.replace("_", " ").replace("-", " "))
    if not query:
        return []
    words = craft_words()
    if query in words:
        return [words[query]]
    if len(query) < MIN_PREFIX_CHARS:
        return []
    return list(dict.fromkeys(craft for word, craft in words.items() if word.startswith(query)))


def _text_keys(places: gpd.GeoDataFrame) -> pd.Series:
    def key(row: pd.Series) -> str:
        parts = [str(row.get("description") or ""), str(row.get("story") or "")]
        parts += _as_texts(row.get("experiences"))
        return search_key(" ".join(parts))

    return places.apply(key, axis=1) if len(places) else pd.Series(dtype=str)


def _has_words(key: str, words: list[str]) -> bool:
    """Return whether every word begins a word of ``key`` ("pott" finds "pottery", "an" not "Hanoi")."""
    tokens = re.findall(r"[a-z0-9]+", key)
    return all(any(token.startswith(word) for token in tokens) for word in words)


def _as_texts(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, (list, tuple, np.ndarray)) else []


def find_places(places: gpd.GeoDataFrame, text: str) -> gpd.GeoDataFrame:
    """Return the places ``text`` finds, best first, with what matched each.

    Names match as :func:`geodata.query.search_places` (``match_rank`` 0-3); then places
    whose main craft (4) or another craft (5) the text names; then places whose
    description, experiences or story hold every word of the text (6). The column
    ``matched`` says "name", "craft:<slug>" or "description".
    """
    query = search_key(text)
    if not query or places.empty:  # nothing to find in (a filter left no place)
        return places
    by_name = search_places(places, text)
    found = by_name.assign(matched=MATCHED_NAME)
    rest = places.drop(index=by_name.index)
    crafts = crafts_named(text)
    parts = [found]
    if crafts and len(rest):
        main = rest["craft"].isin(crafts)
        other = rest["other_crafts"].map(lambda value: bool(set(_as_texts(value)) & set(crafts))) & ~main
        for mask, rank in ((main, RANK_MAIN_CRAFT), (other, RANK_OTHER_CRAFT)):
            picked = rest[mask].copy()
            picked["match_rank"] = rank
            picked["matched"] = [MATCHED_CRAFT + (row["craft"] if row["craft"] in crafts else next(
                c for c in _as_texts(row["other_crafts"]) if c in crafts)) for _, row in picked.iterrows()]
            parts.append(picked)
        rest = rest[~(main | other)]
    if len(rest):
        words = query.split()
        keys = _text_keys(rest)
        picked = rest[keys.map(lambda key: _has_words(key, words))].copy()
        picked["match_rank"] = RANK_DESCRIPTION
        picked["matched"] = MATCHED_DESCRIPTION
        parts.append(picked)
    combined = pd.concat([part for part in parts if len(part)]) if any(len(part) for part in parts) else found
    return gpd.GeoDataFrame(combined, geometry=places.geometry.name, crs=places.crs).sort_values(
        "match_rank", kind="stable")


def search_query(
    places: gpd.GeoDataFrame,
    *,
    search: str | None = None,
    craft: str | Iterable[str] | None = None,
    kind: str | None = None,
    recognition: str | Iterable[str] | None = None,
    commune: str | None = None,
    near: tuple[float, float] | None = None,
    radius_km: float | None = None,
    limit: int | None = None,
) -> gpd.GeoDataFrame:
    """Return the places a ``craftroute villages`` query or the explorer selects, in display order.

    Filters as :func:`geodata.query.filter_places`; with ``near`` every place gets its
    distance (``distance_km``) and is sorted by it, and with ``radius_km`` too only those
    within it are kept; the ``search`` text then finds places by name, craft or
    description (:func:`find_places`), the closest first when ``near`` is given; at most
    ``limit`` places. The CLI, the explorer and the web API share it.
    """
    found = filter_places(places, craft=craft, kind=kind, recognition=recognition, commune=commune)
    if near is not None and radius_km is not None:
        found = places_within(found, *near, radius_km)
    elif near is not None:
        found = with_distance(found, *near)
    if search:
        found = find_places(found, search)
        if near is not None:
            found = found.sort_values("distance_km", kind="stable")
    return found.head(limit) if limit else found
