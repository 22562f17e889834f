"""Search, filters, nearest and radius queries, and place resolution on the bundled data."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest

import geodata
from geodata.errors import CraftRouteError, NotFoundError, OutsideHanoiError

HOAN_KIEM = (21.0287, 105.8524)


@pytest.mark.parametrize(("query", "expected"), [
    ("bat trang", "Bát Tràng"),
    ("BAT TRANG", "Bát Tràng"),
    ("Bát Tràng", "Bát Tràng"),
    ("van phuc", "Vạn Phúc"),
    ("son dong", "Sơn Đồng"),
    ("quang phu cau", "Quảng Phú Cầu"),
    ("chuyen my", "Chuyên Mỹ"),
])
def test_search_ignores_diacritics_and_case(places: gpd.GeoDataFrame, query: str, expected: str) -> None:
    found = geodata.search_places(places, query)
    assert found.iloc[0]["name_vi"] == expected


def test_search_returns_every_match_with_exact_names_first(places: gpd.GeoDataFrame) -> None:
    found = geodata.search_places(places, "bat trang")
    assert len(found) >= 2  # the village and at least the ceramics museum
    keys = (found["name_vi"].map(geodata.search_key) + " " + found["name"].str.lower())
    assert keys.str.contains("bat trang").all()
    assert found.iloc[0]["kind"] == "village"


def test_search_without_match_is_empty(places: gpd.GeoDataFrame) -> None:
    assert geodata.search_places(places, "zzz no such place").empty


def test_filter_by_craft_includes_other_crafts(places: gpd.GeoDataFrame) -> None:
    found = geodata.filter_places(places, craft="ceramics")
    assert "Bát Tràng" in set(found["name_vi"])
    matches = found["craft"].eq("ceramics") | found["other_crafts"].map(lambda c: "ceramics" in c)
    assert matches.all()
    outside = places.drop(found.index)
    assert not (outside["craft"].eq("ceramics") | outside["other_crafts"].map(lambda c: "ceramics" in c)).any()


def test_filter_by_kind_recognition_and_commune(places: gpd.GeoDataFrame) -> None:
    destinations = geodata.filter_places(places, kind="destination")
    assert set(destinations["kind"]) == {"destination"}
    candidates = geodata.filter_places(places, recognition="world_craft_city_candidate")
    assert {"Sơn Đồng", "Chuyên Mỹ", "Chuông", "Phú Vinh", "Quảng Phú Cầu"} <= set(candidates["name_vi"])
    in_hoai_duc = geodata.filter_places(places, commune="hoai duc")
    assert len(in_hoai_duc) >= 2
    assert in_hoai_duc["former_district"].map(geodata.search_key).eq("hoai duc").all()


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"craft": "origami"}, "craft"),
    ({"kind": "hotel"}, "kind"),
    ({"recognition": "famous"}, "recognition"),
])
def test_unknown_filter_values_name_the_field(places: gpd.GeoDataFrame, kwargs: dict, field: str) -> None:
    with pytest.raises(CraftRouteError, match="allowed: ") as caught:
        geodata.filter_places(places, **kwargs)
    assert caught.value.field == field


def test_nearest_matches_brute_force_great_circle(places: gpd.GeoDataFrame) -> None:
    nearest = geodata.nearest_places(places, *HOAN_KIEM, n=5)
    distances_km = geodata.haversine_m(*HOAN_KIEM, places["lat"].to_numpy(), places["lon"].to_numpy()) / 1000
    expected = places.index[np.argsort(distances_km, kind="stable")[:5]]
    assert list(nearest.index) == list(expected)
    assert nearest["distance_km"].is_monotonic_increasing


def test_within_radius_keeps_exactly_the_places_inside(places: gpd.GeoDataFrame) -> None:
    inside = geodata.places_within(places, *HOAN_KIEM, radius_km=5)
    distances_km = geodata.haversine_m(*HOAN_KIEM, places["lat"].to_numpy(), places["lon"].to_numpy()) / 1000
    assert set(inside.index) == set(places.index[distances_km <= 5])
    assert 0 < len(inside) < len(places)
    # Van Phuc (Ha Dong) is about 10 km away: outside 5 km, inside 15 km
    van_phuc = geodata.resolve_location("van phuc", places).id
    assert van_phuc not in inside.index
    assert van_phuc in geodata.places_within(places, *HOAN_KIEM, radius_km=15).index


def test_bad_radius_names_the_field(places: gpd.GeoDataFrame) -> None:
    with pytest.raises(CraftRouteError, match="more than 0 and at most 200") as caught:
        geodata.places_within(places, *HOAN_KIEM, radius_km=0)
    assert caught.value.field == "radius_km"


def test_resolve_location_by_id_name_and_coordinates(places: gpd.GeoDataFrame) -> None:
    by_name = geodata.resolve_location("bat trang", places)
    assert by_name.name == "Bát Tràng" and by_name.kind == "village"
    assert geodata.resolve_location(by_name.id, places) == by_name
    point = geodata.resolve_location("21.0287, 105.8524", places)
    assert (point.lat, point.lon, point.kind) == (21.0287, 105.8524, "point")


def test_resolve_location_errors(places: gpd.GeoDataFrame) -> None:
    with pytest.raises(NotFoundError, match="no place matches 'atlantis'") as caught:
        geodata.resolve_location("atlantis", places, field="from")
    assert caught.value.field == "from"
    with pytest.raises(OutsideHanoiError, match="outside Hanoi"):
        geodata.resolve_location("10.7769,106.7009", places, field="to")
    with pytest.raises(CraftRouteError, match="must not be empty"):
        geodata.resolve_location("  ", places)


def test_search_ignores_missing_spaces(places: gpd.GeoDataFrame) -> None:
    assert geodata.search_places(places, "battrang").iloc[0]["name_vi"] == "Bát Tràng"
    assert geodata.resolve_location("vanphuc", places).name == "Vạn Phúc"


@pytest.mark.parametrize("text", ["Chùa", "museum", "pagoda"])
def test_ambiguous_names_list_the_candidates_instead_of_guessing(places: gpd.GeoDataFrame, text: str) -> None:
    matching = geodata.search_places(places, text)
    assert len(matching) >= 2
    with pytest.raises(CraftRouteError, match="matches several places") as caught:
        geodata.resolve_location(text, places, field="--start")
    assert caught.value.field == "--start"
    for place_id in matching.index[:2]:
        assert f"[{place_id}]" in caught.value.message


@pytest.mark.parametrize("text", ["a", "-", "x ", "đ"])
def test_too_short_names_are_refused(places: gpd.GeoDataFrame, text: str) -> None:
    with pytest.raises(CraftRouteError, match="too short"):
        geodata.resolve_location(text, places)


def test_an_exact_name_wins_over_longer_names_that_contain_it(places: gpd.GeoDataFrame) -> None:
    containing = geodata.search_places(places, "bat trang")
    assert len(containing) >= 2
    assert geodata.resolve_location("bat trang", places).id == containing.index[0]
