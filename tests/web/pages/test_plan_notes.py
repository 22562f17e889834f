"""Warnings, left-out places and timeline details of the plan and print pages, on real plans."""

from __future__ import annotations

import copy
import json
import re

import pytest

from planner.itinerary.reasons import REASONS
from web.hours_text import format_opening_hours
from web.pages.plan_notes import left_out, plan_warnings, useful_detail
from web.pages.timeline import day_timeline

pytestmark = [pytest.mark.slow, pytest.mark.converged_plans]

#: Chùa Hương is too far from the Old Quarter for a six-hour day, even with its shortest visit.
FAR_MUST = {"start": "hoan-kiem-lake", "days": "2", "date": "2026-12-01", "interests": "ceramics",
            "must_see": "perfume-pagoda", "day_start": "09:00", "day_end": "15:00"}


@pytest.fixture
def far_plan(client) -> dict:
    """Return the plan dict of FAR_MUST from the API."""
    body = {**FAR_MUST, "days": 2, "interests": ["ceramics"], "must_see": ["perfume-pagoda"]}
    return client.post("/api/v1/itineraries", json=body).get_json()


def test_warnings_name_the_must_see_place_left_out_and_the_estimated_legs(far_plan) -> None:
    warnings = plan_warnings(far_plan)
    must = [w for w in warnings if w.kind == "must"]
    assert [w.name for w in must] == ["Chùa Hương"] and must[0].reason == "too far"
    assert "min there" in must[0].detail and "phút đi" in plan_warnings(far_plan, language="vi")[0].detail
    estimated = sum(leg["estimated"] for day in far_plan["days"] for leg in day["legs"])
    assert [w.count for w in warnings if w.kind == "estimated"] == ([estimated] if estimated else [])
    # The planner's own English must-visit warning is not repeated.
    assert not any(w.kind == "planner" and "Chùa Hương" in w.text for w in warnings)


def test_left_out_lists_must_see_places_and_groups_the_rest_by_reason(far_plan) -> None:
    result = left_out(far_plan)
    assert [item["id"] for item in result.must] == ["perfume-pagoda"]
    assert [group.reason for group in result.groups] == sorted(
        {item["reason"] for item in far_plan["unvisited"] if not item["must"]}, key=REASONS.index)
    assert all(item["reason"] == group.reason for group in result.groups for item in group.items)
    assert result.count == len(far_plan["unvisited"])
    no_time_detail = next(item for item in far_plan["unvisited"] if item["reason"] == "no time")
    assert useful_detail(no_time_detail) == ""
    assert "min" in result.must[0]["detail_text"]
    assert "phút" in left_out(far_plan, language="vi").must[0]["detail_text"]


def test_plan_and_print_pages_show_the_warnings(client, far_plan) -> None:
    groups = left_out(far_plan).groups
    for path in ("/plan", "/plan/print"):
        page = client.get(path, query_string=FAR_MUST).get_data(as_text=True)
        assert 'id="plan-warnings"' in page
        assert "Must-see place Perfume Pagoda is not in the plan: too far to fit in a day" in page
        assert page.count('class="left-out-group"') == len(groups) and page.count('class="left-out-must"') == 1
        assert "no time left: " in page and "<details><summary>" in page


def test_vietnamese_plan_page_translates_warnings_reasons_and_dates(client) -> None:
    page = client.get("/plan", query_string={**FAR_MUST, "lang": "vi"}).get_data(as_text=True)
    assert "Chùa Hương không có trong lịch trình: quá xa để đi trong một ngày" in page
    assert "Thứ Ba, 01/12/2026" in page and "phút tham quan" in page
    assert "do not fit" not in page and "no time left" not in page and " min " not in page


def test_timeline_marks_estimated_legs_and_hides_legs_of_no_length(far_plan) -> None:
    day = copy.deepcopy(far_plan["days"][0])
    timeline = day_timeline(day, number=1)
    travel = [event for event in timeline.events if event.kind == "travel"]
    moving = [leg for leg in day["legs"] if round(leg["distance_m"] / 1000, 1) or round(leg["duration_s"] / 60)]
    assert [event.estimated for event in travel] == [leg["estimated"] for leg in moving]
    assert timeline.weekday == 1  # 2026-12-01 is a Tuesday
    # A moving leg given no length (a stop at the start place) is not shown.
    first = next(index for index, leg in enumerate(day["legs"]) if leg in moving)
    day["legs"][first] = {**day["legs"][first], "distance_m": 0.0, "duration_s": 0.0}
    assert len([e for e in day_timeline(day, number=1).events if e.kind == "travel"]) == len(travel) - 1


