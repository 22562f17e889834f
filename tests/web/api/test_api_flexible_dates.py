"""POST /api/v1/itineraries with ``flexible_dates``: the best start date of a window, and bad windows as 400."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

TRIP = {"start": "hoan-kiem-lake", "days": 1, "interests": "ceramics", "candidates": "bat-trang,kim-lan,hoa-lo-prison"}


def test_the_answer_is_the_best_start_date_and_lists_every_date(client, shared_data_dir) -> None:
    response = client.post("/api/v1/itineraries", json={**TRIP, "flexible_dates": "2027-02-05..2027-02-09"})
    assert response.status_code == 200
    body = response.get_json()
    choices = {item["date"]: item["score"] for item in body["flexible_dates"]["choices"]}
    assert list(choices) == ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09"]
    assert body["flexible_dates"]["best"] == "2027-02-09"  # the villages are closed for Tết before
    assert body["days"][0]["date"] == "2027-02-09"
    assert {stop["id"] for stop in body["days"][0]["stops"]} >= {"bat-trang", "kim-lan"}


def test_a_bad_window_answers_400_naming_the_field(client) -> None:
    response = client.post("/api/v1/itineraries", json={**TRIP, "flexible_dates": "next week"})
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == "flexible_dates"
