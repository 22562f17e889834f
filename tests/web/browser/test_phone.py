"""On a 390 px phone: no page scrolls sideways or forbids pinch zoom, and the plan's timeline and map point at each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from web.packages import database, operators

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
EMAIL, PASSWORD = "phone@example.com", "phone secret"
TRIP = "start=hanoi-old-quarter&days=1&date=2026-12-08&interests=ceramics&must_see=perfume-pagoda&day_end=17:00"
TWO_DAYS = "start=hoan-kiem-lake&days=2&date=2026-12-01&interests=ceramics,silk"

#: Pages anyone can open (plan pages with a result, their print page, explore, places, errors).
PUBLIC_PAGES = (
    "/", f"/plan?{TRIP}", f"/plan?{TWO_DAYS}", f"/plan/print?{TRIP}", "/explore", "/explore?search=silk",
    "/dashboard", "/places/bat-trang", "/places/hanoi-old-quarter", "/places/vietnam-museum-of-ethnology",
    "/plan?start=hanoi-old-quarter&days=0", "/places/no-such-place", "/no-such-page",
    "/packages/signin", "/share/not-a-token",
)
#: How wide the page is against the window, and every viewport tag.
MEASURE = """() => ({
  scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  wide: Array.from(document.querySelectorAll('main *')).filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
        && !el.closest('.table-responsive, .leaflet-container')).slice(0, 3).map(el => el.tagName + '#' + el.id + '.' + el.className),
  viewports: Array.from(document.querySelectorAll('meta[name=viewport]')).map(m => m.content)
})"""


@pytest.fixture(scope="module")
def operator_package(live_instance: Path, local_context, sign_in) -> tuple[str, str]:
    """Return the storage state of a signed-in operator's browser and the path of a saved package."""
    engine = database.make_engine(f"sqlite:///{live_instance / 'packages.sqlite'}")
    with database.transaction(database.session_factory(engine)) as session:
        operators.add_operator(session, EMAIL, name="Phố Cổ Travel", password=PASSWORD)
    engine.dispose()
    context = local_context()
    page = context.new_page()
    sign_in(page, EMAIL, PASSWORD)
    page.goto(f"/plan?{TRIP}", timeout=180_000)
    page.fill("#plan-actions input[name=name]", "Gốm & Chùa Hương: một ngày")
    page.click("#save-package")
    page.wait_for_selector("#price-lines")
    package_path = re.sub(r"^https?://[^/]+", "", page.url).split("?")[0]
    state = str(live_instance / "phone-operator.json")
    context.storage_state(path=state)
    context.close()
    return state, package_path


def _phone_context(local_context, storage_state: str | None = None):
    # Not is_mobile: a mobile layout viewport widens to fit a too-wide page, which would hide it.
    return local_context(viewport=PHONE, storage_state=storage_state, has_touch=True)


def _check_page(page, path: str) -> list[str]:
    page.goto(path, timeout=180_000)
    page.wait_for_load_state("load")
    found = page.evaluate(MEASURE)
    problems = []
    if found["scroll"] > found["inner"] or found["inner"] != PHONE["width"]:
        problems.append(f"{path}: {found['scroll']} px wide in a {found['inner']} px window {found['wide']}")
    for content in found["viewports"]:
        if "user-scalable=no" in content.replace(" ", "") or "maximum-scale" in content:
            problems.append(f"{path}: viewport {content!r}")
    if len(found["viewports"]) != 1:
        problems.append(f"{path}: {len(found['viewports'])} viewport tags")
    return problems


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_page_scrolls_sideways_or_blocks_pinch_zoom_on_a_phone(local_context, operator_package,
                                                                   screenshot_dir, lang) -> None:
    state, package = operator_package
    context = _phone_context(local_context, state)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"/?lang={lang}")
    signed_in = ("/packages", package, f"{package}/quote", "/packages/prices")
    problems = []
    for path in (*PUBLIC_PAGES, *signed_in):
        problems += _check_page(page, path)
    page.goto(package)
    page.click("#share")
    page.wait_for_selector(".flash")
    share_url = re.search(r"http://\S+/share/[A-Za-z0-9_-]+", page.inner_text(".flash")).group(0)
    problems += _check_page(page, share_url)
    page.screenshot(path=str(screenshot_dir / f"phone-share-{lang}.png"), full_page=True)
    context.close()
    assert not problems, "\n".join(problems)


def test_tapping_a_stop_opens_its_marker_and_tapping_a_marker_marks_its_stop(local_context,
                                                                            screenshot_dir) -> None:
    context = _phone_context(local_context)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"/plan?{TWO_DAYS}", timeout=180_000)
    page.wait_for_selector(".stop-row.stop-linked")
    # The day list of the map is folded on a phone; its button unfolds it, a tap on the map folds it again.
    assert page.locator("#plan-map .leaflet-control-layers-expanded").count() == 0
    page.locator("#plan-map .leaflet-control-layers-toggle").tap()
    page.wait_for_selector("#plan-map .leaflet-control-layers-expanded")
    page.evaluate("""() => Object.keys(window).filter(k => k.indexOf('map_') === 0 && window[k] instanceof L.Map)
        .forEach(k => window[k].fire('click'))""")
    assert page.locator("#plan-map .leaflet-control-layers-expanded").count() == 0
    first = page.locator("#stop-1-1")
    name = first.locator(".place-link").inner_text()
    first.locator(".stop-order").tap()
    page.wait_for_selector(".leaflet-popup-content")
    assert "stop-active" in first.get_attribute("class")
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert name.split(" (")[0] in popup
    page.screenshot(path=str(screenshot_dir / "phone-stop-to-marker.png"))
    # Marker of day 2's first stop: its row is marked (and the first one no longer).
    page.evaluate("""() => Object.keys(window).filter(k => k.indexOf('map_') === 0 && window[k] instanceof L.Map)
        .forEach(k => window[k].eachLayer(l => { if (l.options && l.options.stopKey === '2-1') { l.fire('click'); } }))""")
    second = page.locator("#stop-2-1")
    assert "stop-active" in second.get_attribute("class")
    assert "stop-active" not in first.get_attribute("class")
    context.close()


def test_a_stop_links_to_its_place_page_and_directions(local_context) -> None:
    context = _phone_context(local_context)
    page = context.new_page()
    page.goto(f"/plan?{TRIP}", timeout=180_000)
    row = page.locator(".stop-row").first
    assert row.locator("a.directions-geo").get_attribute("href").startswith("geo:")
    assert "openstreetmap.org/directions" in row.locator("a.directions-osm").get_attribute("href")
    assert "google.com/maps/dir/" in row.locator("a.directions-google").get_attribute("href")
    assert "calendar.google.com" in row.locator("a.add-google-calendar").get_attribute("href")
    row.locator("a.place-link").click()
    page.wait_for_selector("#place-name")
    assert "/places/" in page.url
    context.close()
