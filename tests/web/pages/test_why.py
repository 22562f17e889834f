"""The planner's reason codes in words, in English and Vietnamese: stops, places left out, warnings."""

from __future__ import annotations

import re

import pytest

from planner.itinerary import reasons, why
from planner.itinerary.why import Reason, reason_from_dict
from web import i18n
from web.pages.why import coded_text, detail_text, reason_text, stop_reasons

#: A value for every parameter a reason template may use.
SAMPLE = {"craft": "ceramics", "title": "world_craft_city", "length": 90.0, "typical": 180.0, "visit": 60.0,
          "there": 35.0, "back": 40.0, "total": 135.0, "lunch": 60.0, "on_site": 301.0, "earliest": "11:00",
          "latest": "13:00", "opens": "08:00", "closes": "17:00", "arrive": "16:10", "last_start": "16:00",
          "closing": "17:00", "start": "15:30", "day_end": "17:00", "day": 2, "date": "2026-12-08",
          "window": "11:00-13:00", "hours": "08:00-17:00", "time": "15:00",
          "events": "Tet closure (Nghỉ Tết) on 2027-02-06, lunar 1/1", "events_vi": "Nghỉ Tết ngày 2027-02-06"}


def _sample(code: str, template: str) -> Reason:
    names = set(re.findall(r"\{(\w+)", template)) | ({"title"} if code == "title" else set())
    if "events" in names:  # a closure names its events in both languages
        names.add("events_vi")
    return Reason.of(code, **{name: SAMPLE[name] for name in sorted(names)})


@pytest.mark.parametrize("language", ["en", "vi"])
def test_every_stop_reason_code_has_words_in_both_languages(language) -> None:
    table = i18n.load_translations(language)
    for code, template in why.STOP_TEMPLATES.items():
        assert f"why.{code}" in table, code
        text = reason_text(_sample(code, template).to_dict(), language)
        assert text and "{" not in text, (code, text)


def test_stop_reasons_name_crafts_and_titles_in_the_language() -> None:
    item = Reason.of("match", craft="ceramics").to_dict()
    assert reason_text(item, "en") == "matches Ceramics and pottery"
    assert reason_text(item, "vi") == "đúng sở thích: Gốm sứ"
    title = Reason.of("title", title="world_craft_city").to_dict()
    assert reason_text(title, "en") == "World Craft City" == Reason.of("title", title="world_craft_city").text()
    assert reason_text(title, "vi") == "Thành phố thủ công thế giới"
    shortened = Reason.of("shortened", length=90.0, typical=180.0)
    assert reason_text(shortened.to_dict(), "en") == shortened.text() == "shortened visit (90 of 180 min)"
    assert reason_text(shortened.to_dict(), "vi") == "rút ngắn (90/180 phút)"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_every_left_out_reason_and_detail_code_has_words(language) -> None:
    table = i18n.load_translations(language)
    assert all(f"reason.{reason}" in table for reason in reasons.REASONS), language
    for code, template in why.DETAIL_TEMPLATES.items():
        assert f"detail.{code}" in table, code
        text = coded_text(_sample(code, template).to_dict(), language)
        assert "{" not in text and "}" not in text, (code, text)
        for name in re.findall(r"\{(\w+)", table[f"detail.{code}"]):
            if name in ("there", "visit", "back", "lunch"):
                assert f"{SAMPLE[name]:.0f}" in text, (code, name)


def test_details_say_the_day_and_the_figures() -> None:
    detail = Reason.of("too_far", there=35.0, visit=60.0, back=40.0, total=135.0, length=120.0,
                       opens="09:00", closes="11:00").with_params(day=2)
    assert detail.text() == ("35 min there, the 60 min visit and 40 min back take 135 min, more than the 120 min "
                             "day (09:00-11:00) (day 2)")
    assert reason_from_dict(detail.to_dict()) == Reason(detail.code, tuple(
        (key, round(value) if isinstance(value, float) else value) for key, value in detail.params))
    item = {"reason": "too far", "detail": detail.text(), "detail_code": detail.to_dict()}
    assert detail_text(item, "en") == detail.text()
    assert detail_text(item, "vi") == ("35 phút đi, 60 phút tham quan và 40 phút về mất 135 phút, nhiều hơn ngày "
                                       "dài 120 phút (09:00-11:00) (ngày 2)")


def test_plans_saved_before_the_codes_show_their_english_text_in_english_only() -> None:
    stop = {"why": ["matches ceramics", "World Craft City"]}
    assert stop_reasons(stop, "en") == ["matches ceramics", "World Craft City"]
    assert stop_reasons(stop, "vi") == []
    item = {"reason": "too far", "detail": "35 min there..."}
    assert detail_text(item, "en") == "35 min there..." and detail_text(item, "vi") == ""


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match="`code` must be one of"):
        Reason.of("lunchtime")


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


@pytest.mark.slow
def test_api_keeps_the_english_texts_and_adds_the_codes(client) -> None:
    body = {"start": "hanoi-old-quarter", "days": 1, "date": "2026-12-08", "interests": ["ceramics"],
            "day_end": "17:00"}
    plan = client.post("/api/v1/itineraries", json=body).get_json()
    stop = next(stop for day in plan["days"] for stop in day["stops"] if stop["id"] == "bat-trang")
    assert "matches ceramics" in stop["why"] and {"code": "match", "craft": "ceramics"} in stop["why_codes"]
    assert [reason_from_dict(code).text() for code in stop["why_codes"]] == stop["why"]
    assert plan["unvisited"] and all(item["detail_code"]["code"] for item in plan["unvisited"])
    assert all(reason_from_dict(item["detail_code"]).text() == item["detail"] for item in plan["unvisited"])


def test_calendar_reasons_are_worded_in_both_languages() -> None:
    session = Reason.of("session", time="15:00").to_dict()
    assert reason_text(session, "en") == "session at 15:00"
    assert reason_text(session, "vi") == "buổi diễn lúc 15:00"
    assert reason_text(Reason.of("market").to_dict(), "vi") == "phiên chợ"
    closed = Reason.of("closed_by", events="Tet closure (Nghỉ Tết) on 2027-02-06, lunar 1/1",
                       events_vi="Nghỉ Tết ngày 2027-02-06").to_dict()
    assert coded_text(closed, "en") == "closed: Tet closure (Nghỉ Tết) on 2027-02-06, lunar 1/1"
    assert coded_text(closed, "vi") == "đóng cửa: Nghỉ Tết ngày 2027-02-06"
