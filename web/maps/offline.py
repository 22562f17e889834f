"""CraftRoute's own base map as a Folium layer, offered beside OpenStreetMap in every map.

The layer is drawn in the browser by ``web/static/basemap.js`` from the GeoJSON files
of :mod:`web.basemap` (one per zoom band); when OpenStreetMap's tiles fail to load (no
internet), the script switches the map to it by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium
from folium.elements import JSCSSMixin
from folium.map import Layer, LayerControl
from folium.template import Template

#: Name of the layer in the layer list (English; pages pass a translation).
OFFLINE_LAYER_NAME = "CraftRoute map (offline)"


class OfflineBaseLayer(JSCSSMixin, Layer):
    """A base layer drawing the offline base map's zoom bands, with automatic fallback.

    Parameters
    ----------
    bands
        ``{"min_zoom", "max_zoom", "url"}`` of each zoom band's GeoJSON file.
    script_url, css_url
        Where ``basemap.js`` and ``basemap.css`` are served.
    name
        The layer's name in the layer list.
    attribution
        Credit line shown while the layer is on.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.craftRouteBaseMap({{ this.options|tojavascript }});
            L.craftRouteBaseMap.fallback({{ this._parent.get_name() }}, {{ this.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, bands: Sequence[dict[str, Any]], *, script_url: str, css_url: str,
                 name: str = OFFLINE_LAYER_NAME, attribution: str = "") -> None:
        super().__init__(name=name, overlay=False, control=True, show=False)
        self._name = "CraftRouteBaseMap"
        self.options = {"bands": list(bands), "attribution": attribution}
        self.default_js = [("craftroute_basemap_js", script_url)]
        self.default_css = [("craftroute_basemap_css", css_url)]


def add_offline_base_map(m: folium.Map, bands: Sequence[dict[str, Any]], *, script_url: str, css_url: str,
                         name: str = OFFLINE_LAYER_NAME, attribution: str = "") -> folium.Map:
    """Return ``m`` with the offline base map in its layer list (a layer list is added if missing).

    The layer goes before any :class:`folium.LayerControl`, whose script refers to it.
    """
    layer = OfflineBaseLayer(bands, script_url=script_url, css_url=css_url, name=name, attribution=attribution)
    controls = [(key, child) for key, child in m._children.items() if isinstance(child, LayerControl)]
    for key, _ in controls:
        del m._children[key]
    layer.add_to(m)
    for key, control in controls:
        m._children[key] = control
    if not controls:
        LayerControl(collapsed=True).add_to(m)
    return m
