"""Who is asking: operators sign in to the pages (session cookie) and call the API with a bearer token.

Pages: ``/packages/signin`` (email and password), ``/packages/welcome/<token>`` (the
one-time link printed by ``craftroute operator add``: choose a password),
``/packages/signout``. Every form POST carries Flask-WTF's CSRF token.
"""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from geodata.errors import CraftRouteError
from web import i18n
from web.errors import error_response, web_error

from . import operators
from .db import transaction
from .models import Operator

bp = Blueprint("packages_auth", __name__, url_prefix="/packages")
SESSION_KEY = "operator_id"
#: File of the instance folder that keeps the generated secret key.
SECRET_FILE = "secret_key"
F = TypeVar("F", bound=Callable[..., Any])


def signed_in_operator() -> Operator | None:
    """Return the operator signed in to this browser session, or ``None``."""
    if "operator" not in g:
        operator_id = session.get(SESSION_KEY)
        operator = None
        if isinstance(operator_id, int):
            with transaction() as db:
                operator = db.get(Operator, operator_id)
        g.operator = operator
    return g.operator


def signin_required(view: F) -> F:
    """Send visitors who are not signed in to the sign-in page, then back."""
    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if signed_in_operator() is None:
            return redirect(url_for("packages_auth.signin", next=request.full_path.rstrip("?")), code=303)
        return view(*args, **kwargs)
    return wrapped  # type: ignore[return-value]


def bearer_operator() -> Operator:
    """Return the operator of the request's ``Authorization: Bearer TOKEN``; 401 JSON without a valid one."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    operator = None
    if scheme.lower() == "bearer" and token.strip():
        with transaction() as db:
            operator = operators.by_token(db, token.strip())
    if operator is None:
        response = jsonify({"error": web_error("Authorization", "token_required").to_dict()})
        response.status_code = 401
        response.headers["WWW-Authenticate"] = 'Bearer realm="craftroute"'
        abort(response)
    return operator


def _safe_next(target: str | None) -> str:
    parts = urlsplit(target or "")
    if not target or parts.scheme or parts.netloc or not target.startswith("/"):
        return url_for("packages.index")
    return target


def _sign_in(operator: Operator) -> None:
    session.clear()
    session[SESSION_KEY] = operator.id


@bp.route("/signin", methods=["GET", "POST"])
def signin() -> BaseResponse | tuple[str, int]:
    """Show the sign-in form; sign in with email and password."""
    error = None
    if request.method == "POST":
        with transaction() as db:
            operator = operators.by_password(db, request.form.get("email", ""), request.form.get("password", ""))
        if operator is not None:
            _sign_in(operator)
            return redirect(_safe_next(request.args.get("next")), code=303)
        error = i18n.gettext("auth.bad_password")
    return render_template("signin.html", error=error), 400 if error else 200


@bp.post("/signout")
def signout() -> BaseResponse:
    """Sign out, then show the sign-in page."""
    session.clear()
    flash(i18n.gettext("auth.signed_out"))
    return redirect(url_for("packages_auth.signin"), code=303)


@bp.route("/welcome/<token>", methods=["GET", "POST"])
def welcome(token: str) -> BaseResponse | tuple[str, int]:
    """Choose a password with a one-time link from ``craftroute operator add``; then signed in."""
    error: CraftRouteError | None = None
    with transaction() as db:
        operator = operators.by_signin_link(db, token)
        if operator is None:
            return render_template("error.html", error=web_error("link", "link_invalid"), status=404), 404
        if request.method == "POST":
            try:
                operators.set_password(operator, request.form.get("password", ""))
            except CraftRouteError as problem:
                error = problem
            else:
                _sign_in(operator)
                return redirect(url_for("packages.index"), code=303)
        email = operator.email
    return render_template("welcome.html", email=email, error=error), 400 if error else 200



def _instance_secret(app: Flask) -> str:
    path = Path(app.instance_path) / SECRET_FILE
    if not path.is_file():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def init_app(app: Flask, *, exempt: tuple[Blueprint, ...] = ()) -> None:
    """Give ``app`` a secret key and CSRF protection of every form POST (the token-based API is exempt)."""
    from flask_wtf.csrf import CSRFError, CSRFProtect

    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(app)
    csrf = CSRFProtect(app)
    for blueprint in exempt:
        csrf.exempt(blueprint)
    app.register_error_handler(CSRFError, _on_csrf_error)


def _on_csrf_error(error: Exception) -> tuple[Response, int] | tuple[str, int]:
    return error_response(web_error("csrf_token", "csrf", reason=str(getattr(error, "description", ""))), 400)
