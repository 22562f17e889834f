"""Lunar conversions agree with dates published for 2025-2028, the 2025 leap month and Tết."""

from __future__ import annotations

import datetime as dt

import pytest

from geodata.calendar import LunarDate, parse_lunar, to_lunar, to_solar
from geodata.errors import CraftRouteError

THANHNIEN = ("https://thanhnien.vn/lich-am-hom-nay-228-ngay-cuoi-thang-6-nhuan-nguoi-viet-buoc-vao-thang-7-am-lich-"
             "185250821092757239.htm")
VIETNAMNET = "https://vietnamnet.vn/tet-trung-thu-ram-thang-8-nam-2025-la-ngay-nao-duong-lich-2446700.html"
CONGAN = "http://www.congan.com.vn/?catid=702&id=388656&mod=detnews"
VNANET = "https://vietnammedia.vnanet.vn/video/lich-nghi-tet-nguyen-dan-va-quoc-khanh-nam-2026-165342.htm"
NTDVN = "https://www.ntdvn.net/tet-2027-vao-ngay-nao-mung-1-tet-2027-la-ngay-may-duong-lich-441248.html"
KIENTRUC = "https://kientruc2014.com/vietnam/cau-tra-loi-nhanh-chong-what-year-is-it-in-vietnam.html"
CNY_2028 = "https://freeprintablecalendartemplates.com/chinese-new-year-2028.html"

#: (solar date, lunar date as YYYY-MM[L]-DD, the page that states it)
PUBLISHED: list[tuple[str, str, str]] = [
    # Ất Tỵ runs 29.1.2025-16.2.2026; month 6: 25.6-24.7 (30 days); leap month 6: 25.7-22.8 (29 days)
    ("2025-01-29", "2025-01-01", THANHNIEN),
    ("2025-06-25", "2025-06-01", THANHNIEN),
    ("2025-07-24", "2025-06-30", THANHNIEN),
    ("2025-07-25", "2025-06L-01", THANHNIEN),
    ("2025-08-22", "2025-06L-29", THANHNIEN),
    ("2025-08-23", "2025-07-01", THANHNIEN),
    ("2026-02-17", "2026-01-01", THANHNIEN),
    ("2025-10-06", "2025-08-15", VIETNAMNET),  # Trung thu: rằm tháng 8, Monday 6/10
    ("2026-02-14", "2025-12-27", CONGAN),  # Tết holiday from 27 tháng Chạp Ất Tỵ ...
    ("2026-02-22", "2026-01-06", CONGAN),  # ... to mùng 6 tháng Giêng Bính Ngọ
    ("2026-02-16", "2025-12-29", VNANET),  # 29 tháng Chạp
    ("2026-02-20", "2026-01-04", VNANET),  # mùng 4 Tết
    ("2027-02-01", "2026-12-25", NTDVN),
    ("2027-02-02", "2026-12-26", NTDVN),
    ("2027-02-04", "2026-12-28", NTDVN),
    ("2027-02-05", "2026-12-29", NTDVN),
    ("2027-02-06", "2027-01-01", NTDVN),  # Tết Đinh Mùi, Saturday
    ("2027-02-07", "2027-01-02", NTDVN),
    ("2027-02-08", "2027-01-03", NTDVN),
    ("2027-02-09", "2027-01-04", NTDVN),
    ("2027-02-10", "2027-01-05", NTDVN),
    ("2027-02-11", "2027-01-06", NTDVN),
    ("2027-02-12", "2027-01-07", NTDVN),
    # Vietnam (UTC+7) and China (UTC+8) disagree: Tết 2007 and 2030 a day earlier in Vietnam
    ("2007-02-17", "2007-01-01", KIENTRUC),
    ("2030-02-02", "2030-01-01", KIENTRUC),
    # 2028: the Chinese New Year is Wednesday 26 January 2028 (CNY_2028), and KIENTRUC lists
    # 2007, 2030 and 2053 as the only years of this century when Vietnam's differs
    ("2028-01-26", "2028-01-01", CNY_2028),
]

#: Every day of the 2025 leap sixth month, which the same page gives as 25.7-22.8 (29 days).
LEAP_MONTH_2025 = [((dt.date(2025, 7, 25) + dt.timedelta(days=i)).isoformat(), f"2025-06L-{i + 1:02d}", THANHNIEN)
                   for i in range(29)]


@pytest.mark.parametrize(("solar", "lunar", "source"), PUBLISHED + LEAP_MONTH_2025[1:-1],
                         ids=lambda value: value if "://" not in value else "")
def test_conversion_agrees_with_the_published_date(solar: str, lunar: str, source: str) -> None:
    day = dt.date.fromisoformat(solar)
    assert str(to_lunar(day)) == lunar, source
    assert to_solar(parse_lunar(lunar)) == day, source


def test_the_table_covers_enough_distinct_dates_across_the_years() -> None:
    dates = {solar for solar, _, _ in PUBLISHED + LEAP_MONTH_2025}
    assert len(dates) >= 30
    assert {d[:4] for d in dates} >= {"2025", "2026", "2027", "2028"}


def test_vietnamese_text_names_the_leap_month() -> None:
    assert to_lunar(dt.date(2025, 8, 1)).text_vi == "8/6 nhuận ÂL"
    assert to_lunar(dt.date(2027, 2, 6)).text_en == "lunar 1/1"


@pytest.mark.parametrize(("lunar", "message"), [
    (LunarDate(2026, 6, 1, leap=True), "no leap month 6"),
    (LunarDate(2025, 6, 30, leap=True), "29 days"),
])
def test_a_day_that_does_not_exist_is_refused(lunar: LunarDate, message: str) -> None:
    with pytest.raises(CraftRouteError, match=message):
        to_solar(lunar)


@pytest.mark.parametrize("text", ["2025-13-01", "2025-6-1", "tết", "2025-06X-01"])
def test_bad_lunar_text_names_the_field(text: str) -> None:
    with pytest.raises(CraftRouteError, match="lunar_date"):
        parse_lunar(text)
