"""POST /api/v1/itineraries: the JSON of ``craftroute plan``, and every bad input as 400/404."""

from __future__ import annotations

import pytest

import geodata
from planner.itinerary import parse_plan_request, plan_to_dict, plan_trip

pytestmark = pytest.mark.slow

TRIP = {"start": "21.0285,105.8542", "days": 2, "date": "2026-12-01", "mode": "motorbike"}


def _clock_minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def test_itinerary_answers_the_cli_plan_json(client, shared_data_dir) -> None:
    response = client.post("/api/v1/itineraries", json=TRIP)
    assert response.status_code == 200
    body = response.get_json()
    places = geodata.load_places()
    cli = plan_to_dict(plan_trip(parse_plan_request(TRIP, places=places), places=places, time_limit_s=0.2))
    assert set(body) == set(cli)
    assert set(body["days"][0]) == set(cli["days"][0])
    assert [day["date"] for day in body["days"]] == ["2026-12-01", "2026-12-02"]
    assert body["request"] == cli["request"]


def test_itinerary_takes_interests_as_typed_and_says_why(client, shared_data_dir) -> None:
    response = client.post("/api/v1/itineraries", json={**TRIP, "days": 1, "interests": ["gốm", "silk weaving"]})
    assert response.status_code == 200
    body = response.get_json()
    assert body["request"]["interests"] == ["ceramics", "silk"]
    stops = {stop["id"]: stop for day in body["days"] for stop in day["stops"]}
    assert "matches ceramics" in stops["bat-trang"]["why"] and "World Craft City" in stops["bat-trang"]["why"]
    assert all(stop["why"] and stop["visit_min"] <= stop["typical_min"] for stop in stops.values())


def test_itinerary_days_are_feasible_timelines(client, shared_data_dir) -> None:
    body = client.post("/api/v1/itineraries", json={**TRIP, "pace": "relaxed"}).get_json()
    visited = [stop["id"] for day in body["days"] for stop in day["stops"]]
    assert visited and len(visited) == len(set(visited))
    for day in body["days"]:
        assert len(day["stops"]) <= 3
        assert len(day["legs"]) == len(day["stops"]) + 1
        times = [_clock_minutes(day["leave"])]
        for stop in day["stops"]:
            times += [_clock_minutes(stop[key]) for key in ("arrive", "start", "depart")]
        times.append(_clock_minutes(day["back"]))
        assert times == sorted(times)


def test_itinerary_keeps_must_see_places(client, shared_data_dir) -> None:
    places = geodata.load_places()
    village = places[places["kind"] == "village"].index[0]
    body = client.post("/api/v1/itineraries", json={**TRIP, "must_see": [village]}).get_json()
    assert village in [stop["id"] for day in body["days"] for stop in day["stops"]]


def test_itinerary_offers_register_villages_only_when_asked(client, shared_data_dir) -> None:
    trip = {**TRIP, "days": 1, "must_see": ["trieu-khuc"]}
    assert client.post("/api/v1/itineraries", json=trip).status_code == 400  # a body value naming no place
    body = client.post("/api/v1/itineraries", json={**trip, "register_villages": True}).get_json()
    assert "trieu-khuc" in [stop["id"] for day in body["days"] for stop in day["stops"]]


@pytest.mark.parametrize(("changes", "status", "field"), [
    ({"days": 0}, 400, "days"),
    ({"days": "two"}, 400, "days"),
    ({"start": ""}, 400, "start"),
    ({"start": "48.85,2.35"}, 400, "start"),
    ({"start": "no such place anywhere"}, 400, "start"),
    ({"mode": "plane"}, 400, "mode"),
    ({"pace": "sprint"}, 400, "pace"),
    ({"date": "2026-13-40"}, 400, "date"),
    ({"interests": ["plastic"]}, 400, "interests"),
    ({"must_see": ["no-such-place"]}, 400, "must"),
    ({"colour": "red"}, 400, "colour"),
    ({"register_villages": "maybe"}, 400, "register_villages"),
])
def test_itinerary_bad_field_answers_error_naming_it(client, shared_data_dir, changes, status, field) -> None:
    response = client.post("/api/v1/itineraries", json={**TRIP, **changes})
    assert response.status_code == status
    assert response.get_json()["error"]["field"] == field


@pytest.mark.parametrize("payload", ["[1, 2]", "not json", '"text"'])
def test_itinerary_body_must_be_a_json_object(client, payload) -> None:
    response = client.post("/api/v1/itineraries", data=payload, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == "body"


def test_plans_beyond_plans_at_once_wait_for_a_turn(tmp_path, shared_data_dir) -> None:
    import threading

    from web import create_app, state

    app = create_app({"TESTING": True, "PACKAGES_DB": str(tmp_path / "packages.sqlite"), "PLANS_AT_ONCE": 1},
                     instance_path=str(tmp_path))
    answers: list[int] = []

    def plan() -> None:
        answers.append(app.test_client().post("/api/v1/itineraries", json={**TRIP, "days": 1}).status_code)

    with app.app_context():
        slot = state.plan_slot()
    slot.acquire()  # another plan in flight
    waiting = threading.Thread(target=plan)
    waiting.start()
    waiting.join(timeout=1.0)
    assert waiting.is_alive() and not answers
    slot.release()
    waiting.join(timeout=60.0)
    assert answers == [200]
