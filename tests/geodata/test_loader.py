"""The loader: bundled data, user files and every kind of validation error."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest

import geodata
from geodata import schema
from geodata.errors import CraftRouteError, DataValidationError

REQUIRED_VILLAGES = [
    "Bát Tràng", "Vạn Phúc", "Sơn Đồng", "Chuyên Mỹ", "Chuông", "Phú Vinh", "Quảng Phú Cầu",
    "La Phù", "Phùng Xá", "Hữu Bằng", "Thiết Úng", "Giẽ Thượng", "Giẽ Hạ", "Minh Khai", "Hồng Vân",
]


def test_bundled_places_meet_the_catalogue_size(places: gpd.GeoDataFrame) -> None:
    counts = places["kind"].value_counts()
    assert counts["village"] >= 40
    assert counts["destination"] >= 15
    assert places.crs.to_epsg() == 4326
    assert places.index.is_unique
    assert list(places.index) == list(places["id"])


@pytest.mark.parametrize("name", REQUIRED_VILLAGES)
def test_each_required_village_is_bundled_with_its_diacritics(places: gpd.GeoDataFrame, name: str) -> None:
    villages = places[places["kind"] == "village"]
    assert name in set(villages["name_vi"]), f"{name} missing from the village names"


def test_world_craft_cities_are_ceramics_and_silk(places: gpd.GeoDataFrame) -> None:
    members = places[places["recognition"] == "world_craft_city"]
    assert set(members["craft"]) == {"ceramics", "silk"}
    assert {"Bát Tràng", "Vạn Phúc"} <= set(members["name_vi"])


def test_every_record_says_where_its_coordinates_come_from(places: gpd.GeoDataFrame) -> None:
    assert places["coord_source"].isin(list(schema.COORD_SOURCES)).all()
    assert (places["coord_ref"].str.len() > 0).all()
    assert places["name"].map(str.isascii).all()


def test_every_place_has_a_shortest_visit_within_its_typical_one(places: gpd.GeoDataFrame) -> None:
    assert ((places["visit_short_min"] >= 10) & (places["visit_short_min"] <= places["visit_min"])).all()
    assert places.loc["bat-trang", ["visit_short_min", "visit_min"]].tolist() == [90, 180]


def test_every_place_has_vietnamese_texts_for_the_vi_interface(places: gpd.GeoDataFrame) -> None:
    for place in places.itertuples():
        assert place.description_vi and not place.description_vi.isascii(), place.id
        assert place.description_vi != place.description
        assert bool(place.story_vi) == bool(place.story), place.id
        assert geodata.place_story(place._asdict(), "vi") == (place.story_vi or place.description_vi)
        assert geodata.place_story(place._asdict(), "en") == (place.story or place.description)


def test_every_place_with_experiences_has_them_in_vietnamese_one_by_one(places: gpd.GeoDataFrame) -> None:
    with_experiences = places[places["experiences"].map(len) > 0]
    assert len(with_experiences) == len(places)
    for place in with_experiences.itertuples():
        assert len(place.experiences_vi) == len(place.experiences), place.id
        assert all(not item.isascii() for item in place.experiences_vi), place.id
        assert geodata.place_list(place._asdict(), "experiences", "vi") == (list(place.experiences_vi), "vi")
        assert geodata.place_list(place._asdict(), "experiences", "en") == (list(place.experiences), "en")
    assert places.at["bat-trang", "experiences_vi"][0] == "xưởng gốm"


def test_geometry_matches_lat_lon(places: gpd.GeoDataFrame) -> None:
    assert (places.geometry.x == places["lon"]).all()
    assert (places.geometry.y == places["lat"]).all()


def _feature_of(features: list[dict[str, Any]], index: int = 0) -> dict[str, Any]:
    return features[index]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda p: p.pop("name_vi"), "name_vi", "missing required field"),
        (lambda p: p.update(name_vi="  "), "name_vi", "missing required field"),
        (lambda p: p.update(visit_min="two hours"), "visit_min", "must be a int"),
        (lambda p: p.update(visit_min=5000), "visit_min", "between 10 and 600"),
        (lambda p: p.update(visit_short_min=p["visit_min"] + 10), "visit_short_min", "typical visit_min"),
        (lambda p: p.update(visit_short_min="half"), "visit_short_min", "must be a int"),
        (lambda p: p.update(opening_hours="9am-5pm"), "opening_hours", "not valid OSM opening_hours"),
        (lambda p: p.update(opening_hours="Xx 08:00-17:00"), "opening_hours", "from character 1"),
        (lambda p: p.update(id="Bat Trang!"), "id", "must be a slug"),
        (lambda p: p.update(kind="museum"), "kind", "allowed: village, destination"),
        (lambda p: p.update(kind="village", craft="origami"), "craft", "unknown value 'origami'"),
        (lambda p: p.update(kind="village", craft=""), "craft", "villages need a craft"),
        (lambda p: p.update(other_crafts=["ceramics", "knots"]), "other_crafts", "unknown value 'knots'"),
        (lambda p: p.update(recognition="famous"), "recognition", "allowed: world_craft_city"),
        (lambda p: p.update(coord_source="guess"), "coord_source", "allowed: osm"),
        (lambda p: p.update(name="Bát Tràng"), "name", "must be ASCII"),
        (lambda p: p.update(story_vi="Lang nghe khong dau"), "story_vi", "Vietnamese with its diacritics"),
        (lambda p: p.update(story="", story_vi="Câu chuyện làng nghề"), "story_vi", "English 'story' is empty"),
        (lambda p: p.update(experiences_vi=p["experiences_vi"][1:]), "experiences_vi", "one by one"),
        (lambda p: p.update(experiences_vi=["xuong go"] * len(p["experiences"])), "experiences_vi", "diacritics"),
    ],
)
def test_bad_field_is_reported_with_record_and_field(
    bundled_features: list[dict[str, Any]],
    write_places: Callable[[list[dict[str, Any]]], Path],
    change: Callable[[dict[str, Any]], Any],
    field: str,
    message: str,
) -> None:
    feature = _feature_of(bundled_features, 3)
    record_id = feature["properties"]["id"]
    change(feature["properties"])
    path = write_places(bundled_features)
    with pytest.raises(DataValidationError, match=message) as caught:
        geodata.load_places(path)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"record {feature['properties'].get('id', record_id)!r}, field {field!r}")


def test_coordinates_outside_hanoi_are_rejected(
    bundled_features: list[dict[str, Any]], write_places: Callable[[list[dict[str, Any]]], Path]
) -> None:
    bundled_features[5]["geometry"]["coordinates"] = [106.7009, 10.7769]  # Ho Chi Minh City
    record_id = bundled_features[5]["properties"]["id"]
    with pytest.raises(DataValidationError, match="outside Hanoi") as caught:
        geodata.load_places(write_places(bundled_features))
    assert caught.value.record == record_id
    assert caught.value.field == "lat/lon"


def test_malformed_geometry_is_rejected(
    bundled_features: list[dict[str, Any]], write_places: Callable[[list[dict[str, Any]]], Path]
) -> None:
    bundled_features[1]["geometry"] = {"type": "Point", "coordinates": ["east"]}
    with pytest.raises(DataValidationError, match="GeoJSON Point") as caught:
        geodata.load_places(write_places(bundled_features))
    assert caught.value.field == "geometry"


def test_duplicate_id_is_rejected(
    bundled_features: list[dict[str, Any]], write_places: Callable[[list[dict[str, Any]]], Path]
) -> None:
    duplicate_id = bundled_features[0]["properties"]["id"]
    bundled_features[7]["properties"]["id"] = duplicate_id
    with pytest.raises(DataValidationError, match="duplicate id") as caught:
        geodata.load_places(write_places(bundled_features))
    assert caught.value.record == duplicate_id


def test_not_a_feature_collection_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text('{"type": "Feature"}', encoding="utf-8")
    with pytest.raises(DataValidationError, match="FeatureCollection"):
        geodata.load_places(path)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("broken.geojson", "{not json", "not valid UTF-8 JSON"),
    ("places.xlsx", "", "use .geojson, .json or .csv"),
])
def test_unreadable_files_name_the_path_field(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CraftRouteError, match=message) as caught:
        geodata.load_places(path)
    assert caught.value.field == "path"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CraftRouteError, match="cannot read places file"):
        geodata.load_places(tmp_path / "nothing.geojson")


def test_user_csv_loads_like_the_bundled_geojson(places: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    records = geodata.places_to_records(places)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        for record in records:
            writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in record.items()})
    loaded = geodata.load_places(path)
    assert geodata.places_to_records(loaded) == records


def test_user_geojson_with_one_village_loads(
    bundled_features: list[dict[str, Any]], write_places: Callable[[list[dict[str, Any]]], Path]
) -> None:
    village = next(f for f in bundled_features if f["properties"]["kind"] == "village")
    loaded = geodata.load_places(write_places([village]))
    assert list(loaded.index) == [village["properties"]["id"]]
    assert loaded.iloc[0]["name_vi"] == village["properties"]["name_vi"]


def test_loaded_frames_are_independent_copies(places: gpd.GeoDataFrame) -> None:
    first = geodata.load_places()
    first.loc[first.index[0], "name_vi"] = "changed"
    assert geodata.load_places().iloc[0]["name_vi"] == places.iloc[0]["name_vi"]
