"""Saved packages: pages under ``/packages`` and the API under ``/api/v1/packages``.

The SQLite file lives in the Flask instance folder (config ``PACKAGES_DB``); one
connection per request, closed at teardown, as in Flask's tutorial.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import parse_qs

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as BaseResponse

import geodata
from geodata.errors import CraftRouteError
from web import i18n, package_store, planning, state
from web.params import query_string
from web.plan_form import plan_fields

bp = Blueprint("packages", __name__, url_prefix="/packages")
api_bp = Blueprint("packages_api", __name__, url_prefix="/api/v1/packages")


def database_path(app: Flask) -> Path:
    """Return the packages database file of ``app`` (relative paths: in the instance folder)."""
    return Path(app.instance_path) / str(app.config["PACKAGES_DB"])


def get_db() -> sqlite3.Connection:
    """Return this request's connection to the packages database."""
    if "packages_db" not in g:
        g.packages_db = package_store.connect(str(database_path(current_app)))
    return g.packages_db


def close_db(_error: BaseException | None = None) -> None:
    """Close this request's database connection, if one was opened."""
    connection = g.pop("packages_db", None)
    if connection is not None:
        connection.close()


def init_app(app: Flask) -> None:
    """Create the packages table if needed and close connections after each request."""
    package_store.connect(str(database_path(app))).close()
    app.teardown_appcontext(close_db)
    app.register_blueprint(api_bp)


def _checked_request(fields: dict) -> dict:
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


def _plan_url(package: package_store.Package) -> str:
    args: MultiDict[str, str] = MultiDict([("name", package.name)])
    for key, value in package.request.items():
        for item in value if isinstance(value, list) else [value]:
            args.add(key, str(item))
    return f"{url_for('plan.result')}?{query_string(args)}"


@bp.get("")
def index() -> str:
    """List the saved packages with links to open and delete them."""
    packages = package_store.list_packages(get_db())
    starts = {package.id: start_name(package.request) for package in packages}
    return render_template("packages.html", packages=packages, starts=starts)


@bp.post("")
def create() -> BaseResponse:
    """Save the plan of the form's ``query`` under ``name``, then list the packages."""
    fields = plan_fields(MultiDict(parse_qs(request.form.get("query", ""), keep_blank_values=False)))
    package = package_store.add_package(get_db(), request.form.get("name", ""), _checked_request(fields))
    flash(i18n.gettext("packages.saved", name=package.name))
    return redirect(url_for("packages.index"), code=303)


@bp.get("/<int:package_id>")
def open_package(package_id: int) -> BaseResponse:
    """Open a package: the plan page for its request."""
    package = package_store.get_package(get_db(), package_id)
    return redirect(_plan_url(package), code=303)


@bp.post("/<int:package_id>/delete")
def delete(package_id: int) -> BaseResponse:
    """Delete a package, then list the rest."""
    package_store.delete_package(get_db(), package_id)
    flash(i18n.gettext("packages.deleted"))
    return redirect(url_for("packages.index"), code=303)


@api_bp.get("")
def api_list() -> Response:
    """Return every saved package."""
    return jsonify([package.to_dict() for package in package_store.list_packages(get_db())])


@api_bp.post("")
def api_create() -> tuple[Response, int]:
    """Save ``{"name": ..., "request": {plan fields}}``; answer the package with 201."""
    from web.api import json_body

    body = json_body()
    fields = body.get("request")
    if not isinstance(fields, dict):
        raise CraftRouteError("request", "must be an object with the fields of `craftroute plan`")
    package = package_store.add_package(get_db(), body.get("name"), _checked_request(fields))
    return jsonify(package.to_dict()), 201


@api_bp.get("/<int:package_id>")
def api_get(package_id: int) -> Response:
    """Return a package with its plan (planned again now)."""
    package = package_store.get_package(get_db(), package_id)
    return jsonify({**package.to_dict(), "plan": planning.plan_json(planning.make_plan(package.request))})


@api_bp.delete("/<int:package_id>")
def api_delete(package_id: int) -> tuple[str, int]:
    """Delete a package; answer 204."""
    package_store.delete_package(get_db(), package_id)
    return "", 204
