"""Property-based fuzzing of the API from its OpenAPI document (Schemathesis), a bounded run.

Each operation gets a few hundred generated requests, valid and invalid; no answer may
be a server error or differ from the document (status, content type, body, headers).
``python bench/fuzz.py --requests 10000`` is the long run.
"""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode

from web import create_app
from web.api.openapi import OPERATIONS, openapi_path
from web.packages import operators
from web.packages.db import transaction

pytestmark = pytest.mark.slow

#: Generated cases per operation (valid and invalid mixed).
EXAMPLES = 200
CHECKS_SENT = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
               "response_schema_conformance", "response_headers_conformance")


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> tuple[Flask, str]:
    instance = tmp_path_factory.mktemp("fuzz")
    app = create_app({"TESTING": True, "PACKAGES_DB": str(instance / "packages.sqlite"),
                      "RATELIMIT_ENABLED": False, "SECRET_KEY": "fuzz"}, instance_path=str(instance))
    with app.app_context(), transaction(app) as session:
        _operator, token = operators.add_operator(session, "fuzz@example.com", name="Fuzz Tours")
    return app, token


@pytest.fixture(scope="module")
def api_schema(fuzz_app: tuple[Flask, str]):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app[0])


def _checks() -> list:
    from schemathesis import checks
    from schemathesis.specs.openapi import checks as openapi_checks

    return [getattr(openapi_checks, name, None) or getattr(checks, name) for name in CHECKS_SENT]


def _operation(api_schema, fuzz_app: tuple[Flask, str], endpoint: str):
    app = fuzz_app[0]
    [rule] = [rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint]
    [method] = rule.methods - {"HEAD", "OPTIONS"}
    label = f"{method} {openapi_path(rule.rule)[0]}"
    return next(result.ok() for result in api_schema.get_all_operations() if result.ok().label == label)


#: Schemathesis leaves out the document's own path; test_openapi.py checks that answer.
FUZZED = sorted(set(OPERATIONS) - {"api_docs.openapi"})


@pytest.mark.parametrize("endpoint", FUZZED)
def test_api_answers_every_generated_request_as_documented(api_schema, fuzz_app: tuple[Flask, str],
                                                           endpoint: str) -> None:
    operation = _operation(api_schema, fuzz_app, endpoint)
    # Uncompressed answers: the in-process WSGI client does not decode Brotli or gzip.
    headers = {"Accept-Encoding": "identity"}
    if "/packages" in operation.path:
        headers["Authorization"] = f"Bearer {fuzz_app[1]}"
    checks = _checks()
    strategy = (operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
                | operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))

    @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def answers_as_documented(case) -> None:
        case.call_and_validate(headers=headers, checks=checks)

    answers_as_documented()
