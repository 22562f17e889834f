"""Event rules are validated with their sources, and ``craftroute calendar`` lists them by date."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import geopandas as gpd
import pytest
from cli_run import run

from geodata.calendar import load_events, occurrences, to_lunar, validate_events
from geodata.errors import DataValidationError


@pytest.fixture(scope="module")
def place_kinds(places: gpd.GeoDataFrame) -> dict[str, str]:
    return {str(place_id): str(kind) for place_id, kind in places["kind"].items()}


def test_every_bundled_event_names_a_source_and_an_existing_place(places: gpd.GeoDataFrame) -> None:
    from geodata import settings

    document = json.loads(settings.events_path.read_text(encoding="utf-8"))
    rules = validate_events(document["events"], place_ids=places.index)
    assert rules == load_events()
    assert all(rule.source.startswith("http") for rule in rules)


GOOD: dict[str, Any] = {"id": "x-market", "place_ids": ["chuong"], "kind": "market", "name": "X", "name_vi": "X",
                        "lunar_days": [4], "source": "https://example.org/page"}


@pytest.mark.parametrize(("change", "field"), [
    ({"source": ""}, "source"),
    ({"source": "a book"}, "source"),
    ({"kind": "party"}, "kind"),
    ({"lunar_days": [31]}, "lunar_days"),
    ({"lunar_month": 2}, "lunar_month"),
    ({"lunar_month": 2, "lunar_day": 3}, "lunar_month"),
    ({"start": "4am"}, "start"),
    ({"place_ids": []}, "place_ids"),
    ({"place_ids": ["nowhere"]}, "place_ids"),
    ({"when": "often"}, "when"),
])
def test_a_bad_rule_is_refused_naming_the_field(change: dict[str, Any], field: str,
                                                places: gpd.GeoDataFrame) -> None:
    with pytest.raises(DataValidationError, match=field):
        validate_events([{**GOOD, **change}], place_ids=places.index)


def test_chuong_market_meets_on_lunar_days_ending_in_4_and_0(place_kinds: dict[str, str]) -> None:
    found = occurrences(load_events(), dt.date(2025, 1, 1), dt.date(2025, 12, 31), place_kinds=place_kinds,
                        place_ids=["chuong"])
    markets = [o for o in found if o.kind == "market"]
    assert markets and all(o.lunar_date.day in (4, 10, 14, 20, 24, 30) for o in markets)
    assert all((o.start, o.end) == ("04:00", "06:00") for o in markets)
    # every lunar day ending in 4 or 0 of 2025 is a market day, leap month included
    expected = [day for day in (dt.date(2025, 1, 1) + dt.timedelta(days=i) for i in range(365))
                if to_lunar(day).day in (4, 10, 14, 20, 24, 30)]
    assert [o.date for o in markets] == expected
    assert any(o.lunar_date.leap for o in markets)


def test_calendar_json_lists_2027_markets_and_tet_closures_with_sources(capsys: pytest.CaptureFixture[str],
                                                                       place_kinds: dict[str, str]) -> None:
    code, out, err = run(capsys, "calendar", "--from", "2027-01-01", "--to", "2027-03-31", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert {"date", "lunar_date", "place_id", "kind", "name", "start", "end", "source"} <= set(rows[0])
    assert all(row["source"].startswith("http") for row in rows)
    chuong = [row["date"] for row in rows if row["place_id"] == "chuong" and row["kind"] == "market"]
    # lunar 4/1 Đinh Mùi is 9 Feb 2027 (Tết on 6 Feb); 24/11 Bính Ngọ is 1 Jan 2027
    assert chuong[:3] == ["2027-01-01", "2027-01-07", "2027-01-11"]
    assert "2027-02-09" in chuong and "2027-02-06" not in chuong
    closed = {row["date"] for row in rows if row["kind"] == "closure" and row["place_id"] == "bat-trang"}
    assert closed == {"2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"}
    villages = {p for p, kind in place_kinds.items() if kind == "village"}
    tet_day = {row["place_id"] for row in rows if row["kind"] == "closure" and row["date"] == "2027-02-06"}
    assert tet_day == villages
    assert not any(row["kind"] == "closure" and row["place_id"] == "hoan-kiem-lake" for row in rows)


def test_calendar_text_and_ics(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "--from", "2027-03-21", "--to", "2027-03-21", "--place", "bat-trang")
    assert code == 0 and "Bat Trang village festival" in out and "2027-02-14" in out
    code, out, _ = run(capsys, "calendar", "--from", "2027-03-21", "--to", "2027-03-21", "--format", "ics",
                       "--place", "thang-long-water-puppet-theatre")
    assert code == 0 and out.count("BEGIN:VEVENT") == 5
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20270321T150000" in out


@pytest.mark.parametrize(("argv", "option"), [
    (("--from", "2027-13-01", "--to", "2027-03-01"), "--from"),
    (("--from", "2027-03-01", "--to", "2027-01-01"), "--to"),
    (("--from", "2027-01-01", "--to", "2029-01-01"), "--to"),
    (("--from", "2027-01-01", "--to", "2027-01-02", "--place", "atlantis"), "--place"),
])
def test_bad_options_exit_2_naming_the_option(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...],
                                              option: str) -> None:
    code, out, err = run(capsys, "calendar", *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and option in err


def test_tet_eve_is_found_in_a_one_day_span(place_kinds: dict[str, str]) -> None:
    """The eve (29 tháng Chạp 2026 = 5 Feb 2027) belongs to the 2027 Tết, a lunar year after its own."""
    found = occurrences(load_events(), dt.date(2027, 2, 5), dt.date(2027, 2, 5), place_kinds=place_kinds,
                        place_ids=["bat-trang"])
    assert [(o.kind, str(o.lunar_date)) for o in found] == [("closure", "2026-12-29")]
