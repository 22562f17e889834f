"""Places as plain JSON records and GeoJSON, for the CLI, the API and downloads."""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import numpy as np

from . import schema

#: Extra columns a query may add that belong in the output when present.
EXTRA_COLUMNS: tuple[str, ...] = ("distance_km",)


def _json_value(value: Any) -> Any:
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_json_value(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    return value


def places_to_records(places: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Return one JSON-safe dict per place with every schema field (and ``distance_km``)."""
    columns = [column for column in (*schema.ALL_FIELDS, *EXTRA_COLUMNS) if column in places.columns]
    # column by column: a row-by-row walk (iterrows) builds a Series per place, ten times slower
    values = [[_json_value(value) for value in places[column].tolist()] for column in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)] if columns else (
        [{} for _ in range(len(places))])


def places_to_geojson(places: gpd.GeoDataFrame) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection whose properties carry every record field."""
    features = [
        {
            "type": "Feature",
            "id": record["id"],
            "geometry": {"type": "Point", "coordinates": [record["lon"], record["lat"]]},
            "properties": record,
        }
        for record in places_to_records(places)
    ]
    return {"type": "FeatureCollection", "features": features}
