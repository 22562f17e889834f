"""The OpenAPI 3.1 description of ``/api/v1``, built from the app's own routes (apispec).

Paths and path parameters come from the app's URL map, so a route cannot be missing
from the description; each endpoint's operation (parameters, request body, answers)
is listed in :data:`OPERATIONS`, its summary is the view's docstring, and the schemas
are :mod:`web.api.schemas`. :func:`build_spec` raises if a route under ``/api/v1``
has no operation or an operation names no route, and the tests validate the document
(openapi-spec-validator) and every API answer against it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apispec import APISpec
from flask import Flask

from web.api import schemas
from web.api.schemas import ref

API_PREFIX = "/api/v1"
API_VERSION = "1.0.0"

Operation = dict[str, Any]

_CONVERTER_TYPES = {"int": {"type": "integer", "minimum": 0}, "default": {"type": "string", "maxLength": 200}}
_RULE_ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json(ref("Error"), description)


def _errors(*statuses: int) -> dict[str, Any]:
    texts = {
        400: "A bad value; `error.field` names it, `error.message` says what is allowed and `error.code` "
             "(with `error.params`) says what went wrong in words of no language.",
        401: "No valid `Authorization: Bearer TOKEN` (a tour operator's API token).",
        404: "The URL names nothing (an unknown place or package id).",
        409: "The package changed since the given version; `version` is the current one.",
        413: "The request body is larger than the configured limit (MAX_CONTENT_LENGTH).",
        429: "Too many requests from this client; retry after the seconds in `Retry-After`.",
    }
    answers = {str(status): _error(texts[status]) for status in statuses}
    if 429 in statuses:
        answers["429"]["headers"] = {"Retry-After": {"schema": {"type": "integer"},
                                                     "description": "Seconds until the limit resets."}}
    return answers


def _query(name: str, schema: dict[str, Any], description: str, *, required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "schema": schema, "description": description}


def _body(name: str, description: str) -> dict[str, Any]:
    return {"required": True, "description": description, "content": {"application/json": {"schema": ref(name)}}}


_MODE = {"type": "string", "enum": ["motorbike", "car", "bicycle", "walk"]}
_CLOCK = {"type": "string", "pattern": r"^\d{1,2}:\d{2}$"}
_SHORT_TEXT = {"type": "string", "maxLength": 200}
_PACKAGES_TAG = ["packages"]
_SECURED: list[dict[str, list[str]]] = [{"bearer": []}]

#: Operation of each API endpoint (Flask endpoint name -> OpenAPI operation, without summary).
OPERATIONS: dict[str, Operation] = {
    "api.villages": {
        "tags": ["places"],
        "parameters": [
            _query("format", {"type": "string", "enum": ["json", "geojson"]}, "Answer as JSON records or GeoJSON."),
            _query("search", _SHORT_TEXT, "Words of the name, accents optional."),
            _query("q", _SHORT_TEXT, "Same as search."),
            _query("craft", {"type": "array", "items": _SHORT_TEXT}, "Crafts (repeat or comma-separate)."),
            _query("kind", _SHORT_TEXT, "village, museum, sight..."),
            _query("recognition", {"type": "array", "items": _SHORT_TEXT}, "Recognition levels."),
            _query("commune", _SHORT_TEXT, "Commune or ward name."),
            _query("near", _SHORT_TEXT, "'lat,lon' centre of a radius search."),
            _query("radius_km", {"type": "number", "minimum": 0.1, "maximum": 200}, "Radius around near."),
            _query("limit", {"type": "integer", "minimum": 1, "maximum": 100000}, "Most places answered."),
        ],
        "responses": {
            "200": {"description": "The matching places.", "content": {
                "application/json": {"schema": {"type": "array", "items": ref("Place")}},
                "application/geo+json": {"schema": ref("PlacesGeoJSON")}}},
            **_errors(400),
        },
    },
    "api.crafts": {
        "tags": ["places"],
        "responses": {"200": _json({"type": "array", "items": ref("Craft")}, "Every craft and its other words.")},
    },
    "api.place": {
        "tags": ["places"],
        "responses": {"200": _json(ref("PlaceDetail"), "The place and its nearest neighbours."), **_errors(404)},
    },
    "api.route": {
        "tags": ["routing"],
        "parameters": [
            _query("from", _SHORT_TEXT, "Place id, name or 'lat,lon'.", required=True),
            _query("to", _SHORT_TEXT, "Place id, name or 'lat,lon'.", required=True),
            _query("mode", _MODE, "Travel mode (default motorbike)."),
            _query("depart", _CLOCK, "Departure time HH:MM (default 10:30)."),
        ],
        "responses": {"200": _json(ref("Route"), "The route and its shape."), **_errors(400)},
    },
    "api.matrix": {
        "tags": ["routing"],
        "requestBody": _body("MatrixRequest", "Locations (2 to MAX_MATRIX_LOCATIONS), mode and departure."),
        "responses": {"200": _json(ref("Matrix"), "The travel matrix."), **_errors(400, 413, 429)},
    },
    "api.itineraries": {
        "tags": ["plans"],
        "requestBody": _body("PlanRequest", "The fields of `craftroute plan`."),
        "responses": {"200": _json(ref("Itinerary"), "The planned trip."), **_errors(400, 413, 429)},
    },
    "packages_api.api_list": {
        "tags": _PACKAGES_TAG, "security": _SECURED,
        "responses": {"200": _json({"type": "array", "items": ref("Package")}, "The operator's packages."),
                      **_errors(401)},
    },
    "packages_api.api_create": {
        "tags": _PACKAGES_TAG, "security": _SECURED,
        "requestBody": _body("PackageRequest", "Name, group size and plan request."),
        "responses": {"201": _json(ref("Package"), "The new package, planned and priced."),
                      **_errors(400, 401, 413, 429)},
    },
    "packages_api.api_get": {
        "tags": _PACKAGES_TAG, "security": _SECURED,
        "responses": {"200": _json(ref("Package"), "The package with its plan."), **_errors(401, 404)},
    },
    "packages_api.api_update": {
        "tags": _PACKAGES_TAG, "security": _SECURED,
        "requestBody": _body("PackageUpdate", "The version changed and the new name, group size or request."),
        "responses": {"200": _json(ref("Package"), "The package's new version."),
                      **_errors(400, 401, 404, 409, 413, 429)},
    },
    "packages_api.api_versions": {
        "tags": _PACKAGES_TAG, "security": _SECURED,
        "responses": {"200": _json({"type": "array", "items": ref("PackageVersion")}, "Every kept version."),
                      **_errors(401, 404)},
    },
    "packages_api.api_delete": {
        "tags": _PACKAGES_TAG, "security": _SECURED,
        "responses": {"204": {"description": "Deleted (restorable for 30 days)."}, **_errors(401, 404)},
    },
    "packages_api.api_restore": {
        "tags": _PACKAGES_TAG, "security": _SECURED,
        "responses": {"200": _json(ref("Package"), "The restored package."), **_errors(400, 401, 404)},
    },
    "packages_api.api_share": {
        "tags": _PACKAGES_TAG, "security": _SECURED,
        "responses": {"201": _json({"type": "object", "required": ["url"], "properties": {"url": {"type": "string"}}},
                                   "A new read-only link for customers."), **_errors(401, 404)},
    },
    "packages_api.api_revoke": {
        "tags": _PACKAGES_TAG, "security": _SECURED,
        "responses": {"200": _json({"type": "object", "required": ["revoked"],
                                    "properties": {"revoked": {"type": "integer"}}},
                                   "How many links were withdrawn."), **_errors(401, 404)},
    },
    "api.geocode": {
        "tags": ["routing"],
        "parameters": [
            _query("q", _SHORT_TEXT, "What was typed: a street, an address ('36 Hàng Bạc') or a place.",
                   required=True),
            _query("limit", {"type": "integer", "minimum": 1}, "Most suggestions answered."),
        ],
        "responses": {"200": _json({"type": "array", "items": ref("Suggestion")}, "Places and streets, best first."),
                      **_errors(400)},
    },
    "api.reverse_geocode": {
        "tags": ["routing"],
        "parameters": [
            _query("lat", {"type": "number", "minimum": -90, "maximum": 90}, "Latitude.", required=True),
            _query("lon", {"type": "number", "minimum": -180, "maximum": 180}, "Longitude.", required=True),
        ],
        "responses": {"200": _json(ref("NearestStreet"), "The nearest named street, if one is near."),
                      **_errors(400)},
    },
    "api.calendar": {
        "tags": ["calendar"],
        "parameters": [
            _query("from", {"type": "string", "format": "date"}, "First date YYYY-MM-DD.", required=True),
            _query("to", {"type": "string", "format": "date"}, "Last date YYYY-MM-DD.", required=True),
            _query("place", _SHORT_TEXT, "Only this place's events (a place id)."),
        ],
        "responses": {"200": _json({"type": "array", "items": ref("CalendarEvent")}, "The events, by date."),
                      **_errors(400)},
    },
    "api_docs.openapi": {
        "tags": ["about"],
        "responses": {"200": _json({"type": "object"}, "This OpenAPI document.")},
    },
}


def openapi_path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    """Return a Flask rule as an OpenAPI path (``<int:id>`` -> ``{id}``) and its path parameters."""
    parameters = [
        {"name": name, "in": "path", "required": True,
         "schema": _CONVERTER_TYPES.get(converter or "default", _CONVERTER_TYPES["default"])}
        for converter, name in _RULE_ARGUMENT.findall(rule)
    ]
    return _RULE_ARGUMENT.sub(r"{\2}", rule), parameters


def api_rules(app: Flask) -> list[tuple[str, str, str]]:
    """Return ``(rule, method, endpoint)`` of every route of ``app`` under ``/api/v1``."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(API_PREFIX):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                found.append((rule.rule, method.lower(), rule.endpoint))
    return sorted(found)


