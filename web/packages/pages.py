"""Saved packages as pages under ``/packages``: list, save the current plan, open, delete."""

from __future__ import annotations

from urllib.parse import parse_qs

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as BaseResponse

import geodata
from geodata.errors import CraftRouteError
from web import i18n, planning, state
from web.pages.plan_form import plan_fields
from web.params import query_string

from . import store
from .db import get_db

bp = Blueprint("packages", __name__, url_prefix="/packages")


def checked_request(fields: dict) -> dict:
    """Return ``fields`` if the planner accepts them as a plan request."""
    planning.check_plan_request(fields)
    return fields


def start_name(fields: dict) -> str:
    """Return the name of a request's start place as the planner resolves it (the text if it cannot)."""
    text = str(fields.get("start", ""))
    try:
        return geodata.resolve_location(text, state.get_places(), field="start").name
    except CraftRouteError:
        return text


def _plan_url(package: store.Package) -> str:
    args: MultiDict[str, str] = MultiDict([("name", package.name)])
    for key, value in package.request.items():
        for item in value if isinstance(value, list) else [value]:
            args.add(key, str(item))
    return f"{url_for('plan.result')}?{query_string(args)}"


@bp.get("")
def index() -> str:
    """List the saved packages with links to open and delete them."""
    packages = store.list_packages(get_db())
    starts = {package.id: start_name(package.request) for package in packages}
    return render_template("packages.html", packages=packages, starts=starts)


@bp.post("")
def create() -> BaseResponse:
    """Save the plan of the form's ``query`` under ``name``, then list the packages."""
    fields = plan_fields(MultiDict(parse_qs(request.form.get("query", ""), keep_blank_values=False)))
    package = store.add_package(get_db(), request.form.get("name", ""), checked_request(fields))
    flash(i18n.gettext("packages.saved", name=package.name))
    return redirect(url_for("packages.index"), code=303)


@bp.get("/<int:package_id>")
def open_package(package_id: int) -> BaseResponse:
    """Open a package: the plan page for its request."""
    package = store.get_package(get_db(), package_id)
    return redirect(_plan_url(package), code=303)


@bp.post("/<int:package_id>/delete")
def delete(package_id: int) -> BaseResponse:
    """Delete a package, then list the rest."""
    store.delete_package(get_db(), package_id)
    flash(i18n.gettext("packages.deleted"))
    return redirect(url_for("packages.index"), code=303)
