"""Layout checks only a browser can make: the phone navbar, untruncated filters, the printed map."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}

#: Width the text of each control needs versus the room it has (select arrow and padding included).
TEXT_FITS = """(form) => Array.from(document.querySelectorAll(form + ' select, ' + form + ' input[placeholder]')).map(el => {
  const style = getComputedStyle(el);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = style.font;
  const text = el.tagName === 'SELECT' ? el.options[el.selectedIndex].text : el.placeholder;
  const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {name: el.name, text: text, need: ctx.measureText(text).width, room: room};
})"""


@pytest.fixture
def phone_page(page):
    """Return the offline page of conftest with a 390 x 844 viewport."""
    page.set_viewport_size(PHONE)
    return page


def test_phone_navbar_collapses_and_opens_to_every_link(phone_page, screenshot_dir) -> None:
    phone_page.goto("/explore?lang=vi")
    assert not phone_page.locator("#nav-packages").is_visible()
    phone_page.screenshot(path=str(screenshot_dir / "phone-explore.png"))
    phone_page.click("#nav-toggle")
    phone_page.wait_for_selector("#nav-packages", state="visible")
    assert phone_page.locator("#languages a[hreflang=en]").is_visible()
    box = phone_page.locator("#nav-packages").bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
    phone_page.screenshot(path=str(screenshot_dir / "phone-explore-menu.png"))
    phone_page.click("#languages a[hreflang=en]")
    phone_page.wait_for_selector("html[lang=en]")


def test_phone_dashboard_layer_list_leaves_the_map_visible(phone_page, screenshot_dir) -> None:
    phone_page.goto("/dashboard")
    phone_page.wait_for_selector(".leaflet-control-layers")
    control = phone_page.locator(".leaflet-control-layers").bounding_box()
    map_box = phone_page.locator(".map-box").bounding_box()
    assert control["width"] * control["height"] < 0.05 * map_box["width"] * map_box["height"]
    phone_page.screenshot(path=str(screenshot_dir / "phone-dashboard.png"))


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_filter_controls_show_their_whole_text(page, screenshot_dir, lang, viewport) -> None:
    page.set_viewport_size(viewport)
    for path, form in (("/explore", "#explore-form"), ("/dashboard", "#dashboard-form")):
        page.goto(f"{path}?lang={lang}")
        cut = [c for c in page.evaluate(TEXT_FITS, form) if c["need"] > c["room"] + 0.5]
        assert not cut, cut
    page.goto(f"/explore?lang={lang}")
    page.screenshot(path=str(screenshot_dir / f"explore-{lang}-{viewport['width']}.png"))


def test_printed_map_has_no_controls_and_every_marker_inside(page, screenshot_dir) -> None:
    page.goto("/plan/print?start=hoan-kiem-lake&days=2&date=2026-12-01&interests=ceramics")
    page.wait_for_selector(".leaflet-marker-pane > *")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(300)
    assert not page.locator(".leaflet-control-zoom").is_visible()
    assert not page.locator(".leaflet-control-layers").is_visible()
    assert not page.locator("nav.navbar").is_visible()
    box = page.locator(".map-box").bounding_box()
    for marker in page.locator(".leaflet-marker-pane > *").all():
        mark = marker.bounding_box()
        assert box["x"] <= mark["x"] and mark["x"] + mark["width"] <= box["x"] + box["width"]
        assert box["y"] <= mark["y"] and mark["y"] + mark["height"] <= box["y"] + box["height"]
    assert page.locator("#plan-warnings").count() == 1
    page.screenshot(path=str(screenshot_dir / "print-media.png"), full_page=True)
