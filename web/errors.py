"""Error handlers: JSON under ``/api``, a friendly page elsewhere, never a traceback.

Status codes as HTTP clients expect them: 404 only when the URL names nothing (an
unknown path, ``/api/v1/places/nope``); a query or body value that names no place is a
400 naming the field, like every other bad value; a body over ``MAX_CONTENT_LENGTH`` 413.

Every answer carries the error's code (:mod:`geodata.error_codes`, or :data:`WEB_ERROR_TEMPLATES`
for the errors the server itself gives): the API returns it beside the English message,
pages word it in the interface language (:mod:`web.error_text`).
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError, MethodNotAllowed, NotFound

from geodata.errors import CraftRouteError, NotFoundError

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def _wants_json() -> bool:
    return request.path.startswith(API_PREFIX)


#: Errors the web server itself gives (not raised by the library): code -> English message.
WEB_ERROR_TEMPLATES: dict[str, str] = {
    "not_found": str(NotFound.description),
    "method": str(MethodNotAllowed.description),
    "bad_request": str(BadRequest.description),
    "server": str(InternalServerError.description),
    "http": "the request could not be answered (HTTP {status})",
    "body_too_large": "must be at most {high} bytes",
    "too_many": "too many requests from one client: at most {limit}; retry after the seconds in Retry-After",
    "token_required": "send `Authorization: Bearer TOKEN` with a token from `craftroute operator token EMAIL`",
    "link_invalid": "this sign-in link is unknown, used already or expired; ask for a new one",
    "csrf": "{reason} (CSRF): reload the form and send it again",
}
#: The code of an HTTP error, by status; any other status is ``"http"``.
HTTP_ERROR_CODES: dict[int, str] = {400: "bad_request", 404: "not_found", 405: "method", 500: "server"}


def web_error(field: str, code: str, **params: object) -> CraftRouteError:
    """Return the server's own error ``code`` (a key of :data:`WEB_ERROR_TEMPLATES`) naming ``field``."""
    return CraftRouteError(field, WEB_ERROR_TEMPLATES[code].format(**params), code=code, params=params)


def error_response(error: CraftRouteError, status: int) -> tuple[Response, int] | tuple[str, int]:
    """Return ``{"error": {"field", "message", "code", "params"}}`` on the API, the error page elsewhere."""
    if _wants_json():
        return jsonify({"error": error.to_dict()}), status
    return render_template("error.html", error=error, status=status), status


#: Fields of NotFoundError that name a part of the URL (a package id, a share token).
URL_FIELDS = frozenset({"id", "token"})


def names_url_part(field: str) -> bool:
    """Return whether ``field`` is a variable part of the request's URL (so "not found" is 404)."""
    view_args = request.view_args or {}
    return bool(view_args) and (field in view_args or field in URL_FIELDS)


def _on_user_error(error: CraftRouteError) -> tuple[Response, int] | tuple[str, int]:
    status = 404 if isinstance(error, NotFoundError) and names_url_part(error.field) else 400
    return error_response(error, status)


def _on_http_error(error: HTTPException) -> tuple[Response, int] | tuple[str, int]:
    status = error.code or 500
    code = HTTP_ERROR_CODES.get(status, "http")
    message = error.description or error.name
    problem = CraftRouteError("request" if status != 404 else "path", message, code=code,
                              params={"status": status} if code == "http" else None)
    return error_response(problem, status)


def _on_unexpected(error: Exception) -> tuple[Response, int] | tuple[str, int]:
    logger.exception("unexpected error on %s", request.path, exc_info=error)
    return error_response(web_error("server", "server"), 500)


def init_app(app: Flask) -> None:
    """Register the error handlers on ``app``."""
    app.register_error_handler(CraftRouteError, _on_user_error)
    app.register_error_handler(HTTPException, _on_http_error)
    app.register_error_handler(Exception, _on_unexpected)
