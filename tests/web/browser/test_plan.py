"""Plan a trip through the form in a real browser; the map shows the stops and the day lines."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MARKERS = ".leaflet-marker-pane > *"


def test_plan_a_two_day_trip_through_the_form(page, screenshot_dir, shared_data_dir) -> None:
    page.goto("/")
    page.wait_for_selector(MARKERS)
    page.fill("#start", "ho hoan kiem")
    page.fill("#days", "2")
    page.fill("#date", "2026-12-01")
    page.select_option("#mode", "motorbike")
    page.select_option("#interests", ["ceramics", "silk"])
    page.screenshot(path=str(screenshot_dir / "plan-form.png"))
    page.click("#plan-submit")
    page.wait_for_url(re.compile(r"/plan\?"))
    page.wait_for_selector("#plan-map path.leaflet-interactive")

    days = page.locator("#timeline section.day")
    assert days.count() == 2
    stops = page.locator("#timeline li.arrive").count()
    assert stops >= 2
    # One numbered marker per stop plus a start marker per day.
    assert page.locator(f"#plan-map {MARKERS}").count() >= stops + 1
    # Road-following lines: one polyline per leg, each with many points.
    lines = page.locator("#plan-map path.leaflet-interactive")
    assert lines.count() >= stops + 2
    most_points = page.evaluate("Math.max(...Array.from(document.querySelectorAll("
                                "'#plan-map path.leaflet-interactive'), p => p.getAttribute('d').split('L').length))")
    assert most_points > 3
    overlays = page.locator("#plan-map .leaflet-control-layers-overlays input[type=checkbox]")
    assert overlays.count() == 2
    page.screenshot(path=str(screenshot_dir / "plan-result.png"), full_page=True)

    before = lines.count()
    overlays.nth(1).uncheck()
    page.wait_for_function(
        f"() => document.querySelectorAll('#plan-map path.leaflet-interactive').length < {before}")

    page.click("#adjust")
    page.wait_for_selector("#plan-form")
    assert page.input_value("#start") == "ho hoan kiem"
    assert page.input_value("#days") == "2"


def test_clicking_the_map_sets_the_start_point(page, screenshot_dir) -> None:
    page.goto("/")
    page.wait_for_selector(MARKERS)
    box = page.locator(".map-box .folium-map").bounding_box()
    page.mouse.click(box["x"] + 30, box["y"] + box["height"] - 40)
    value = page.input_value("#start")
    assert re.fullmatch(r"\d+\.\d{5},\d+\.\d{5}", value)
    page.screenshot(path=str(screenshot_dir / "plan-form-clicked.png"))