def test_estimated_leg_is_labelled_on_the_page(client, far_plan) -> None:
    page = client.get("/plan", query_string=FAR_MUST).get_data(as_text=True)
    legs = [leg for day in far_plan["days"] for leg in day["legs"]]
    # Every leg the timeline calls (partly) estimated has a dashed part on the same page's map.
    labelled = page.count("straight-line estimate)") + page.count(" km estimated)")
    assert page.count('"dashArray": "8 8"') >= labelled > 0
    assert labelled == sum(leg["estimated"] for leg in legs if leg["distance_m"] >= 50)
    # The page draws the road shapes, so it knows which legs are only partly estimated
    # (the villages beyond the network's edge: Bát Tràng, Sơn Đồng...): a part of the leg.
    partly = re.findall(r"\(([0-9.]+) km, ([0-9.]+) km estimated\)", page)
    assert partly and len(partly) == page.count(" km estimated)")
    assert all(0 < float(estimated) < float(total) for total, estimated in partly)
    assert "Travel 0 min (0.0 km)" not in page


@pytest.mark.parametrize(("text", "english", "vietnamese"), [
    ("Mo-Su 07:30-17:30", "Mon–Sun 07:30–17:30", "T2–CN 07:30–17:30"),
    ("Tu-Su 08:00-17:00; Mo off", "Mon closed; Tue–Sun 08:00–17:00", "T2 nghỉ; T3–CN 08:00–17:00"),
    ("24/7", "Open 24 hours, every day", "Mở cửa 24/24, mọi ngày"),
    ("not hours", "not hours", "not hours"),
])
def test_opening_hours_read_like_text(text, english, vietnamese) -> None:
    assert format_opening_hours(text, "en") == english
    assert format_opening_hours(text, "vi") == vietnamese


def test_place_page_and_popups_show_readable_hours(client) -> None:
    page = client.get("/places/van-phuc?lang=vi").get_data(as_text=True)
    assert "Mo-Su" not in page and "T2–CN" in page
    explore = client.get("/explore?lang=vi").get_data(as_text=True)
    assert "Mo-Su" not in explore and "T2–CN" in explore


def test_vietnamese_plan_map_has_translated_layers_popups_and_hours(client) -> None:
    page = client.get("/plan", query_string={**FAR_MUST, "lang": "vi"}).get_data(as_text=True)
    assert json.dumps("Ngày 1 (Thứ Ba, 01/12/2026)") in page and "Giờ mở cửa: T2" in page
    assert "Opening hours" not in page and "Day 1" not in page and "Mo-Su" not in page


def test_vietnamese_dashboard_has_translated_layers(client) -> None:
    page = client.get("/dashboard", query_string={"lang": "vi"}).get_data(as_text=True)
    assert "Villages per" not in page and "Heat map" not in page
    assert json.dumps("Bản đồ nhiệt") in page  # layer names are JSON strings in the map script


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Lunch on day 1 (Tue 1 Dec 2026) could not be placed: a 60 min lunch starting 06:00-07:00"),
    ("vi", "Không xếp được giờ ăn trưa ngày 1 (Thứ Ba, 01/12/2026): 60 phút ăn trưa bắt đầu trong khoảng 06:00-07:00"),
])
def test_lunch_that_cannot_be_placed_is_a_warning(client, lang, text) -> None:
    trip = {"start": "hoan-kiem-lake", "days": "1", "date": "2026-12-01", "lunch_start": "06:00",
            "lunch_end": "07:00", "lang": lang}
    for path in ("/plan", "/plan/print"):
        page = client.get(path, query_string=trip).get_data(as_text=True)
        assert 'class="warning-lunch"' in page and text in page
        assert "lunch on day" not in page


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "label"), [("en", "morning rush hour"), ("vi", "giờ cao điểm sáng")])
def test_travel_in_the_morning_peak_is_labelled_as_rush_hour(client, lang: str, label: str) -> None:
    query = {"start": "hoan-kiem-lake", "days": 1, "date": "2026-12-08", "candidates": "bat-trang",
             "day_start": "07:00", "lang": lang}
    page = client.get("/plan", query_string=query).get_data(as_text=True)
    assert f'<span class="band">{label}</span>' in page
    later = client.get("/plan", query_string={**query, "day_start": "09:30"}).get_data(as_text=True)
    assert 'class="band"' not in later  # midday travel carries no rush-hour label
