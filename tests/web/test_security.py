"""Security headers, script nonces, cookie flags, body size limit and short error messages."""

from __future__ import annotations

import re
import time

import pytest

from web.security import content_security_policy, nonce_scripts

PAGES = ("/", "/explore", "/dashboard", "/places/bat-trang", "/packages/signin", "/api/docs", "/calendar")


@pytest.mark.parametrize("url", [*PAGES, "/api/v1/crafts", "/api/v1/places/nope", "/static/style.css"])
def test_every_answer_carries_the_security_headers(client, url: str) -> None:
    response = client.get(url)
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-eval'" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("url", PAGES)
def test_every_inline_script_of_a_page_carries_the_answers_nonce(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    page = response.get_data(as_text=True)
    inline = re.findall(r"<script\b([^>]*)>", page)
    assert all("src=" in attributes or (nonce and f'nonce="{nonce.group(1)}"' in attributes)
               for attributes in inline)
    assert not re.search(r"\son(click|submit|load|change)=", page)
    assert "javascript:" not in page


def test_each_page_view_gets_a_new_nonce_even_from_a_cached_map(client) -> None:
    first = client.get("/explore").headers["Content-Security-Policy"]
    second = client.get("/explore")
    nonce = re.search(r"'nonce-([^']+)'", second.headers["Content-Security-Policy"]).group(1)
    assert nonce not in first
    assert f'<script nonce="{nonce}">' in second.get_data(as_text=True)


def test_nonce_is_added_only_where_missing() -> None:
    html = '<script src="a.js"></script><script nonce="x">1</script><SCRIPT>2</SCRIPT>'
    assert nonce_scripts(html, "n") == '<script nonce="n" src="a.js"></script><script nonce="x">1</script>' \
                                       '<script nonce="n">2</SCRIPT>'


def test_policy_lists_cdn_hosts_only_when_asked() -> None:
    assert "cdn.jsdelivr.net" not in content_security_policy("n")
    assert "https://cdn.jsdelivr.net" in content_security_policy("n", cdn_hosts=("https://cdn.jsdelivr.net",))


def test_cookies_are_http_only_and_same_site(client) -> None:
    response = client.get("/explore?lang=vi")
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies
    assert all("HttpOnly" in cookie and "SameSite=Lax" in cookie for cookie in cookies)


def test_a_5_mb_body_answers_413_quickly_with_the_error_json(client) -> None:
    began = time.perf_counter()
    response = client.post("/api/v1/itineraries", data=b"{" + b" " * (5 * 1024 * 1024) + b"}",
                           content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]["field"] == "body"
    assert time.perf_counter() - began < 2.0


def test_a_5000_character_place_name_gets_a_short_400(client) -> None:
    response = client.post("/api/v1/itineraries", json={"start": "nowhere-" + "x" * 5000})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["field"] == "start"
    # the cut value twice at most: in the message and in the code's params
    assert len(response.data) < 500 and "(5008 characters)" in error["message"]
    assert error["params"]["got"].endswith("... (5008 characters)")


def test_an_unknown_place_in_the_url_is_404_and_in_a_query_400(client) -> None:
    assert client.get("/api/v1/places/" + "n" * 5000).status_code == 404
    assert len(client.get("/api/v1/places/" + "n" * 5000).data) < 400
    response = client.get("/api/v1/route", query_string={"from": "nowhere-xyz", "to": "bat-trang"})
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == "from"


@pytest.mark.parametrize(("field", "setting"), [("interests", "MAX_INTERESTS"), ("must_see", "MAX_MUST_SEE")])
def test_plan_lists_longer_than_their_limit_answer_400(app, client, field: str, setting: str) -> None:
    items = ["ceramics"] * (app.config[setting] + 1)
    response = client.post("/api/v1/itineraries", json={"start": "hoan-kiem-lake", field: items})
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == ("must" if field == "must_see" else field)
    assert f"at most {app.config[setting]} items" in response.get_json()["error"]["message"]
