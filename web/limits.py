"""Per-client rate limits of the expensive endpoints (plans and travel matrices), by Flask-Limiter.

Every endpoint that plans a trip shares one budget per client (``PLAN_RATE_LIMIT``,
default 30 a minute): the itineraries API, the plan page and its exports, and packages
created or changed through the pages or the API. Travel matrices have their own
(``MATRIX_RATE_LIMIT``, 60 a minute). A client over its budget gets 429 with
``Retry-After`` and the usual error JSON (:mod:`web.errors`).

Counts live in each process's memory; with ``REDIS_URL`` (environment variable
``CRAFTROUTE_REDIS_URL``) they live in Redis, shared by every worker and machine.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address

from web.errors import error_response, web_error

#: Endpoints that plan a trip (one shared budget per client).
PLAN_ENDPOINTS: tuple[str, ...] = (
    "api.itineraries", "plan.result", "downloads.geojson", "downloads.gpx", "downloads.ics",
    "downloads.printable", "packages.create", "packages.edit", "packages_api.api_create",
    "packages_api.api_update",
)
#: Endpoints that compute a travel matrix.
MATRIX_ENDPOINTS: tuple[str, ...] = ("api.matrix",)


def _plan_limit() -> str:
    return str(current_app.config["PLAN_RATE_LIMIT"])


def _matrix_limit() -> str:
    return str(current_app.config["MATRIX_RATE_LIMIT"])


def _on_limit(error: RateLimitExceeded) -> tuple[Response, int] | tuple[str, int]:
    return error_response(web_error("request", "too_many", limit=error.description), 429)


def init_app(app: Flask) -> Limiter:
    """Return the Flask-Limiter of ``app``, with limits on the plan and matrix endpoints.

    Call after the blueprints are registered: the limits are attached to their views.
    """
    if app.config.get("REDIS_URL"):
        app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"])
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "craftroute")
    # Redis out of reach: count in memory meanwhile (logged) rather than failing every plan.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    limiter = Limiter(get_remote_address, app=app)
    # Flask-Limiter keeps only a weak reference to itself in the views it wraps.
    app.extensions["craftroute_limiter"] = limiter
    app.register_error_handler(RateLimitExceeded, _on_limit)
    plan_limit = limiter.shared_limit(_plan_limit, scope="plan")
    matrix_limit = limiter.shared_limit(_matrix_limit, scope="matrix")
    for endpoints, decorate in ((PLAN_ENDPOINTS, plan_limit), (MATRIX_ENDPOINTS, matrix_limit)):
        for endpoint in endpoints:
            if endpoint in app.view_functions:
                view: Any = decorate(app.view_functions[endpoint])
                app.view_functions[endpoint] = view
    return limiter
