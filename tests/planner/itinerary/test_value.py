"""The value model of plans on the bundled places: standing, interests first, craft groups, decays."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geodata import load_places
from planner import settings
from planner.itinerary.value import SIGHTS, place_value, place_values, value_groups


@pytest.fixture(scope="module")
def places() -> gpd.GeoDataFrame:
    return load_places()


def test_standing_orders_the_places_of_a_requested_craft(places: gpd.GeoDataFrame) -> None:
    """World Craft City > candidate > recognised village > village without a verified title."""
    def score(place_id: str, interests: tuple[str, ...]) -> float:
        return place_value(places.loc[place_id], interests).score

    assert score("bat-trang", ("ceramics",)) > score("son-dong", ("wood_carving",))  # member > candidate
    assert score("son-dong", ("wood_carving",)) > score("tan-my", ("wood_carving",))  # candidate > recognised
    assert score("tan-my", ("wood_carving",)) > score("thiet-ung", ("wood_carving",))  # recognised > none
    assert score("kim-lan", ("ceramics",)) <= score("bat-trang", ("ceramics",)) / 2 * 1.01


def test_museum_of_a_craft_is_part_of_it_and_unrelated_sights_add_little(places: gpd.GeoDataFrame) -> None:
    museum = place_value(places.loc["bat-trang-ceramic-museum"], ("ceramics",))
    village = place_value(places.loc["bat-trang"], ("ceramics",))
    citadel = place_value(places.loc["imperial-citadel-of-thang-long"], ("ceramics",))
    assert museum.group == village.group == "ceramics" and museum.score < village.score and museum.related
    assert not citadel.related and citadel.score <= settings.UNRELATED_SCORE + 1.0 < museum.score
    texts = [reason.text() for reason in village.reasons]
    assert "matches ceramics" in texts and "World Craft City" in texts
    assert [r.code for r in village.reasons] == ["match", "title"] and village.reasons[0].values == {"craft": "ceramics"}


def test_without_interests_the_world_craft_cities_lead_and_sights_fill(places: gpd.GeoDataFrame) -> None:
    values = dict(zip(places.index, place_values(places, ()), strict=True))
    flagships = [v.score for pid, v in values.items() if places.loc[pid, "recognition"] == "world_craft_city"]
    candidates = [v.score for pid, v in values.items()
                  if places.loc[pid, "recognition"] == "world_craft_city_candidate"]
    sights = [v.score for pid, v in values.items() if places.loc[pid, "kind"] == "destination"]
    others = [v.score for pid, v in values.items()
              if places.loc[pid, "kind"] == "village" and places.loc[pid, "recognition"] == "none"]
    assert min(flagships) > max(candidates) > max(sights) >= max(others)
    assert min(flagships) > 2 * max(sights)  # no two sights outweigh a World Craft City before decay


def test_groups_decay_by_craft_and_milder_for_sights(places: gpd.GeoDataFrame) -> None:
    values = place_values(places, ("ceramics", "silk"), must=("temple-of-literature",))
    ids, decay, names = value_groups(values)
    assert len(ids) == len(places) and set(names) >= {"ceramics", "silk", SIGHTS}
    assert decay[names.index("ceramics")] == settings.CRAFT_DECAY <= 0.5
    assert settings.CRAFT_DECAY < decay[names.index(SIGHTS)] == settings.SIGHT_DECAY
    temple = values[list(places.index).index("temple-of-literature")]
    assert temple.reasons[0].code == "must" and temple.reasons[0].text() == "must-see"
