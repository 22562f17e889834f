"""The offline base map's files (``/basemap/<band>.geojson``) and the hook adding it to maps."""

from __future__ import annotations

import gzip

import folium
from flask import Blueprint, abort, request, url_for
from werkzeug.wrappers import Response

from web import i18n, state
from web.basemap.store import bands
from web.maps.offline import add_offline_base_map

bp = Blueprint("basemap", __name__)

#: Browsers may keep a band file a day; the ETag revalidates it after that.
MAX_AGE_S = 86_400


def band_urls() -> list[dict[str, object]]:
    """Return ``{"min_zoom", "max_zoom", "url"}`` of each zoom band's file."""
    return [{"min_zoom": band.min_zoom, "max_zoom": band.max_zoom, "url": url_for("basemap.band", band=i)}
            for i, band in enumerate(bands())]


def with_offline_base_map(m: folium.Map) -> folium.Map:
    """Return ``m`` with the offline base map in its layer list, named in the page's language."""
    from web.basemap.store import attribution

    return add_offline_base_map(m, band_urls(), script_url=url_for("static", filename="basemap.js"),
                                css_url=url_for("static", filename="basemap.css"),
                                name=i18n.gettext("map.offline_layer"),
                                attribution=attribution(boundaries=state.get_districts() is not None))


@bp.get("/basemap/<int:band>.geojson")
def band(band: int) -> Response:
    """Return one zoom band of the base map (GeoJSON, gzip when accepted, ETag + Cache-Control)."""
    files = state.get_basemap()
    if band >= len(files):
        abort(404)
    file = files[band]
    compressed = "gzip" in request.accept_encodings
    response = Response(file.gzipped if compressed else gzip.decompress(file.gzipped),
                        mimetype="application/geo+json")
    if compressed:
        response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    response.set_etag(f"{file.etag}-{'gz' if compressed else 'id'}")
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE_S
    return response.make_conditional(request)
