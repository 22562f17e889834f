"""Dates as people write them in each interface language (pure).

English: "Tue 8 Dec 2026"; Vietnamese: "Thứ Ba, 08/12/2026". A small formatter over
fixed tables rather than a locale library: two languages, one format each.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

#: Short English weekday (Monday first) and month names.
EN_WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_MONTHS: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: The time zone times are shown in (every trip is in Hanoi).
LOCAL_ZONE = "Asia/Ho_Chi_Minh"
#: Vietnamese weekday names (Monday first).
VI_WEEKDAYS: tuple[str, ...] = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def as_date(value: dt.date | str) -> dt.date | None:
    """Return ``value`` as a date (an ISO date or datetime text is read); ``None`` if it is none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_date(value: dt.date | str, language: str) -> str:
    """Return the date with its weekday in ``language``'s usual form; text that is no date as it is.

    Examples
    --------
    >>> format_date("2026-12-08", "en")
    'Tue 8 Dec 2026'
    >>> format_date("2026-12-08", "vi")
    'Thứ Ba, 08/12/2026'
    """
    date = as_date(value)
    if date is None:
        return str(value)
    if language == "vi":
        return f"{VI_WEEKDAYS[date.weekday()]}, {date:%d/%m/%Y}"
    return f"{EN_WEEKDAYS[date.weekday()]} {date.day} {EN_MONTHS[date.month - 1]} {date.year}"


def format_datetime(value: dt.datetime | str, language: str) -> str:
    """Return a date and time ("Tue 8 Dec 2026 14:05" / "Thứ Ba, 08/12/2026 14:05"); other text as it is."""
    if isinstance(value, dt.datetime):
        return f"{format_date(value.date(), language)} {value:%H:%M}"
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{format_date(parsed.date(), language)} {parsed:%H:%M}"


def format_timestamp(value: str | dt.datetime, language: str) -> str:
    """Return a UTC timestamp ("2026-12-01T10:49:30Z") as Hanoi's local date and time in ``language``."""
    try:
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return format_datetime(moment.astimezone(ZoneInfo(LOCAL_ZONE)).replace(tzinfo=None), language)
