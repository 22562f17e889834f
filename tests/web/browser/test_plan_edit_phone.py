"""On a 390 px phone: type an address, pick a suggestion, choose places as chips, plan, remove a stop,
lock another, re-plan; no JavaScript error on the way."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

def test_address_suggestions_plan_then_remove_and_lock(phone, screenshot_dir, shared_data_dir) -> None:
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto("/")
    phone.locator("#start").type("36 hang bac", delay=30)
    first = phone.locator("#start-suggestions button").first
    first.wait_for()
    assert first.inner_text().startswith("36 Hàng Bạc")
    first.tap()
    assert phone.input_value("#start") == "36 Hàng Bạc"
    assert phone.locator("#start-suggestions").is_hidden()

    phone.fill("#days", "2")
    phone.fill("#date", "2026-12-08")
    # must-see places without a mouse: type, Enter adds the first match as a chip
    search = phone.locator("#must_see-search")
    search.type("chuong")
    search.press("Enter")
    search.type("bat trang")
    phone.locator("#must_see-options button", has_text="Bát Tràng").first.tap()
    chips = phone.locator("#must_see-chips .chip")
    assert sorted(chips.all_inner_texts()) == ["Bát Tràng", "Chuông"]
    phone.locator("#must_see-chips .chip-remove").first.tap()  # a chip comes off again
    assert chips.count() == 1
    search.type("bat trang")
    search.press("Enter")
    assert sorted(phone.eval_on_selector_all("#must_see option:checked", "els => els.map(e => e.value)")) == [
        "bat-trang", "chuong"]
    phone.screenshot(path=str(screenshot_dir / "phone-plan-form.png"), full_page=True)

    phone.locator("#plan-submit").tap()
    phone.wait_for_url(re.compile(r"/plan\?"))
    assert "36 Hàng Bạc" in phone.locator("#timeline li.start").first.inner_text()
    stops = phone.eval_on_selector_all("#timeline .stop-edit", "els => els.map(e => e.dataset.stop)")
    assert len(stops) >= 3 and {"bat-trang", "chuong"} <= set(stops)
    removed = next(stop for stop in stops if stop not in ("bat-trang", "chuong"))
    locked = "chuong"
    locked_day = phone.locator(f'#timeline section.day:has(.stop-edit[data-stop="{locked}"])').get_attribute("data-day")

    phone.locator(f'.stop-edit[data-stop="{removed}"] .stop-remove').check()
    phone.locator(f'.stop-edit[data-stop="{locked}"] .stop-lock').check()
    phone.screenshot(path=str(screenshot_dir / "phone-plan-edit.png"), full_page=True)
    phone.locator("#replan").tap()
    phone.wait_for_url(re.compile(rf"exclude={removed}"))
    assert f"keep={locked}%40{locked_day}" in phone.url and "start=36+H" in phone.url and "days=2" in phone.url

    after = phone.eval_on_selector_all("#timeline .stop-edit", "els => els.map(e => e.dataset.stop)")
    assert removed not in after and locked in after
    day_section = phone.locator(f'#timeline section.day:has(.stop-edit[data-stop="{locked}"])')
    assert day_section.get_attribute("data-day") == locked_day
    assert phone.locator(f'.stop-edit[data-stop="{locked}"] .stop-lock').is_checked()
    assert phone.locator(f'#removed-places input[value="{removed}"]').is_checked()
    assert "36 Hàng Bạc" in phone.locator("#timeline li.start").first.inner_text()
    phone.screenshot(path=str(screenshot_dir / "phone-plan-replanned.png"), full_page=True)

    # "Add to my plan" on a place page adds to this plan, edits and all
    phone.goto("/places/son-dong")
    phone.locator("#add-to-plan").tap()
    phone.wait_for_url(re.compile(r"/plan\?.*must_see=son-dong"))
    assert f"keep={locked}%40{locked_day}" in phone.url and f"exclude={removed}" in phone.url
    assert "son-dong" in phone.eval_on_selector_all("#timeline .stop-edit", "els => els.map(e => e.dataset.stop)")
    assert errors == []
