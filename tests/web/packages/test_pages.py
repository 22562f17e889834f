"""The operators' pages: sign-in, CSRF, save from the plan page, package page with price, edit,
share, delete and restore, price list (SQLite; the storage is tested on both databases)."""

from __future__ import annotations

import html
import re

import pytest
from package_helpers import csrf_token, sign_in

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
QUERY = "start=Ho+Hoan+Kiem&days=1&date=2026-12-07&must_see=bat-trang"


@pytest.fixture
def client(db_app, operators):
    """Return a client signed in as operator A."""
    client = db_app.test_client()
    sign_in(client)
    return client


def _save(client, name: str = "Weekend", group_size: str = "4"):
    token = csrf_token(client, "/packages")
    return client.post("/packages", data={"name": name, "query": QUERY, "group_size": group_size,
                                          "csrf_token": token})


def test_pages_ask_operators_to_sign_in_and_tourist_pages_stay_open(db_app, operators) -> None:
    visitor = db_app.test_client()
    response = visitor.get("/packages")
    assert response.status_code == 303 and response.headers["Location"].startswith("/packages/signin?next=")
    assert visitor.get("/packages/1").status_code == 303
    assert visitor.get("/explore").status_code == 200
    wrong = visitor.post("/packages/signin", data={"email": "a@example.com", "password": "nope",
                                                   "csrf_token": csrf_token(visitor, "/packages/signin")})
    assert wrong.status_code == 400 and "wrong password" in wrong.get_data(as_text=True)
    signed = visitor.post("/packages/signin?next=/packages/prices", data={
        "email": "a@example.com", "password": "correct horse", "csrf_token": csrf_token(visitor, "/packages/signin")})
    assert signed.headers["Location"] == "/packages/prices"
    evil = visitor.post("/packages/signin?next=https://evil.example/", data={
        "email": "a@example.com", "password": "correct horse", "csrf_token": csrf_token(visitor, "/packages/signin")})
    assert evil.headers["Location"] == "/packages"


def test_every_form_post_needs_the_csrf_token(client) -> None:
    without = client.post("/packages", data={"name": "Weekend", "query": QUERY})
    assert without.status_code == 400 and "CSRF" in without.get_data(as_text=True)
    assert client.post("/packages/signout").status_code == 400
    assert client.get("/packages").status_code == 200  # still signed in


def test_save_list_open_edit_and_delete(client) -> None:
    saved = _save(client)
    assert saved.status_code == 303
    package_page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Package “Weekend” saved." in package_page
    assert 'id="price-lines"' in package_page and "Transport" in package_page and " VND" in package_page
    assert "entrance fee unknown" in package_page  # the bundled places give no fees
    plan_link = re.search(r'id="open-plan" href="([^"]+)"', package_page).group(1).replace("&amp;", "&")
    assert plan_link.startswith("/plan?") and "must_see=bat-trang" in plan_link and "name=Weekend" in plan_link
    listing = client.get("/packages").get_data(as_text=True)
    assert 'class="package-start">Hồ Hoàn Kiếm<' in listing and "saved." not in listing
    assert 'data-confirm="Delete the package “Weekend”?"' in listing
    package_url = saved.headers["Location"]
    token = csrf_token(client, package_url)
    edited = client.post(f"{package_url}/edit", data={"name": "Long weekend", "group_size": "4", "version": "1",
                                                      "csrf_token": token})
    assert "Package updated." in client.get(edited.headers["Location"]).get_data(as_text=True)
    stale = client.post(f"{package_url}/edit", data={"name": "Lost", "group_size": "4", "version": "1",
                                                     "csrf_token": token})
    page = client.get(stale.headers["Location"]).get_data(as_text=True)
    assert "now version 2" in page and "Long weekend" in page and "Lost" not in page
    assert page.count('class="package-version"') == 2
    assert client.post(f"{package_url}/delete", data={"csrf_token": token}).status_code == 303
    after = client.get("/packages").get_data(as_text=True)
    assert "Package deleted." in after and 'id="deleted-packages"' in after
    assert client.get(package_url).status_code == 404
    assert client.post(f"{package_url}/restore", data={"csrf_token": token}).status_code == 303
    assert client.get(package_url).status_code == 200
    assert client.get(f"/packages/{10**30}").status_code == 404
    assert client.post(f"/packages/{10**30}/delete", data={"csrf_token": token}).status_code == 404


def test_share_link_opens_without_sign_in_until_withdrawn(client, db_app) -> None:
    package_url = _save(client, "Gốm & lụa").headers["Location"]
    token = csrf_token(client, package_url)
    shared = client.get(client.post(f"{package_url}/share", data={"csrf_token": token}).headers["Location"])
    share_url = re.search(r"(http://localhost/share/[A-Za-z0-9_-]+)", shared.get_data(as_text=True)).group(1)
    customer = db_app.test_client().get(share_url).get_data(as_text=True)
    assert "Gốm &amp; lụa" in customer and "A trip by Hà Nội Travel" in customer and 'id="timeline"' in customer
    client.post(f"{package_url}/unshare", data={"csrf_token": token})
    assert db_app.test_client().get(share_url).status_code == 404


def test_quote_prints_the_price_lines(client) -> None:
    package_url = _save(client).headers["Location"]
    quote = client.get(f"{package_url}/quote?lang=vi").get_data(as_text=True)
    assert "Báo giá: Weekend" in quote and 'id="price-lines"' in quote and " ₫" in quote
    assert 'data-action="print"' in quote  # page-actions.js prints (no inline handler under the CSP)


def test_price_list_edits_are_checked_and_change_new_prices(client) -> None:
    page = html.unescape(client.get("/packages/prices").get_data(as_text=True))
    assert '"margin_percent": 15.0' in page and '"vnd_per_km": 12000' in page
    token = csrf_token(client, "/packages/prices")
    bad = client.post("/packages/prices", data={"prices": '{"margin_percent": -1}', "csrf_token": token})
    assert bad.status_code == 400 and "prices.margin_percent" in bad.get_data(as_text=True)
    good = client.post("/packages/prices", data={"prices": '{"margin_percent": 0, "guide_vnd_per_day": 0}',
                                                 "csrf_token": token})
    assert good.status_code == 200 and "Price list saved." in good.get_data(as_text=True)
    page = client.get(_save(client).headers["Location"]).get_data(as_text=True)
    assert "Margin (0 %)" in page


def test_one_time_link_lets_an_operator_choose_a_password(db_app, craftroute) -> None:
    code, out, _ = craftroute("operator", "add", "new@example.com")
    link = re.search(r"(/packages/welcome/\S+)", out).group(1)
    client = db_app.test_client()
    short = client.post(link, data={"password": "short", "csrf_token": csrf_token(client, link)})
    assert short.status_code == 400 and "at least 8" in short.get_data(as_text=True)
    chosen = client.post(link, data={"password": "a long secret", "csrf_token": csrf_token(client, link)})
    assert chosen.status_code == 303 and client.get("/packages").status_code == 200
    assert db_app.test_client().get(link).status_code == 404  # used up
    sign_in(db_app.test_client(), "new@example.com", "a long secret")


@pytest.mark.slow
def test_opened_package_shows_its_name_on_the_plan_page(client) -> None:
    package_page = client.get(_save(client, "Gốm & lụa").headers["Location"]).get_data(as_text=True)
    plan_link = re.search(r'id="open-plan" href="([^"]+)"', package_page).group(1).replace("&amp;", "&")
    page = client.get(plan_link).get_data(as_text=True)
    assert '<span id="package-name">Package: Gốm &amp; lụa</span>' in page
