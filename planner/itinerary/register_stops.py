"""Tourism-ready villages of the register as candidate stops, beside the tourist places.

The register (:func:`geodata.register.load_register`) marks the villages that receive
visitors (``tourism`` true, with its source). Those that are not already a tourist
place become place rows with the planner's default visit lengths
(``planner.settings.REGISTER_VISIT_MIN`` / ``REGISTER_VISIT_SHORT_MIN``) and an empty
``opening_hours``: their hours are unknown, so a visit may fall anywhere in the day
window and maps say "hours unknown" (nothing is invented).
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from geodata import schema
from geodata.loader import records_to_frame
from geodata.register import CRAFTS
from geodata.text import compact_key

from .. import settings

#: Register recognitions the places' vocabulary shares; any other becomes ``none``.
_SHARED_RECOGNITION = ("traditional_craft_village", "craft_village")


def _place_keys(places: gpd.GeoDataFrame) -> set[tuple[str, str]]:
    """Return (village name, current unit) keys of the tourist places, to spot the same village."""
    return {(compact_key(str(name)), str(commune)) for name, commune in zip(places["name_vi"], places["commune"],
                                                                         strict=True)}


def register_stop_records(register: pd.DataFrame, places: gpd.GeoDataFrame, *, visit_min: int,
                          visit_short_min: int) -> list[dict[str, Any]]:
    """Return place records for the register's tourism-ready villages that are not places.

    Parameters
    ----------
    register
        The register (:func:`geodata.register.load_register`).
    places
        The tourist places; a register village is left out when it names one
        (``place_id``), has a place's id, or has a place's name in the same current unit.
    visit_min, visit_short_min
        Typical and shortest visit of every such village (minutes).
    """
    same_village = _place_keys(places)
    records = []
    for row in register.itertuples(index=False):
        if not row.tourism or row.place_id or row.id in places.index:
            continue
        if (compact_key(row.village or row.name_vi), row.current_unit) in same_village:
            continue
        recognition = row.recognition if row.recognition in _SHARED_RECOGNITION else "none"
        records.append({
            **{name: default for name, default in schema.OPTIONAL_FIELDS.items()},
            "id": row.id, "name_vi": row.name_vi, "name": row.name, "kind": "village", "craft": row.craft,
            "other_crafts": list(row.other_crafts), "commune": row.current_unit,
            "former_commune": row.former_commune, "former_district": row.former_district,
            "lat": row.lat, "lon": row.lon, "recognition": recognition,
            "visit_min": visit_min, "visit_short_min": min(visit_short_min, visit_min), "opening_hours": "",
            "description": f"Craft village of the register ({CRAFTS.get(row.craft, row.craft).lower()}); it "
                           "receives visitors. Opening hours unknown.",
            "description_vi": f"Làng nghề {row.craft_vi or 'thủ công'} trong danh sách làng nghề, có đón khách "
                              "tham quan. Chưa rõ giờ mở cửa.",
            "coord_source": row.coord_source, "coord_ref": row.coord_ref,
            "source": f"register: {row.source}; visitors: {row.tourism_source}",
        })
    return records


#: Key of ``GeoDataFrame.attrs`` marking places that already hold the register's villages.
ADDED_MARK = "register_villages_added"


def with_register_villages(places: gpd.GeoDataFrame, register: pd.DataFrame | None = None) -> gpd.GeoDataFrame:
    """Return ``places`` plus the register's tourism-ready villages that are not among them.

    The result is marked (``attrs[ADDED_MARK]``): called again on it, the function
    returns it as it is, without reading the register again. ``register`` defaults to
    the bundled register.
    """
    if places.attrs.get(ADDED_MARK):
        return places
    if register is None:
        from geodata.register import load_register

        register = load_register()
    records = register_stop_records(register, places, visit_min=settings.REGISTER_VISIT_MIN,
                                    visit_short_min=settings.REGISTER_VISIT_SHORT_MIN)
    if not records:
        return places
    added = records_to_frame(records)
    extended = gpd.GeoDataFrame(pd.concat([places, added]), crs=places.crs)
    extended.attrs[ADDED_MARK] = True
    return extended
