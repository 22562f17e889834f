"""The dashboard's area polygons: fetched once from a cacheable GeoJSON answer, not inside every page."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def dashboard_page(client) -> str:
    response = client.get("/dashboard")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def area_urls(page: str) -> list[str]:
    return re.findall(r'\$\.ajax\("(/dashboard/areas/[^"]+)"', page)


def test_the_page_links_the_polygons_instead_of_carrying_them(dashboard_page: str) -> None:
    urls = area_urls(dashboard_page)
    assert [url.split("?")[0] for url in urls] == [f"/dashboard/areas/{name}.geojson"
                                                   for name in ("units", "districts", "communes")]
    assert '"type": "MultiPolygon"' not in dashboard_page and '"type": "Polygon"' not in dashboard_page
    assert len(dashboard_page) < 400_000


def test_each_layer_answers_cacheable_geojson_with_counts(client, dashboard_page: str) -> None:
    for url in area_urls(dashboard_page):
        response = client.get(url)
        assert response.status_code == 200
        assert response.mimetype == "application/geo+json"
        assert "max-age" in response.headers["Cache-Control"] and response.headers["ETag"]
        features = response.get_json()["features"]
        assert [feature["id"] for feature in features] == [str(i) for i in range(len(features))]
        assert all("place_count" in feature["properties"] and feature["geometry"]["coordinates"]
                   for feature in features)
        assert client.get(url, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_the_counts_follow_the_filters(client) -> None:
    every = client.get("/dashboard/areas/districts.geojson").get_json()["features"]
    silk_page = client.get("/dashboard?craft=silk").get_data(as_text=True)
    [silk_url] = [url for url in area_urls(silk_page) if "districts" in url]
    assert "craft=silk" in silk_url
    silk = client.get(silk_url).get_json()["features"]
    assert sum(f["properties"]["place_count"] for f in silk) < sum(f["properties"]["place_count"] for f in every)


def test_an_unknown_layer_is_404(client) -> None:
    assert client.get("/dashboard/areas/provinces.geojson").status_code == 404
