"""The places of the trip form's multi-select, grouped the way people choose (pure).

World Craft Cities first, then the candidate World Craft Cities, then the other
villages by craft, then sights and museums; each place in its first group only, by
name within a group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

#: Recognitions that make a group of their own, in this order.
GROUPED_RECOGNITIONS: tuple[str, ...] = ("world_craft_city", "world_craft_city_candidate")


def place_groups(records: Iterable[Mapping[str, Any]], *, craft_labels: Mapping[str, str],
                 text: Callable[..., str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return ``(group label, [(id, name)])`` of the places, grouped for choosing.

    Parameters
    ----------
    records
        Place records (``id``, ``name_vi``, ``recognition``, ``craft``, ``kind``).
    craft_labels
        Craft slug -> label in the interface language.
    text
        Translation function: ``text(key, **values)`` (group names ``chips.group.*``).
    """
    groups: dict[str, list[tuple[str, str]]] = {}
    order: list[str] = []
    for record in records:
        recognition, craft = str(record.get("recognition") or ""), str(record.get("craft") or "")
        if recognition in GROUPED_RECOGNITIONS:
            key = recognition
        elif craft:
            key = f"craft:{craft}"
        else:
            key = "sights"
        groups.setdefault(key, []).append((str(record["id"]), str(record["name_vi"])))
    order = [*GROUPED_RECOGNITIONS,
             *sorted((key for key in groups if key.startswith("craft:")),
                     key=lambda key: craft_labels.get(key[6:], key[6:])), "sights"]
    result = []
    for key in order:
        if key not in groups:
            continue
        if key.startswith("craft:"):
            label = text("chips.group.craft", craft=craft_labels.get(key[6:], key[6:]))
        else:
            label = text(f"chips.group.{key}")
        result.append((label, sorted(groups[key], key=lambda item: item[1])))
    return result
