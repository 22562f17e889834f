"""Searching places by craft, synonym and description, and saying what matched."""

from __future__ import annotations

import geopandas as gpd
import pytest

import geodata
from geodata.search import crafts_named


@pytest.mark.parametrize(("text", "crafts"), [
    ("silk", ["silk"]), ("pottery", ["ceramics"]), ("gốm", ["ceramics"]), ("GOM", ["ceramics"]),
    ("nón lá", ["conical_hats"]), ("potter", ["ceramics"]), ("xyz", []), ("an", []),
])
def test_craft_words_in_english_and_vietnamese_name_crafts(text: str, crafts: list[str]) -> None:
    assert crafts_named(text) == crafts


@pytest.mark.parametrize(("text", "place", "matched"), [
    ("silk", "van-phuc", "craft:silk"),
    ("pottery", "bat-trang", "craft:ceramics"),
    ("gốm", "kim-lan", "craft:ceramics"),
    ("kiln", "bat-trang", "description"),
    ("Bát Tràng", "bat-trang", "name"),
])
def test_search_finds_places_by_craft_and_description_and_says_what_matched(
        places: gpd.GeoDataFrame, text: str, place: str, matched: str) -> None:
    found = geodata.find_places(places, text)
    assert place in found.index and found.loc[place, "matched"] == matched
    assert list(found["match_rank"]) == sorted(found["match_rank"])


def test_names_come_before_crafts_and_crafts_before_descriptions(places: gpd.GeoDataFrame) -> None:
    found = geodata.find_places(places, "gốm")
    order = [str(m).split(":")[0] for m in found["matched"]]
    assert order[0] == "name" and order.index("craft") < len(order)
    assert found.index[0] == "bat-trang-ceramic-museum"  # "Bảo tàng Gốm Bát Tràng" names it
    assert len(geodata.find_places(places, "silk")) > len(geodata.search_places(places, "silk")) == 0


def test_a_text_that_matches_nothing_finds_nothing(places: gpd.GeoDataFrame) -> None:
    assert geodata.find_places(places, "zzz no such thing").empty



def test_a_search_within_a_filter_that_left_no_place_finds_nothing(places: gpd.GeoDataFrame) -> None:
    found = geodata.search_query(places, commune="no such commune", search="dashboard")
    assert found.empty and found.crs == places.crs
