"""Helpers of the packages tests: a plan request, API headers, CSRF tokens, signing in."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

#: A one-day car trip from central Hanoi that must see Vạn Phúc (bundled places, real roads).
REQUEST = {"start": "21.0285,105.8542", "days": 1, "mode": "car", "date": "2026-12-07",
           "must_see": ["van-phuc"]}
_database_numbers = itertools.count()


def bearer(token: str) -> dict[str, str]:
    """Return the Authorization header of ``token``."""
    return {"Authorization": f"Bearer {token}"}


def csrf_token(client: FlaskClient, path: str) -> str:
    """Return the CSRF token of the forms of the page at ``path``."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True))
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def sign_in(client: FlaskClient, email: str = "a@example.com", password: str = "correct horse") -> None:
    """Sign ``client`` in as an operator."""
    response = client.post("/packages/signin", data={"email": email, "password": password,
                                                     "csrf_token": csrf_token(client, "/packages/signin")})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]


def fresh_database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Return the URL of a new empty database on ``backend``."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'packages.sqlite'}"
    import psycopg

    server = request.getfixturevalue("postgres_server")
    name = f"test_{os.getpid()}_{next(_database_numbers)}"
    with psycopg.connect(server.replace("+psycopg", "") + "/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"
