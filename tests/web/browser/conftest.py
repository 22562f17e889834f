"""Fixtures of the browser tests: the app served on 127.0.0.1 and a headless Debian Chromium.

Tiles and any other outside address are blocked (there is no internet in CI); the
map JavaScript is served from ``web/static/vendor`` (``python -m web.vendor``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from web import create_app, settings
from web.vendor import vendor_complete

CHROMIUM = Path(os.environ.get("CRAFTROUTE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOT_DIR = Path(__file__).resolve().parents[3] / "test-output" / "screenshots"
LOCAL_HOST = "127.0.0.1"


@pytest.fixture(scope="session")
def live_instance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the instance folder of the served app (its packages database is ``packages.sqlite``)."""
    return tmp_path_factory.mktemp("instance")


@pytest.fixture(scope="session")
def live_server(live_instance: Path) -> Iterator[str]:
    """Return the base URL of the app served by a werkzeug server in a thread."""
    if not vendor_complete(settings.VENDOR_DIR):
        pytest.skip("map JavaScript not fetched: run `python -m web.vendor` first")
    instance = live_instance
    # One browser session plans more than a visitor's per-minute budget: limits off here.
    app = create_app({"TESTING": True, "PACKAGES_DB": str(instance / "packages.sqlite"), "RATELIMIT_ENABLED": False},
                     instance_path=str(instance))
    server = make_server(LOCAL_HOST, 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{LOCAL_HOST}:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Return a headless Chromium (Debian's ``/usr/bin/chromium``) driven by Playwright."""
    if not CHROMIUM.is_file():
        pytest.skip(f"Chromium not found at {CHROMIUM}: `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def local_context(browser, live_server: str) -> Callable[..., Any]:
    """Return ``local_context(**options)``: a browser context on the served app whose
    requests outside 127.0.0.1 are aborted (``options`` as Playwright's ``new_context``)."""

    def new_context(**options: Any) -> Any:
        context = browser.new_context(base_url=live_server, **options)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live_server)
                      else route.abort())
        return context

    return new_context


@pytest.fixture
def page(local_context) -> Iterator[object]:
    """Return a fresh page whose requests outside 127.0.0.1 are aborted."""
    context = local_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Return ``test-output/screenshots`` (created)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


def _sign_in(page, email: str, password: str) -> None:
    page.goto("/packages")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#signin")
    page.wait_for_selector("#packages")


@pytest.fixture(scope="session")
def sign_in() -> Callable[[object, str, str], None]:
    """Return ``sign_in(page, email, password)``: the operator signs in through the form of ``/packages``."""
    return _sign_in


#: A phone screen (CSS pixels).
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(local_context, shared_data_dir) -> Iterator[object]:
    """Return a touch page 390 px wide whose requests outside the test server are aborted.

    The road graph, the places' travel matrix and the street index are built first
    (the server shares this process's caches), so that the page waits for plans, not
    for a first build.
    """
    from planner import parse_plan_request, plan_trip
    from planner.geocode import get_street_index

    plan_trip(parse_plan_request({"start": "bat-trang", "date": "2026-12-08"}), time_limit_s=0.2)
    get_street_index()
    context = local_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()
