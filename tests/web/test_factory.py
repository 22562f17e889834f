"""The application factory: configuration order and registered parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from web import create_app, settings


def test_defaults_apply_without_test_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRAFTROUTE_DEFAULT_LANGUAGE", raising=False)
    app = create_app(instance_path=str(tmp_path))
    assert not app.testing
    assert app.config["DEFAULT_LANGUAGE"] == settings.DEFAULT_CONFIG["DEFAULT_LANGUAGE"]
    assert (tmp_path / "packages.sqlite").is_file()


def test_instance_config_then_environment_override_defaults(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.py").write_text('NEARBY_COUNT = 3\nDEFAULT_LANGUAGE = "en"\n', encoding="utf-8")
    monkeypatch.setenv("CRAFTROUTE_DEFAULT_LANGUAGE", "vi")
    app = create_app(instance_path=str(tmp_path))
    assert app.config["NEARBY_COUNT"] == 3
    assert app.config["DEFAULT_LANGUAGE"] == "vi"


def test_test_config_replaces_instance_config(tmp_path: Path) -> None:
    (tmp_path / "config.py").write_text("NEARBY_COUNT = 3\n", encoding="utf-8")
    app = create_app({"TESTING": True, "PACKAGES_DB": "other.sqlite"}, instance_path=str(tmp_path))
    assert app.testing
    assert app.config["NEARBY_COUNT"] == settings.DEFAULT_CONFIG["NEARBY_COUNT"]
    assert (tmp_path / "other.sqlite").is_file()


def test_every_page_blueprint_is_registered(app) -> None:
    assert {"plan", "explore", "dashboard", "downloads", "packages", "packages_api", "packages_auth",
            "packages_share", "api"} <= set(app.blueprints)


def test_favicon_and_page_icon(client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    with client.get(response.headers["Location"]) as icon:
        assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
    assert 'rel="icon"' in client.get("/packages", follow_redirects=True).get_data(as_text=True)


def test_navbar_collapses_on_small_screens(client) -> None:
    page = client.get("/packages", follow_redirects=True).get_data(as_text=True)
    assert 'class="navbar navbar-expand-md' in page and 'data-bs-target="#main-nav"' in page
    assert "vendor/bootstrap/bootstrap.bundle.min.js" in page


def test_server_error_page_is_not_titled_as_a_request_to_fix(app) -> None:
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    page = app.test_client().get("/boom")
    assert page.status_code == 500
    text = page.get_data(as_text=True)
    assert "<title>Something went wrong on our side" in text and "needs fixing" not in text
    vietnamese = app.test_client().get("/boom?lang=vi").get_data(as_text=True)
    assert "Đã xảy ra lỗi ở phía máy chủ (500)" in vietnamese
