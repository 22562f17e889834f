"""Plans follow the calendar: market days draw Chuông, Tết closes the workshops, shows start on time."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pytest

import geodata
from planner.clock import clock_minutes
from planner.itinerary import Plan, parse_plan_request, plan_to_dict, plan_trip
from planner.routing.router import Router

SHOW_TIMES = ("15:00", "16:10", "17:20", "18:30", "20:00")


@pytest.fixture(scope="module")
def places() -> gpd.GeoDataFrame:
    """The bundled places (real villages, real hours)."""
    return geodata.load_places()


@pytest.fixture(scope="module")
def router() -> Router:
    """The estimate-only router: straight-line times, no road data needed."""
    return Router("motorbike", None)


def _plan(places: gpd.GeoDataFrame, router: Router, **fields: Any) -> Plan:
    request = parse_plan_request({"start": "hoan-kiem-lake", **fields}, places=places)
    return plan_trip(request, places=places, router=router, time_limit_s=3.0)


def _day_of(plan: Plan, place_id: str) -> int | None:
    return next((k for k, day in enumerate(plan.days) for stop in day.stops if stop.id == place_id), None)


@pytest.mark.parametrize(("date", "market_day"), [
    ("2027-01-06", 1),  # 7 Jan 2027 is lunar 30/11: a market day
    ("2027-01-09", 2),  # 11 Jan 2027 is lunar 4/12
    ("2027-01-11", 0),
])
def test_a_three_day_trip_visits_chuong_on_its_market_day(places: gpd.GeoDataFrame, router: Router,
                                                          date: str, market_day: int) -> None:
    plan = _plan(places, router, days=3, date=date, interests="conical_hats", day_start="04:00")
    assert _day_of(plan, "chuong") == market_day
    stop = next(stop for stop in plan.days[market_day].stops if stop.id == "chuong")
    texts = [reason.text() for reason in stop.why]
    assert "market day" in texts and "held 04:00-06:00" in texts  # the market is early in the morning
    assert [event["kind"] for event in stop.events] == ["market"]
    assert stop.events[0]["start"] == "04:00" and stop.events[0]["source"].startswith("https://")
    assert plan.checker_findings == ()
    data = plan_to_dict(plan)
    assert data["days"][market_day]["stops"][[s["id"] for s in data["days"][market_day]["stops"]].index("chuong")][
        "events"][0]["lunar_date"].endswith(("-04", "-10", "-14", "-20", "-24", "-30"))
    assert stop.start_min <= clock_minutes("06:00", field="end")


def test_a_visit_after_the_market_is_an_ordinary_visit(places: gpd.GeoDataFrame, router: Router) -> None:
    """Days starting at 08:00 cannot reach Chuông's 04:00-06:00 market: no market value, no market reason."""
    plan = _plan(places, router, days=1, date="2027-01-07", interests="conical_hats")
    stop = next(stop for stop in plan.days[0].stops if stop.id == "chuong")
    texts = [reason.text() for reason in stop.why]
    assert "market day" not in texts and "held 04:00-06:00" not in texts
    assert [event["kind"] for event in stop.events] == ["market"]  # the day's event is still listed
    early = _plan(places, router, days=1, date="2027-01-07", interests="conical_hats", day_start="04:00")
    assert early.score > plan.score  # the market visit is worth more than the late one
    assert plan.checker_findings == () and early.checker_findings == ()


def test_on_the_first_day_of_tet_the_workshops_are_closed_and_say_why(places: gpd.GeoDataFrame,
                                                                      router: Router) -> None:
    plan = _plan(places, router, days=1, date="2027-02-06", interests="ceramics,conical_hats")
    villages = set(places.index[places["kind"] == "village"])
    assert not villages & {stop.id for stop in plan.days[0].stops}
    assert plan.days[0].stops  # sights stay open
    left_out = {item.id: item for item in plan.unvisited}
    for village in ("bat-trang", "chuong", "kim-lan"):
        assert left_out[village].reason == "closed"
        assert "Tet" in left_out[village].detail and "Nghỉ Tết" in left_out[village].detail
        assert "lunar 1/1" in left_out[village].detail


def test_after_tet_the_villages_open_again(places: gpd.GeoDataFrame, router: Router) -> None:
    plan = _plan(places, router, days=1, date="2027-02-09", interests="ceramics")
    assert "bat-trang" in {stop.id for stop in plan.days[0].stops}


def test_a_show_starts_at_a_published_session_time(places: gpd.GeoDataFrame, router: Router) -> None:
    plan = _plan(places, router, days=1, date="2027-03-02", must="thang-long-water-puppet-theatre",
                 day_end="21:00")
    stop = next(stop for stop in plan.days[0].stops if stop.id == "thang-long-water-puppet-theatre")
    assert stop.start_min in {clock_minutes(t, field="t") for t in SHOW_TIMES}
    assert any(reason.text().startswith("session at ") for reason in stop.why)
    assert stop.visit_min == stop.typical_min  # a show is not shortened
    assert plan.checker_findings == ()
