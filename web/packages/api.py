"""Saved packages in the JSON API under ``/api/v1/packages``."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from geodata.errors import CraftRouteError
from web import planning
from web.api.request_body import json_body

from . import store
from .db import get_db
from .pages import checked_request

bp = Blueprint("packages_api", __name__, url_prefix="/api/v1/packages")


@bp.get("")
def api_list() -> Response:
    """Return every saved package."""
    return jsonify([package.to_dict() for package in store.list_packages(get_db())])


@bp.post("")
def api_create() -> tuple[Response, int]:
    """Save ``{"name": ..., "request": {plan fields}}``; answer the package with 201."""
    body = json_body()
    fields = body.get("request")
    if not isinstance(fields, dict):
        raise CraftRouteError("request", "must be an object with the fields of `craftroute plan`")
    package = store.add_package(get_db(), body.get("name"), checked_request(fields))
    return jsonify(package.to_dict()), 201


@bp.get("/<int:package_id>")
def api_get(package_id: int) -> Response:
    """Return a package with its plan (planned again now)."""
    package = store.get_package(get_db(), package_id)
    return jsonify({**package.to_dict(), "plan": planning.plan_json(planning.make_plan(package.request))})


@bp.delete("/<int:package_id>")
def api_delete(package_id: int) -> tuple[str, int]:
    """Delete a package; answer 204."""
    store.delete_package(get_db(), package_id)
    return "", 204
