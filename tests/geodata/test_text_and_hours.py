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


@pytest.mark.parametrize("text", ["", "8-5", "Mo-Fr 17:00-08:00", "Mo 25:00-26:00", "Funday 08:00-09:00"])
def test_bad_opening_hours_are_rejected(text: str) -> None:
    with pytest.raises(CraftRouteError) as caught:
        parse_opening_hours(text)
    assert caught.value.field == "opening_hours"
