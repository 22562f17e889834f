"""GET /api/v1/villages and /api/v1/places/<id> on the bundled places."""

from __future__ import annotations

import pytest

import geodata


@pytest.fixture(scope="module")
def places():
    return geodata.load_places()


def _a_village(places):
    return places[places["kind"] == "village"].iloc[0]


def test_villages_lists_every_place_as_records(client, places) -> None:
    response = client.get("/api/v1/villages")
    assert response.status_code == 200
    records = response.get_json()
    assert [record["id"] for record in records] == list(places.index)
    assert {"id", "name_vi", "lat", "lon", "craft"} <= set(records[0])


def test_villages_search_matches_with_and_without_diacritics(client, places) -> None:
    village = _a_village(places)
    with_accents = client.get("/api/v1/villages", query_string={"search": village["name_vi"]}).get_json()
    without = client.get("/api/v1/villages",
                         query_string={"search": geodata.ascii_fold(village["name_vi"]).lower()}).get_json()
    assert with_accents[0]["id"] == village["id"]
    assert [r["id"] for r in with_accents] == [r["id"] for r in without]


def test_villages_filters_by_craft_and_kind(client, places) -> None:
    craft = _a_village(places)["craft"]
    records = client.get("/api/v1/villages", query_string={"craft": craft, "kind": "village"}).get_json()
    assert records
    assert all(craft == r["craft"] or craft in r["other_crafts"] for r in records)
    assert all(r["kind"] == "village" for r in records)


def test_villages_near_returns_places_within_radius_nearest_first(client, places) -> None:
    village = _a_village(places)
    records = client.get("/api/v1/villages", query_string={
        "near": f"{village['lat']},{village['lon']}", "radius_km": "5"}).get_json()
    assert records[0]["id"] == village["id"]
    distances = [r["distance_km"] for r in records]
    assert distances == sorted(distances) and distances[-1] <= 5


def test_villages_limit_and_near_without_radius_work_as_the_cli(client, places) -> None:
    assert len(client.get("/api/v1/villages?limit=3").get_json()) == 3
    village = _a_village(places)
    records = client.get("/api/v1/villages", query_string={
        "near": f"{village['lat']},{village['lon']}", "limit": "5"}).get_json()
    assert len(records) == 5 and records[0]["id"] == village["id"]
    everywhere = client.get("/api/v1/villages", query_string={"near": f"{village['lat']},{village['lon']}"})
    assert len(everywhere.get_json()) == len(places)


def test_villages_geojson_is_a_feature_collection(client, places) -> None:
    response = client.get("/api/v1/villages?format=geojson")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    document = response.get_json()
    assert document["type"] == "FeatureCollection"
    assert len(document["features"]) == len(places)
    first = document["features"][0]
    assert first["geometry"]["coordinates"] == [first["properties"]["lon"], first["properties"]["lat"]]


@pytest.mark.parametrize(("query", "field"), [
    ({"craft": "plastic"}, "craft"),
    ({"kind": "castle"}, "kind"),
    ({"recognition": "famous"}, "recognition"),
    ({"format": "xml"}, "format"),
    ({"near": "somewhere"}, "near"),
    ({"near": "48.85,2.35"}, "near"),
    ({"near": "21.03,105.85", "radius_km": "abc"}, "radius_km"),
    ({"near": "21.03,105.85", "radius_km": "-1"}, "radius_km"),
    ({"radius_km": "3"}, "radius_km"),
    ({"search": "x" * 500}, "search"),
    ({"limit": "abc"}, "limit"),
    ({"limit": "0"}, "limit"),
    ({"limit": "-3"}, "limit"),
    ({"limit": "2.5"}, "limit"),
])
def test_villages_bad_filter_answers_400_naming_the_field(client, query, field) -> None:
    response = client.get("/api/v1/villages", query_string=query)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["field"] == field
    assert error["message"]


def test_place_answers_its_record_and_nearby_places(client, places) -> None:
    village = _a_village(places)
    response = client.get(f"/api/v1/places/{village['id']}")
    assert response.status_code == 200
    record = response.get_json()
    assert record["id"] == village["id"]
    assert record["name_vi"] == village["name_vi"]
    assert village["id"] not in [near["id"] for near in record["nearby"]]
    distances = [near["distance_km"] for near in record["nearby"]]
    assert distances == sorted(distances)


def test_unknown_place_answers_404_json(client) -> None:
    response = client.get("/api/v1/places/no-such-place")
    assert response.status_code == 404
    assert response.get_json()["error"]["field"] == "id"


def test_unknown_api_path_answers_json_404(client) -> None:
    response = client.get("/api/v1/nowhere")
    assert response.status_code == 404
    assert "error" in response.get_json()


def test_wrong_method_answers_json_405(client) -> None:
    response = client.post("/api/v1/villages")
    assert response.status_code == 405
    assert response.get_json()["error"]["field"] == "request"


def test_crafts_lists_the_vocabulary_with_synonyms(client) -> None:
    from geodata import schema

    response = client.get("/api/v1/crafts")
    assert response.status_code == 200
    crafts = {entry["craft"]: entry for entry in response.get_json()}
    assert list(crafts) == list(schema.CRAFTS)
    assert {"pottery", "gốm"} <= set(crafts["ceramics"]["synonyms"]) and "khảm trai" in crafts["mother_of_pearl"]["synonyms"]
