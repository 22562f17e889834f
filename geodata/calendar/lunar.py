"""Dates of the Vietnamese lunar calendar, converted with the maintained ``lunar-vn`` library.

The Vietnamese calendar follows Hồ Ngọc Đức's astronomical rules on the meridian of
UTC+7, which puts some new moons on another day than the Chinese calendar (UTC+8): Tết
fell on 17 February 2007 in Vietnam but 18 February in China. ``lunar-vn`` implements
those rules with the Vietnamese time zone; this module wraps it in one frozen type.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import lunar_vn

from ..errors import CraftRouteError

#: Time zone of the Vietnamese calendar, in hours east of UTC.
VIETNAM_UTC_OFFSET_H = 7.0
#: Years the conversion supports (those of ``lunar-vn``).
YEAR_RANGE: tuple[int, int] = lunar_vn.SUPPORTED_YEAR_RANGE
_TEXT = re.compile(r"^(\d{4})-(\d{2})(L?)-(\d{2})$")


@dataclass(frozen=True, order=True)
class LunarDate:
    """A day of the Vietnamese lunar calendar.

    Attributes
    ----------
    year, month, day
        Lunar year (the Gregorian year in which it starts), month 1-12, day 1-30.
    leap
        Whether the month is the leap (intercalary) repeat of ``month``.
    """

    year: int
    month: int
    day: int
    leap: bool = False

    def __str__(self) -> str:
        """Return the date as ``YYYY-MM-DD``, with ``L`` after a leap month (``2025-06L-01``)."""
        return f"{self.year:04d}-{self.month:02d}{'L' if self.leap else ''}-{self.day:02d}"

    @property
    def text_vi(self) -> str:
        """Return the date as Vietnamese write it: ``14/2 ÂL``, ``1/6 nhuận ÂL``."""
        return f"{self.day}/{self.month}{' nhuận' if self.leap else ''} ÂL"

    @property
    def text_en(self) -> str:
        """Return the date in English: ``lunar 14/2``, ``lunar 1/6 (leap)``."""
        return f"lunar {self.day}/{self.month}{' (leap)' if self.leap else ''}"


def to_lunar(date: dt.date) -> LunarDate:
    """Return the Vietnamese lunar date of the solar ``date``.

    Raises
    ------
    CraftRouteError
        If ``date`` lies outside :data:`YEAR_RANGE` (field ``date``).
    """
    _check_year(date.year, "date")
    found = lunar_vn.solar_to_lunar(date, time_zone=VIETNAM_UTC_OFFSET_H)
    return LunarDate(found.year, found.month, found.day, bool(found.leap))


def to_solar(lunar: LunarDate) -> dt.date:
    """Return the solar date of ``lunar``.

    Raises
    ------
    CraftRouteError
        If no such day exists: a month that is not leap that year, or day 30 of a
        29-day month (field ``lunar_date``).
    """
    _check_year(lunar.year, "lunar_date")
    try:
        solar = lunar_vn.convert_lunar_to_solar(lunar.day, lunar.month, lunar.year, 1 if lunar.leap else 0,
                                                time_zone=VIETNAM_UTC_OFFSET_H)
    except ValueError:
        raise CraftRouteError("lunar_date", f"{lunar} does not exist (no such leap month that year)") from None
    if to_lunar(solar) != lunar:
        # the library ignores the leap flag in a year without that leap month, and rolls
        # day 30 of a 29-day month into the next month: tell the two apart by the month's first day
        first = lunar_vn.convert_lunar_to_solar(1, lunar.month, lunar.year, 1 if lunar.leap else 0,
                                                time_zone=VIETNAM_UTC_OFFSET_H)
        if to_lunar(first).leap != lunar.leap:
            raise CraftRouteError("lunar_date", f"{lunar} does not exist (no leap month {lunar.month} that year)")
        raise CraftRouteError("lunar_date", f"{lunar} does not exist (that month has 29 days)")
    return solar


def parse_lunar(text: str, *, field: str = "lunar_date") -> LunarDate:
    """Return the :class:`LunarDate` written as ``YYYY-MM-DD`` or ``YYYY-MML-DD`` (leap month)."""
    match = _TEXT.match(str(text).strip())
    if not match:
        raise CraftRouteError(field, f"must be a lunar date YYYY-MM-DD (YYYY-MML-DD in a leap month), got {text!r}")
    year, month, leap, day = int(match[1]), int(match[2]), bool(match[3]), int(match[4])
    if not (1 <= month <= 12 and 1 <= day <= 30):
        raise CraftRouteError(field, f"month must be 1-12 and day 1-30, got {text!r}")
    return LunarDate(year, month, day, leap)


def _check_year(year: int, field: str) -> None:
    low, high = YEAR_RANGE
    if not low <= year <= high:
        raise CraftRouteError(field, f"year must be between {low} and {high}, got {year}")
