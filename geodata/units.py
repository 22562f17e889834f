"""Hanoi's 126 current (2025) communes and wards, the former units that formed them,
and current-unit polygons derived by dissolving the former (GADM) communes.

The official names come from the ``vietnam-provinces`` package; the former -> current
mapping from the shared file ``admin/hanoi-2025-units-from-former.csv`` (see
``../shared/data/SOURCES.md``). GADM's communes predate the 2019-2024 mergers and a
former unit may have been split among several current units, so the derived polygons
are approximate and are labelled so wherever they are shown.
"""

from __future__ import annotations

import csv
import functools
import logging
import unicodedata
from collections import defaultdict
from typing import Any

import geopandas as gpd
import pandas as pd

from . import settings
from .boundaries import load_communes
from .errors import CraftRouteError
from .text import compact_key, search_key

logger = logging.getLogger(__name__)

#: Hanoi's province code in the ``vietnam-provinces`` package.
HANOI_PROVINCE_CODE = 1
#: Type words that may start an administrative name (lower case with diacritics, so that
#: "Quán Thánh" or "Phượng Dực" keep their first word).
TYPE_PREFIXES: tuple[str, ...] = ("thị trấn ", "thị xã ", "phường ", "xã ", "quận ", "huyện ")


def unit_key(name: str) -> str:
    """Return the match key of an administrative name: folded, no type word, no spaces.

    ``"Xã Bát Tràng"``, ``"BátTràng"`` and ``"bat trang"`` all give ``"battrang"``.
    A name that is only a type word plus nothing (``"Xã"``) keeps the word.
    """
    text = " ".join(unicodedata.normalize("NFC", name).split()).split("(")[0]
    lowered = text.lower()
    for prefix in TYPE_PREFIXES:
        if lowered.startswith(prefix) and len(lowered) > len(prefix):
            text = text[len(prefix):]
            break
    return compact_key(text)


def _spelling_key(name: str) -> str:
    """Key for comparing spellings of the same current unit (ignores spaces and hyphens)."""
    return compact_key(name.replace("-", " "))


@functools.lru_cache(maxsize=1)
def official_unit_names() -> tuple[str, ...]:
    """Return the names of Hanoi's 126 current communes and wards as the official list writes them.

    Raises
    ------
    CraftRouteError
        If the ``vietnam-provinces`` package is not installed (field ``vietnam-provinces``).
    """
    try:
        from vietnam_provinces import Ward
    except ImportError:  # pragma: no cover - a declared dependency
        raise CraftRouteError("vietnam-provinces", "package missing: pip install 'vietnam-provinces>=2025.8'") from None
    return tuple(ward.name for ward in Ward.iter_all() if int(ward.province_code) == HANOI_PROVINCE_CODE)


def official_unit_name(name: str) -> str | None:
    """Return the official spelling of a current unit name, or ``None`` if it is not one of the 126."""
    wanted = _spelling_key(name)
    for official in official_unit_names():
        if _spelling_key(official) == wanted:
            return official
    return None


@functools.lru_cache(maxsize=1)
def former_to_current() -> pd.DataFrame | None:
    """Return the former -> current mapping, or ``None`` if the shared file is absent.

    Columns: ``current_unit`` (official spelling), ``former_unit``, ``former_district``,
    ``split`` (bool: the former unit was divided among several current units),
    ``district_key`` and ``unit_key`` (match keys).
    """
    path = settings.shared_file(settings.units_mapping_file)
    if path is None:
        logger.warning("unit mapping %s not found in the shared data folder", settings.units_mapping_file)
        return None
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    frame = pd.DataFrame({
        "current_unit": [official_unit_name(row["unit_name"]) or row["unit_name"] for row in rows],
        "former_unit": [row["former_unit"] for row in rows],
        "former_district": [row["former_district"] for row in rows],
        "split": [row["former_unit_split"] == "yes" for row in rows],
    })
    frame["district_key"] = frame["former_district"].map(unit_key)
    frame["unit_key"] = frame["former_unit"].map(unit_key)
    return frame


def current_candidates(former_district: str, former_commune: str) -> list[str]:
    """Return the current units a former commune went into (several if it was split).

    Empty when the mapping file is absent or the former commune is not in it (GADM
    communes merged before 2024 are not; see :func:`gadm_current_units`).
    """
    mapping = former_to_current()
    if mapping is None:
        return []
    rows = mapping[(mapping["district_key"] == unit_key(former_district))
                   & (mapping["unit_key"] == unit_key(former_commune))]
    return list(dict.fromkeys(rows["current_unit"]))


def choose_current(candidates: list[str], former_commune: str) -> tuple[str, str]:
    """Return ``(current_unit, basis)`` among ``candidates`` of one former commune.

    ``basis`` is ``"mapping"`` for a single candidate, ``"split_same_name"`` when the
    former commune was split and one current unit carries its name, ``"split_first"``
    otherwise (the first unit the mapping lists: approximate, no boundary decides it).
    """
    if len(candidates) == 1:
        return candidates[0], "mapping"
    key = unit_key(former_commune)
    for candidate in candidates:
        if unit_key(candidate) == key:
            return candidate, "split_same_name"
    return candidates[0], "split_first"


