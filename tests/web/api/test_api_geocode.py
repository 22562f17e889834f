"""GET /api/v1/geocode (suggestions while typing) and /api/v1/geocode/reverse (a tapped point's street)."""

from __future__ import annotations


def test_suggestions_for_an_address(client, shared_data_dir) -> None:
    response = client.get("/api/v1/geocode", query_string={"q": "36 Hàng Bạc", "limit": 3})
    assert response.status_code == 200
    found = response.get_json()
    assert 1 <= len(found) <= 3
    assert found[0]["kind"] == "street" and found[0]["label"] == "36 Hàng Bạc" and found[0]["value"] == "36 Hàng Bạc"
    assert 21.03 < found[0]["lat"] < 21.04


def test_suggestions_mix_places_and_streets_without_accents(client, shared_data_dir) -> None:
    found = client.get("/api/v1/geocode", query_string={"q": "bat trang"}).get_json()
    assert found[0] == {**found[0], "kind": "place", "id": "bat-trang", "label": "Bát Tràng"}
    assert any(item["kind"] == "street" for item in found)


def test_short_text_suggests_nothing(client) -> None:
    assert client.get("/api/v1/geocode", query_string={"q": "h"}).get_json() == []


def test_bad_limit_is_a_400_naming_it(client) -> None:
    response = client.get("/api/v1/geocode", query_string={"q": "hang bac", "limit": 0})
    assert response.status_code == 400 and response.get_json()["error"]["field"] == "limit"


def test_reverse_names_the_street(client, shared_data_dir) -> None:
    here = client.get("/api/v1/geocode", query_string={"q": "hang bac", "limit": 1}).get_json()[0]
    response = client.get("/api/v1/geocode/reverse", query_string={"lat": here["lat"], "lon": here["lon"]})
    assert response.status_code == 200
    assert response.get_json()["name"] == "Hàng Bạc"
    # the middle of Hoàn Kiếm Lake is far from every street
    assert client.get("/api/v1/geocode/reverse", query_string={"lat": 21.0288, "lon": 105.8525}).get_json() == {
        "name": None, "distance_m": None}


def test_reverse_needs_both_coordinates(client) -> None:
    response = client.get("/api/v1/geocode/reverse", query_string={"lat": 21.03})
    assert response.status_code == 400 and response.get_json()["error"]["field"] == "lon"


def test_suggestions_list_hotels(client, shared_data_dir) -> None:
    found = client.get("/api/v1/geocode", query_string={"q": "metropole"}).get_json()
    assert found[0] == {**found[0], "kind": "landmark", "id": "sofitel-legend-metropole-hanoi",
                        "label": "Sofitel Legend Metropole Hanoi", "value": "Sofitel Legend Metropole Hanoi"}


def test_form_labels_hotel_suggestions_in_both_languages(client) -> None:
    assert 'data-landmark="hotel or station"' in client.get("/").get_data(as_text=True)
    assert 'data-landmark="khách sạn, nhà ga, bến xe"' in client.get("/", query_string={"lang": "vi"}).get_data(
        as_text=True)


def test_plan_page_leaves_from_the_hotel_chosen(client, shared_data_dir) -> None:
    page = client.get("/plan", query_string={"start": "khach san metropole", "days": "1",
                                             "date": "2026-12-08"}).get_data(as_text=True)
    assert "Sofitel Legend Metropole Hà Nội" in page
