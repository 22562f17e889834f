"""Pre-2025 commune and district polygons (GADM 4.1) and the places' areas and counts."""

from __future__ import annotations

import functools
import gzip
import logging

import geopandas as gpd
import pandas as pd

from . import settings

logger = logging.getLogger(__name__)

#: GADM's type names written without their space.
_GADM_TYPES = {"Thịtrấn": "Thị trấn", "Thịxã": "Thị xã"}


def spaced_name(gadm_name: str) -> str:
    """Return a GADM name with its spaces back ("BátTràng" -> "Bát Tràng")."""
    characters: list[str] = []
    for position, character in enumerate(gadm_name):
        if position and character.isupper() and gadm_name[position - 1].isalpha():
            characters.append(" ")
        characters.append(character)
    return "".join(characters)


@functools.lru_cache(maxsize=2)
def _read_gadm(relative_path: str) -> gpd.GeoDataFrame | None:
    path = settings.shared_file(relative_path)
    if path is None:
        logger.warning("boundary file %s not found in the shared data folder", relative_path)
        return None
    with gzip.open(path) as handle:
        frame = gpd.read_file(handle)
    return frame.set_crs("EPSG:4326", allow_override=True)


def _gadm_areas(raw: gpd.GeoDataFrame, level: int, *, name: str) -> gpd.GeoDataFrame:
    """Return GADM features of ``level`` (2 districts, 3 communes) with readable names."""
    columns: dict[str, pd.Series] = {"gid": raw[f"GID_{level}"]}
    if level == 3:
        columns["commune"] = raw["NAME_3"].map(spaced_name)
    columns["district"] = raw["NAME_2"].map(spaced_name)
    columns[f"{name}_type"] = raw[f"TYPE_{level}"].replace(_GADM_TYPES)
    return gpd.GeoDataFrame(columns, geometry=raw.geometry, crs="EPSG:4326")


def load_communes() -> gpd.GeoDataFrame | None:
    """Return Hanoi's 584 pre-2025 communes and wards, or ``None`` if the file is absent.

    Columns: ``gid`` (GADM GID_3), ``commune`` and ``district`` (names with spaces and
    diacritics), ``commune_type`` (Xã, Phường, Thị trấn) and ``geometry`` (EPSG:4326).
    """
    raw = _read_gadm(settings.communes_file)
    return None if raw is None else _gadm_areas(raw, 3, name="commune")


def load_districts() -> gpd.GeoDataFrame | None:
    """Return Hanoi's 30 pre-2025 districts, or ``None`` if the file is absent.

    Columns: ``gid`` (GADM GID_2), ``district`` (name with spaces and diacritics),
    ``district_type`` and ``geometry`` (EPSG:4326).
    """
    raw = _read_gadm(settings.districts_file)
    return None if raw is None else _gadm_areas(raw, 2, name="district")


def assign_areas(places: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, *, prefix: str) -> gpd.GeoDataFrame:
    """Return ``places`` with the columns of the polygon each lies in, prefixed.

    A spatial join (point within polygon). GADM polygons leave thin gaps along some
    boundary streets, so a point in no polygon takes the nearest one within
    ``settings.area_snap_m``; a point farther than that gets empty values.

    Parameters
    ----------
    places
        Places with point geometry.
    areas
        Polygons, e.g. from :func:`load_communes`.
    prefix
        Prefix for the added columns (``"gadm_"`` gives ``gadm_commune``...).
    """
    added = [column for column in areas.columns if column != "geometry"]
    renamed = areas.rename(columns={column: f"{prefix}{column}" for column in added})
    new_columns = [f"{prefix}{column}" for column in added]
    within = gpd.sjoin(places[["geometry"]], renamed, how="left", predicate="within")
    within = within[~within.index.duplicated(keep="first")]
    missing = within[new_columns[0]].isna()
    if missing.any():
        metric_points = places.loc[missing, ["geometry"]].to_crs(settings.metric_crs)
        nearest = gpd.sjoin_nearest(metric_points, renamed.to_crs(settings.metric_crs),
                                    how="left", max_distance=settings.area_snap_m)
        nearest = nearest[~nearest.index.duplicated(keep="first")]
        within.loc[missing, new_columns] = nearest[new_columns]
    result = places.copy()
    result[new_columns] = within[new_columns]
    return result


def count_in_areas(places: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, *, key: str = "gid") -> gpd.GeoDataFrame:
    """Return ``areas`` with a ``place_count`` column: how many places lie in each polygon."""
    located = assign_areas(places, areas[[key, "geometry"]], prefix="area_")
    counts = located[f"area_{key}"].value_counts()
    result = areas.copy()
    result["place_count"] = result[key].map(counts).fillna(0).astype(int)
    return result


def counts_by(places: pd.DataFrame, column: str) -> pd.DataFrame:
    """Return a table of ``column`` values and how many places have each, most first."""
    if column not in places.columns:
        from .errors import CraftRouteError

        raise CraftRouteError("column", f"unknown column {column!r}; allowed: {', '.join(places.columns)}")
    counts = places[column].value_counts(sort=True)
    return counts.rename_axis(column).reset_index(name="count")
