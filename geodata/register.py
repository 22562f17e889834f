"""The register of Hanoi's recognised craft villages: fields, validated loading, filters.

The register (``geodata/data/register.csv``, built by ``tools/build_register.py``) holds
every village the sources name, with its former commune and district, its current
(2025) commune or ward, craft, recognition, source, and a commune-level or better
position. It is separate from the tourist places (``places.geojson``): a register
record that is also a tourist place names it in ``place_id`` and has ``tourism`` true.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd

from . import schema, settings
from .errors import CraftRouteError, DataValidationError, quoted
from .files import file_stamp, read_csv_rows
from .text import search_key

#: Crafts of the register: the places' vocabulary plus the trades only the register needs.
CRAFTS: dict[str, str] = {
    **schema.CRAFTS,
    "garment": "Garments, tailoring and bedding",
    "nets": "Nets and hammocks",
    "blacksmithing": "Blacksmithing, knives and farm tools",
    "musical_instruments": "Traditional musical instruments",
    "herbal_medicine": "Traditional herbal medicine",
    "other": "Other crafts",
}

#: Recognition as the sources state it (Hanoi People's Committee titles).
RECOGNITION: dict[str, str] = {
    "traditional_craft_village": "Làng nghề truyền thống Hà Nội (traditional craft village)",
    "craft_village": "Làng nghề Hà Nội (craft village)",
    "traditional_craft": "Nghề truyền thống Hà Nội (traditional craft)",
    "recognised": "Recognised by the city; title not stated by the source",
    "unknown": "No source found for a city recognition",
}

#: Recognition values that count as recognised by the city.
RECOGNISED: frozenset[str] = frozenset({"traditional_craft_village", "craft_village", "traditional_craft",
                                        "recognised"})

#: Where a register position comes from.
COORD_SOURCES: dict[str, str] = {
    **schema.COORD_SOURCES,
    "osm_place": "OpenStreetMap place named like the village inside its commune (coord_ref names it)",
    "osm_street": "Middle of the OpenStreetMap street named after the village inside its commune, a proxy"
                  " (coord_ref names the ways)",
}

#: How the current unit was found (see :func:`geodata.units.choose_current`).
CURRENT_BASES: dict[str, str] = {
    "place": "Given, with its source, by the tourist place record",
    "mapping": "The former commune went wholly into this unit",
    "split_same_name": "Former commune split; the unit carrying its name",
    "split_first": "Former commune split; first listed unit (approximate)",
    "merged_name": "GADM commune merged before 2024; unit of the merged commune",
    "neighbour": "GADM commune merged before 2024; unit of its same-district neighbour (approximate)",
}

#: Columns of the register file, in order; the type each has after loading.
FIELDS: dict[str, type] = {
    "id": str, "name_vi": str, "name": str, "village": str, "craft": str, "other_crafts": list,
    "craft_vi": str, "recognition": str, "decision": str, "year": int, "former_commune": str,
    "former_district": str, "proposed_removal": bool, "current_unit": str, "current_unit_basis": str,
    "tourism": bool, "tourism_source": str, "lat": float, "lon": float, "coord_source": str,
    "coord_ref": str, "place_id": str, "distinction": str, "source": str,
}
#: Fields that must not be empty.
REQUIRED: tuple[str, ...] = ("id", "name_vi", "name", "craft", "recognition", "former_commune",
                             "former_district", "current_unit", "current_unit_basis", "lat", "lon",
                             "coord_source", "coord_ref", "source")
YEAR_RANGE: tuple[int, int] = (1990, 2030)

_ID_RE = re.compile(schema.ID_PATTERN)
_BOOLEANS = {"true": True, "false": False}


def load_register(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Return the validated register as a GeoDataFrame (EPSG:4326) indexed by ``id``.

    Parameters
    ----------
    path
        A register CSV; ``None`` reads ``geodata.settings.register_path``.

    Raises
    ------
    DataValidationError
        At the first bad record, naming the record and the field.
    CraftRouteError
        If the file cannot be read (field ``path``).
    """
    resolved, stamp = file_stamp(path if path is not None else settings.register_path, what="register")
    return _load_cached(resolved, stamp).copy()


@functools.lru_cache(maxsize=4)
def _load_cached(path: Path, stamp: int) -> gpd.GeoDataFrame:
    return register_frame(validate_register(read_csv_rows(path)))


