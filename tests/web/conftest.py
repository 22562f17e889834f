"""Fixtures of the web tests: the app (real bundled places, a temporary packages database),
its test client and CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from web import create_app


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    """Return the app in testing mode, with its instance folder and packages database in ``tmp_path``."""
    app = create_app({
        "TESTING": True,
        "PACKAGES_DB": str(tmp_path / "packages.sqlite"),
    }, instance_path=str(tmp_path))
    yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client of :func:`app`."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """Return a CLI runner of :func:`app`."""
    return app.test_cli_runner()
