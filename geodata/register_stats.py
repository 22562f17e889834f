"""Counts of the register for planners: per area (with density), crafts x districts, coverage."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from . import settings
from .boundaries import count_in_areas
from .register import RECOGNISED

_URL = re.compile(r"https?://[^\s;()]+")
#: How register records taken from the tourist places name their source.
PLACES_SOURCE = "geodata/data/places.geojson"


def area_counts(records: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, *, key: str) -> gpd.GeoDataFrame:
    """Return ``areas`` with ``place_count``, ``area_km2`` and ``per_100_km2`` (villages per 100 km²).

    The count is a spatial join of the records' points with the polygons
    (:func:`geodata.count_in_areas`), so it follows the positions, not the names.

    Parameters
    ----------
    records
        Register records (points).
    areas
        Polygons with a unique ``key`` column.
    key
        The column naming each polygon (``"current_unit"``, ``"gid"``).
    """
    counted = count_in_areas(records, areas, key=key)
    if "area_km2" not in counted.columns:
        counted["area_km2"] = counted.to_crs(settings.metric_crs).area / 1e6
    counted["per_100_km2"] = (100 * counted["place_count"] / counted["area_km2"]).round(2)
    return counted


def craft_district_table(records: pd.DataFrame, *, column: str = "former_district") -> pd.DataFrame:
    """Return main crafts (rows) x districts (columns) with the number of villages in each cell.

    Rows and columns are sorted by their totals, largest first; only crafts and districts
    with at least one record appear.
    """
    if not len(records):
        return pd.DataFrame()
    table = pd.crosstab(records["craft"], records[column])
    rows = table.sum(axis=1).sort_values(ascending=False, kind="stable").index
    columns = table.sum(axis=0).sort_values(ascending=False, kind="stable").index
    return table.loc[rows, columns]


@dataclass(frozen=True)
class CraftMatch:
    """How many records have a craft as their main craft and how many only as another craft."""

    craft: str
    main: int
    secondary_only: int

    @property
    def total(self) -> int:
        """Records a craft filter that also matches other crafts returns."""
        return self.main + self.secondary_only


def craft_match(records: pd.DataFrame, craft: str) -> CraftMatch:
    """Return the main-craft and other-craft-only counts of ``craft`` among ``records``."""
    main = records["craft"] == craft
    other = records["other_crafts"].map(lambda crafts: craft in crafts)
    return CraftMatch(craft=craft, main=int(main.sum()), secondary_only=int((other & ~main).sum()))


@dataclass(frozen=True)
class Coverage:
    """What the register covers: records, sources, how positions and current units were found."""

    records: int
    recognised: int
    tourism: int
    proposed_removal: int
    districts: int
    sources: int
    """Distinct source pages (URLs) plus the tourist places file, if used."""
    coord_sources: dict[str, int] = field(default_factory=dict)
    unit_bases: dict[str, int] = field(default_factory=dict)

    @property
    def village_level(self) -> int:
        """Records located at village level (not a commune centroid)."""
        return self.records - self.coord_sources.get("commune_centroid", 0)


def coverage(records: pd.DataFrame) -> Coverage:
    """Return the coverage figures of ``records`` (the page's "what this covers" statement)."""
    sources: set[str] = set()
    for text in records["source"]:
        sources.update(_URL.findall(str(text)))
        if PLACES_SOURCE in str(text):
            sources.add(PLACES_SOURCE)
    return Coverage(
        records=len(records),
        recognised=int(records["recognition"].isin(RECOGNISED).sum()),
        tourism=int(records["tourism"].sum()),
        proposed_removal=int(records["proposed_removal"].sum()),
        districts=int(records["former_district"].nunique()),
        sources=len(sources),
        coord_sources=dict(Counter(records["coord_source"])),
        unit_bases=dict(Counter(records["current_unit_basis"])),
    )
