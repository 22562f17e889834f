"""The register of recognised craft villages: validated loading, filters and ``craftroute register``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geopandas as gpd
import pytest
from cli_run import run

from geodata import settings
from geodata.errors import DataValidationError
from geodata.register import CRAFTS, FIELDS, RECOGNITION, filter_register, load_register
from geodata.units import official_unit_names

#: The fields ``craftroute register --format json`` must give every record.
PROMISED = ("id", "name_vi", "craft", "recognition", "former_commune", "former_district", "current_unit",
            "tourism", "lat", "lon", "coord_source", "source")


@pytest.fixture(scope="module")
def register() -> gpd.GeoDataFrame:
    return load_register()


def rows_of_register() -> list[dict[str, str]]:
    with open(settings.register_path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(FIELDS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_every_record_names_its_source_and_a_current_unit_of_the_official_list(register) -> None:
    units = set(official_unit_names())
    assert len(units) == 126
    assert register["current_unit"].isin(units).all()
    assert (register["source"].str.len() > 10).all()
    assert register["id"].is_unique
    assert len(register) >= 200  # the target for the register
    assert register["craft"].isin(list(CRAFTS)).all() and register["recognition"].isin(list(RECOGNITION)).all()


def test_tourism_is_true_only_with_a_named_source(register) -> None:
    tourism = register[register["tourism"]]
    assert len(tourism) and (tourism["tourism_source"].str.len() > 0).all()
    assert (register.loc[~register["tourism"], "tourism_source"] == "").all()


def test_proposed_removals_are_flagged_with_their_decision(register) -> None:
    flagged = register[register["proposed_removal"]]
    assert len(flagged) and (flagged["decision"] == "2546/QĐ-UBND").all()


@pytest.mark.parametrize(("field", "value", "needle"), [
    ("craft", "plastic", "must be one of"),
    ("current_unit", "Xã Không Có", "126 communes and wards"),
    ("source", "", "must not be empty"),
    ("lat", "48.85", "outside"),
    ("tourism", "maybe", "true or false"),
    ("year", "1850", "year"),
    ("other_crafts", "ceramics;plastic", "unknown craft"),
])
def test_a_bad_record_names_the_record_and_the_field(tmp_path, field, value, needle) -> None:
    rows = rows_of_register()
    rows[3][field] = value
    with pytest.raises(DataValidationError) as caught:
        load_register(write_rows(tmp_path / "bad.csv", rows))
    assert caught.value.record == rows[3]["id"] and caught.value.field in (field, "lat/lon")
    assert needle in str(caught.value)


def test_duplicate_ids_are_refused(tmp_path) -> None:
    rows = rows_of_register()
    rows[5]["id"] = rows[4]["id"]
    with pytest.raises(DataValidationError, match="appears twice"):
        load_register(write_rows(tmp_path / "dup.csv", rows))


def test_craft_filter_matches_other_crafts_unless_main_only(register) -> None:
    wide = filter_register(register, craft="furniture")
    main = filter_register(register, craft="furniture", main_craft_only=True)
    assert set(main.index) < set(wide.index)
    assert (main["craft"] == "furniture").all()
    assert all("furniture" in row.other_crafts for row in wide.loc[list(set(wide.index) - set(main.index))].itertuples())


def test_district_filter_ignores_accents_and_matches_current_units(register) -> None:
    plain = filter_register(register, district="thuong tin")
    assert len(plain) and (plain["former_district"] == "Thường Tín").all()
    by_unit = filter_register(register, district="Xã Chuyên Mỹ")
    assert len(by_unit) and "Xã Chuyên Mỹ" in set(by_unit["current_unit"])


def test_cli_json_lists_every_record_with_the_promised_fields(capsys, register) -> None:
    code, out, _ = run(capsys, "register", "--format", "json")
    records = json.loads(out)
    assert code == 0 and len(records) == len(register)
    for record in records:
        assert all(record[field] not in ("", None) for field in PROMISED if field != "tourism")
        assert isinstance(record["tourism"], bool)


def test_cli_tourism_keeps_the_tourism_ready_ones(capsys, register) -> None:
    code, out, _ = run(capsys, "register", "--tourism", "--format", "json")
    records = json.loads(out)
    assert code == 0 and len(records) == int(register["tourism"].sum()) and all(r["tourism"] for r in records)


@pytest.mark.parametrize("fmt", ["geojson", "csv", "table"])
def test_cli_other_formats(capsys, register, fmt) -> None:
    code, out, _ = run(capsys, "register", "--craft", "mother_of_pearl", "--format", fmt)
    expected = filter_register(register, craft="mother_of_pearl")
    assert code == 0
    if fmt == "geojson":
        assert {f["id"] for f in json.loads(out)["features"]} == set(expected.index)
    elif fmt == "csv":
        assert {row["id"] for row in csv.DictReader(out.splitlines())} == set(expected.index)
    else:
        count_line, located_line = out.strip().splitlines()[-2:]
        assert count_line == f"{len(expected)} village(s)"
        village_level = int(expected["coord_source"].isin(["osm_place", "osm_street"]).sum())
        assert located_line.startswith("Located at village level (OSM place node, or the middle of a street named"
                                       f" after the village as a proxy, in the former commune): {village_level};")
        assert f"{int((expected['coord_source'] == 'commune_centroid').sum())} commune_centroid" in located_line


@pytest.mark.parametrize(("argv", "option"), [
    (("--craft", "plastic"), "--craft"),
    (("--district", " "), "--district"),
    (("--data", "/nonexistent.csv"), "--data"),
])
def test_cli_bad_input_is_one_line_and_exit_2(capsys, argv, option) -> None:
    code, out, err = run(capsys, "register", *argv)
    assert code == 2 and not out
    assert err.count("\n") == 1 and option in err
