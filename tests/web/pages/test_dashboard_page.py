"""The planners' dashboard: counts, layers and the GeoJSON of what is shown."""

from __future__ import annotations

import json

import pytest

import geodata


@pytest.fixture(scope="module")
def villages():
    places = geodata.load_places()
    return places[places["kind"] == "village"]


def test_dashboard_counts_villages_by_craft_and_district(client, villages, shared_data_dir) -> None:
    response = client.get("/dashboard")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"{len(villages)} places shown" in page
    for craft, count in geodata.counts_by(villages, "craft").itertuples(index=False):
        label = geodata.schema.CRAFTS[craft]
        assert f'<td>{label}</td><td class="text-end">{count}</td>' in page
    top_district, top_count = geodata.counts_by(villages, "former_district").iloc[0]
    assert f'<td>{top_district}</td><td class="text-end">{top_count}</td>' in page
    assert "Villages per commune" in page and "L.heatLayer" in page


def test_dashboard_geojson_download_matches_the_filters(client, villages) -> None:
    craft = villages["craft"].iloc[0]
    response = client.get("/dashboard/export.geojson", query_string={"craft": craft})
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    document = json.loads(response.data)
    expected = geodata.filter_places(villages, craft=craft)
    assert sorted(f["id"] for f in document["features"]) == sorted(expected.index)


def test_dashboard_any_kind_includes_destinations(client) -> None:
    places = geodata.load_places()
    page = client.get("/dashboard", query_string={"kind": ""}).get_data(as_text=True)
    assert f"{len(places)} places shown" in page


def test_dashboard_in_vietnamese(client) -> None:
    page = client.get("/dashboard", query_string={"lang": "vi"}).get_data(as_text=True)
    assert "Thống kê làng nghề" in page and "Theo nghề" in page
    assert "Làng nghề theo xã" in page or json.dumps("Làng nghề theo xã") in page


def test_dashboard_bad_filter_is_a_400_page(client) -> None:
    response = client.get("/dashboard", query_string={"craft": "plastic"})
    assert response.status_code == 400
