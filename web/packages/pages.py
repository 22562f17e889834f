"""Operators' packages as pages under ``/packages`` (signed in): list, save, open, edit, share, delete.

A package page shows the map, the timeline, the price line by line and the share
links; ``/packages/<id>/quote`` is the printable quote; ``/packages/prices`` edits the
operator's price list.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as BaseResponse

import geodata
from geodata.errors import CraftRouteError, quoted
from web import i18n, planning, state
from web.pages.plan_form import plan_fields
from web.pages.rendering import map_parts, plan_values
from web.params import query_string

from . import operators, shares, store
from .auth import signed_in_operator, signin_required
from .db import transaction
from .models import Operator
from .quotes import plan_and_price

bp = Blueprint("packages", __name__, url_prefix="/packages")


def start_name(fields: dict) -> str:
    """Return the name of a request's start place as the planner resolves it (the text if it cannot)."""
    text = str(fields.get("start", ""))
    try:
        return geodata.resolve_location(text, state.get_places(), field="start").name
    except CraftRouteError:
        return text


def plan_url(package: dict[str, Any]) -> str:
    """Return the plan page of a package's request, named after the package."""
    args: MultiDict[str, str] = MultiDict([("name", package["name"])])
    for key, value in package["request"].items():
        for item in value if isinstance(value, list) else [value]:
            args.add(key, str(item))
    return f"{url_for('plan.result')}?{query_string(args)}"


def _operator() -> Operator:
    operator = signed_in_operator()
    assert operator is not None  # signin_required ran first
    return operator


def _operator_id() -> int:
    return _operator().id


def _whole(text: str | None, field: str) -> int:
    try:
        return int(text or "1")
    except ValueError:
        raise CraftRouteError.of(field, "whole_number", got=quoted(text)) from None


@bp.get("")
@signin_required
def index() -> str:
    """List the operator's packages (and the deleted ones still restorable)."""
    with transaction() as db:
        packages = [store.package_dict(p, plan=False) for p in store.list_packages(db, _operator_id())]
        deleted = [store.package_dict(p, plan=False) for p in store.list_packages(db, _operator_id(), deleted=True)]
    starts = {package["id"]: start_name(package["request"]) for package in packages}
    return render_template("packages.html", packages=packages, deleted=deleted, starts=starts,
                           operator=_operator())


@bp.post("")
@signin_required
def create() -> BaseResponse:
    """Save the plan of the form's ``query`` as ``name`` for ``group_size``, then open it."""
    fields = plan_fields(MultiDict(parse_qs(request.form.get("query", ""), keep_blank_values=False)))
    name = store.check_name(request.form.get("name", ""))
    prices = operators.price_list(_operator())
    plan, price = plan_and_price(fields, _whole(request.form.get("group_size"), "group_size"), prices)
    with transaction() as db:
        package = store.add_package(db, _operator_id(), name=name, group_size=price["group_size"], request=fields,
                                    plan=plan, price=price)
        package_id = package.id
    return _done(i18n.gettext("packages.saved", name=name), package_id)


def _package_page(package_id: int, template: str) -> str:
    with transaction() as db:
        package = store.package_dict(store.get_package(db, _operator_id(), package_id))
        links = len(shares.list_links(db, _operator_id(), package_id))
        versions = store.list_versions(db, _operator_id(), package_id)
    return render_package(template, package, links=links, versions=versions, operator=_operator())


def render_package(template: str, package: dict[str, Any], **values: Any) -> str:
    """Return a package page: the saved plan's timeline and price, its map planned again with road shapes."""
    plan = planning.make_plan(package["request"], geometry=True)
    return render_template(template, package=package, map_parts=map_parts(planning.plan_map(plan)),
                           plan_url=plan_url(package), **plan_values(package["plan"]), **values)


@bp.get("/<int:package_id>")
@signin_required
def open_package(package_id: int) -> str:
    """Show a package: map, timeline, price, edit form and share links."""
    return _package_page(package_id, "package.html")


@bp.get("/<int:package_id>/quote")
@signin_required
def quote(package_id: int) -> str:
    """Show the printable quote of a package."""
    return _package_page(package_id, "package_quote.html")


@bp.post("/<int:package_id>/edit")
@signin_required
def edit(package_id: int) -> BaseResponse:
    """Rename or re-price a package from the version the form showed; say so if it changed meanwhile."""
    with transaction() as db:
        current = store.package_dict(store.get_package(db, _operator_id(), package_id))
    changes: dict[str, Any] = {"name": request.form.get("name", "")}
    group_size = _whole(request.form.get("group_size"), "group_size")
    if group_size != current["group_size"]:
        prices = operators.price_list(_operator())
        changes["plan"], changes["price"] = plan_and_price(current["request"], group_size, prices)
        changes["group_size"] = group_size
    try:
        with transaction() as db:
            store.update_package(db, _operator_id(), package_id, _whole(request.form.get("version"), "version"), changes)
    except store.VersionConflict as conflict:
        return _done(i18n.gettext("packages.conflict", version=conflict.current_version), package_id)
    return _done(i18n.gettext("packages.updated"), package_id)


def _done(message: str, package_id: int | None = None) -> BaseResponse:
    """Say what happened, then show the package (the list when ``package_id`` is ``None``)."""
    flash(message)
    if package_id is None:
        return redirect(url_for("packages.index"), code=303)
    return redirect(url_for("packages.open_package", package_id=package_id), code=303)


@bp.post("/<int:package_id>/delete")
@signin_required
def delete(package_id: int) -> BaseResponse:
    """Delete a package (restorable for 30 days), then list the rest."""
    with transaction() as db:
        store.delete_package(db, _operator_id(), package_id)
    return _done(i18n.gettext("packages.deleted"))


@bp.post("/<int:package_id>/restore")
@signin_required
def restore(package_id: int) -> BaseResponse:
    """Restore a deleted package, then open it."""
    with transaction() as db:
        store.restore_package(db, _operator_id(), package_id)
    return _done(i18n.gettext("packages.restored"), package_id)


@bp.post("/<int:package_id>/share")
@signin_required
def share(package_id: int) -> BaseResponse:
    """Make a share link and show it once on the package page."""
    with transaction() as db:
        url = url_for("packages_share.view", token=shares.create_link(db, _operator_id(), package_id), _external=True)
    return _done(i18n.gettext("packages.shared", url=url), package_id)


@bp.post("/<int:package_id>/unshare")
@signin_required
def unshare(package_id: int) -> BaseResponse:
    """Withdraw every share link of the package."""
    with transaction() as db:
        count = shares.revoke_links(db, _operator_id(), package_id)
    return _done(i18n.gettext("packages.unshared", count=count), package_id)


@bp.route("/prices", methods=["GET", "POST"])
@signin_required
def prices() -> tuple[str, int]:
    """Show and edit the operator's price list (JSON, checked field by field)."""
    error = None
    with transaction() as db:
        operator = db.get(Operator, _operator_id())
        assert operator is not None
        text = json.dumps(operators.price_list(operator), ensure_ascii=False, indent=2)
        if request.method == "POST":
            text = request.form.get("prices", "")
            try:
                operators.set_price_list(operator, json.loads(text))
                flash(i18n.gettext("prices.saved"))
            except json.JSONDecodeError as problem:
                error = CraftRouteError.of("prices", "prices_json", detail=str(problem))
            except CraftRouteError as problem:
                error = problem
    return render_template("prices.html", prices_text=text, error=error), 400 if error else 200
