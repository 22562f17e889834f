"""Place names in the interface language (pure).

Places carry a Vietnamese name (``name_vi``, "Phố cổ Hà Nội") and an English one
(``name``, "Hanoi Old Quarter"); for most villages the English name is only the
Vietnamese one without accents ("Bat Trang"). The English interface shows a real
English name ("Hanoi Old Quarter (Phố cổ Hà Nội)" where the other helps) and keeps a
village's accented name with what it is in brackets ("Bát Tràng (Bat Trang ceramics
and pottery village)"); the Vietnamese interface shows the Vietnamese name.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from geodata.text import search_key


@dataclass(frozen=True)
class PlaceName:
    """How a place is named in one language: ``short`` in running text, ``full`` in headings and lists."""

    short: str
    full: str


def is_translated(record: Mapping[str, Any]) -> bool:
    """Return whether the English ``name`` is a translation, not the Vietnamese name without accents."""
    return search_key(str(record.get("name") or "")) != search_key(str(record.get("name_vi") or ""))


def place_name(record: Mapping[str, Any], language: str, *, craft_label: str = "") -> PlaceName:
    """Return the names of a place record (``name_vi``, ``name``, ``kind``, ``craft``) in ``language``.

    Parameters
    ----------
    record
        The place.
    language
        ``"en"`` or ``"vi"``.
    craft_label
        The English name of the place's craft ("Ceramics and pottery"), to say what a
        village is in English.
    """
    vietnamese = str(record.get("name_vi") or record.get("name") or "")
    english = str(record.get("name") or vietnamese)
    if language == "vi":
        return PlaceName(vietnamese, vietnamese)
    if is_translated(record):
        return PlaceName(english, f"{english} ({vietnamese})")
    if record.get("kind") == "village" and craft_label:
        return PlaceName(vietnamese, f"{vietnamese} ({english} {craft_label.lower()} village)")
    return PlaceName(vietnamese, vietnamese)


def place_names(records: Iterable[Mapping[str, Any]], language: str, *,
                craft_labels: Mapping[str, str] | None = None) -> dict[str, PlaceName]:
    """Return :func:`place_name` of every record by id (``craft_labels``: English craft names)."""
    labels = craft_labels or {}
    return {str(r["id"]): place_name(r, language, craft_label=labels.get(str(r.get("craft") or ""), ""))
            for r in records}


def localise_plan(plan: Mapping[str, Any], names: Mapping[str, PlaceName]) -> dict[str, Any]:
    """Return a copy of a plan dict whose places (stops, start, end, lunch, left out) have their ``short`` names.

    Points that are no place (a hotel, a tapped point) keep the name they have. Each
    renamed stop and left-out place also gets ``full_name``.
    """
    localised = copy.deepcopy(dict(plan))

    def rename(point: Any, *, name_key: str = "name", id_key: str = "id") -> None:
        if isinstance(point, dict) and str(point.get(id_key)) in names:
            found = names[str(point[id_key])]
            point[name_key] = found.short
            if name_key == "name":
                point["full_name"] = found.full

    for day in localised.get("days", []):
        for key in ("start", "end"):
            rename(day.get(key))
        for stop in day.get("stops", []):
            rename(stop)
        rename(day.get("lunch"), id_key="at")
    for item in localised.get("unvisited", []):
        rename(item)
    return localised
