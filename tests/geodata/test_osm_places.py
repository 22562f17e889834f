"""Village-level positions: OSM place nodes matched inside the village's former commune."""

from __future__ import annotations

import csv
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geodata import settings, units
from geodata.osm_places import match_village, read_place_nodes, village_key
from geodata.register import load_register

SOURCES_PATH = settings.PACKAGE_DIR / "data" / "register-sources.csv"


@pytest.fixture(scope="module")
def communes() -> gpd.GeoDataFrame:
    frame = units.gadm_current_units()
    if frame is None:
        pytest.skip("shared GADM communes or unit mapping not found")
    return frame


def commune_shape(communes: gpd.GeoDataFrame, district: str, commune: str):
    hits = units.former_commune_index(communes, district, commune)
    assert hits, (district, commune)
    return communes.loc[hits].union_all()


def write_osm(path: Path, nodes: list[tuple[int, float, float, dict[str, str]]]) -> Path:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="test">']
    for osm_id, lat, lon, tags in nodes:
        lines.append(f'<node id="{osm_id}" version="1" lat="{lat}" lon="{lon}">')
        lines += [f'<tag k="{key}" v="{value}"/>' for key, value in tags.items()]
        lines.append("</node>")
    path.write_text("\n".join([*lines, "</osm>"]), encoding="utf-8")
    return path


def test_village_key_ignores_accents_case_spaces_and_the_thon_prefix() -> None:
    assert village_key("Thôn Bối Khê") == village_key("boi khe") == village_key("Làng BỐI KHÊ") == "boikhe"
    assert village_key("Thôn 3") == "3"


def test_a_same_name_village_of_another_commune_is_not_taken(tmp_path, communes) -> None:
    # Phùng Xá is both a commune of Thạch Thất and one of Mỹ Đức: only the node inside
    # the Thạch Thất polygon may locate the Thạch Thất village.
    thach_that = commune_shape(communes, "Thạch Thất", "Xã Phùng Xá")
    my_duc = commune_shape(communes, "Mỹ Đức", "Xã Phùng Xá")
    inside, elsewhere = thach_that.representative_point(), my_duc.representative_point()
    path = write_osm(tmp_path / "places.osm", [
        (7, elsewhere.y, elsewhere.x, {"place": "village", "name": "Phùng Xá"}),
        (9, inside.y, inside.x, {"place": "hamlet", "name": "Thôn Phùng Xá"}),
        (5, inside.y, inside.x, {"place": "city", "name": "Phùng Xá"}),  # not a village-like place
        (4, inside.y, inside.x, {"place": "village"}),  # no name
    ])
    places = read_place_nodes([path])
    assert sorted(place.osm_id for place in places) == [7, 9]
    found = match_village("Phùng Xá", thach_that, places)
    assert found is not None and found.ref == "node/9 place=hamlet"
    assert match_village("Phùng Xá", my_duc, places).ref == "node/7 place=village"
    assert match_village("Hữu Bằng", thach_that, places) is None


def test_every_register_position_lies_in_its_former_commune(communes) -> None:
    register = load_register()
    by_gid = communes.set_index("gid")
    for record in register.itertuples():
        point = Point(record.lon, record.lat)
        if record.coord_source == "osm_place":
            assert record.coord_ref.startswith("node/") and " place=" in record.coord_ref
            shape = commune_shape(communes, record.former_district, record.former_commune)
        elif record.coord_source == "osm_street":
            assert record.coord_ref.startswith("way/") and " name=" in record.coord_ref
            shape = commune_shape(communes, record.former_district, record.former_commune)
        elif record.coord_source == "commune_centroid":
            shape = by_gid.loc[record.coord_ref.split("+")].union_all()
        else:
            continue
        assert shape.buffer(1e-4).covers(point), record.id


def test_every_record_cites_a_source_row_or_a_bundled_place() -> None:
    with open(SOURCES_PATH, encoding="utf-8", newline="") as handle:
        sources = {row["id"]: row["source"] for row in csv.DictReader(handle)}
    register = load_register()
    for record in register.itertuples():
        if record.id in sources:
            assert record.source == sources[record.id] and record.source.strip()
        else:
            assert record.place_id == record.id and record.source.startswith("geodata/data/places.geojson")
