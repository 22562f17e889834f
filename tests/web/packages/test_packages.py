"""Tour operators' saved packages: the SQLite store, the API and the pages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from geodata.errors import CraftRouteError, NotFoundError
from web.packages import store as package_store

REQUEST = {"start": "21.0285,105.8542", "days": 2, "mode": "motorbike"}


def test_store_round_trip_newest_first(tmp_path: Path) -> None:
    connection = package_store.connect(str(tmp_path / "p.sqlite"))
    first = package_store.add_package(connection, "  Pottery day  ", REQUEST)
    second = package_store.add_package(connection, "Silk and hats", {**REQUEST, "days": 1})
    assert first.name == "Pottery day"
    assert [p.id for p in package_store.list_packages(connection)] == [second.id, first.id]
    assert package_store.get_package(connection, first.id).request == REQUEST
    package_store.delete_package(connection, first.id)
    with pytest.raises(NotFoundError, match="no package with id"):
        package_store.get_package(connection, first.id)
    with pytest.raises(NotFoundError):
        package_store.delete_package(connection, first.id)


@pytest.mark.parametrize("name", ["", "   ", None, 5, "x" * 121])
def test_store_rejects_bad_names(tmp_path: Path, name) -> None:
    connection = package_store.connect(str(tmp_path / "p.sqlite"))
    with pytest.raises(CraftRouteError, match="name"):
        package_store.add_package(connection, name, REQUEST)


def test_api_create_list_open_delete(client, app, shared_data_dir) -> None:
    created = client.post("/api/v1/packages", json={"name": "Bát Tràng tour", "request": REQUEST})
    assert created.status_code == 201
    package = created.get_json()
    assert package["name"] == "Bát Tràng tour"
    assert [p["id"] for p in client.get("/api/v1/packages").get_json()] == [package["id"]]
    opened = client.get(f"/api/v1/packages/{package['id']}").get_json()
    assert len(opened["plan"]["days"]) == 2
    database = Path(app.instance_path) / app.config["PACKAGES_DB"]
    rows = sqlite3.connect(database).execute("SELECT name FROM package").fetchall()
    assert rows == [("Bát Tràng tour",)]
    assert client.delete(f"/api/v1/packages/{package['id']}").status_code == 204
    assert client.get(f"/api/v1/packages/{package['id']}").status_code == 404
    assert client.delete(f"/api/v1/packages/{package['id']}").status_code == 404


@pytest.mark.parametrize(("body", "status", "field"), [
    ({"name": "x"}, 400, "request"),
    ({"name": "", "request": REQUEST}, 400, "name"),
    ({"name": "x", "request": {**REQUEST, "days": 0}}, 400, "days"),
    ({"name": "x", "request": {**REQUEST, "must_see": ["nowhere-at-all"]}}, 404, "must"),
])
def test_api_create_rejects_bad_input(client, body, status, field) -> None:
    response = client.post("/api/v1/packages", json=body)
    assert response.status_code == status
    assert response.get_json()["error"]["field"] == field


def test_pages_save_list_open_and_delete(client) -> None:
    saved = client.post("/packages", data={"name": "Weekend", "query": "start=Ho+Hoan+Kiem&days=2&must_see=bat-trang"})
    assert saved.status_code == 303
    listing = client.get("/packages").get_data(as_text=True)
    # A confirmation after saving; the start as the planner resolved it, with its diacritics.
    assert "Package “Weekend” saved." in listing and 'class="package-start">Hồ Hoàn Kiếm<' in listing
    assert "saved." not in client.get("/packages").get_data(as_text=True)
    assert 'onsubmit="return window.confirm(this.dataset.confirm);"' in listing
    assert 'data-confirm="Delete the package “Weekend”?"' in listing
    package_id = client.get("/api/v1/packages").get_json()[0]["id"]
    opened = client.get(f"/packages/{package_id}")
    assert opened.status_code == 303
    assert opened.headers["Location"].startswith("/plan?")
    assert "must_see=bat-trang" in opened.headers["Location"] and "name=Weekend" in opened.headers["Location"]
    assert client.post(f"/packages/{package_id}/delete").status_code == 303
    after = client.get("/packages").get_data(as_text=True)
    assert "Weekend" not in after and "Package deleted." in after
    assert client.get(f"/packages/{package_id}").status_code == 404
    assert client.get(f"/packages/{10**30}").status_code == 404
    assert client.post(f"/packages/{10**30}/delete").status_code == 404


@pytest.mark.slow
def test_opened_package_shows_its_name_on_the_plan_page(client) -> None:
    client.post("/packages", data={"name": "Gốm & lụa", "query": "start=hoan-kiem-lake&days=1&date=2026-12-01"})
    package_id = client.get("/api/v1/packages").get_json()[0]["id"]
    page = client.get(client.get(f"/packages/{package_id}").headers["Location"]).get_data(as_text=True)
    assert '<span id="package-name">Package: Gốm &amp; lụa</span>' in page
