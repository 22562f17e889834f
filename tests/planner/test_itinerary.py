"""Trip plans: real opening hours, must-visit places, reasons, JSON shape, Hanoi end to end."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import geopandas as gpd
import pytest
from trip_places import trip_places

from geodata.hours import open_intervals, parse_opening_hours
from planner.itinerary import Plan, parse_plan_request, plan_to_dict, plan_trip
from planner.router import Router

CLOCK = re.compile(r"^\d{2}:\d{2}$")


@pytest.fixture(scope="module")
def places() -> gpd.GeoDataFrame:
    return trip_places()


@pytest.fixture(scope="module")
def router() -> Router:
    """The estimate-only router: straight-line times, no road data needed."""
    return Router("motorbike", None)


def _plan(places: gpd.GeoDataFrame, router: Router, **fields: Any) -> Plan:
    request = parse_plan_request({"start": "hoan-kiem-lake", "date": "2026-12-07", **fields}, places=places)
    return plan_trip(request, places=places, router=router, time_limit_s=5.0)


def assert_plan_keeps_the_rules(plan: Plan, places: gpd.GeoDataFrame) -> None:
    """Re-derive every rule from the data: hours on that date, visit length, travel, lunch, day end."""
    request = plan.request
    for day in plan.days:
        assert len(day.stops) <= request.max_stops
        assert day.leave_min >= request.day_start_min and day.back_min <= request.day_end_min
        clock = day.leave_min
        for stop, leg in zip(day.stops, day.legs, strict=False):
            assert stop.arrive_min >= clock + math.ceil(leg.duration_s / 60 - 1e-9) - 1e-6
            row = places.loc[stop.id]
            hours = open_intervals(parse_opening_hours(row["opening_hours"]), day.date)
            assert any(o <= stop.start_min and stop.start_min + stop.visit_min <= c for o, c in hours), stop
            assert stop.visit_min == round(row["visit_min"] * request.visit_factor)
            assert stop.depart_min >= stop.start_min + stop.visit_min
            clock = stop.depart_min
        assert day.back_min >= clock + math.ceil(day.legs[-1].duration_s / 60 - 1e-9) - 1e-6
        if request.lunch_min:
            assert day.lunch is not None
            assert request.lunch_start_min <= day.lunch.start_min <= request.lunch_end_min
            assert day.lunch.end_min - day.lunch.start_min == request.lunch_min
            for stop in day.stops:  # lunch never overlaps a visit
                assert day.lunch.end_min <= stop.start_min or day.lunch.start_min >= stop.start_min + stop.visit_min


def test_interests_bring_the_matching_villages(places: gpd.GeoDataFrame, router: Router) -> None:
    plan = _plan(places, router, days=2, interests="ceramics,silk")
    visited = {stop.id for day in plan.days for stop in day.stops}
    assert {"bat-trang", "van-phuc"} <= visited
    assert_plan_keeps_the_rules(plan, places)
    assert plan.estimated  # the estimate-only router labels every leg
    assert plan.score == pytest.approx(sum(s.score for d in plan.days for s in d.stops))


def test_closed_places_are_left_out_with_the_reason(places: gpd.GeoDataFrame, router: Router) -> None:
    """2026-12-07 is a Monday: the museum and the weekend night market are closed."""
    plan = _plan(places, router, days=1, pace="packed")
    reasons = {item.id: item.reason for item in plan.unvisited}
    assert reasons["ethnology-museum"] == "closed" and reasons["night-market"] == "closed"
    assert_plan_keeps_the_rules(plan, places)
    friday = _plan(places, router, days=1, date="2026-12-11", day_end="23:00", candidates="night-market")
    assert [stop.id for stop in friday.days[0].stops] == ["night-market"]


def test_split_opening_hours_are_respected(places: gpd.GeoDataFrame, router: Router) -> None:
    """The museum opens 08:30-12:00 and 13:30-17:30; a 2-hour visit fits only the afternoon after 10:00."""
    plan = _plan(places, router, days=1, date="2026-12-08", day_start="10:00", candidates="ethnology-museum",
                 lunch_min=0)
    (stop,) = plan.days[0].stops
    assert stop.start_min >= 13 * 60 + 30
    assert_plan_keeps_the_rules(plan, places)


def test_must_visit_is_included_and_impossible_must_is_explained(
    places: gpd.GeoDataFrame, router: Router
) -> None:
    free = _plan(places, router, days=1, interests="ceramics,silk")
    assert "quang-phu-cau" not in {s.id for s in free.days[0].stops}
    forced = _plan(places, router, days=1, interests="ceramics,silk", must="quang-phu-cau")
    assert "quang-phu-cau" in {s.id for s in forced.days[0].stops}
    assert forced.warnings == ()
    assert_plan_keeps_the_rules(forced, places)
    blocked = _plan(places, router, days=1, must="night-market,quang-phu-cau")
    (item,) = [item for item in blocked.unvisited if item.must]
    assert (item.id, item.reason) == ("night-market", "closed")
    assert "night-market" in blocked.warnings[0] and "closed" in blocked.warnings[0]


def test_too_far_for_a_short_day(places: gpd.GeoDataFrame, router: Router) -> None:
    plan = _plan(places, router, days=1, day_start="08:00", day_end="09:30", must="van-phuc", lunch_min=0)
    item = next(item for item in plan.unvisited if item.id == "van-phuc")
    assert item.reason == "too far" and item.must
    assert "90 min day" in item.detail


def test_pace_changes_stops_per_day(places: gpd.GeoDataFrame, router: Router) -> None:
    relaxed = _plan(places, router, days=1, pace="relaxed", day_end="20:00")
    packed = _plan(places, router, days=1, pace="packed", day_end="20:00")
    assert len(relaxed.days[0].stops) <= 3 < len(packed.days[0].stops)
    reasons = {item.id: item.reason for item in relaxed.unvisited}
    assert reasons["night-market"] == "closed"  # a Monday
    assert "no time" in reasons.values()  # open and reachable, but the day holds three stops
    assert_plan_keeps_the_rules(relaxed, places)
    assert_plan_keeps_the_rules(packed, places)


def test_json_shape_and_repeatability(places: gpd.GeoDataFrame, router: Router) -> None:
    document = plan_to_dict(_plan(places, router, days=2, interests="silk"))
    assert json.loads(json.dumps(document, ensure_ascii=False)) == document
    assert {"score", "days", "unvisited", "estimated"} <= set(document)
    for day in document["days"]:
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", day["date"])
        assert len(day["legs"]) == len(day["stops"]) + 1
        for stop in day["stops"]:
            assert {"id", "name", "lat", "lon", "arrive", "start", "depart"} <= set(stop)
            assert all(CLOCK.match(stop[key]) for key in ("arrive", "start", "depart"))
        for leg in day["legs"]:
            assert {"from", "to", "distance_m", "duration_s"} <= set(leg) and "geometry" not in leg
        assert day["lunch"] is None or CLOCK.match(day["lunch"]["start"])
    assert all({"id", "reason"} <= set(item) for item in document["unvisited"])
    assert plan_to_dict(_plan(places, router, days=2, interests="silk")) == document


@pytest.mark.slow
def test_hanoi_request_with_real_roads() -> None:
    """Start at Hoan Kiem Lake, 2 days, ceramics and silk: Bát Tràng and Vạn Phúc are in the plan."""
    from geodata import load_places
    from planner.router import get_router

    places = load_places()
    request = parse_plan_request(
        {"start": "Hoan Kiem Lake", "days": 2, "date": "2026-12-07", "interests": "ceramics,silk"}, places=places
    )
    router = get_router("motorbike")
    plan = plan_trip(request, places=places, router=router, geometry=True)
    names = {stop.name for day in plan.days for stop in day.stops}
    assert {"Bát Tràng", "Vạn Phúc"} <= names
    assert_plan_keeps_the_rules(plan, places)
    if router.routed:
        assert any(not leg.estimated for day in plan.days for leg in day.legs)
    assert all(len(leg.geometry) >= 2 for day in plan.days for leg in day.legs)
