"""Operators' packages in the JSON API under ``/api/v1/packages`` (``Authorization: Bearer TOKEN``).

``GET/POST /api/v1/packages``, ``GET/PUT/DELETE /api/v1/packages/<id>``, ``GET .../<id>/versions``,
``POST /api/v1/packages/<id>/restore``, ``POST/DELETE /api/v1/packages/<id>/share``.
Another operator's package answers 404, a missing token 401, an edit of an old version 409.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, jsonify, url_for

from geodata.errors import CraftRouteError
from web.api.request_body import json_body

from . import operators, shares, store
from .auth import bearer_operator
from .db import transaction
from .quotes import plan_and_price

bp = Blueprint("packages_api", __name__, url_prefix="/api/v1/packages")


@bp.before_request
def _authenticate() -> None:
    operator = bearer_operator()
    g.operator_id = operator.id
    g.prices = operators.price_list(operator)


@bp.errorhandler(store.VersionConflict)
def _conflict(error: store.VersionConflict) -> tuple[Response, int]:
    body = {"error": error.to_dict(), "version": error.current_version}
    return jsonify(body), 409


def checked_request(fields: Any) -> dict[str, Any]:
    """Return ``fields`` if it is a plan request object (the body of POST /api/v1/itineraries)."""
    if not isinstance(fields, dict):
        raise CraftRouteError.of("request", "package_request")
    return fields


@bp.get("")
def api_list() -> Response:
    """Return the operator's packages (without their plans), newest first."""
    with transaction() as db:
        return jsonify([store.package_dict(p, plan=False) for p in store.list_packages(db, g.operator_id)])


@bp.post("")
def api_create() -> tuple[Response, int]:
    """Plan and price ``{"name", "group_size", "request"}``; answer the new package with 201."""
    body = json_body()
    name = store.check_name(body.get("name"))
    plan, price = plan_and_price(checked_request(body.get("request")), body.get("group_size", 1), g.prices)
    with transaction() as db:
        package = store.add_package(db, g.operator_id, name=name, group_size=price["group_size"],
                                    request=body["request"], plan=plan, price=price)
        return jsonify(store.package_dict(package)), 201


@bp.get("/<int:package_id>")
def api_get(package_id: int) -> Response:
    """Return a package with its saved plan and price."""
    with transaction() as db:
        return jsonify(store.package_dict(store.get_package(db, g.operator_id, package_id)))


@bp.put("/<int:package_id>")
def api_update(package_id: int) -> Response:
    """Change ``name``, ``group_size`` or ``request`` of the given ``version``; 409 if it moved on."""
    body = json_body()
    changes = {key: value for key, value in body.items() if key != "version"}
    for key in changes:
        if key not in ("name", "group_size", "request"):
            raise CraftRouteError.of(key, "package_fixed")
    with transaction() as db:
        current = store.package_dict(store.get_package(db, g.operator_id, package_id))
    if "request" in changes or "group_size" in changes:
        request = checked_request(changes.get("request", current["request"]))
        changes["plan"], changes["price"] = plan_and_price(request, changes.get("group_size", current["group_size"]),
                                                           g.prices)
    with transaction() as db:
        package = store.update_package(db, g.operator_id, package_id, body.get("version"), changes)
        return jsonify(store.package_dict(package))


@bp.get("/<int:package_id>/versions")
def api_versions(package_id: int) -> Response:
    """Return every kept version of a package (name, group size, request, price, when), newest first."""
    with transaction() as db:
        return jsonify(store.list_versions(db, g.operator_id, package_id))


@bp.delete("/<int:package_id>")
def api_delete(package_id: int) -> tuple[str, int]:
    """Delete a package (restorable for 30 days); answer 204."""
    with transaction() as db:
        store.delete_package(db, g.operator_id, package_id)
    return "", 204


@bp.post("/<int:package_id>/restore")
def api_restore(package_id: int) -> Response:
    """Undo the deletion of a package deleted in the last 30 days."""
    with transaction() as db:
        return jsonify(store.package_dict(store.restore_package(db, g.operator_id, package_id)))


@bp.post("/<int:package_id>/share")
def api_share(package_id: int) -> tuple[Response, int]:
    """Answer ``{"url"}``: a new read-only link for customers, no sign-in needed."""
    with transaction() as db:
        token = shares.create_link(db, g.operator_id, package_id)
    return jsonify({"url": url_for("packages_share.view", token=token, _external=True)}), 201


@bp.delete("/<int:package_id>/share")
def api_revoke(package_id: int) -> Response:
    """Withdraw every share link of a package; answer how many were working."""
    with transaction() as db:
        return jsonify({"revoked": shares.revoke_links(db, g.operator_id, package_id)})
