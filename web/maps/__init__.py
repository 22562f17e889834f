"""Pure map builders: take data, optionally a ``folium.Map`` (``m=None``), return the map.

No Flask here: links are passed in as URL templates, assets as a base URL.
"""

from .assets import MapParts, render_map_parts, use_local_assets
from .base import base_map
from .dashboard import dashboard_map
from .explore import explore_map
from .place import place_map

__all__ = [
    "MapParts",
    "base_map",
    "dashboard_map",
    "explore_map",
    "place_map",
    "render_map_parts",
    "use_local_assets",
]
