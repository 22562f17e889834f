"""Error handlers: JSON under ``/api``, a friendly page elsewhere, never a traceback.

Status codes as HTTP clients expect them: 404 only when the URL names nothing (an
unknown path, ``/api/v1/places/nope``); a query or body value that names no place is a
400 naming the field, like every other bad value; a body over ``MAX_CONTENT_LENGTH`` 413.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from geodata.errors import CraftRouteError, NotFoundError

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def _wants_json() -> bool:
    return request.path.startswith(API_PREFIX)


def error_response(field: str, message: str, status: int) -> tuple[Response, int] | tuple[str, int]:
    """Return ``{"error": {"field", "message"}}`` on the API, the error page elsewhere."""
    if _wants_json():
        return jsonify({"error": {"field": field, "message": message}}), status
    return render_template("error.html", field=field, message=message, status=status), status


#: Fields of NotFoundError that name a part of the URL (a package id, a share token).
URL_FIELDS = frozenset({"id", "token"})


def names_url_part(field: str) -> bool:
    """Return whether ``field`` is a variable part of the request's URL (so "not found" is 404)."""
    view_args = request.view_args or {}
    return bool(view_args) and (field in view_args or field in URL_FIELDS)


def _on_user_error(error: CraftRouteError) -> tuple[Response, int] | tuple[str, int]:
    status = 404 if isinstance(error, NotFoundError) and names_url_part(error.field) else 400
    return error_response(error.field, error.message, status)


def _on_http_error(error: HTTPException) -> tuple[Response, int] | tuple[str, int]:
    status = error.code or 500
    return error_response("request" if status != 404 else "path", error.description or error.name, status)


def _on_unexpected(error: Exception) -> tuple[Response, int] | tuple[str, int]:
    logger.exception("unexpected error on %s", request.path, exc_info=error)
    return error_response("server", InternalServerError.description, 500)


def init_app(app: Flask) -> None:
    """Register the error handlers on ``app``."""
    app.register_error_handler(CraftRouteError, _on_user_error)
    app.register_error_handler(HTTPException, _on_http_error)
    app.register_error_handler(Exception, _on_unexpected)
