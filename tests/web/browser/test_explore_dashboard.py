"""The explorer and the dashboard in a real browser: markers, filters, layer toggles."""

from __future__ import annotations

import re

import pytest

import geodata

pytestmark = pytest.mark.browser

#: Every marker on a Leaflet map (plain, awesome-marker and cluster icons).
MARKERS = ".leaflet-marker-pane > *"


def test_explorer_shows_markers_and_filters_by_craft(page, screenshot_dir) -> None:
    page.goto("/explore")
    page.wait_for_selector(MARKERS)
    all_count = page.locator("#place-list li").count()
    assert page.locator(MARKERS).count() >= 1
    assert page.locator(".leaflet-control-attribution").inner_text().find("OpenStreetMap") >= 0
    page.screenshot(path=str(screenshot_dir / "explore.png"))

    craft = page.locator("select[name=craft] option").nth(1).get_attribute("value")
    page.select_option("select[name=craft]", craft)
    page.click("#explore-form button[type=submit]")
    page.wait_for_url(re.compile(rf"craft={craft}"))
    page.wait_for_selector(MARKERS)
    shown = int(page.locator("#result-count").inner_text().split()[0])
    assert shown <= all_count
    assert page.locator("#place-list li a").count() == shown
    page.screenshot(path=str(screenshot_dir / "explore-filtered.png"))


def test_explorer_search_without_diacritics_then_open_place(page, screenshot_dir) -> None:
    page.goto("/explore")
    first_name = page.locator("#place-list li a").first.inner_text()
    page.fill("input[name=search]", geodata.ascii_fold(first_name).lower())
    page.click("#explore-form button[type=submit]")
    page.wait_for_selector(MARKERS)
    page.locator("#place-list li a", has_text=first_name).first.click()
    page.wait_for_selector("#place-name")
    assert first_name in page.locator("#place-name").inner_text()
    page.wait_for_selector(MARKERS)
    page.screenshot(path=str(screenshot_dir / "place.png"))


def test_dashboard_layer_toggle_hides_a_craft_layer(page, screenshot_dir) -> None:
    page.goto("/dashboard")
    page.wait_for_selector(".leaflet-control-layers")
    page.wait_for_selector("path.leaflet-interactive")
    checkboxes = page.locator(".leaflet-control-layers-overlays input[type=checkbox]")
    assert checkboxes.count() >= 2
    # The layer list starts collapsed so that it does not cover the map; hovering opens it.
    assert page.locator(".leaflet-control-layers-expanded").count() == 0
    page.screenshot(path=str(screenshot_dir / "dashboard.png"))
    page.hover(".leaflet-control-layers")
    page.wait_for_selector(".leaflet-control-layers-expanded")
    before = page.locator("path.leaflet-interactive").count()
    last = checkboxes.nth(checkboxes.count() - 1)
    assert last.is_checked()
    last.uncheck()
    page.wait_for_function(f"() => document.querySelectorAll('path.leaflet-interactive').length < {before}")
    assert page.locator("path.leaflet-interactive").count() < before
    assert page.locator("#counts-craft tbody tr").count() >= 1
    page.screenshot(path=str(screenshot_dir / "dashboard-toggled.png"))
