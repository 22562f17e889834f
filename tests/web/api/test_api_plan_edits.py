"""POST /api/v1/itineraries with a start address and the traveller's edits: exclude, keep, only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

TRIP = {"start": "36 Hàng Bạc", "days": 2, "date": "2026-12-08", "mode": "motorbike"}
ONLY_THESE = ["son-dong", "chuyen-my", "chuong"]


def _visits(body: dict) -> dict[str, int]:
    return {stop["id"]: number for number, day in enumerate(body["days"], start=1) for stop in day["stops"]}


def test_start_address_is_named_in_the_plan(client, shared_data_dir) -> None:
    for text, name in (("36 Hàng Bạc", "36 Hàng Bạc"), ("hang bac", "Hàng Bạc")):
        body = client.post("/api/v1/itineraries", json={**TRIP, "days": 1, "start": text}).get_json()
        assert body["days"][0]["start"]["name"] == name


def test_keep_on_day_two_and_exclude(client, shared_data_dir) -> None:
    response = client.post("/api/v1/itineraries", json={
        **TRIP, "keep": [{"id": "bat-trang", "day": 2}], "exclude": ["van-phuc"]})
    assert response.status_code == 200
    body = response.get_json()
    visits = _visits(body)
    assert visits["bat-trang"] == 2 and "van-phuc" not in visits
    left = {item["id"]: item for item in body["unvisited"]}
    assert left["van-phuc"]["reason"] == "excluded"
    assert body["request"]["keep"] == [{"id": "bat-trang", "day": 2}] and body["request"]["exclude"] == ["van-phuc"]


def test_only_the_three_must_see_villages(client, shared_data_dir) -> None:
    body = client.post("/api/v1/itineraries", json={**TRIP, "days": 1, "must_see": ONLY_THESE,
                                                     "only": True}).get_json()
    assert sorted(_visits(body)) == sorted(ONLY_THESE)
    assert body["request"]["only"] is True


@pytest.mark.parametrize(("edits", "message"), [
    ({"keep": [{"id": "atlantis", "day": 1}]}, "no place with id 'atlantis'"),
    ({"keep": [{"id": "bat-trang", "day": 3}]}, "must be between 1 and 2, got 3"),
    ({"keep": [{"id": "bat-trang", "day": 1}], "exclude": ["bat-trang"]}, "not both"),
    ({"keep": [{"id": "perfume-pagoda", "day": 1}, {"id": "duong-lam-ancient-village", "day": 1},
               {"id": "bat-trang", "day": 1}], "day_end": "12:00"}, "too many kept stops for the time"),
    ({"exclude": ["atlantis"]}, "no place with id 'atlantis'"),
    ({"only": "perhaps"}, "must be true or false"),
])
def test_bad_edits_are_400_naming_the_field(client, shared_data_dir, edits: dict, message: str) -> None:
    response = client.post("/api/v1/itineraries", json={**TRIP, **edits})
    assert response.status_code == 400
    error = response.get_json()["error"]
    field = "only" if "only" in edits else "exclude" if "keep" not in edits else "keep"
    assert error["field"] == field and message in error["message"]


def test_two_kept_stops_come_back_in_the_order_asked(client, shared_data_dir, caplog) -> None:
    pair = ("van-phuc", "temple-of-literature")
    trip = {**TRIP, "days": 1}
    chosen = client.post("/api/v1/itineraries", json={**trip, "keep": [{"id": place, "day": 1} for place in pair]})
    planned = [stop["id"] for stop in chosen.get_json()["days"][0]["stops"] if stop["id"] in pair]
    assert sorted(planned) == sorted(pair)
    wanted = planned[::-1]  # the reverse of the planner's own order
    caplog.set_level("ERROR", logger="planner.itinerary.plan")
    response = client.post("/api/v1/itineraries", json={
        **trip, "keep": [{"id": place, "day": 1, "order": rank} for rank, place in enumerate(wanted, start=1)]})
    assert response.status_code == 200
    stops = response.get_json()["days"][0]["stops"]
    assert [stop["id"] for stop in stops if stop["kept"]] == wanted
    assert [stop["order"] for stop in stops if stop["kept"]] == [1, 2]
    assert not [record for record in caplog.records if "infeasible" in record.getMessage()]  # the checker agrees


@pytest.mark.parametrize(("keep", "field", "message"), [
    ([{"id": "van-phuc", "day": 1, "order": 1}, {"id": "bat-trang", "day": 1, "order": 1}], "keep[1].order",
     "'bat-trang' has order 1 on day 1, as 'van-phuc' has"),
    ([{"id": "van-phuc", "day": 1, "order": 0}], "keep[0].order", "must be between 1 and 20, got 0"),
    (["van-phuc@1#x"], "keep[0].order", "must be a whole number"),
])
def test_bad_orders_are_400_naming_the_item(client, shared_data_dir, keep: list, field: str, message: str) -> None:
    response = client.post("/api/v1/itineraries", json={**TRIP, "keep": keep})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["field"] == field and message in error["message"]
