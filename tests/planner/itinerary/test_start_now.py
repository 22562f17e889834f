"""A plan for today starts from now in Hanoi, rounded up, never in the past; later days at the day start."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import geopandas as gpd
import pytest

from planner.clock import local_now
from planner.itinerary import parse_plan_request, plan_to_dict, plan_trip
from planner.routing.router import Router

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, 7, hour, minute, second, tzinfo=HANOI)


def _parse(places: gpd.GeoDataFrame, now: dt.datetime, **fields: Any) -> Any:
    return parse_plan_request({"start": "hoan-kiem-lake", **fields}, places=places, now=now)


@pytest.mark.parametrize(("now", "opens"), [
    (_at(12, 53), 13 * 60),
    (_at(12, 45), 12 * 60 + 45),
    (_at(12, 45, 30), 13 * 60),
    (_at(7, 10), 8 * 60),  # before the day start: the day start
])
def test_today_starts_from_now_rounded_up(places: gpd.GeoDataFrame, now: dt.datetime, opens: int) -> None:
    request = _parse(places, now, days=2)
    assert request.date == dt.date(2026, 12, 7)
    assert request.day_open_min(0) == opens and request.day_open_min(1) == 8 * 60


def test_a_chosen_day_start_or_date_is_kept(places: gpd.GeoDataFrame) -> None:
    assert _parse(places, _at(12, 53), day_start="09:00").day_open_min(0) == 9 * 60
    assert _parse(places, _at(12, 53), date="2026-12-08").day_open_min(0) == 8 * 60
    # a date chosen, even today's, is planned from the day start (a trip planned ahead)
    assert _parse(places, _at(17, 50), date="2026-12-07").day_open_min(0) == 8 * 60


def test_after_the_day_a_plan_without_date_is_for_tomorrow(places: gpd.GeoDataFrame) -> None:
    request = _parse(places, _at(17, 50))
    assert request.date == dt.date(2026, 12, 8) and request.day_open_min(0) == 8 * 60


def test_the_plan_of_today_leaves_after_now(places: gpd.GeoDataFrame) -> None:
    request = _parse(places, _at(12, 53), days=2, interests="ceramics,silk")
    plan = plan_trip(request, places=places, router=Router("motorbike", None), time_limit_s=3.0)
    assert plan.days[0].leave_min >= 13 * 60
    assert all(stop.arrive_min >= 13 * 60 for stop in plan.days[0].stops)
    assert plan.days[1].leave_min >= 8 * 60 and plan.checker_findings == ()
    assert not any(warning.startswith("lunch on day 1") for warning in plan.warnings)  # 13:00 still has lunch
    assert plan_to_dict(plan)["request"]["first_day_start"] == "13:00"


def test_a_plan_of_today_after_lunch_warns_of_no_lunch(places: gpd.GeoDataFrame) -> None:
    request = _parse(places, _at(14, 20))
    plan = plan_trip(request, places=places, router=Router("motorbike", None), time_limit_s=3.0)
    assert plan.days[0].leave_min >= 14 * 60 + 30 and plan.days[0].lunch is None
    assert plan.warnings == ()


def test_now_is_hanoi_time() -> None:
    assert local_now("Asia/Ho_Chi_Minh").utcoffset() == dt.timedelta(hours=7)