def register_frame(records: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """Return validated register records as a GeoDataFrame (EPSG:4326, index ``id``)."""
    frame = gpd.GeoDataFrame(
        [{name: record[name] for name in FIELDS} for record in records], columns=list(FIELDS),
        geometry=gpd.points_from_xy([r["lon"] for r in records], [r["lat"] for r in records]), crs="EPSG:4326",
    )
    return frame.set_index("id", drop=False).rename_axis(None)


def validate_register(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the rows with types normalised, checking every field.

    Raises
    ------
    DataValidationError
        At the first bad record (its id, else its position) and field: an unknown craft
        or recognition, a current unit that is not one of Hanoi's 126, a point outside
        Hanoi, a duplicate id, an empty required field...
    """
    from .area import check_in_hanoi
    from .units import official_unit_names

    units = set(official_unit_names())
    seen: set[str] = set()
    records: list[dict[str, Any]] = []
    for position, row in enumerate(rows):
        label = str(row.get("id") or f"#{position}")
        record = {name: _converted(label, name, row.get(name)) for name in FIELDS}
        for name in REQUIRED:
            if record[name] in ("", None):
                raise DataValidationError(label, name, "must not be empty")
        if not _ID_RE.match(record["id"]):
            raise DataValidationError(label, "id", f"must be lower-case ASCII words joined by '-', got {record['id']!r}")
        if record["id"] in seen:
            raise DataValidationError(label, "id", "appears twice; ids must be unique")
        seen.add(record["id"])
        _check_vocabulary(label, record, units)
        try:
            check_in_hanoi(record["lat"], record["lon"], field="lat/lon")
        except CraftRouteError as error:
            raise DataValidationError(label, "lat/lon", error.message) from None
        records.append(record)
    return records


def _check_vocabulary(label: str, record: dict[str, Any], units: set[str]) -> None:
    checks = (("craft", CRAFTS), ("recognition", RECOGNITION), ("coord_source", COORD_SOURCES),
              ("current_unit_basis", CURRENT_BASES))
    for name, allowed in checks:
        if record[name] not in allowed:
            raise DataValidationError(label, name, f"must be one of {', '.join(allowed)}; got {record[name]!r}")
    for craft in record["other_crafts"]:
        if craft not in CRAFTS:
            raise DataValidationError(label, "other_crafts", f"unknown craft {craft!r}; allowed: {', '.join(CRAFTS)}")
    if record["current_unit"] not in units:
        raise DataValidationError(label, "current_unit", f"{record['current_unit']!r} is not one of Hanoi's "
                                  "126 communes and wards as the official list (vietnam-provinces) writes them")
    if record["tourism"] and not record["tourism_source"]:
        raise DataValidationError(label, "tourism_source", "must name the source when tourism is true")


def _converted(label: str, name: str, raw: Any) -> Any:
    text = "" if raw is None else str(raw).strip()
    kind = FIELDS[name]
    if kind is list:
        return [part.strip() for part in text.split(";") if part.strip()]
    if kind is bool:
        if text.lower() not in _BOOLEANS:
            raise DataValidationError(label, name, f"must be true or false, got {text!r}")
        return _BOOLEANS[text.lower()]
    if kind is float:
        try:
            value = float(text)
        except ValueError:
            raise DataValidationError(label, name, f"must be a number, got {text!r}") from None
        if not math.isfinite(value):
            raise DataValidationError(label, name, f"must be finite, got {text!r}")
        return value
    if kind is int:
        if not text:
            return None
        if not text.isdigit() or not YEAR_RANGE[0] <= int(text) <= YEAR_RANGE[1]:
            raise DataValidationError(label, name, f"must be a year {YEAR_RANGE[0]}-{YEAR_RANGE[1]} or empty, "
                                      f"got {text!r}")
        return int(text)
    return text


def filter_register(register: gpd.GeoDataFrame, *, craft: str | None = None, district: str | None = None,
                    tourism: bool | None = None, recognised: bool | None = None,
                    main_craft_only: bool = False) -> gpd.GeoDataFrame:
    """Return the register records that match every filter given.

    Parameters
    ----------
    craft
        A craft slug (keys of :data:`CRAFTS`); matches the main craft, and the other
        crafts too unless ``main_craft_only``. Counts by craft use the main craft
        only, so a filter can show more villages than the craft's count.
    district
        Part of a former district, former commune or current unit name, any accents.
    tourism
        ``True`` keeps the villages that receive visitors, ``False`` the others.
    recognised
        ``True`` keeps villages with a city recognition, ``False`` the others.

    Raises
    ------
    CraftRouteError
        If ``craft`` is unknown (field ``craft``, the message lists the allowed ones)
        or ``district`` is blank.
    """
    mask = register["id"].map(lambda _: True)
    if craft is not None:
        if craft not in CRAFTS:
            raise CraftRouteError.of("craft", "unknown_value", name="craft", got=quoted(craft), allowed=", ".join(CRAFTS))
        mask &= register["craft"] == craft
        if not main_craft_only:
            mask |= register["other_crafts"].map(lambda extra: craft in extra)
    if district is not None:
        needle = search_key(district)
        if not needle:
            raise CraftRouteError.of("district", "district_empty")
        areas = register["former_district"] + " | " + register["former_commune"] + " | " + register["current_unit"]
        mask &= areas.map(search_key).str.contains(needle, regex=False)
    if tourism is not None:
        mask &= register["tourism"] == tourism
    if recognised is not None:
        mask &= register["recognition"].isin(RECOGNISED) == recognised
    return register[mask]


def register_records(register: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Return one JSON-safe dict per record with every register field, in file order."""
    from .export import _json_value

    records = [{name: _json_value(row[name]) for name in FIELDS} for _, row in register.iterrows()]
    for record in records:  # a column with empty years is stored as float
        record["year"] = None if record["year"] is None else int(record["year"])
    return records


def register_geojson(register: gpd.GeoDataFrame) -> dict[str, Any]:
    """Return the records as a GeoJSON FeatureCollection (points, every field as a property)."""
    features = [{"type": "Feature", "id": record["id"],
                 "geometry": {"type": "Point", "coordinates": [record["lon"], record["lat"]]},
                 "properties": record} for record in register_records(register)]
    return {"type": "FeatureCollection", "features": features}


def register_csv(register: gpd.GeoDataFrame) -> str:
    """Return the records as CSV text with the register file's columns (lists joined by ';')."""
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()
    for record in register_records(register):
        writer.writerow({name: _csv_cell(value) for name, value in record.items()})
    return buffer.getvalue()


def _csv_cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return "" if value is None else str(value)
