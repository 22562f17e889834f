"""The ``craftroute villages`` command as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
from cli_run import run

import geodata
from geodata import schema


def test_json_lists_records_with_every_field(capsys: pytest.CaptureFixture[str], places: gpd.GeoDataFrame) -> None:
    code, out, _ = run(capsys, "villages", "--format", "json")
    records = json.loads(out)
    assert code == 0
    assert len(records) == len(places)
    assert set(schema.ALL_FIELDS) <= set(records[0])


def test_search_without_accents_finds_the_village(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "villages", "--search", "van phuc", "--kind", "village", "--format", "json")
    names = [record["name_vi"] for record in json.loads(out)]
    assert code == 0 and names[0] == "Vạn Phúc"


def test_search_finds_villages_by_craft_in_either_language(capsys: pytest.CaptureFixture[str]) -> None:
    for word in ("silk", "lụa"):
        code, out, _ = run(capsys, "villages", "--search", word, "--format", "json")
        assert code == 0 and [record["id"] for record in json.loads(out)][0] == "van-phuc"


def test_geojson_is_a_feature_collection_with_the_same_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "villages", "--craft", "silk", "--format", "geojson")
    collection = json.loads(out)
    assert code == 0 and collection["type"] == "FeatureCollection"
    assert collection["features"], "at least one silk village"
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == (feature["properties"]["lat"], feature["properties"]["lon"])
        assert "silk" in [feature["properties"]["craft"], *feature["properties"]["other_crafts"]]


def test_near_with_radius_sorts_by_distance(capsys: pytest.CaptureFixture[str], places: gpd.GeoDataFrame) -> None:
    code, out, _ = run(capsys, "villages", "--near", "21.0287,105.8524", "--radius-km", "8", "--format", "json")
    distances = [record["distance_km"] for record in json.loads(out)]
    assert code == 0 and distances == sorted(distances) and max(distances) <= 8
    expected = geodata.places_within(places, 21.0287, 105.8524, 8)
    assert len(distances) == len(expected)


def test_table_shows_vietnamese_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "villages", "--search", "bat trang")
    assert code == 0 and "Bát Tràng" in out and out.strip().endswith("place(s)")


@pytest.mark.parametrize(("args", "fragment"), [
    (["--craft", "origami"], "--craft"),
    (["--craft", "origami"], "allowed: ceramics"),
    (["--kind", "hotel"], "invalid choice"),
    (["--near", "10.77,106.70", "--radius-km", "3"], "outside Hanoi"),
    (["--near", "somewhere"], "--near"),
    (["--radius-km", "3"], "needs --near"),
    (["--near", "21.0287,105.8524", "--radius-km", "-1"], "--radius-km"),
    (["--radius-km", "many"], "invalid float value"),
    (["--limit", "0"], "--limit"),
    (["--craft", ""], "--craft: must not be empty"),
    (["--search", " "], "--search: must not be empty"),
    (["--data", "/no/such/places.csv"], "--data: cannot read places file"),
])
def test_bad_arguments_give_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    code, out, err = run(capsys, "villages", *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert fragment in err


def test_installed_console_script_exits_2_on_bad_input() -> None:
    # The script pip installed beside this interpreter (the virtual environment's bin/).
    executable = shutil.which("craftroute", path=str(Path(sys.executable).parent))
    assert executable is not None, "the craftroute console script is not installed (pip install -e .)"
    result = subprocess.run([executable, "villages", "--craft", "origami"], check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "craft" in result.stderr
    assert "Traceback" not in result.stderr
