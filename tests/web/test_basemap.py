"""The offline base map: roads with names from the OSM file, boundaries, served per zoom band."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from planner.routing.compact import CompactGraph
from web.basemap.build import Band, band_collection, road_features
from web.basemap.store import bands

ALL_CLASSES = frozenset({"primary", "residential"})


def _two_way_street() -> CompactGraph:
    """Three nodes on a line, a named primary road both ways and an unnamed residential stub."""
    lon = np.array([105.850, 105.851, 105.852, 105.852])
    lat = np.array([21.030, 21.031, 21.030, 21.031])
    u, v = np.array([0, 1, 1, 2, 2]), np.array([1, 0, 2, 1, 3])
    return CompactGraph(
        node_osmid=np.arange(10, 14), node_lat=lat, node_lon=lon, edge_u=u, edge_v=v,
        edge_length_m=np.array([104.0, 104.0, 104.0, 104.0, 111.0]), edge_class=np.array([0, 0, 0, 0, 1]),
        edge_oneway=np.zeros(5, bool), edge_closed_modes=np.zeros(5, np.uint8),
        edge_two_way_modes=np.zeros(5, np.uint8), geom_offsets=np.arange(0, 12, 2),
        geom_lon=np.concatenate([lon[[a, b]] for a, b in zip(u, v, strict=True)]),
        geom_lat=np.concatenate([lat[[a, b]] for a, b in zip(u, v, strict=True)]),
        class_names=np.array(["primary", "residential"]), mode_names=np.array(["motorbike"]), source_sha256="x", source_name="test")


def _band(classes: frozenset[str], labelled: frozenset[str]) -> Band:
    return Band(min_zoom=0, max_zoom=22, road_classes=classes, label_classes=labelled, tolerance_deg=0.0,
                cell_deg=1.0, communes=False)


def test_a_two_way_street_becomes_one_merged_line_with_its_name_in_the_middle() -> None:
    names = ["Phố Tràng Tiền"] * 4 + [""]
    features = road_features(_two_way_street(), names, _band(ALL_CLASSES, frozenset({"primary"})))
    roads = [f for f in features if f["properties"]["kind"] == "road"]
    labels = [f for f in features if f["properties"]["kind"] == "road-label"]
    primary = [f for f in roads if f["properties"]["road_class"] == "primary"]
    assert len(primary) == 1 and primary[0]["properties"]["name"] == "Phố Tràng Tiền"
    line = [[105.85, 21.03], [105.851, 21.031], [105.852, 21.03]]
    assert primary[0]["geometry"]["type"] == "LineString"
    assert primary[0]["geometry"]["coordinates"] in (line, line[::-1])
    assert "name" not in [f for f in roads if f["properties"]["road_class"] == "residential"][0]["properties"]
    assert [label["geometry"]["coordinates"] for label in labels] == [[105.851, 21.031]]


def test_a_band_draws_only_its_road_classes() -> None:
    features = road_features(_two_way_street(), [""] * 5, _band(frozenset({"primary"}), frozenset()))
    assert {f["properties"]["road_class"] for f in features} == {"primary"}
    assert road_features(_two_way_street(), [""] * 5, _band(frozenset({"motorway"}), frozenset())) == []


@pytest.fixture(scope="module")
def real_bands(shared_data_dir) -> list[dict]:
    """Return the base map of the real road graph and boundaries, built as the app builds it."""
    import geodata
    import planner
    from planner import settings as planner_settings
    from web.basemap.names import edge_names

    compact = planner.get_router("motorbike").graph.compact
    names = edge_names(compact, planner_settings.resolve_osm_path())
    districts, communes = geodata.load_districts(), geodata.load_communes()
    return [band_collection(compact, names, districts, communes, band, attribution="OSM") for band in bands()]


@pytest.mark.slow
def test_real_base_map_has_named_roads_and_every_district(real_bands: list[dict]) -> None:
    low, middle, high = real_bands
    kinds = [{f["properties"]["kind"] for f in band["features"]} for band in real_bands]
    assert kinds[0] == {"road", "road-label", "district", "district-label"}
    assert {"commune", "commune-label"} <= kinds[1] and {"commune", "commune-label"} <= kinds[2]
    classes = [{f["properties"].get("road_class") for f in band["features"] if f["properties"]["kind"] == "road"}
               for band in real_bands]
    assert "residential" not in classes[0] | classes[1] and "residential" in classes[2]
    assert {"trunk", "primary"} <= classes[0]
    districts = {f["properties"]["name"] for f in low["features"] if f["properties"]["kind"] == "district-label"}
    assert len(districts) == 30 and {"Hoàn Kiếm", "Gia Lâm", "Ba Vì"} <= districts
    street_names = {f["properties"].get("name") for f in high["features"] if f["properties"]["kind"] == "road"}
    assert {"Phố Hàng Đào", "Phố Hàng Mã"} <= street_names
    coordinates = [c for f in high["features"] if f["geometry"]["type"] == "LineString"
                   for c in f["geometry"]["coordinates"]]
    assert all(105.2 < lon < 106.1 and 20.5 < lat < 21.4 for lon, lat in coordinates)
    assert all(round(lon, 5) == lon for lon, _ in coordinates[:1000])


@pytest.mark.slow
def test_band_files_are_compressed_cached_and_revalidated(client, shared_data_dir) -> None:
    response = client.get("/basemap/0.geojson", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.mimetype == "application/geo+json"
    assert "max-age=86400" in response.headers["Cache-Control"] and "public" in response.headers["Cache-Control"]
    collection = json.loads(gzip.decompress(response.data))
    assert collection["type"] == "FeatureCollection" and "OpenStreetMap" in collection["attribution"]
    again = client.get("/basemap/0.geojson", headers={"Accept-Encoding": "gzip",
                                                      "If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    plain = client.get("/basemap/0.geojson", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and json.loads(plain.data) == collection
    assert client.get("/basemap/9.geojson").status_code == 404


@pytest.mark.slow
def test_every_map_offers_the_offline_base_map_and_keeps_osm_credit(client, shared_data_dir) -> None:
    for url in ("/", "/explore", "/dashboard", "/places/bat-trang", "/plan?start=Ho+Hoan+Kiem&days=1&date=2026-12-01"):
        page = client.get(url, follow_redirects=True).get_data(as_text=True)
        assert "L.craftRouteBaseMap(" in page and "/static/basemap.js" in page, url
        assert "CraftRoute map (offline)" in page and "OpenStreetMap contributors" in page, url
        assert page.index("L.craftRouteBaseMap(") < page.index("L.control.layers("), url
    vietnamese = client.get("/", query_string={"lang": "vi"}).get_data(as_text=True)
    assert json.dumps("Bản đồ CraftRoute (ngoại tuyến)") in vietnamese
