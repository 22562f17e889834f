"""The packages API on SQLite and PostgreSQL: tokens, owners, prices, versions, share links."""

from __future__ import annotations

import pytest
from package_helpers import REQUEST, bearer


def test_two_operators_a_package_its_versions_and_share_link(db_app, operators) -> None:
    client = db_app.test_client()
    a, b = bearer(operators["a"]), bearer(operators["b"])
    created = client.post("/api/v1/packages", headers=a,
                          json={"name": "Lụa Vạn Phúc", "group_size": 6, "request": REQUEST})
    assert created.status_code == 201, created.get_json()
    package = created.get_json()
    assert package["version"] == 1 and package["group_size"] == 6
    assert package["plan"]["days"][0]["stops"]
    price = package["price"]
    assert price["currency"] == "VND" and price["total_vnd"] > 0
    assert price["per_person_vnd"] * 6 >= price["total_vnd"] > price["costs_vnd"]
    url = f"/api/v1/packages/{package['id']}"

    assert client.get(url).status_code == 401
    assert client.get("/api/v1/packages", headers=bearer("not-a-token")).status_code == 401
    assert client.get(url, headers=b).status_code == 404
    assert client.put(url, headers=b, json={"version": 1, "name": "mine"}).status_code == 404
    assert client.delete(url, headers=b).status_code == 404
    assert client.post(f"{url}/share", headers=b).status_code == 404
    assert client.get("/api/v1/packages", headers=b).get_json() == []

    updated = client.put(url, headers=a, json={"version": 1, "name": "Lụa Vạn Phúc, nhóm nhỏ", "group_size": 2})
    assert updated.status_code == 200
    assert updated.get_json()["version"] == 2 and updated.get_json()["price"]["group_size"] == 2
    stale = client.put(url, headers=a, json={"version": 1, "name": "overwrite?"})
    assert stale.status_code == 409
    assert stale.get_json()["version"] == 2 and stale.get_json()["error"]["field"] == "version"
    assert client.get(url, headers=a).get_json()["name"] == "Lụa Vạn Phúc, nhóm nhỏ"
    history = client.get(f"{url}/versions", headers=a).get_json()
    assert [(v["version"], v["group_size"]) for v in history] == [(2, 2), (1, 6)]
    assert history[1]["price"] == price
    assert client.get(f"{url}/versions", headers=b).status_code == 404

    shared = client.post(f"{url}/share", headers=a)
    assert shared.status_code == 201
    share_url = shared.get_json()["url"]
    assert share_url.startswith("http://localhost/share/") and len(share_url.rsplit("/", 1)[1]) >= 40
    page = db_app.test_client().get(share_url)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Lụa Vạn Phúc, nhóm nhỏ" in text and "Hà Nội Travel" in text and 'id="price-per-person"' in text
    assert 'id="price-lines"' not in text  # customers see the price per person, not the costs
    assert client.delete(f"{url}/share", headers=a).get_json() == {"revoked": 1}
    assert db_app.test_client().get(share_url).status_code == 404


def test_delete_keeps_the_package_restorable(db_app, operators) -> None:
    client = db_app.test_client()
    a = bearer(operators["a"])
    package = client.post("/api/v1/packages", headers=a, json={"name": "Gốm", "request": REQUEST}).get_json()
    url = f"/api/v1/packages/{package['id']}"
    assert client.delete(url, headers=a).status_code == 204
    assert client.get(url, headers=a).status_code == 404
    assert client.get("/api/v1/packages", headers=a).get_json() == []
    restored = client.post(f"{url}/restore", headers=a)
    assert restored.status_code == 200 and restored.get_json()["name"] == "Gốm"
    assert [p["id"] for p in client.get("/api/v1/packages", headers=a).get_json()] == [package["id"]]


def test_a_new_token_revokes_the_old_one(db_app, operators, craftroute) -> None:
    client = db_app.test_client()
    code, out, _ = craftroute("operator", "token", "a@example.com")
    assert code == 0
    assert client.get("/api/v1/packages", headers=bearer(operators["a"])).status_code == 401
    assert client.get("/api/v1/packages", headers=bearer(out.strip())).status_code == 200
    code, out, _ = craftroute("operator", "list")
    assert code == 0 and "a@example.com\tHà Nội Travel\ttoken " in out and "b@example.com" in out
    assert operators["a"] not in out


@pytest.mark.parametrize(("body", "status", "field"), [
    ({"name": "x"}, 400, "request"),
    ({"name": "", "request": REQUEST}, 400, "name"),
    ({"name": "x", "request": {**REQUEST, "days": 0}}, 400, "days"),
    ({"name": "x", "request": {**REQUEST, "must_see": ["nowhere-at-all"]}}, 400, "must"),
    ({"name": "x", "group_size": 0, "request": REQUEST}, 400, "group_size"),
    ({"name": "x", "group_size": "6", "request": REQUEST}, 400, "group_size"),
])
def test_api_create_rejects_bad_input(db_app, operators, body, status, field) -> None:
    response = db_app.test_client().post("/api/v1/packages", headers=bearer(operators["a"]), json=body)
    assert response.status_code == status
    assert response.get_json()["error"]["field"] == field


def test_put_rejects_fields_it_cannot_change_and_a_missing_version(db_app, operators) -> None:
    client = db_app.test_client()
    a = bearer(operators["a"])
    package = client.post("/api/v1/packages", headers=a, json={"name": "Nón", "request": REQUEST}).get_json()
    url = f"/api/v1/packages/{package['id']}"
    assert client.put(url, headers=a, json={"name": "x"}).get_json()["error"]["field"] == "version"
    assert client.put(url, headers=a, json={"version": 1, "price": {}}).get_json()["error"]["field"] == "price"
    assert client.get(url, headers=a).get_json()["version"] == 1
