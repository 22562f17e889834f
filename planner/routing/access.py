"""Who may use a road: OSM access tags read per travel mode, and one-way exemptions.

Pure functions over one edge's tags (as OSMnx stores them: a value, or a list of values
when simplification merged several ways). The rules themselves, with their sources,
are in :mod:`planner.settings` (``ACCESS_TAGS``, ``DENIED_ACCESS``,
``ONEWAY_EXEMPT_TAGS``); road classes a mode may not use at all (motorways for
motorbikes) are those missing from its ``SPEEDS_KMH`` table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

#: Separators of multi-valued tags (``yes|yes|designated`` per lane, ``no;private``).
_SEPARATORS = re.compile(r"[|;]")


def tag_values(value: Any) -> list[str]:
    """Return an edge attribute as a list of texts (OSMnx merges ways' tags into lists)."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(item).strip() for item in items if str(item).strip() and str(item) != "nan"]


def _denies(value: str, denied: frozenset[str]) -> bool:
    """Return whether a tag value closes the way (every lane of a lane list closed)."""
    return all(part.strip() in denied for part in _SEPARATORS.split(value))


def mode_denied(tags: Mapping[str, Any], hierarchy: Sequence[str], denied: frozenset[str]) -> bool:
    """Return whether the edge is closed to a mode by its access tags.

    Parameters
    ----------
    tags
        The edge's attributes.
    hierarchy
        The mode's access tags, most specific first (``motorcycle``, ``motor_vehicle``,
        ``vehicle``, ``access``): the first tag the edge has decides, so
        ``access=no`` + ``motorcycle=yes`` lets motorbikes through.
    denied
        Values that close the way (``no``, ``private``).

    An edge that merges several ways is closed if any of them is.
    """
    for key in hierarchy:
        values = tag_values(tags.get(key))
        if values:
            return any(_denies(value, denied) for value in values)
    return False


def oneway_exempt(tags: Mapping[str, Any], key: str | None) -> bool:
    """Return whether ``key`` (``oneway:motorcycle``) says ``no`` on every merged way of the edge."""
    values = tag_values(tags.get(key)) if key else []
    return bool(values) and all(value == "no" for value in values)


def mode_bits(tags: Mapping[str, Any], *, modes: Sequence[str], access_tags: Mapping[str, Sequence[str]],
              denied: frozenset[str], oneway_exempt_tags: Mapping[str, str]) -> tuple[int, int]:
    """Return two bit masks over ``modes`` (bit ``i`` = ``modes[i]``): closed to, and two-way for.

    Parameters
    ----------
    tags
        The edge's attributes.
    modes
        The travel modes, in bit order.
    access_tags
        Each mode's access tags, most specific first (see :func:`mode_denied`).
    denied
        Values that close a way.
    oneway_exempt_tags
        The tag that makes a one-way street two-way for a mode when it is ``no``.
    """
    closed = two_way = 0
    for bit, mode in enumerate(modes):
        if mode_denied(tags, access_tags.get(mode, ("access",)), denied):
            closed |= 1 << bit
        if oneway_exempt(tags, oneway_exempt_tags.get(mode)):
            two_way |= 1 << bit
    return closed, two_way


def kept_tags(access_tags: Mapping[str, Sequence[str]], oneway_exempt_tags: Mapping[str, str]) -> list[str]:
    """Return the way tags the rules read, which a graph builder must keep on its edges."""
    keys = {key for hierarchy in access_tags.values() for key in hierarchy} | set(oneway_exempt_tags.values())
    return sorted(keys)
