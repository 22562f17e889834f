"""Commune and district membership by spatial join with the real GADM polygons."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest

import geodata
from geodata.boundaries import spaced_name


@pytest.fixture(scope="module")
def communes(shared_data_dir: Path) -> gpd.GeoDataFrame:
    loaded = geodata.load_communes()
    assert loaded is not None
    return loaded


def test_gadm_names_get_their_spaces_back() -> None:
    assert spaced_name("BátTràng") == "Bát Tràng"
    assert spaced_name("BắcTừLiêm") == "Bắc Từ Liêm"
    assert spaced_name("ĐôngAnh") == "Đông Anh"


def test_communes_cover_hanoi(communes: gpd.GeoDataFrame) -> None:
    assert len(communes) == 584
    assert communes["district"].nunique() == 30
    assert set(communes["commune_type"]) == {"Xã", "Phường", "Thị trấn"}


def test_bundled_places_join_to_their_recorded_former_district(
    places: gpd.GeoDataFrame, communes: gpd.GeoDataFrame
) -> None:
    joined = geodata.assign_areas(places, communes, prefix="gadm_")
    assert joined["gadm_commune"].notna().all(), "every bundled place lies in a Hanoi commune"
    same = joined["gadm_district"].map(geodata.search_key) == joined["former_district"].map(geodata.search_key)
    mismatched = joined.loc[~same, ["former_district", "gadm_district"]]
    assert same.mean() >= 0.9, f"recorded district disagrees with the polygons:\n{mismatched}"
    bat_trang = joined[joined["name_vi"] == "Bát Tràng"].iloc[0]
    assert bat_trang["gadm_district"] == "Gia Lâm"


def test_counts_per_commune_add_up(places: gpd.GeoDataFrame, communes: gpd.GeoDataFrame) -> None:
    villages = places[places["kind"] == "village"]
    counted = geodata.count_in_areas(villages, communes)
    assert counted["place_count"].sum() == len(villages)
    assert (counted["place_count"] > 0).sum() >= 20


def test_counts_by_craft(places: gpd.GeoDataFrame) -> None:
    villages = places[places["kind"] == "village"]
    table = geodata.counts_by(villages, "craft")
    assert table["count"].sum() == len(villages)
    assert table["count"].is_monotonic_decreasing
    assert set(table["craft"]) == set(villages["craft"])
