"""The API's description: ``/api/v1/openapi.json`` (OpenAPI 3.1) and the reference page ``/api/docs``.

The page is Swagger UI, served from ``web/static/vendor/swagger-ui`` (fetched from the
npm registry by ``python -m web.vendor``, like the map scripts); its start-up code is
``web/static/api-docs.js``, so the page needs no inline script.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template

from .openapi import build_spec

bp = Blueprint("api_docs", __name__)


def get_spec() -> dict[str, Any]:
    """Return the app's OpenAPI document (built once per app)."""
    spec = current_app.extensions.get("craftroute_openapi")
    if spec is None:
        spec = current_app.extensions["craftroute_openapi"] = build_spec(current_app)
    return spec


@bp.get("/api/v1/openapi.json")
def openapi() -> Response:
    """Return the OpenAPI 3.1 description of this API."""
    response = jsonify(get_spec())
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["STATIC_DATA_MAX_AGE_S"]
    return response


@bp.get("/api/docs")
def reference() -> str:
    """Return the API reference page (Swagger UI over ``/api/v1/openapi.json``)."""
    return render_template("api_docs.html")
