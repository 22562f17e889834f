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
    page.wait_for_function("document.querySelector('.craftroute-offline[data-roads]') !== null")
    page.wait_for_timeout(500)
    png = page.screenshot(path=str(screenshot_dir / f"offline-{name}.png"))
    share = blank_share(png)
    print(f"{name}: blank map background {share:.1%}")
    assert share < 0.10
