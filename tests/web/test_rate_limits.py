"""Rate limits of the expensive endpoints: 429 with Retry-After, per client, shared through Redis."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from web import create_app

LOCAL_HOST = "127.0.0.1"
#: A plan request that fails fast (validation), so that the test measures only the limiter.
CHEAP_PLAN = {"start": "nowhere-xyz"}


def make_app(tmp_path: Path, **config: object) -> Flask:
    settings = {"TESTING": True, "PACKAGES_DB": str(tmp_path / "p.sqlite"), **config}
    return create_app(settings, instance_path=str(tmp_path))


def test_default_plan_limit_is_30_a_minute(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    assert app.config["PLAN_RATE_LIMIT"] == "30 per minute"
    client = app.test_client()
    statuses = [client.post("/api/v1/itineraries", json=CHEAP_PLAN).status_code for _ in range(31)]
    assert statuses[:30] == [400] * 30
    assert statuses[30] == 429


def test_over_the_limit_answers_429_with_retry_after_and_error_json(tmp_path: Path) -> None:
    client = make_app(tmp_path, PLAN_RATE_LIMIT="2 per minute").test_client()
    for _ in range(2):
        client.post("/api/v1/itineraries", json=CHEAP_PLAN)
    response = client.post("/api/v1/itineraries", json=CHEAP_PLAN)
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert response.get_json()["error"]["field"] == "request"
    # The plan budget is shared by every planning endpoint; other pages are not limited.
    assert client.get("/plan", query_string=CHEAP_PLAN).status_code == 429
    assert client.get("/api/v1/crafts").status_code == 200


def test_limits_count_per_client_address(tmp_path: Path) -> None:
    client = make_app(tmp_path, PLAN_RATE_LIMIT="1 per minute").test_client()
    first = {"REMOTE_ADDR": "192.0.2.1"}
    assert client.post("/api/v1/itineraries", json=CHEAP_PLAN, environ_base=first).status_code == 400
    assert client.post("/api/v1/itineraries", json=CHEAP_PLAN, environ_base=first).status_code == 429
    other = {"REMOTE_ADDR": "192.0.2.2"}
    assert client.post("/api/v1/itineraries", json=CHEAP_PLAN, environ_base=other).status_code == 400


def test_matrices_have_their_own_limit(tmp_path: Path) -> None:
    client = make_app(tmp_path, MATRIX_RATE_LIMIT="1 per minute").test_client()
    body = {"locations": ["nowhere-xyz", "bat-trang"]}
    assert client.post("/api/v1/matrix", json=body).status_code == 400
    assert client.post("/api/v1/matrix", json=body).status_code == 429


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCAL_HOST, 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """Return the URL of a redis-server (Debian's package) started on 127.0.0.1 for this test."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server not installed: `apt-get install redis-server` (bash scripts/run.sh test does it)")
    port = _free_port()
    server = subprocess.Popen([binary, "--bind", LOCAL_HOST, "--port", str(port), "--dir", str(tmp_path),
                               "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection((LOCAL_HOST, port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("redis-server did not start")
                time.sleep(0.1)
        yield f"redis://{LOCAL_HOST}:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_with_redis_two_workers_share_one_budget(tmp_path: Path, redis_url: str) -> None:
    # Two apps stand for two worker processes (or machines): one count in Redis.
    first = make_app(tmp_path / "a", REDIS_URL=redis_url, PLAN_RATE_LIMIT="3 per minute").test_client()
    second = make_app(tmp_path / "b", REDIS_URL=redis_url, PLAN_RATE_LIMIT="3 per minute").test_client()
    statuses = [client.post("/api/v1/itineraries", json=CHEAP_PLAN).status_code
                for client in (first, second, first, second)]
    assert statuses == [400, 400, 400, 429]
    import redis

    assert any(b"craftroute" in key for key in redis.Redis.from_url(redis_url).keys())


def test_redis_url_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, redis_url: str) -> None:
    monkeypatch.setenv("CRAFTROUTE_REDIS_URL", redis_url)
    monkeypatch.setenv("CRAFTROUTE_INSTANCE", str(tmp_path))
    app = create_app()
    assert app.config["RATELIMIT_STORAGE_URI"] == redis_url


def test_without_redis_reachable_limits_fall_back_to_memory(tmp_path: Path) -> None:
    port = _free_port()  # nothing listens there
    client = make_app(tmp_path, REDIS_URL=f"redis://{LOCAL_HOST}:{port}/0", PLAN_RATE_LIMIT="1 per minute").test_client()
    statuses = [client.post("/api/v1/itineraries", json=CHEAP_PLAN).status_code for _ in range(2)]
    assert statuses == [400, 429]
