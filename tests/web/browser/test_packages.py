"""A tour operator in a real browser: sign in, save a planned trip as a priced package, edit it,
share it and open the share link signed out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from web.packages import database, operators

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EMAIL, PASSWORD = "sales@example.com", "browser secret"


@pytest.fixture(scope="module")
def operator_account(live_instance: Path, live_server: str) -> str:
    """Return the email of an operator with a password in the served app's database."""
    engine = database.make_engine(f"sqlite:///{live_instance / 'packages.sqlite'}")
    with database.transaction(database.session_factory(engine)) as session:
        operators.add_operator(session, EMAIL, name="Làng Việt Tours", password=PASSWORD)
    engine.dispose()
    return EMAIL


def test_sign_in_build_edit_and_share_a_package(page, local_context, operator_account,
                                                screenshot_dir) -> None:
    page.goto("/packages")
    page.wait_for_selector("#signin-form")
    page.fill("#email", operator_account)
    page.fill("#password", PASSWORD)
    page.click("#signin")
    page.wait_for_selector("#packages")

    # The first plan of the session loads the road graph: allow it time.
    page.goto("/plan?start=hoan-kiem-lake&days=1&date=2026-12-07&must_see=bat-trang", timeout=180_000)
    page.wait_for_selector("#plan-map path.leaflet-interactive", state="attached")
    page.fill("#plan-actions input[name=name]", "Gốm Bát Tràng")
    page.fill("#plan-actions input[name=group_size]", "6")
    page.click("#save-package")
    page.wait_for_selector("#price-lines")
    assert "Gốm Bát Tràng" in page.inner_text("#package-name")
    assert "group of 6" in page.inner_text("#price")
    assert page.locator("#timeline li.arrive").count() >= 1
    page.wait_for_selector("#plan-map path.leaflet-interactive", state="attached")
    page.screenshot(path=str(screenshot_dir / "package-page.png"), full_page=True)

    page.fill("#edit-name", "Gốm Bát Tràng, nhóm nhỏ")
    page.fill("#edit-group", "2")
    page.click("#save-edit")
    page.wait_for_selector(".flash")
    assert "Package updated." in page.inner_text("main")
    assert "version 2" in page.inner_text("#package-version") and "group of 2" in page.inner_text("#price")

    page.click("#share")
    page.wait_for_selector(".flash")
    share_url = re.search(r"http://\S+/share/[A-Za-z0-9_-]+", page.inner_text(".flash")).group(0)
    customer = local_context()
    shared = customer.new_page()
    shared.goto(share_url)
    shared.wait_for_selector("#plan-map path.leaflet-interactive", state="attached")
    assert shared.inner_text("#package-name") == "Gốm Bát Tràng, nhóm nhỏ"
    assert "Làng Việt Tours" in shared.inner_text("#operator")
    assert "Per person" in shared.inner_text("#price-per-person")
    shared.screenshot(path=str(screenshot_dir / "package-shared.png"), full_page=True)
    customer.close()
