"""Fixtures of the packages tests: a real PostgreSQL server started for the session, a fresh
database per test on SQLite or PostgreSQL, apps on it, operators made with the CLI.

The server is Debian's PostgreSQL (``apt-get install postgresql``), run from a temporary
folder on 127.0.0.1 and stopped at the end; as PostgreSQL refuses to run as root, the
folder then belongs to ``postgres`` and the commands run through ``runuser``.
"""

from __future__ import annotations

import contextlib
import glob
import io
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from openapi_contract import ContractClient
from package_helpers import fresh_database_url

from craftroute.cli import main as craftroute_main
from web import create_app

BACKENDS = ("sqlite", "postgresql")
LOCAL_HOST = "127.0.0.1"


def _postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCAL_HOST, 0))
        return int(probe.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Return the URL (without database) of a PostgreSQL server running for this test session."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.fail("PostgreSQL not installed: `apt-get install postgresql` (bash scripts/run.sh test does it)")
    folder = Path(tempfile.mkdtemp(prefix="craftroute-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", _free_port()
    subprocess.run(_as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                                 "--no-sync", "-E", "UTF8", "--locale", "C"]),
                   check=True, capture_output=True, timeout=120)
    options = f"-p {port} -k {folder} -c listen_addresses={LOCAL_HOST} -c fsync=off"
    subprocess.run(_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                                 str(folder / "log"), "-w", "-t", "60", "start"]),
                   check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql+psycopg://postgres@{LOCAL_HOST}:{port}"
    finally:
        subprocess.run(_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                       check=False, capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return the URL of a new empty database, once on SQLite and once on PostgreSQL."""
    return fresh_database_url(request.param, tmp_path, request)


@pytest.fixture
def db_app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """Return an app in testing mode on :func:`database_url` (CSRF protection on)."""
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test"},
                     instance_path=str(tmp_path / "instance"))
    app.test_client_class = ContractClient
    yield app
    app.extensions["craftroute_packages_db"].engine.dispose()


@pytest.fixture
def craftroute(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Return a function running ``craftroute ARGS`` on :func:`database_url`: (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("CRAFTROUTE_INSTANCE", str(tmp_path / "instance"))

    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = craftroute_main(list(argv))
        return code, out.getvalue(), err.getvalue()
    return run


@pytest.fixture
def operators(craftroute) -> dict[str, str]:
    """Return the API tokens of two operators made with ``craftroute operator add`` (A has a password)."""
    code_a, out_a, _ = craftroute("operator", "add", "a@example.com", "--name", "Hà Nội Travel", "--password",
                                  stdin="correct horse\n")
    code_b, out_b, _ = craftroute("operator", "add", "b@example.com")
    assert code_a == 0 and code_b == 0
    return {"a": out_a.splitlines()[-1], "b": out_b.splitlines()[-1]}

