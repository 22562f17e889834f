"""Flask-side helpers shared by the page blueprints: render maps, link places, name them in the request's language."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import folium
from flask import Response as FlaskResponse
from flask import current_app, redirect, url_for
from werkzeug.wrappers import Response

import geodata
from geodata import schema
from web import i18n, state
from web.maps import MapParts, render_map_parts
from web.names import PlaceName, place_names
from web.pages.basemap import with_offline_base_map
from web.pages.plan_notes import plan_page_values

#: Placeholder swapped for a place id in link templates given to map builders.
_ID_SLOT = "__place_id__"


def map_parts(m: folium.Map) -> MapParts:
    """Return ``m`` rendered for a page, loading Leaflet from ``/static/vendor`` or from CDNs.

    Every map gets the offline base map in its layer list (:mod:`web.pages.basemap`).

    ``MAP_ASSETS`` "local" always uses the vendored files, "cdn" never does, and "auto"
    uses them when ``python -m web.vendor`` has fetched them.

    The parts hold no script nonce, so they may be cached across requests: the base
    template adds the request's (``map_parts.header | nonce_scripts``,
    ``<script nonce="{{ csp_nonce() }}">``; :mod:`web.security`).
    """
    with_offline_base_map(m)
    setting = current_app.config["MAP_ASSETS"]
    local = setting == "local" or (setting == "auto" and _vendored_assets_present())
    base = url_for("static", filename="vendor").rstrip("/") if local else None
    return render_map_parts(m, assets_base_url=base)


def place_url_template() -> str:
    """Return the link of a place page with ``{id}`` where the id goes."""
    return url_for("explore.place", place_id=_ID_SLOT).replace(_ID_SLOT, "{id}")


def _vendored_assets_present() -> bool:
    """Return whether ``web/static/vendor`` holds Leaflet (fetched by ``python -m web.vendor``)."""
    static_folder = current_app.static_folder or ""
    return (Path(static_folder) / "vendor" / "leaflet" / "leaflet.js").is_file()


def favicon() -> Response:
    """Redirect ``/favicon.ico`` to the SVG icon in ``/static``."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)


def attachment(body: str | bytes, *, mimetype: str, filename: str) -> FlaskResponse:
    """Return ``body`` as a file download named ``filename``."""
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def current_place_names() -> dict[str, PlaceName]:
    """Return every place's names in the request's language, by id (:func:`web.names.place_names`)."""
    language = i18n.current_language()
    return place_names(geodata.places_to_records(state.get_places()), language, craft_labels=schema.CRAFTS)


def plan_values(plan: Mapping[str, Any]) -> dict[str, Any]:
    """Return the plan and print pages' values of a plan dict, in the request's language and place names."""
    return plan_page_values(plan, language=i18n.current_language(), names=current_place_names())
