"""Each stop's reasons on the plan page: every planner reason translates, in English and Vietnamese."""

from __future__ import annotations

import pytest

from planner.itinerary import events, value
from web import i18n
from web.pages.why import TEMPLATES, why_items


def test_every_planner_reason_maps_to_a_key_in_both_languages() -> None:
    texts = [template.format(craft="ceramics", length=90, typical=180, time="15:00") for template in TEMPLATES]
    texts += list(value.TITLES.values())
    items = why_items(texts)
    assert all(item.key and not item.text for item in items), items
    for language in ("en", "vi"):
        table = i18n.load_translations(language)
        assert all(item.key in table for item in items), language
    shortened = items[list(TEMPLATES).index(value.WHY_SHORTENED)]
    assert (shortened.length, shortened.typical) == ("90", "180")
    assert items[0].craft == "ceramics"
    english = i18n.translate(shortened.key, "en", length=shortened.length, typical=shortened.typical)
    assert english == value.WHY_SHORTENED.format(length=90, typical=180)
    session = items[list(TEMPLATES).index(events.WHY_SESSION)]
    assert session.time == "15:00"
    assert i18n.translate(session.key, "vi", time=session.time) == "buổi diễn lúc 15:00"


def test_an_unknown_reason_is_shown_as_written() -> None:
    assert [item.text for item in why_items(["near the river"])] == ["near the river"]


@pytest.mark.slow
def test_plan_page_says_why_each_stop_is_there(client) -> None:
    query = {"start": "hanoi-old-quarter", "days": "1", "date": "2026-12-08", "interests": "gốm,lụa",
             "day_end": "17:00"}
    english = client.get("/plan", query_string=query).get_data(as_text=True)
    assert "matches Ceramics and pottery" in english and "matches Silk weaving" in english
    assert english.count('class="why"') >= 2 and "World Craft City" in english
    vietnamese = client.get("/plan", query_string={**query, "lang": "vi"}).get_data(as_text=True)
    assert "đúng sở thích: Gốm sứ" in vietnamese and "đúng sở thích: Dệt lụa" in vietnamese
    assert "matches" not in vietnamese
