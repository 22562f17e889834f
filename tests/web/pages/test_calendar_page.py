"""The calendar page (a month of events, both languages), its ICS, and coming events on place pages."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from flask import Flask
from flask.testing import FlaskClient

import geodata
from web.events import upcoming_events
from web.pages.calendar_page import month_end, parse_month


def test_february_2027_lists_tet_closures_and_chuong_markets_with_sources(client: FlaskClient) -> None:
    page = client.get("/calendar?month=2027-02&lang=en").get_data(as_text=True)
    assert "Village calendar" in page
    assert 'data-date="2027-02-06"' in page and "lunar 1/1" in page
    villages = int((geodata.load_places()["kind"] == "village").sum())
    assert page.count('data-kind="closure" data-place="bat-trang"') == 4  # Tết eve and lunar 1-3/1
    assert page.count('data-kind="closure"') == 4 * villages
    assert 'data-kind="market" data-place="chuong"' in page and "04:00–06:00" in page
    assert "https://lite.baomoi.com/" in page and "https://www.mekongeyes.com/" in page
    assert 'id="nav-calendar"' in page


def test_the_page_speaks_vietnamese(client: FlaskClient) -> None:
    page = client.get("/calendar?month=2027-02&place=chuong&lang=vi").get_data(as_text=True)
    assert "Lịch làng nghề" in page and "Phiên chợ nón làng Chuông" in page and "Nghỉ Tết" in page
    assert "1/1 ÂL" in page
    assert 'data-place="bat-trang"' not in page


def test_a_month_without_events_says_so(client: FlaskClient) -> None:
    page = client.get("/calendar?month=2027-02&place=hoan-kiem-lake").get_data(as_text=True)
    assert 'id="calendar-none"' in page


@pytest.mark.parametrize(("query", "status", "field"), [
    ("month=2027-13", 400, "month"),
    ("month=feb", 400, "month"),
    ("month=2027-02&place=atlantis", 400, "place"),
])
def test_bad_queries_answer_an_error_naming_the_field(client: FlaskClient, query: str, status: int,
                                                      field: str) -> None:
    response = client.get(f"/calendar?{query}")
    assert response.status_code == status
    assert field in response.get_data(as_text=True)


def test_ics_export_of_the_calendar(client: FlaskClient) -> None:
    response = client.get("/calendar/export.ics?from=2027-01-01&to=2027-01-31&place=chuong")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    events = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
    assert len(events) == 7  # lunar 24 and 30 of the 11th month, 4-24 of the 12th
    assert all(str(event["URL"]).startswith("https://lite.baomoi.com/") for event in events)
    bad = client.get("/calendar/export.ics?from=2027-01-01&to=2028-06-01")
    assert bad.status_code == 400 and "at most 400 days" in bad.get_data(as_text=True)


def test_api_lists_the_calendar_as_the_cli_json(client: FlaskClient) -> None:
    rows = client.get("/api/v1/calendar?from=2027-02-05&to=2027-02-09&place=chuong").get_json()
    assert [(row["date"], row["kind"]) for row in rows] == [
        ("2027-02-05", "closure"), ("2027-02-06", "closure"), ("2027-02-07", "closure"), ("2027-02-08", "closure"),
        ("2027-02-09", "market")]
    assert set(rows[0]) == {"date", "lunar_date", "place_id", "kind", "name", "name_vi", "start", "end", "source"}
    bad = client.get("/api/v1/calendar?from=2027-02-05")
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "to"


def test_place_page_lists_coming_events(app: Flask) -> None:
    with app.test_request_context("/?lang=en"):
        app.preprocess_request()
        found = upcoming_events("chuong", today=dt.date(2027, 2, 1))
    assert found and found[0].date == dt.date(2027, 2, 5) and found[0].kind == "closure"
    assert len(found) <= app.config["UPCOMING_EVENTS_COUNT"]
    page = app.test_client().get("/places/thang-long-water-puppet-theatre?lang=vi").get_data(as_text=True)
    assert 'id="upcoming-events"' in page and "Buổi diễn múa rối nước" in page


def test_month_helpers() -> None:
    assert parse_month(None, today=dt.date(2027, 2, 17)) == dt.date(2027, 2, 1)
    assert month_end(dt.date(2028, 2, 1)) == dt.date(2028, 2, 29)


@pytest.mark.slow
def test_plan_page_with_flexible_dates_names_the_best_start(client: FlaskClient, shared_data_dir) -> None:
    query = {"start": "hoan-kiem-lake", "interests": "ceramics", "candidates": "bat-trang,kim-lan",
             "flexible_dates": "2027-02-06..2027-02-09", "lang": "vi"}
    page = client.get("/plan", query_string=query).get_data(as_text=True)
    assert 'id="flexible-dates"' in page and "Ngày khởi hành tốt nhất: 2027-02-09" in page
    form = client.get("/plan?lang=en").get_data(as_text=True)
    assert 'name="flexible_dates"' in form and "compare start dates" in form
