"""A named point: what the planner routes between."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place to route from or to.

    Attributes
    ----------
    id
        The place id (slug) for bundled places; ``"pt-<lat>-<lon>"`` for a typed point.
    name
        Display name, with diacritics where the data has them.
    lat, lon
        WGS84 coordinates in degrees.
    kind
        ``"village"``, ``"destination"`` or ``"point"`` (a hotel or a clicked point).
    """

    id: str
    name: str
    lat: float
    lon: float
    kind: str = "point"
