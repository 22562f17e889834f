"""The landmarks gazetteer (hotels and stations travellers start from): sourced, validated loading."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from geodata import settings
from geodata.errors import DataValidationError
from geodata.landmarks import COORD_SOURCES, KINDS, load_landmarks, located_landmarks


def bundled_rows() -> list[dict[str, str]]:
    with open(settings.landmarks_path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_every_bundled_landmark_is_sourced_and_located_from_its_address_or_a_published_point() -> None:
    landmarks = load_landmarks()
    assert len(landmarks) >= 15 and {item.kind for item in landmarks} == set(KINDS)
    for item in landmarks:
        assert item.source.startswith("http") and item.address and item.coord_source in COORD_SOURCES
        if item.coord_source == "street_of_address":
            assert item.street and "name=" in item.coord_ref and item.located
        if item.coord_source == "unlocated":
            assert not item.located
    metropole = next(item for item in landmarks if item.id == "sofitel-legend-metropole-hanoi")
    assert metropole.street == "Ngô Quyền" and "Phố Ngô Quyền" in metropole.coord_ref
    assert "khach san metropole" in metropole.keys


def test_unlocated_landmarks_are_not_offered() -> None:
    located = located_landmarks()
    assert located and all(item.located for item in located)
    assert "long-bien-station" not in {item.id for item in located}


def test_a_record_without_a_source_is_refused_naming_it(tmp_path: Path) -> None:
    rows = bundled_rows()
    rows[1]["source"] = ""
    with pytest.raises(DataValidationError, match="source") as error:
        load_landmarks(write_rows(tmp_path / "landmarks.csv", rows))
    assert error.value.record == rows[1]["id"] and error.value.field == "source"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("source", "a travel blog", "URL"),
    ("kind", "airport", "must be one of"),
    ("lat", "48.85", "Hanoi"),
    ("street", "", "street"),
    ("id", "Sofitel Metropole", "slug"),
])
def test_bad_values_are_refused_naming_record_and_field(tmp_path: Path, field: str, value: str, message: str) -> None:
    rows = bundled_rows()
    located = next(row for row in rows if row["coord_source"] == "street_of_address")
    located[field] = value
    with pytest.raises(DataValidationError, match=message):
        load_landmarks(write_rows(tmp_path / "landmarks.csv", rows))


def test_landmarks_file_is_what_the_locating_tool_makes(shared_data_dir) -> None:
    tool = Path(__file__).resolve().parents[2] / "tools" / "build_landmarks.py"
    result = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