def _summary(app: Flask, endpoint: str) -> tuple[str, str]:
    doc = (app.view_functions[endpoint].__doc__ or "").strip()
    first, _, rest = doc.partition("\n")
    return first.strip(), rest.strip()


def build_spec(app: Flask, *, operations: Mapping[str, Operation] = OPERATIONS) -> dict[str, Any]:
    """Return the OpenAPI 3.1 document of ``app``'s API as a dict.

    Raises
    ------
    RuntimeError
        If a route under ``/api/v1`` has no entry in ``operations``, or an entry no route.
    """
    spec = APISpec(
        title="CraftRoute API", version=API_VERSION, openapi_version="3.1.0",
        info={"description": "Places, routes, travel matrices, itineraries and tour operators' packages of "
                             "Hanoi's craft villages. Errors answer `{\"error\": {\"field\", \"message\"}}`.",
              "license": {"name": "MIT", "identifier": "MIT"}},
        servers=[{"url": "/"}],
    )
    for name, schema in schemas.COMPONENTS.items():
        spec.components.schema(name, schema)
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    rules = api_rules(app)
    missing = sorted({endpoint for _, _, endpoint in rules} - set(operations))
    unused = sorted(set(operations) - {endpoint for _, _, endpoint in rules})
    if missing or unused:
        msg = f"OpenAPI operations out of step with the routes: undescribed {missing}, without a route {unused}"
        raise RuntimeError(msg)
    paths: dict[str, dict[str, Any]] = {}
    for rule, method, endpoint in rules:
        path, parameters = openapi_path(rule)
        summary, description = _summary(app, endpoint)
        operation = {"operationId": endpoint.replace(".", "_"), "summary": summary, **operations[endpoint]}
        if description:
            operation["description"] = description
        entry = paths.setdefault(path, {})
        if parameters:
            entry["parameters"] = parameters
        entry[method] = operation
    for path, entry in paths.items():
        spec.path(path=path, operations={k: v for k, v in entry.items() if k != "parameters"},
                  parameters=entry.get("parameters", []))
    return spec.to_dict()
