"""Current (2025) units: the official names, the former -> current mapping and the derived polygons."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from geodata import units


def test_unit_key_keeps_names_that_start_like_a_type_word() -> None:
    assert units.unit_key("Xã Bát Tràng") == units.unit_key("BátTràng") == "battrang"
    assert units.unit_key("Phường Quán Thánh") == units.unit_key("Quán Thánh") == "quanthanh"
    assert units.unit_key("Phượng Dực") == "phuongduc"


def test_official_spelling_ignores_spacing_around_hyphens() -> None:
    assert units.official_unit_name("Phường Văn Miếu-Quốc Tử Giám") == "Phường Văn Miếu - Quốc Tử Giám"
    assert units.official_unit_name("Xã Nowhere") is None


def test_mapping_names_only_official_units(shared_data_dir) -> None:
    mapping = units.former_to_current()
    assert set(mapping["current_unit"]) == set(units.official_unit_names())


def test_split_former_commune_gives_every_candidate(shared_data_dir) -> None:
    candidates = units.current_candidates("Gia Lâm", "Xã Kiêu Kỵ")
    assert len(candidates) > 1 and "Xã Bát Tràng" in candidates
    assert units.choose_current(["Xã A", "Xã Kiêu Kỵ"], "Kiêu Kỵ") == ("Xã Kiêu Kỵ", "split_same_name")


def test_derived_polygons_cover_hanoi_once(shared_data_dir) -> None:
    polygons = units.current_unit_polygons()
    communes = units.gadm_current_units()
    assert communes["current_unit"].notna().all()
    assert polygons["current_unit"].is_unique and len(polygons) >= 120
    assert polygons["area_km2"].sum() == pytest.approx(3350, rel=0.01)


def test_register_file_is_what_the_build_tool_makes(shared_data_dir) -> None:
    tool = Path(__file__).resolve().parents[2] / "tools" / "build_register.py"
    result = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
