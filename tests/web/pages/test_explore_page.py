"""The explorer and place pages: filters, map content, escaping of data text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import geodata
from web import create_app
from web.hours_text import format_opening_hours

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def places():
    return geodata.load_places()


def test_explore_shows_every_place_on_a_clustered_map(client, places) -> None:
    response = client.get("/explore")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "L.markerClusterGroup" in page
    assert page.count("L.marker(") >= len(places)
    assert f"{len(places)} of {len(places)} places" in page
    assert "/static/vendor/leaflet/leaflet.js" in page
    assert "cdn.jsdelivr.net" not in page


def test_explore_filters_by_craft(client, places) -> None:
    craft = places[places["kind"] == "village"].iloc[0]["craft"]
    expected = geodata.filter_places(places, craft=craft)
    page = client.get("/explore", query_string={"craft": craft}).get_data(as_text=True)
    assert f"{len(expected)} of {len(places)} places" in page
    for name in expected["name_vi"]:
        assert name in page


def test_explore_search_without_diacritics(client, places) -> None:
    village = places[places["kind"] == "village"].iloc[0]
    page = client.get("/explore", query_string={"search": geodata.ascii_fold(village["name_vi"])}).get_data(
        as_text=True)
    assert f'href="/places/{village["id"]}"' in page


def test_explore_bad_filter_shows_a_friendly_400_page(client) -> None:
    response = client.get("/explore", query_string={"recognition": "famous"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="error"' in page and "recognition" in page


def test_place_page_shows_facts_nearby_and_add_to_plan(client, places) -> None:
    village = places[places["kind"] == "village"].iloc[0]
    response = client.get(f"/places/{village['id']}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert village["name_vi"] in page
    assert format_opening_hours(village["opening_hours"], "en") in page
    assert f'/?must_see={village["id"]}' in page
    assert 'id="nearby"' in page
    low, high = int(village["visit_short_min"]), int(village["visit_min"])
    assert f"{low}-{high} min (shortest to typical visit)" in page


def test_place_page_tells_the_story_in_the_interface_language(client, places) -> None:
    village = places.loc["bat-trang"]
    english = client.get("/places/bat-trang?lang=en").get_data(as_text=True)
    vietnamese = client.get("/places/bat-trang?lang=vi").get_data(as_text=True)
    assert village["story"].split(";")[0] in english and village["story_vi"].split(";")[0] not in english
    assert village["story_vi"].split(";")[0] in vietnamese and village["story"].split(";")[0] not in vietnamese


@pytest.mark.parametrize("place_id", ["bat-trang", "hoan-kiem-lake"])
def test_place_page_lists_experiences_in_the_interface_language(client, places, place_id) -> None:
    place = places.loc[place_id]
    for lang, items in (("en", place["experiences"]), ("vi", place["experiences_vi"])):
        page = client.get(f"/places/{place_id}?lang={lang}").get_data(as_text=True)
        shown = re.search(r'<ul id="experiences" lang="(\w+)">(.*?)</ul>', page, re.DOTALL)
        assert shown is not None and shown[1] == lang
        assert re.findall(r"<li>(.*?)</li>", shown[2]) == [str(item) for item in items]


def test_unknown_place_page_is_404(client) -> None:
    response = client.get("/places/no-such-place")
    assert response.status_code == 404
    assert "no-such-place" in response.get_data(as_text=True)


def test_vietnamese_interface(client) -> None:
    response = client.get("/explore?lang=vi")
    page = response.get_data(as_text=True)
    assert "Khám phá làng nghề" in page
    assert "lang=vi" in response.headers["Set-Cookie"]
    assert "Khám phá làng nghề" in client.get("/explore").get_data(as_text=True)


@pytest.fixture
def hostile_app(tmp_path: Path, shared_data_dir):
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [105.9133, 21.0205]},
        "properties": {
            "id": "evil", "name_vi": f"Làng {HOSTILE}", "name": "<img src=x onerror=alert(1)>",
            "kind": "village", "craft": "ceramics", "commune": HOSTILE, "former_district": "Gia Lâm",
            "recognition": "craft_village", "visit_min": 60, "opening_hours": "Mo-Su 08:00-17:00",
            "description": HOSTILE, "story": HOSTILE, "coord_source": "published", "coord_ref": "test",
        },
    }
    path = tmp_path / "places.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    return create_app({"TESTING": True, "PLACES_PATH": str(path), "PACKAGES_DB": str(tmp_path / "p.sqlite")})


@pytest.mark.parametrize("url", ["/explore", "/places/evil", "/"])
def test_text_from_data_files_is_escaped(hostile_app, url) -> None:
    page = hostile_app.test_client().get(url).get_data(as_text=True)
    assert HOSTILE not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page or "\\u003cscript\\u003e" in page


@pytest.mark.parametrize(("text", "lang", "says"), [
    ("silk", "en", "matches craft: Silk weaving"),
    ("pottery", "en", "matches craft: Ceramics and pottery"),
    ("gốm", "vi", "khớp nghề: Gốm sứ"),
])
def test_explore_search_finds_crafts_and_says_what_matched(client, text, lang, says) -> None:
    page = client.get("/explore", query_string={"search": text, "lang": lang}).get_data(as_text=True)
    assert says in page
    assert not re.search(r'id="result-count">0 ', page)
