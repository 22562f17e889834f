"""Where tourists start: the sourced gazetteer of hotels, railway and bus stations.

The road file holds roads only, so a hotel's name finds nothing in the street index.
``geodata/data/landmarks.csv`` lists well-known hotels of central Hanoi, the railway
stations and the long-distance bus stations, each with its published address and the
page that publishes it (``source``). A position is never typed in: ``tools/build_landmarks.py``
puts each entry on the street its published address names, inside the district the
address names (``coord_source`` ``street_of_address``, ``coord_ref`` the OSM ways), or
takes coordinates a cited page publishes (``published``). An entry whose street is not
in the road file stays ``unlocated`` (no lat/lon) and is never offered as a start.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schema, settings
from .errors import CraftRouteError, DataValidationError
from .files import file_stamp, read_csv_rows
from .text import search_key

#: What a landmark is.
KINDS: dict[str, str] = {
    "hotel": "Hotel",
    "station": "Railway station",
    "bus_station": "Long-distance bus station",
}

#: Where a landmark's position comes from.
COORD_SOURCES: dict[str, str] = {
    "street_of_address": "The street of the published address: middle of the OSM street of that name inside the"
                         " district the address names (coord_ref names the ways); the house itself is not located",
    "published": "Coordinates published on the cited page (coord_ref says which)",
    "unlocated": "The street of the address is not in the road file: no position, never offered",
}

#: Columns of the landmarks file, in order.
FIELDS: tuple[str, ...] = ("id", "name", "name_vi", "aliases", "kind", "address", "street", "district",
                           "lat", "lon", "coord_source", "coord_ref", "source")
#: Fields that must not be empty.
REQUIRED: tuple[str, ...] = ("id", "name", "name_vi", "kind", "address", "coord_source", "source")

_ID_RE = re.compile(schema.ID_PATTERN)
_URL_RE = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Landmark:
    """A hotel or station travellers start from.

    Attributes
    ----------
    id
        Slug (``sofitel-legend-metropole-hanoi``).
    name, name_vi
        English (or international) and Vietnamese names, with diacritics.
    aliases
        Other names people type ("Metropole", "Khách sạn Metropole").
    kind
        One of :data:`KINDS`.
    address
        The address as the source publishes it.
    street, district
        The street of the address and the (pre-2025) district it names; ``district``
        may be empty when the source names none.
    lat, lon
        The position, ``None`` when unlocated.
    coord_source, coord_ref
        Where the position comes from (:data:`COORD_SOURCES`) and the OSM ways or page.
    source
        The page (URL, with a short title) that publishes the address.
    """

    id: str
    name: str
    name_vi: str
    aliases: tuple[str, ...]
    kind: str
    address: str
    street: str
    district: str
    lat: float | None
    lon: float | None
    coord_source: str
    coord_ref: str
    source: str

    @property
    def located(self) -> bool:
        """Return whether the landmark has a position (only located landmarks are offered)."""
        return self.lat is not None and self.lon is not None

    @property
    def names(self) -> tuple[str, ...]:
        """Return every name it is known by: name, Vietnamese name, then aliases."""
        return tuple(dict.fromkeys((self.name, self.name_vi, *self.aliases)))

    @property
    def keys(self) -> tuple[str, ...]:
        """Return the search keys of :attr:`names` (:func:`geodata.text.search_key`)."""
        return tuple(dict.fromkeys(search_key(name) for name in self.names))


def load_landmarks(path: str | Path | None = None) -> tuple[Landmark, ...]:
    """Return the validated landmarks, in file order (located and unlocated).

    Parameters
    ----------
    path
        A landmarks CSV; ``None`` reads ``geodata.settings.landmarks_path``.

    Raises
    ------
    DataValidationError
        At the first bad record, naming the record and the field.
    CraftRouteError
        If the file cannot be read (field ``path``).
    """
    resolved, stamp = file_stamp(path if path is not None else settings.landmarks_path, what="landmarks")
    return _load_cached(resolved, stamp)


@functools.lru_cache(maxsize=4)
def _load_cached(path: Path, stamp: int) -> tuple[Landmark, ...]:
    return validate_landmarks(read_csv_rows(path))


def located_landmarks(landmarks: Iterable[Landmark] | None = None) -> tuple[Landmark, ...]:
    """Return the landmarks with a position (``None``: the bundled file's)."""
    return tuple(item for item in (load_landmarks() if landmarks is None else landmarks) if item.located)


def validate_landmarks(rows: Iterable[Mapping[str, Any]]) -> tuple[Landmark, ...]:
    """Return the rows as landmarks, checking every field.

    Raises
    ------
    DataValidationError
        At the first bad record (its id, else its position) and field: an empty
        required field, a source without a URL, an unknown kind or coordinate source,
        a position outside Hanoi, a located record without its street, a duplicate id.
    """
    seen: set[str] = set()
    landmarks = []
    for position, row in enumerate(rows):
        label = str(row.get("id") or f"#{position + 1}")
        texts = {name: str(row.get(name) or "").strip() for name in FIELDS}
        for name in REQUIRED:
            if not texts[name]:
                raise DataValidationError(label, name, "must not be empty")
        if not _ID_RE.match(texts["id"]):
            raise DataValidationError(label, "id", f"must be a slug of a-z, 0-9 and single hyphens, got {texts['id']!r}")
        if texts["id"] in seen:
            raise DataValidationError(label, "id", "appears twice; ids must be unique")
        seen.add(texts["id"])
        if not _URL_RE.search(texts["source"]):
            raise DataValidationError(label, "source", "must name the page that publishes the address (a URL)")
        for name, allowed in (("kind", KINDS), ("coord_source", COORD_SOURCES)):
            if texts[name] not in allowed:
                raise DataValidationError(label, name, f"must be one of {', '.join(allowed)}; got {texts[name]!r}")
        lat, lon = _position(label, texts)
        landmarks.append(Landmark(
            id=texts["id"], name=texts["name"], name_vi=texts["name_vi"],
            aliases=tuple(part.strip() for part in texts["aliases"].split(";") if part.strip()),
            kind=texts["kind"], address=texts["address"], street=texts["street"], district=texts["district"],
            lat=lat, lon=lon, coord_source=texts["coord_source"], coord_ref=texts["coord_ref"],
            source=texts["source"]))
    return tuple(landmarks)


def _position(label: str, texts: dict[str, str]) -> tuple[float | None, float | None]:
    """Return the checked ``(lat, lon)`` of a row; ``(None, None)`` for an unlocated one."""
    if texts["coord_source"] == "unlocated":
        if texts["lat"] or texts["lon"]:
            raise DataValidationError(label, "lat/lon", "must be empty when coord_source is unlocated")
        return None, None
    if texts["coord_source"] == "street_of_address" and not texts["street"]:
        raise DataValidationError(label, "street", "must name the street of the address it is located on")
    if not texts["coord_ref"]:
        raise DataValidationError(label, "coord_ref", "must say where the position comes from")
    values = []
    for name in ("lat", "lon"):
        try:
            value = float(texts[name])
        except ValueError:
            raise DataValidationError(label, name, f"must be a number, got {texts[name]!r}") from None
        if not math.isfinite(value):
            raise DataValidationError(label, name, f"must be finite, got {texts[name]!r}")
        values.append(value)
    from .area import check_in_hanoi

    try:
        check_in_hanoi(values[0], values[1], field="lat/lon")
    except CraftRouteError as error:
        raise DataValidationError(label, "lat/lon", error.message) from None
    return values[0], values[1]
