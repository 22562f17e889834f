"""On a 390 px phone: get a one-day plan, tap "Move up" on its second stop, and the re-planned
timeline shows the two stops swapped, locked in that order; no JavaScript error on the way."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TRIP = "start=hoan-kiem-lake&days=1&date=2026-12-08&mode=motorbike"


def _stops(page) -> list[str]:
    return page.eval_on_selector_all("#timeline .stop-edit", "els => els.map(e => e.dataset.stop)")


def test_move_a_stop_up_and_the_replanned_day_keeps_that_order(phone, screenshot_dir) -> None:
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto(f"/plan?{TRIP}")
    before = _stops(phone)
    assert len(before) >= 2
    first, second = before[0], before[1]
    assert phone.locator(f'.stop-edit[data-stop="{first}"] .stop-up').count() == 0  # the first cannot go up
    button = phone.locator(f'.stop-edit[data-stop="{second}"] .stop-up')
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44  # a finger-sized target
    assert button.inner_text().endswith("Move up")
    phone.screenshot(path=str(screenshot_dir / "phone-plan-reorder.png"), full_page=True)
    button.tap()
    phone.wait_for_url(re.compile(rf"keep={second}%401%231"))

    after = _stops(phone)
    assert [stop for stop in after if stop in before] == [second, first, *before[2:]]
    for order, stop in enumerate([second, first, *before[2:]], start=1):
        lock = phone.locator(f'.stop-edit[data-stop="{stop}"] .stop-lock')
        assert lock.is_checked() and lock.get_attribute("value") == f"{stop}@1#{order}"
        assert phone.locator(f'.stop-edit[data-stop="{stop}"] .badge').inner_text() == "locked"
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # the buttons do not make the page scroll sideways
    phone.screenshot(path=str(screenshot_dir / "phone-plan-reordered.png"), full_page=True)
    assert errors == []
