"""Village positions from OSM streets named after the village (a proxy), cut to the former commune."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyproj import Geod
from shapely.geometry import LineString, Point, box

from geodata.osm_places import shared_osm_files
from geodata.osm_streets import NamedWay, index_ways, match_street, name_key, read_named_ways
from geodata.register import load_register

#: A made-up commune of about 1.1 x 1.1 km near Hà Đông.
COMMUNE = box(105.780, 20.950, 105.790, 20.960)
GEOD = Geod(ellps="WGS84")


def way(osm_id: int, name: str, *points: tuple[float, float]) -> NamedWay:
    return NamedWay(osm_id, name, tuple(points))


def test_name_key_keeps_tones_and_vowel_marks_but_not_case_prefix_or_tone_placement() -> None:
    prefixes = ("đường", "phố")
    assert name_key("Phố Đa Sỹ", prefixes) == name_key("đa sỹ") == name_key("Đường ĐA SỸ", prefixes)
    assert name_key("Hoà Bình") == name_key("Hòa Bình")
    assert name_key("Văn Phúc") != name_key("Vạn Phúc")
    assert name_key("Thượng Mao") != name_key("Thượng Mạo")
    assert name_key("Ngõ Đa Sỹ", prefixes) != name_key("Đa Sỹ")
    assert name_key("Thôn Giữa", ("thôn",)) == name_key("Giữa")


def test_the_middle_of_the_named_street_inside_the_commune() -> None:
    ways = index_ways([
        way(2, "Phố Đa Sỹ", (105.782, 20.955), (105.786, 20.955)),
        way(1, "Phố Đa Sỹ", (105.786, 20.955), (105.800, 20.955)),  # runs on outside the commune
        way(3, "Ngõ Đa Sỹ", (105.781, 20.951), (105.781, 20.959)),  # a lane never stands for the village
        way(4, "Phố Đa Sĩ", (105.781, 20.952), (105.789, 20.952)),  # another spelling, another name
    ])
    found = match_street("Đa Sỹ", COMMUNE, ways)
    assert found is not None and found.way_ids == (1, 2) and found.ref == "way/1+way/2 name=Phố Đa Sỹ"
    assert found.lon == pytest.approx(105.786, abs=1e-5) and found.lat == pytest.approx(20.955, abs=1e-5)
    _, _, length_m = GEOD.inv(105.782, 20.955, 105.790, 20.955)
    assert found.length_m == pytest.approx(length_m, rel=0.01)
    assert COMMUNE.covers(Point(found.lon, found.lat))


def test_no_street_no_proxy_and_a_long_street_is_no_proxy() -> None:
    ways = index_ways([way(5, "Đường Kim Lan", (105.780, 20.951), (105.790, 20.959))])
    assert match_street("Kim Lan", COMMUNE, ways, max_length_m=2000) is not None
    assert match_street("Kim Lan", COMMUNE, ways, max_length_m=1000) is None
    assert match_street("Bát Tràng", COMMUNE, ways) is None
    assert match_street("Kim Lan", box(105.0, 20.0, 105.1, 20.1), ways) is None
    assert match_street("", COMMUNE, ways) is None


def test_read_named_ways_keeps_named_highways_only(tmp_path: Path) -> None:
    path = tmp_path / "streets.osm"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
<node id="1" version="1" lat="20.955" lon="105.782"/>
<node id="2" version="1" lat="20.955" lon="105.786"/>
<way id="10" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/><tag k="name" v="Phố Đa Sỹ"/></way>
<way id="11" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
<way id="12" version="1"><nd ref="1"/><nd ref="2"/><tag k="waterway" v="canal"/><tag k="name" v="Kênh"/></way>
</osm>""", encoding="utf-8")
    assert read_named_ways([path]) == [way(10, "Phố Đa Sỹ", (105.782, 20.955), (105.786, 20.955))]


@pytest.mark.slow
def test_every_street_located_record_lies_on_the_ways_it_cites() -> None:
    files = shared_osm_files()
    if not files:
        pytest.skip("shared OSM extract not found")
    register = load_register()
    located = register[register["coord_source"] == "osm_street"]
    assert len(located), "the shared extract names streets after several register villages"
    by_id = {named.osm_id: named for named in read_named_ways(files)}
    for record in located.itertuples():
        refs, name = record.coord_ref.split(" name=")
        cited = [by_id[int(ref.removeprefix("way/"))] for ref in refs.split("+")]
        assert all(name_key(named.name) == name_key(name) for named in cited), record.id
        nearest_deg = min(LineString(named.coords).distance(Point(record.lon, record.lat)) for named in cited)
        assert nearest_deg < 2e-5, record.id  # about 2 m: the point is on the street
