"""Fixtures of the web tests: the app (real bundled places, a temporary packages database),
its test client (every API answer checked against the OpenAPI document) and CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from openapi_contract import ContractClient

from web import create_app

#: A plan budget long enough that the search ends by convergence, not by the clock, so that
#: two requests for the same trip get the same plan however busy the machine is.
CONVERGED_PLAN_TIME_LIMIT_S = 60.0


@pytest.fixture
def app(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Flask]:
    """Return the app in testing mode, with its instance folder and packages database in ``tmp_path``.

    Tests marked ``converged_plans`` (they compare two separately planned answers) get a
    plan budget that the search never reaches.
    """
    config: dict[str, object] = {"TESTING": True, "PACKAGES_DB": str(tmp_path / "packages.sqlite")}
    if request.node.get_closest_marker("converged_plans"):
        config["PLAN_TIME_LIMIT_S"] = CONVERGED_PLAN_TIME_LIMIT_S
    app = create_app(config, instance_path=str(tmp_path))
    app.test_client_class = ContractClient
    yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client of :func:`app`."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """Return a CLI runner of :func:`app`."""
    return app.test_cli_runner()
