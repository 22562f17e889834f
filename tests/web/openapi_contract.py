"""Check API answers against the app's OpenAPI document: a test client that validates every answer.

``ContractClient`` is the test client class of the web tests' apps: each answer from a
path under ``/api/v1`` must have a status the document lists for that operation and,
when it is JSON, a body valid under that status's schema (JSON Schema 2020-12).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jsonschema
from flask import Flask
from flask.testing import FlaskClient
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from web.api.openapi import build_spec

SPEC_URI = "urn:craftroute:openapi"


class ContractError(AssertionError):
    """An API answer that its OpenAPI operation does not allow."""


@cache
def _path_patterns(paths: tuple[str, ...]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile("^" + re.sub(r"\\{\w+\\}", "[^/]+", re.escape(path)) + "$"), path) for path in paths]


def operation_for(spec: dict[str, Any], method: str, path: str) -> dict[str, Any] | None:
    """Return the operation of ``spec`` that serves ``method path``, or None if none does."""
    for pattern, template in _path_patterns(tuple(spec["paths"])):
        if pattern.match(path):
            return spec["paths"][template].get(method.lower())
    return None


def check_answer(spec: dict[str, Any], method: str, path: str, status: int, content_type: str,
                 body: Any) -> None:
    """Raise ContractError unless ``status`` and the JSON ``body`` are what the operation documents."""
    operation = operation_for(spec, method, path)
    if operation is None:
        if status in (404, 405):
            return
        raise ContractError(f"{method} {path} answered {status} but the document has no such operation")
    answer = operation["responses"].get(str(status)) or operation["responses"].get("default")
    if answer is None:
        raise ContractError(f"{method} {path}: status {status} not documented ({sorted(operation['responses'])})")
    media = content_type.split(";")[0].strip()
    content = answer.get("content", {})
    if not content:
        return
    if media not in content:
        raise ContractError(f"{method} {path} {status}: content type {media!r} not documented ({sorted(content)})")
    registry: Registry = Registry().with_resource(SPEC_URI, Resource(contents=spec, specification=DRAFT202012))
    schema = {**content[media]["schema"], "$schema": "https://json-schema.org/draft/2020-12/schema"}
    schema = _anchored(schema)
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    errors = sorted(validator.iter_errors(body), key=lambda error: list(error.path))
    if errors:
        first = errors[0]
        raise ContractError(f"{method} {path} {status}: {first.message} at {list(first.path)}")


def _anchored(schema: Any) -> Any:
    """Return ``schema`` with local ``#/components`` references pointing into the whole document."""
    if isinstance(schema, dict):
        return {key: (f"{SPEC_URI}{value}" if key == "$ref" and isinstance(value, str) and value.startswith("#")
                      else _anchored(value)) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_anchored(item) for item in schema]
    return schema


def app_spec(app: Flask) -> dict[str, Any]:
    """Return the OpenAPI document of ``app`` (built once per app)."""
    spec = app.extensions.get("craftroute_openapi")
    if spec is None:
        spec = app.extensions["craftroute_openapi"] = build_spec(app)
    return spec


class ContractClient(FlaskClient):
    """A Flask test client that checks every ``/api/v1`` answer against the app's OpenAPI document."""

    def open(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102 - FlaskClient.open
        response = super().open(*args, **kwargs)
        request = response.request
        if request.path.startswith("/api/v1/"):
            body = response.get_json(silent=True) if response.is_json else None
            check_answer(app_spec(self.application), request.method, request.path, response.status_code,
                         response.content_type or "", body)
        return response
