"""The pure map builders: layers, local assets, escaping, attribution."""

from __future__ import annotations

import folium
import pytest

import geodata
from planner.itinerary.map import VIEWPORT_META, allow_pinch_zoom
from web import settings
from web.maps import (
    base_map,
    dashboard_map,
    explore_map,
    place_map,
    render_map_parts,
    use_local_assets,
)
from web.maps.popups import place_popup_html


@pytest.fixture(scope="module")
def places():
    return geodata.load_places()


def test_explore_map_has_one_marker_per_place_with_links(places) -> None:
    m = explore_map(places, place_url="/places/{id}")
    html = m.get_root().render()
    assert html.count("L.marker(") == len(places)
    assert f'href=\\"/places/{places.index[0]}\\"' in html or f'href="/places/{places.index[0]}"' in html
    assert "(c) OpenStreetMap contributors" in html


def test_builders_add_to_a_given_map(places) -> None:
    given = folium.Map()
    assert explore_map(places, m=given) is given
    assert place_map(geodata.places_to_records(places.iloc[:1])[0], places.iloc[1:3], m=given) is given


def test_dashboard_map_has_area_heat_and_craft_layers(shared_data_dir) -> None:
    from geodata.register import load_register, register_records
    from geodata.register_stats import area_counts
    from geodata.units import current_unit_polygons

    register = load_register()
    units = area_counts(register, current_unit_polygons(), key="current_unit")
    districts = area_counts(register, geodata.load_districts(), key="gid")
    html = dashboard_map(register_records(register), units=units, districts=districts).get_root().render()
    assert "Villages per current commune/ward (derived polygons)" in html and "Villages per former district" in html
    assert "L.heatLayer" in html and "L.control.layers" in html
    for craft in set(register["craft"]):
        assert geodata.register.CRAFTS[craft] in html


def test_every_craft_layer_has_its_own_colour() -> None:
    from geodata.register import CRAFTS
    from web.maps.dashboard import craft_colour

    colours = [craft_colour(craft).upper() for craft in CRAFTS]
    assert len(set(colours)) == len(CRAFTS)


def test_local_assets_replace_every_cdn_link() -> None:
    from geodata.register import load_register, register_records

    parts = render_map_parts(dashboard_map(register_records(load_register())), assets_base_url="/static/vendor")
    assert "/static/vendor/leaflet/leaflet.js" in parts.header
    assert "/static/vendor/heat/leaflet_heat.min.js" in parts.header
    assert "cdn" not in parts.header and "netdna" not in parts.header
    assert dict(folium.Map.default_js)["leaflet"].startswith("https://")


def test_every_local_asset_is_fetched_by_web_vendor() -> None:
    from web.vendor import FOLIUM_FILES, NPM_FILES

    fetched = {target for files in NPM_FILES.values() for target in files.values()} | set(FOLIUM_FILES.values())
    assert {path for path in settings.LOCAL_ASSETS.values() if path} <= fetched


def test_use_local_assets_keeps_unknown_links() -> None:
    m = folium.Map()
    m.default_js = [*m.default_js, ("custom", "https://example.org/x.js")]
    use_local_assets(m, base_url="/v")
    assert ("custom", "https://example.org/x.js") in m.default_js
    assert ("leaflet", "/v/leaflet/leaflet.js") in m.default_js


def test_popup_escapes_data_text() -> None:
    html = place_popup_html({"name_vi": "<b>x</b>", "name": "y", "craft": "silk", "opening_hours": "24/7",
                             "story": "<script>alert(1)</script>"}, link_url='/p?a="b"')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert 'href="/p?a=&quot;b&quot;"' in html
    assert "Silk weaving" in html


def test_popup_story_follows_the_interface_language() -> None:
    record = {"name_vi": "Làng", "story": "A story.", "story_vi": "Một câu chuyện.", "description": "Text."}
    assert "A story." in place_popup_html(record) and "Một câu chuyện." not in place_popup_html(record)
    assert "Một câu chuyện." in place_popup_html(record, language="vi")
    assert "Mô tả." in place_popup_html({"name_vi": "Làng", "description": "Text.", "description_vi": "Mô tả."},
                                        language="vi")


@pytest.mark.parametrize("top", [0, 1, 3, 6, 11, 40, 31.58])
def test_choropleth_classes_hold_every_value(top) -> None:
    from web.maps.dashboard import CHOROPLETH_COLOURS, class_breaks

    breaks = class_breaks(top)
    assert breaks == sorted(breaks) and len(breaks) - 1 <= len(CHOROPLETH_COLOURS)
    assert breaks[0] <= min(top, 1) and breaks[-1] > top
    if float(top).is_integer() and top >= 2:
        assert breaks[:2] == [1.0, 2.0]  # a single village is its own class


def test_rendered_maps_allow_pinch_zoom_and_credit_openstreetmap() -> None:
    m = base_map()
    whole = m.get_root().render()
    assert "user-scalable=no" in whole, "Folium still writes its viewport tag; this test guards its removal"
    parts = render_map_parts(base_map())
    assert "viewport" not in parts.header and "user-scalable" not in parts.header
    fixed = allow_pinch_zoom(whole)
    assert "user-scalable" not in fixed and "maximum-scale" not in fixed and fixed.count(VIEWPORT_META) == 1
    assert "(c) OpenStreetMap contributors" in parts.script and "tile.openstreetmap.org" in parts.script
