"""Dates as each language writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from web.dates import format_date, format_datetime, format_timestamp


@pytest.mark.parametrize(("value", "english", "vietnamese"), [
    ("2026-12-08", "Tue 8 Dec 2026", "Thứ Ba, 08/12/2026"),
    (dt.date(2026, 12, 13), "Sun 13 Dec 2026", "Chủ Nhật, 13/12/2026"),
    ("2027-01-01T09:30:00", "Fri 1 Jan 2027", "Thứ Sáu, 01/01/2027"),
])
def test_dates_read_as_each_language_writes_them(value, english, vietnamese) -> None:
    assert format_date(value, "en") == english
    assert format_date(value, "vi") == vietnamese


def test_text_that_is_no_date_stays_as_it_is() -> None:
    assert format_date("soon", "vi") == "soon"
    assert format_datetime("2026-12-08T14:05:00", "en") == "Tue 8 Dec 2026 14:05"
    assert format_datetime("2026-12-08 14:05:00", "vi") == "Thứ Ba, 08/12/2026 14:05"


def test_utc_timestamps_read_in_hanoi_time() -> None:
    assert format_timestamp("2026-12-01T20:49:30Z", "en") == "Wed 2 Dec 2026 03:49"
    assert format_timestamp("2026-12-01T10:49:30Z", "vi") == "Thứ Ba, 01/12/2026 17:49"
    assert format_timestamp("", "vi") == ""
