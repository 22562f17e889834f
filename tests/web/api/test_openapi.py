"""The OpenAPI description of /api/v1: valid, in step with the routes, served with a local reference page."""

from __future__ import annotations

import pytest
from flask import Blueprint, Flask, jsonify
from openapi_contract import ContractError, check_answer
from openapi_spec_validator import validate

from web import create_app
from web.api.openapi import build_spec, openapi_path
from web.vendor import NPM_FILES


def test_openapi_document_is_valid_openapi_3_1(client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"] == "3.1.0"
    validate(spec)  # openapi-spec-validator: raises on any error


def test_every_api_route_is_described_and_nothing_else(app: Flask, client) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    routes = {(openapi_path(rule.rule)[0], method.lower()) for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/v1") for method in rule.methods - {"HEAD", "OPTIONS"}}
    described = {(path, method) for path, entry in spec["paths"].items() for method in entry
                 if method != "parameters"}
    assert described == routes
    assert {"Place", "Route", "Matrix", "Itinerary", "PlanRequest", "Package", "Error"} <= set(
        spec["components"]["schemas"])


def test_a_new_route_without_a_description_fails_the_build(tmp_path) -> None:
    app = create_app({"TESTING": True, "PACKAGES_DB": str(tmp_path / "p.sqlite")}, instance_path=str(tmp_path))
    extra = Blueprint("extra", __name__, url_prefix="/api/v1")
    extra.add_url_rule("/secret", "secret", lambda: jsonify({}))
    app.register_blueprint(extra)
    with pytest.raises(RuntimeError, match=r"undescribed \['extra.secret'\]"):
        build_spec(app)


def test_the_contract_check_rejects_an_answer_of_the_wrong_shape(client) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    with pytest.raises(ContractError, match="'id' is a required property"):
        check_answer(spec, "GET", "/api/v1/places/bat-trang", 200, "application/json", {"name": "x"})
    with pytest.raises(ContractError, match="status 418 not documented"):
        check_answer(spec, "GET", "/api/v1/places/bat-trang", 418, "application/json", {})


def test_reference_page_serves_swagger_ui_from_the_site(client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'data-spec-url="/api/v1/openapi.json"' in page
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "https://" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert any(spec.startswith("swagger-ui-dist@") for spec in NPM_FILES)
