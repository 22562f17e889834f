"""With every outside request blocked, maps draw CraftRoute's own base map under the plan."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TRIP = {"start": "Ho Hoan Kiem", "days": "2", "date": "2026-12-01", "mode": "motorbike"}
PLAN_URL = "/plan?" + urlencode(TRIP)
#: Leaflet's ``.leaflet-container`` background: what a map shows where no tile or layer drew.
LEAFLET_BLANK_RGB = (221, 221, 221)
MAP_PAGES = {"form": "/", "plan": PLAN_URL, "explore": "/explore"}


@pytest.fixture(scope="module", autouse=True)
def built_base_map(live_server: str) -> None:
    """Build the road graph and base map once before the pages ask for them (minutes on a cold cache)."""
    from urllib.request import urlopen

    with urlopen(f"{live_server}/basemap/0.geojson", timeout=600) as response:
        assert response.status == 200


def blank_share(png: bytes) -> float:
    """Return the share of the screenshot's pixels that are Leaflet's blank grey background."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    blank = sum(count for count, rgb in colours if rgb == LEAFLET_BLANK_RGB)
    return blank / (image.width * image.height)


@pytest.mark.parametrize("name", list(MAP_PAGES))
def test_maps_show_a_base_map_without_internet(page, screenshot_dir, shared_data_dir, name: str) -> None:
    page.goto(MAP_PAGES[name])
    page.wait_for_selector(".leaflet-marker-pane > *")
    page.wait_for_function("() => document.querySelector('.craftroute-offline[data-roads]') !== null")
    page.wait_for_timeout(500)
    png = page.screenshot(path=str(screenshot_dir / f"offline-{name}.png"))
    share = blank_share(png)
    print(f"{name}: blank map background {share:.1%}")
    assert share < 0.10


def _offline_map(page) -> None:
    page.wait_for_function("() => document.querySelector('.craftroute-offline[data-roads]') !== null")


def test_base_map_draws_roads_and_boundaries_under_the_plan(page, shared_data_dir) -> None:
    page.goto(PLAN_URL)
    page.wait_for_selector("#plan-map path.leaflet-interactive", state="attached")
    _offline_map(page)
    drawn = page.evaluate("""() => {
        const map = document.querySelector('#plan-map .folium-map');
        const z = name => Number(getComputedStyle(map.querySelector('.leaflet-' + name + '-pane')).zIndex);
        const canvas = map.querySelector('.leaflet-craftrouteBase-pane canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted += 1; }
        return {roads: Number(map.dataset.roads), boundaries: Number(map.dataset.boundaries), painted,
                base: z('craftrouteBase'), labels: z('craftrouteLabels'), plan: z('overlay'),
                names: map.querySelectorAll('.craftroute-label').length};
    }""")
    assert drawn["roads"] > 100 and drawn["boundaries"] >= 30
    assert drawn["painted"] > 10_000
    assert drawn["names"] > 10
    assert drawn["base"] < drawn["plan"] and drawn["labels"] < drawn["plan"]
    assert "OpenStreetMap contributors" in page.inner_text("#plan-map .leaflet-control-attribution")


def test_layer_list_switches_between_openstreetmap_and_the_offline_map(page, shared_data_dir) -> None:
    page.goto(PLAN_URL)
    _offline_map(page)
    page.get_by_label("OpenStreetMap").check()
    page.wait_for_selector("#plan-map .leaflet-tile-pane img", state="attached")
    assert page.locator("#plan-map .craftroute-offline").count() == 0
    assert page.locator("#plan-map .craftroute-label").count() == 0
    page.get_by_label("CraftRoute map (offline)").check()
    _offline_map(page)
    assert page.locator("#plan-map .leaflet-tile-pane img").count() == 0


def test_service_worker_keeps_an_opened_plan_for_offline_use(page, screenshot_dir, shared_data_dir) -> None:
    page.goto("/")
    manifest = page.get_attribute("link[rel=manifest]", "href")
    assert manifest == "/manifest.webmanifest"
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == page.url.split("?")[0].rstrip("/") + "/"
    page.goto(PLAN_URL)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    stops = page.locator("#timeline li.arrive").count()
    assert stops >= 2
    page.wait_for_function("() => caches.open('craftroute-plans').then(c => c.keys()).then(k => k.length > 0)")

    page.context.set_offline(True)
    page.reload()
    assert page.locator("#timeline li.arrive").count() == stops
    page.wait_for_selector("#saved-copy:not([hidden]) time")
    assert page.get_attribute("#saved-copy time", "datetime").startswith("20")
    page.wait_for_selector("#plan-map .leaflet-marker-pane > *")
    _offline_map(page)
    page.screenshot(path=str(screenshot_dir / "offline-plan-reloaded.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_selector("#saved-copy:not([hidden])")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("#timeline li.arrive").count() == stops
    page.screenshot(path=str(screenshot_dir / "offline-plan-phone.png"), full_page=True)

    page.goto("/")
    page.wait_for_selector("#saved-plans:not([hidden]) li a")
    assert "/plan?" in page.get_attribute("#saved-plans li a", "href")
    page.context.set_offline(False)


def test_printed_plan_carries_a_readable_qr_code_and_fits_the_stops(page, shared_data_dir) -> None:
    import zxingcpp
    from PIL import Image

    page.goto("/plan/print?" + urlencode(TRIP))
    _offline_map(page)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(300)
    zoom = page.evaluate("Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k].getZoom())[0]")
    assert zoom >= 11  # fitted to the plan, not to the base map's whole city
    shot = Image.open(io.BytesIO(page.locator("#plan-qr").screenshot()))
    results = zxingcpp.read_barcodes(shot)
    assert [result.text for result in results] == [page.url.replace("/plan/print?", "/plan?")]