@functools.lru_cache(maxsize=1)
def gadm_current_units() -> gpd.GeoDataFrame | None:
    """Return the GADM communes with the current unit each is assigned to.

    Columns of :func:`geodata.load_communes` plus ``mapped_unit`` (the former unit of
    the mapping it matched, empty if none), ``current_unit`` and
    ``current_basis`` (see :func:`choose_current`; ``"merged_name"`` or ``"neighbour"``
    for a GADM commune merged before 2024 and so absent from the mapping, see
    :func:`_assign_unmatched`). ``None`` if a file is missing.
    """
    communes = load_communes()
    if communes is None or former_to_current() is None:
        return None
    result = communes.copy()
    units: list[str | None] = []
    bases: list[str] = []
    for district, commune in zip(result["district"], result["commune"], strict=True):
        candidates = current_candidates(district, commune)
        if candidates:
            unit, basis = choose_current(candidates, commune)
        else:
            unit, basis = None, "neighbour"
        units.append(unit)
        bases.append(basis)
    result["current_unit"] = units
    result["current_basis"] = bases
    result["mapped_unit"] = [commune if basis != "neighbour" else ""
                             for commune, basis in zip(result["commune"], bases, strict=True)]
    _assign_unmatched(result)
    return result


def former_commune_index(communes: gpd.GeoDataFrame, district: str, commune: str) -> list[Any]:
    """Return the index labels of the GADM communes forming a former commune.

    Parameters
    ----------
    communes
        The frame of :func:`gadm_current_units`.
    district, commune
        The former district and commune, any spelling :func:`unit_key` folds alike. A
        commune formed 2019-2024 by a merger (absent from GADM) gives the GADM
        communes that went into it.
    """
    in_district = communes["district"].map(unit_key) == unit_key(district)
    hits = communes.index[in_district & (communes["commune"].map(unit_key) == unit_key(commune))]
    if not len(hits):
        hits = communes.index[in_district & (communes["mapped_unit"].map(unit_key) == unit_key(commune))]
    return list(hits)


def _syllables(name: str) -> set[str]:
    return set(search_key(name.split("(")[0]).split()) - {"xa", "phuong", "thi", "tran"}


def _assign_unmatched(communes: gpd.GeoDataFrame) -> None:
    """Give GADM communes that are not in the mapping (merged before 2024) a current unit.

    Such a commune went into a former unit of the same district that no GADM polygon
    matches (its name usually joins syllables of the merged ones: Vạn Điểm + Thống
    Nhất -> Vạn Nhất). The orphan mapping unit sharing most syllables wins
    (basis ``"merged_name"``); without a shared syllable, the same-district matched
    neighbour with the longest common boundary (basis ``"neighbour"``).
    """
    mapping = former_to_current()
    assert mapping is not None
    matched_keys = set(zip(communes["district"].map(unit_key), communes["commune"].map(unit_key), strict=True))
    orphans = mapping[[(d, u) not in matched_keys
                       for d, u in zip(mapping["district_key"], mapping["unit_key"], strict=True)]]
    metric = communes.to_crs(settings.metric_crs)
    for index in communes.index[communes["current_unit"].isna()]:
        district_key = unit_key(communes.at[index, "district"])
        own = _syllables(communes.at[index, "commune"])
        candidates = orphans[orphans["district_key"] == district_key]
        scores = [len(own & _syllables(name)) for name in candidates["former_unit"]]
        if scores and max(scores) > 0:
            best = candidates.iloc[scores.index(max(scores))]
            unit, basis = choose_current(current_candidates(best["former_district"], best["former_unit"]),
                                         best["former_unit"])
            communes.loc[index, ["current_unit", "current_basis", "mapped_unit"]] = [
                unit, "merged_name" if basis == "mapping" else basis, best["former_unit"]]
    for _ in range(3):  # a chain of unmatched neighbours needs more than one pass
        for index in communes.index[communes["current_unit"].isna()]:
            district_key = unit_key(communes.at[index, "district"])
            same = metric[(communes["district"].map(unit_key) == district_key) & communes["current_unit"].notna()]
            shape = metric.geometry[index]
            near = same[same.geometry.intersects(shape)]
            if len(near):
                shared = near.geometry.boundary.intersection(shape.boundary).length
                communes.loc[index, "current_unit"] = communes.loc[shared.idxmax(), "current_unit"]
    still = int(communes["current_unit"].isna().sum())
    if still:
        logger.warning("%d GADM communes could not be given a current unit", still)


@functools.lru_cache(maxsize=1)
def current_unit_polygons() -> gpd.GeoDataFrame | None:
    """Return one (approximate) polygon per current unit, dissolved from GADM communes.

    Columns: ``current_unit``, ``area_km2``, ``former_communes`` (how many GADM
    communes went into it), ``approximate`` (True when any of them was split or
    assigned through a neighbour) and ``geometry`` (EPSG:4326). ``None`` if a file is missing.
    """
    communes = gadm_current_units()
    if communes is None:
        return None
    located = communes[communes["current_unit"].notna()].copy()
    located["approximate"] = located["current_basis"] != "mapping"
    located["former_communes"] = 1
    dissolved = located[["current_unit", "approximate", "former_communes", "geometry"]].dissolve(
        by="current_unit", aggfunc={"approximate": "any", "former_communes": "sum"}).reset_index()
    dissolved["area_km2"] = dissolved.to_crs(settings.metric_crs).area / 1e6
    return dissolved[["current_unit", "area_km2", "former_communes", "approximate", "geometry"]]


def units_by_former_district() -> dict[str, list[str]]:
    """Return, per former district (as the mapping writes it), the current units it fed."""
    mapping = former_to_current()
    grouped: dict[str, list[str]] = defaultdict(list)
    if mapping is not None:
        for district, unit in zip(mapping["former_district"], mapping["current_unit"], strict=True):
            if unit not in grouped[district]:
                grouped[district].append(unit)
    return dict(grouped)
