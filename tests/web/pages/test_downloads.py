"""Downloads and print page of a named package, calendars in the interface language, places in its names."""

from __future__ import annotations

import json

import icalendar
import pytest

from web.pages.downloads import file_stem

pytestmark = [pytest.mark.slow]

TRIP = {"start": "hanoi-old-quarter", "days": "1", "date": "2026-12-08", "interests": "ceramics",
        "day_end": "17:00", "name": "Gốm Bát Tràng: một ngày"}


def test_file_names_carry_the_package_name_in_ascii() -> None:
    assert file_stem("Gốm Bát Tràng: một ngày") == "craftroute-gom-bat-trang-mot-ngay"
    assert file_stem("") == file_stem("!!!") == "craftroute-trip"


def test_downloads_and_print_page_carry_the_package_name(client) -> None:
    for path, extension in (("export.ics", "ics"), ("export.gpx", "gpx"), ("export.geojson", "geojson")):
        response = client.get(f"/plan/{path}", query_string=TRIP)
        assert response.status_code == 200, path
        disposition = response.headers["Content-Disposition"]
        assert disposition == f'attachment; filename="craftroute-gom-bat-trang-mot-ngay.{extension}"'
    geojson = json.loads(client.get("/plan/export.geojson", query_string=TRIP).data)
    assert geojson["name"] == TRIP["name"]
    gpx = client.get("/plan/export.gpx", query_string=TRIP).get_data(as_text=True)
    assert f"<name>{TRIP['name']}</name>" in gpx
    calendar = icalendar.Calendar.from_ical(client.get("/plan/export.ics", query_string=TRIP).data)
    assert str(calendar["X-WR-CALNAME"]) == TRIP["name"]
    page = client.get("/plan/print", query_string=TRIP).get_data(as_text=True)
    assert f'<span id="package-name">{TRIP["name"]}</span>' in page
    assert "<title>Gốm Bát Tràng: một ngày · CraftRoute</title>" in page
    assert "Tue 8 Dec 2026" in page


def test_calendar_in_vietnamese_with_travel_and_lunch(client) -> None:
    query = {**TRIP, "lang": "vi", "include": "travel,lunch"}
    events = icalendar.Calendar.from_ical(client.get("/plan/export.ics", query_string=query).data).walk("VEVENT")
    summaries = [str(event["SUMMARY"]) for event in events]
    assert any(s.startswith("Di chuyển đến ") for s in summaries) and any(s.startswith("Ăn trưa") for s in summaries)
    visit = next(event for event in events if str(event["SUMMARY"]) == "Bát Tràng")
    assert str(visit["LOCATION"]).startswith("Bát Tràng, 20.97")
    assert str(visit["DESCRIPTION"]).startswith("Ngày 1 · Gốm sứ\nLý do: đúng sở thích: Gốm sứ")
    english = icalendar.Calendar.from_ical(
        client.get("/plan/export.ics", query_string={**TRIP, "lang": "en"}).data).walk("VEVENT")
    assert all(not str(e["SUMMARY"]).startswith(("Travel", "Lunch")) for e in english)
    visit = next(event for event in english if str(event["SUMMARY"]) == "Bát Tràng")
    description = str(visit["DESCRIPTION"])
    assert description.startswith("Day 1 · Ceramics and pottery\nWhy: matches Ceramics and pottery, World Craft City")
    assert "Potters have worked here" in description


def test_an_unknown_calendar_extra_is_a_400_naming_the_field(client) -> None:
    response = client.get("/plan/export.ics", query_string={**TRIP, "include": "dinner"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'data-field="include"' in page and "must be one of travel, lunch" in page


def test_english_plan_names_places_in_english(client) -> None:
    page = client.get("/plan", query_string=TRIP).get_data(as_text=True)
    assert "Leave Hanoi Old Quarter" in page and "Leave Phố cổ Hà Nội" not in page
    assert "Bát Tràng (Bat Trang ceramics and pottery village)" in page
    vietnamese = client.get("/plan", query_string={**TRIP, "lang": "vi"}).get_data(as_text=True)
    assert "Rời Phố cổ Hà Nội" in vietnamese and "Thứ Ba, 08/12/2026" in vietnamese
