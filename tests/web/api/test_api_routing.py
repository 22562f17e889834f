"""GET /api/v1/route and POST /api/v1/matrix on the real Hanoi road graph."""

from __future__ import annotations

import pytest

import geodata

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_places():
    places = geodata.load_places()
    return places.iloc[0], places.iloc[1]


def test_route_answers_the_cli_json_shape(client, shared_data_dir, two_places) -> None:
    first, second = two_places
    response = client.get("/api/v1/route", query_string={"from": first["id"], "to": second["name_vi"],
                                                          "mode": "car"})
    assert response.status_code == 200
    body = response.get_json()
    assert {"from", "to", "mode", "distance_m", "duration_s",
                                                 "estimated", "geometry"} <= set(body)
    assert (body["from"], body["to"], body["mode"]) == (first["id"], second["id"], "car")
    assert body["geometry"]["type"] == "LineString"
    assert body["distance_m"] >= geodata.haversine_m(first["lat"], first["lon"], second["lat"], second["lon"]) * 0.99
    assert body["duration_s"] > 0


def test_route_from_a_typed_point_without_diacritics(client, shared_data_dir, two_places) -> None:
    first, second = two_places
    response = client.get("/api/v1/route", query_string={
        "from": f"{first['lat']},{first['lon']}", "to": geodata.ascii_fold(second["name_vi"])})
    assert response.status_code == 200
    assert response.get_json()["to"] == second["id"]


@pytest.mark.parametrize(("query", "status", "field"), [
    ({"to": "x"}, 400, "from"),
    ({"from": "no-such-place-at-all", "to": "21.03,105.85"}, 400, "from"),
    ({"from": "21.03,105.85", "to": "48.85,2.35"}, 400, "to"),
    ({"from": "21.03,105.85", "to": "21.02,105.84", "mode": "plane"}, 400, "mode"),
    # An explicitly empty mode is refused, as `craftroute route --mode ""` is.
    ({"from": "21.03,105.85", "to": "21.02,105.84", "mode": ""}, 400, "mode"),
    ({"from": "21.03,105.85", "to": "21.02,105.84", "depart": "8am"}, 400, "depart"),
    ({"from": "21.03,105.85", "to": "21.02,105.84", "depart": "24:00"}, 400, "depart"),
])
def test_route_bad_input(client, shared_data_dir, query, status, field) -> None:
    response = client.get("/api/v1/route", query_string=query)
    assert response.status_code == status
    assert response.get_json()["error"]["field"] == field


def test_matrix_answers_square_matrices_in_request_order(client, shared_data_dir, two_places) -> None:
    first, second = two_places
    response = client.post("/api/v1/matrix", json={
        "locations": [first["id"], second["id"], "21.0287,105.8524"], "mode": "motorbike"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["ids"][:2] == [first["id"], second["id"]]
    assert len(body["duration_s"]) == 3 and all(len(row) == 3 for row in body["duration_s"])
    assert [body["duration_s"][i][i] for i in range(3)] == [0, 0, 0]
    assert body["distance_m"][0][1] > 0


def test_route_and_matrix_take_the_departure_time(client, shared_data_dir) -> None:
    query = {"from": "hoan-kiem-lake", "to": "van-phuc"}
    peak = client.get("/api/v1/route", query_string={**query, "depart": "07:45"}).get_json()
    off_peak = client.get("/api/v1/route", query_string={**query, "depart": "10:30"}).get_json()
    default = client.get("/api/v1/route", query_string=query).get_json()
    assert (peak["band"], off_peak["band"]) == ("morning_peak", "midday")
    assert peak["duration_s"] > 1.2 * off_peak["duration_s"]
    assert default["duration_s"] == off_peak["duration_s"] and default["depart"] == "10:30"
    body = {"locations": ["hoan-kiem-lake", "van-phuc"], "depart": "17:30"}
    evening = client.post("/api/v1/matrix", json=body).get_json()
    assert evening["band"] == "evening_peak" and evening["depart"] == "17:30"
    assert evening["duration_s"][0][1] > off_peak["duration_s"]


@pytest.mark.parametrize(("body", "field"), [
    ({"locations": ["21.03,105.85"]}, "locations"),
    ({"locations": "a,b"}, "locations"),
    ({"locations": [1, 2]}, "locations"),
    ({"locations": ["21.03,105.85", "21.02,105.84"], "mode": 7}, "mode"),
    ({"locations": ["21.03,105.85", "21.02,105.84"], "mode": ""}, "mode"),
    ({"locations": ["21.03,105.85", "somewhere-unknown"]}, "locations[1]"),
    ({"locations": ["21.03,105.85"] * 61}, "locations"),
    ({"locations": ["21.03,105.85", "21.02,105.84"], "depart": 8}, "depart"),
])
def test_matrix_bad_input(client, shared_data_dir, body, field) -> None:
    response = client.post("/api/v1/matrix", json=body)
    assert response.status_code in (400, 404)
    assert response.get_json()["error"]["field"] == field


def test_matrix_needs_a_json_object(client) -> None:
    response = client.post("/api/v1/matrix", data="not json", content_type="text/plain")
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == "body"
