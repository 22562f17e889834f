"""Load places (villages and destinations) from GeoJSON or CSV, validated, as a GeoDataFrame."""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd

from . import schema, settings
from .area import check_in_hanoi
from .errors import CraftRouteError, DataValidationError
from .files import file_stamp, read_csv_rows
from .hours import parse_opening_hours

logger = logging.getLogger(__name__)

_ID_RE = re.compile(schema.ID_PATTERN)


def load_places(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Return the validated places as a GeoDataFrame in EPSG:4326, indexed by ``id``.

    Parameters
    ----------
    path
        A ``.geojson``/``.json`` FeatureCollection or a ``.csv`` file with ``lat`` and
        ``lon`` columns (list fields separated by ``;``). ``None`` loads the bundled data
        (``geodata.settings.places_path``).

    Raises
    ------
    DataValidationError
        If a record lacks a required field or holds a bad value; the message names the
        record and the field.
    CraftRouteError
        If the file cannot be read (field ``path``).
    """
    resolved, stamp = file_stamp(path if path is not None else settings.places_path, what="places")
    return _load_cached(resolved, stamp).copy()


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, stamp: int) -> gpd.GeoDataFrame:
    raw_records = _read_raw_records(path)
    records = validate_records(raw_records)
    logger.info("loaded %d places from %s", len(records), path)
    return records_to_frame(records)


def records_to_frame(records: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """Return a GeoDataFrame (EPSG:4326, index ``id``) from already validated records."""
    columns = list(schema.ALL_FIELDS)
    frame = gpd.GeoDataFrame(
        [{name: record[name] for name in columns} for record in records],
        columns=columns,
        geometry=gpd.points_from_xy([r["lon"] for r in records], [r["lat"] for r in records]),
        crs="EPSG:4326",
    )
    return frame.set_index("id", drop=False).rename_axis(None)


def validate_records(raw_records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the records with defaults filled in and types normalised.

    Raises
    ------
    DataValidationError
        At the first bad record, naming the record (its id, else its position) and field.
    """
    records: list[dict[str, Any]] = []
    seen_ids: set[str] = set()
    for position, raw in enumerate(raw_records):
        record = _validate_record(raw, position)
        if record["id"] in seen_ids:
            raise DataValidationError(record["id"], "id", "duplicate id; every id must be unique")
        seen_ids.add(record["id"])
        records.append(record)
    if not records:
        raise DataValidationError("(file)", "features", "the file holds no places")
    return records


def _validate_record(raw: Mapping[str, Any], position: int) -> dict[str, Any]:
    label = str(raw.get("id") or f"#{position + 1}")
    record: dict[str, Any] = {}
    for name, kind in schema.REQUIRED_FIELDS.items():
        value = raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise DataValidationError(label, name, "missing required field")
        record[name] = _coerce(label, name, value, kind)
    for name, default in schema.OPTIONAL_FIELDS.items():
        value = raw.get(name)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            value = [] if isinstance(default, list) else default
        if isinstance(default, list):
            record[name] = _coerce_list(label, name, value)
        elif isinstance(default, int):
            record[name] = _coerce(label, name, value, int)
        else:
            record[name] = str(value).strip()
    _check_values(label, record)
    return record


def _coerce(label: str, name: str, value: Any, kind: type) -> Any:
    try:
        if kind is float:
            number = float(value)
            if not math.isfinite(number):
                raise ValueError
            return number
        if kind is int:
            number = float(value)
            if number != int(number):
                raise ValueError
            return int(number)
    except (TypeError, ValueError):
        raise DataValidationError(label, name, f"must be a {kind.__name__}, got {value!r}") from None
    if not isinstance(value, str):
        raise DataValidationError(label, name, f"must be text, got {value!r}")
    return value.strip()


def _coerce_list(label: str, name: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [item.strip() for item in value.split(";") if item.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    raise DataValidationError(label, name, f"must be a list of text (or 'a; b' in CSV), got {value!r}")


def _check_values(label: str, record: dict[str, Any]) -> None:
    if not _ID_RE.match(record["id"]):
        raise DataValidationError(label, "id", f"must be a slug of a-z, 0-9 and single hyphens, got {record['id']!r}")
    if not record["name"].isascii():
        raise DataValidationError(label, "name", f"must be ASCII (Vietnamese goes in name_vi), got {record['name']!r}")
    _check_choice(label, "kind", record["kind"], schema.KINDS)
    _check_choice(label, "recognition", record["recognition"], schema.RECOGNITION)
    _check_choice(label, "coord_source", record["coord_source"], schema.COORD_SOURCES)
    if record["kind"] == "village" and not record["craft"]:
        raise DataValidationError(label, "craft", "missing required field (villages need a craft)")
    if record["craft"]:
        _check_choice(label, "craft", record["craft"], schema.CRAFTS)
    for craft in record["other_crafts"]:
        _check_choice(label, "other_crafts", craft, schema.CRAFTS)
    low, high = schema.VISIT_MIN_RANGE
    if not low <= record["visit_min"] <= high:
        raise DataValidationError(label, "visit_min", f"must be between {low} and {high}, got {record['visit_min']}")
    short = record["visit_short_min"]
    low, high = schema.VISIT_SHORT_MIN_RANGE
    if short and not (low <= short <= high and short <= record["visit_min"]):
        msg = f"must be 0 (unknown) or between {low} and the typical visit_min {record['visit_min']}, got {short}"
        raise DataValidationError(label, "visit_short_min", msg)
    _check_vietnamese_texts(label, record)
    try:
        parse_opening_hours(record["opening_hours"])
    except CraftRouteError as error:
        raise DataValidationError(label, "opening_hours", error.message) from None
    try:
        check_in_hanoi(record["lat"], record["lon"])
    except CraftRouteError as error:
        raise DataValidationError(label, "lat/lon", error.message) from None


def _check_vietnamese_texts(label: str, record: dict[str, Any]) -> None:
    for name, english in schema.VI_TEXT_FIELDS.items():
        text = record[name]
        if not text:
            continue
        if not record[english]:
            raise DataValidationError(label, name, f"is given but the English {english!r} is empty; give both or neither")
        if text.isascii():
            raise DataValidationError(label, name, f"must be Vietnamese with its diacritics, got {text[:40]!r}")
    for name, english in schema.VI_LIST_FIELDS.items():
        items = record[name]
        if not items:
            continue
        if len(items) != len(record[english]):
            msg = f"must translate the {len(record[english])} items of {english!r} one by one, got {len(items)}"
            raise DataValidationError(label, name, msg)
        for item in items:
            if item.isascii():
                raise DataValidationError(label, name, f"must be Vietnamese with its diacritics, got {item[:40]!r}")


def _check_choice(label: str, field: str, value: str, allowed: Iterable[str]) -> None:
    allowed = list(allowed)
    if value not in allowed:
        raise DataValidationError(label, field, f"unknown value {value!r}; allowed: {', '.join(allowed)}")


def _read_raw_records(path: Path) -> list[dict[str, Any]]:
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        return _read_geojson(path)
    if suffix == ".csv":
        return read_csv_rows(path)
    raise CraftRouteError("path", f"unsupported places file {path.name!r}; use .geojson, .json or .csv")


def _read_geojson(path: Path) -> list[dict[str, Any]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CraftRouteError("path", f"{path.name} is not valid UTF-8 JSON: {error}") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise DataValidationError("(file)", "type", "must be a GeoJSON FeatureCollection")
    features = document.get("features")
    if not isinstance(features, list):
        raise DataValidationError("(file)", "features", "must be a list of GeoJSON features")
    return [_feature_to_raw(feature, position) for position, feature in enumerate(features)]


def _feature_to_raw(feature: Any, position: int) -> dict[str, Any]:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        raise DataValidationError(f"#{position + 1}", "properties", "each feature needs a properties object")
    raw = dict(feature["properties"])
    geometry = feature.get("geometry")
    if geometry is not None:
        label = str(raw.get("id") or f"#{position + 1}")
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not (isinstance(geometry, dict) and geometry.get("type") == "Point"
                and isinstance(coordinates, list) and len(coordinates) >= 2):
            raise DataValidationError(label, "geometry", "must be a GeoJSON Point [lon, lat]")
        raw["lon"], raw["lat"] = coordinates[0], coordinates[1]
    return raw

