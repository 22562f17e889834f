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
    ({"from": "no-such-place-at-all", "to": "21.03,105.85"}, 404, "from"),
    ({"from": "21.03,105.85", "to": "48.85,2.35"}, 400, "to"),
    ({"from": "21.03,105.85", "to": "21.02,105.84", "mode": "plane"}, 400, "mode"),
    # An explicitly empty mode is refused, as `craftroute route --mode ""` is.
    ({"from": "21.03,105.85", "to": "21.02,105.84", "mode": ""}, 400, "mode"),
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


@pytest.mark.parametrize(("body", "field"), [
    ({"locations": ["21.03,105.85"]}, "locations"),
    ({"locations": "a,b"}, "locations"),
    ({"locations": [1, 2]}, "locations"),
    ({"locations": ["21.03,105.85", "21.02,105.84"], "mode": 7}, "mode"),
    ({"locations": ["21.03,105.85", "21.02,105.84"], "mode": ""}, "mode"),
    ({"locations": ["21.03,105.85", "somewhere-unknown"]}, "locations[1]"),
    ({"locations": ["21.03,105.85"] * 61}, "locations"),
])
def test_matrix_bad_input(client, shared_data_dir, body, field) -> None:
    response = client.post("/api/v1/matrix", json=body)
    assert response.status_code in (400, 404)
    assert response.get_json()["error"]["field"] == field


def test_matrix_needs_a_json_object(client) -> None:
    response = client.post("/api/v1/matrix", data="not json", content_type="text/plain")
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == "body"
