"""The JSON body of an API request, checked to be an object."""

from __future__ import annotations

from typing import Any

from flask import request

from geodata.errors import CraftRouteError


def json_body() -> dict[str, Any]:
    """Return the request's JSON object body; 400 (field ``body``) if it is not one."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise CraftRouteError.of("body", "json_body")
    return body
