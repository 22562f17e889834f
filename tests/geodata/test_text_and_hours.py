"""Accent folding and the opening-hours syntax."""

from __future__ import annotations

import datetime as dt

import pytest

from geodata.errors import CraftRouteError
from geodata.hours import open_intervals, parse_opening_hours
from geodata.text import ascii_fold, compact_key, search_key, slugify


def test_folding_handles_every_vietnamese_letter() -> None:
    assert ascii_fold("Bát Tràng") == "Bat Trang"
    assert ascii_fold("Đường Lâm, Quảng Phú Cầu, Hữu Bằng, Giẽ Thượng") == "Duong Lam, Quang Phu Cau, Huu Bang, Gie Thuong"
    assert search_key("  Vạn   PHÚC ") == "van phuc"
    assert compact_key("Gia Lâm") == "gialam"
    assert slugify("Làng lụa Vạn Phúc") == "lang-lua-van-phuc"


def test_opening_hours_by_weekday() -> None:
    hours = parse_opening_hours("Tu-Su 08:30-11:30,13:30-17:00; Mo off")
    monday, tuesday = dt.date(2026, 11, 30), dt.date(2026, 12, 1)
    assert open_intervals(hours, monday) == ()
    assert open_intervals(hours, tuesday) == ((510, 690), (810, 1020))
    assert parse_opening_hours("24/7")[3] == ((0, 1440),)
    assert parse_opening_hours("Sa-Mo 07:00-09:00")[6] == ((420, 540),)


@pytest.mark.parametrize("text", ["", "8-5", "Mo 25:00-26:00", "Funday 08:00-09:00", "garbage;;"])
def test_bad_opening_hours_are_rejected(text: str) -> None:
    with pytest.raises(CraftRouteError) as caught:
        parse_opening_hours(text)
    assert caught.value.field == "opening_hours"
    assert "opening_hours" in str(caught.value) and "Mo-Su 08:00-17:00" in caught.value.message


MONDAY = dt.date(2026, 11, 30)


def _every_day(text: str) -> list[tuple[tuple[int, int], ...]]:
    """Return the weekly view of ``text``, after checking that each real date of a week agrees with it."""
    hours = parse_opening_hours(text)
    for offset in range(7):
        assert open_intervals(hours, MONDAY + dt.timedelta(days=offset)) == hours[offset], (text, offset)
    return list(hours)


def test_a_later_rule_overrides_an_earlier_one_for_its_days() -> None:
    every_day = ((480, 1020),)
    assert _every_day("Mo-Su 08:00-17:00; We 10:00-12:00; Su off") == [
        every_day, every_day, ((600, 720),), every_day, every_day, every_day, ()]
    # the order matters: the same rules the other way round leave the later, wider rule in force
    assert _every_day("We 10:00-12:00; Su off; Mo-Su 08:00-17:00") == [every_day] * 7


def test_a_wrapping_day_range_covers_exactly_its_days() -> None:
    early = ((420, 540),)
    assert _every_day("Sa-Mo 07:00-09:00") == [early, (), (), (), (), early, early]
    assert _every_day("Fr-Tu 07:00-09:00") == [early, early, (), (), early, early, early]
    # a later rule overrides one day inside a wrapping range
    assert _every_day("Sa-Mo 07:00-09:00; Su 10:00-11:00") == [early, (), (), (), (), early, ((600, 660),)]


def test_hours_past_midnight_continue_the_next_morning() -> None:
    hours = parse_opening_hours("Mo-Fr 17:00-08:00")
    assert hours[0] == ((1020, 1440),)
    assert hours[1] == ((0, 480), (1020, 1440))
    assert hours[5] == ((0, 480),)


def test_date_rules_close_a_place_on_that_date_only() -> None:
    hours = parse_opening_hours("Mo-Fr 08:00-17:00; Dec 25 off")
    assert open_intervals(hours, dt.date(2026, 12, 25)) == ()
    assert open_intervals(hours, dt.date(2026, 12, 24)) == ((480, 1020),)
