"""Every page works under its Content-Security-Policy: no CSP error in the console, maps and the
API reference drawn (plan with result, print, explore, place, dashboard, packages, API docs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from web.packages import database, operators

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EMAIL, PASSWORD = "csp@example.com", "csp secret"
PLAN_QUERY = "start=hoan-kiem-lake&days=1&date=2026-12-07&must_see=bat-trang"

#: Collects the policy violations the page reports (the console carries the same as text).
VIOLATION_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""

#: (URL, selector that shows the page's scripts ran). Plans: the first loads the road graph.
PAGES = [
    ("/", ".leaflet-marker-pane > *"),
    (f"/plan?{PLAN_QUERY}", "#plan-map path.leaflet-interactive"),
    (f"/plan/print?{PLAN_QUERY}", ".print-map path.leaflet-interactive"),
    ("/explore", ".leaflet-marker-pane > *"),
    ("/places/bat-trang", ".leaflet-marker-pane > *"),
    ("/dashboard", "path.leaflet-interactive"),
    ("/packages", "#packages"),
    ("/api/docs", ".swagger-ui .info"),
    ("/calendar?month=2027-01", "#calendar-days"),
]


@pytest.fixture(scope="module")
def signed_in_context(local_context, live_instance: Path, sign_in):
    """Return a browser context signed in as an operator (for the packages page)."""
    engine = database.make_engine(f"sqlite:///{live_instance / 'packages.sqlite'}")
    with database.transaction(database.session_factory(engine)) as session:
        operators.add_operator(session, EMAIL, name="CSP Tours", password=PASSWORD)
    engine.dispose()
    context = local_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(VIOLATION_LISTENER)
    page = context.new_page()
    sign_in(page, EMAIL, PASSWORD)
    page.close()
    yield context
    context.close()


@pytest.mark.parametrize(("url", "ready"), PAGES)
def test_page_runs_under_its_policy_without_csp_errors(signed_in_context, url: str, ready: str,
                                                       screenshot_dir) -> None:
    page = signed_in_context.new_page()
    page.set_default_timeout(180_000)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type in ("error", "warning")
            else None)
    response = page.goto(url)
    assert response is not None and response.status == 200
    scripts = response.headers["content-security-policy"].split("script-src ", 1)[1].split(";", 1)[0]
    assert scripts.startswith("'self'") and "unsafe" not in scripts
    page.wait_for_selector(ready, state="attached")
    page.wait_for_timeout(500)
    violations = page.evaluate("window.__cspViolations")
    csp_errors = [text for text in console if "Content Security Policy" in text or "Refused to" in text]
    assert violations == [] and csp_errors == [], (violations, csp_errors)
    page.close()
