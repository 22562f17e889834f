"""Trip plans: real opening hours, must-visit places, reasons, JSON shape, Hanoi end to end."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import pytest

from geodata.hours import open_intervals, parse_opening_hours
from planner import settings
from planner.itinerary import Plan, parse_plan_request, plan_to_dict, plan_trip
from planner.routing.router import Router

CLOCK = re.compile(r"^\d{2}:\d{2}$")



def _plan(places: gpd.GeoDataFrame, router: Router, **fields: Any) -> Plan:
    request = parse_plan_request({"start": "hoan-kiem-lake", "date": "2026-12-07", **fields}, places=places)
    return plan_trip(request, places=places, router=router, time_limit_s=5.0)


def assert_plan_keeps_the_rules(plan: Plan, places: gpd.GeoDataFrame) -> None:
    """Re-derive every rule from the data: hours on that date, visit length, travel, lunch, day end."""
    request = plan.request
    assert plan.checker_findings == ()
    for day in plan.days:
        assert len(day.stops) <= request.max_stops
        assert day.leave_min >= request.day_start_min and day.back_min <= request.day_end_min
        clock = day.leave_min
        for stop, leg in zip(day.stops, day.legs, strict=False):
            assert stop.arrive_min >= clock + math.ceil(leg.duration_s / 60 - 1e-9) - 1e-6
            row = places.loc[stop.id]
            hours = open_intervals(parse_opening_hours(row["opening_hours"]), day.date)
            assert any(o <= stop.start_min and stop.start_min + stop.visit_min <= c for o, c in hours), stop
            typical = round(row["visit_min"] * request.visit_factor)
            shortest = round(row["visit_short_min"] * request.visit_factor) if row["visit_short_min"] else typical
            assert stop.typical_min == typical and shortest <= stop.visit_min <= typical
            assert stop.depart_min >= stop.start_min + stop.visit_min
            clock = stop.depart_min
        assert day.back_min >= clock + math.ceil(day.legs[-1].duration_s / 60 - 1e-9) - 1e-6
        if request.lunch_min:
            assert day.lunch is not None
            assert request.lunch_start_min <= day.lunch.start_min <= request.lunch_end_min
            assert day.lunch.end_min - day.lunch.start_min == request.lunch_min
            for stop in day.stops:  # lunch overlaps a visit only when inside a long one, at that stop
                apart = day.lunch.end_min <= stop.start_min or day.lunch.start_min >= stop.start_min + stop.visit_min
                inside = stop.start_min <= day.lunch.start_min and day.lunch.end_min <= stop.start_min + stop.visit_min
                on_site = inside and stop.visit_min >= settings.LUNCH_DURING_VISIT_MIN and day.lunch.at_id == stop.id
                assert apart or (on_site and day.lunch.on_site)


def test_interests_bring_the_matching_villages(places: gpd.GeoDataFrame, router: Router) -> None:
    plan = _plan(places, router, days=2, interests="ceramics,silk")
    visited = {stop.id for day in plan.days for stop in day.stops}
    assert {"bat-trang", "van-phuc"} <= visited
    assert_plan_keeps_the_rules(plan, places)
    assert plan.estimated  # the estimate-only router labels every leg
    assert plan.score == pytest.approx(plan_value(plan, places))


def plan_value(plan: Plan, places: gpd.GeoDataFrame) -> float:
    """Recompute a plan's value from its stops: visit lengths and the day's festival or market, then each
    group's decay by rank."""
    from planner.itinerary.value import SIGHTS, place_value

    groups: dict[str, list[float]] = {}
    for stop in (stop for day in plan.days for stop in day.stops):
        value = place_value(places.loc[stop.id], plan.request.interests)
        worth = value.score * (stop.visit_min / stop.typical_min) ** settings.VISIT_VALUE_EXPONENT
        kinds = [event["kind"] for event in stop.events if _starts_within(stop.start_min, event)]
        worth *= next((settings.EVENT_VALUE_FACTOR[kind] for kind in ("festival", "market") if kind in kinds), 1.0)
        groups.setdefault(str(value.group), []).append(worth)
    return sum(
        worth * (settings.SIGHT_DECAY if group == SIGHTS else settings.CRAFT_DECAY) ** rank
        for group, worths in groups.items() for rank, worth in enumerate(sorted(worths, reverse=True))
    )


def _starts_within(start_min: float, event: Mapping[str, Any]) -> bool:
    """Return whether a visit starting at ``start_min`` is within the event's hours (all day without)."""
    if not event.get("start") or not event.get("end"):
        return True
    hours = [int(str(event[key])[:2]) * 60 + int(str(event[key])[3:5]) for key in ("start", "end")]
    return hours[0] - 0.5 <= start_min <= hours[1] + 0.5


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


def test_lunch_is_named_when_it_is_what_keeps_a_place_out(places: gpd.GeoDataFrame, router: Router) -> None:
    fields = {"days": 1, "day_start": "09:00", "day_end": "13:00", "pace": "relaxed", "must": "bat-trang"}
    without = _plan(places, router, **fields, lunch_min=0)
    assert "bat-trang" in {stop.id for stop in without.days[0].stops}
    plan = _plan(places, router, **fields)
    item = next(item for item in plan.unvisited if item.id == "bat-trang")
    assert item.reason == "lunch" and "60 min lunch break" in item.detail
    there, visit, back = (int(n) for n in re.findall(r"(\d+) min (?:there|visit|back)", item.detail))
    assert visit == round(120 * 1.3) and there + visit + back <= 240 < there + visit + back + 60


def test_opening_hours_are_named_when_the_place_closes_first(places: gpd.GeoDataFrame, router: Router) -> None:
    plan = _plan(places, router, days=1, day_start="16:30", day_end="20:00", lunch_min=0,
                 must="temple-of-literature")
    item = next(item for item in plan.unvisited if item.id == "temple-of-literature")
    assert item.reason == "opening hours" and item.must
    assert "after the last start of the 60 min visit (16:00) before closing at 17:00" in item.detail
    assert "opening hours" in plan.warnings[0]


def test_too_far_figures_exceed_the_day(places: gpd.GeoDataFrame, router: Router) -> None:
    plan = _plan(places, router, days=1, day_start="08:00", day_end="09:30", must="van-phuc", lunch_min=0)
    item = next(item for item in plan.unvisited if item.id == "van-phuc")
    there, visit, back, total, day = (int(n) for n in re.findall(r"(\d+) min", item.detail)[:5])
    assert there + visit + back == total > day == 90


def test_a_long_visit_hosts_lunch_on_site(
    places: gpd.GeoDataFrame, router: Router, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_visit = places.copy()
    long_visit.loc["bat-trang", "visit_min"] = 300
    fields = {"start": "hoan-kiem-lake", "date": "2026-12-07", "day_end": "15:00", "must": "bat-trang"}
    request = parse_plan_request(fields, places=long_visit)
    plan = plan_trip(request, places=long_visit, router=router, time_limit_s=2.0)
    (day,) = plan.days
    assert "bat-trang" in {stop.id for stop in day.stops}
    assert day.lunch is not None and day.lunch.on_site and day.lunch.at_id == "bat-trang"
    assert_plan_keeps_the_rules(plan, long_visit)
    assert plan_to_dict(plan)["days"][0]["lunch"]["on_site"] is True
    monkeypatch.setattr(settings, "LUNCH_DURING_VISIT_MIN", 301.0)
    plan = plan_trip(request, places=long_visit, router=router, time_limit_s=2.0)
    item = next(item for item in plan.unvisited if item.id == "bat-trang")
    assert item.reason == "lunch" and "only visits of 301 min or more host lunch on site" in item.detail


def test_lunch_outside_the_day_is_a_warning(places: gpd.GeoDataFrame, router: Router) -> None:
    plan = _plan(places, router, days=2, lunch_start="06:00", lunch_end="07:00")
    assert all(day.lunch is None for day in plan.days)
    lunch_warnings = [warning for warning in plan.warnings if warning.startswith("lunch on day")]
    assert len(lunch_warnings) == 2
    assert "lunch on day 1 (2026-12-07) could not be placed: a 60 min lunch starting 06:00-07:00" in lunch_warnings[0]
    assert _plan(places, router, days=1, lunch_min=0).warnings == ()


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
    from planner.routing.router import get_router

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


def test_a_destination_matches_interests_through_its_other_crafts(places: gpd.GeoDataFrame) -> None:
    from planner.itinerary.value import place_values

    museum = places.copy()
    museum.at["ethnology-museum", "other_crafts"] = ["ceramics"]
    request = parse_plan_request({"start": "hoan-kiem-lake", "interests": "ceramics,silk"}, places=museum)
    values = dict(zip(museum.index, place_values(museum, request.interests), strict=True))
    # a museum of a requested craft is part of that craft: same group, less than a village of it
    assert values["ethnology-museum"].group == values["bat-trang"].group == "ceramics"
    assert values["ethnology-museum"].score == settings.CRAFT_MUSEUM_SCORE < values["bat-trang"].score
    assert values["chuong"].group == "silk" and values["chuong"].score == settings.CRAFT_SIDE_SCORE
    assert values["night-market"].score == settings.UNRELATED_SCORE and not values["night-market"].related


@pytest.mark.slow
@pytest.mark.parametrize(("fields", "expected"), [
    ({"interests": "ceramics,silk"}, {"bat-trang", "van-phuc"}),
    ({"interests": "nón lá"}, {"chuong"}),
    ({"interests": "mother_of_pearl,lacquer", "mode": "car"}, {"chuyen-my"}),
])
def test_a_craft_lover_gets_the_flagship_villages(fields: dict[str, str], expected: set[str]) -> None:
    """One day from the Old Quarter, 08:00-17:00, on real roads: the flagship of each requested craft."""
    from geodata import load_places
    from planner.routing.router import get_router

    places = load_places()
    request = parse_plan_request(
        {"start": "Old Quarter", "days": 1, "date": "2026-12-08", "day_end": "17:00", **fields}, places=places)
    plan = plan_trip(request, places=places, router=get_router(request.mode))
    visited = {stop.id for day in plan.days for stop in day.stops}
    assert expected <= visited
    assert_plan_keeps_the_rules(plan, places)
    assert plan.score == pytest.approx(plan_value(plan, places))


@pytest.mark.slow
def test_a_visit_ends_before_a_lunch_taken_after_it_at_the_same_place() -> None:
    """The QA case: lunch after the Museum of Ethnology visit is not part of the visit."""
    from geodata import load_places
    from planner.routing.router import get_router

    everything = load_places()
    router = get_router("motorbike")
    lunches_after_a_visit = 0
    later_lunch, earlier_lunch = {"lunch_start": "12:00", "lunch_end": "13:30"}, {"lunch_start": "11:30", "lunch_end": "12:30"}
    scenarios = [{"must": must} for must in ("vietnam-museum-of-ethnology", "temple-of-literature", "van-phuc")]
    scenarios += [{"must": "vietnam-museum-of-ethnology", "interests": "silk"},
                  {"must": "vietnam-museum-of-ethnology", **later_lunch}, {"must": "van-phuc", **earlier_lunch}]
    for fields in scenarios:
        plan = _plan(everything, router, start="hoan-kiem-lake", days=2, date="2026-12-07", **fields)
        assert plan.checker_findings == ()
        for day in plan_to_dict(plan)["days"]:
            lunch = day["lunch"]
            for stop in day["stops"]:
                start_h, start_m = map(int, stop["start"].split(":"))
                end_h, end_m = map(int, stop["visit_end"].split(":"))
                assert (end_h * 60 + end_m) - (start_h * 60 + start_m) == stop["visit_min"]
                assert stop["visit_end"] <= stop["depart"]
                if lunch and lunch["at"] == stop["id"] and not lunch["on_site"] and lunch["start"] >= stop["start"]:
                    lunches_after_a_visit += 1
                    assert lunch["start"] >= stop["visit_end"], (stop, lunch)
                    assert stop["depart"] == lunch["end"]
    assert lunches_after_a_visit > 0, "no scenario put lunch after a visit: the test checks nothing"


@pytest.mark.slow
def test_a_plan_leaving_in_the_morning_peak_takes_longer_to_its_first_stop_and_says_so() -> None:
    """Hoan Kiem Lake -> Vạn Phúc on real roads: leaving 07:30 (peak) against 09:30 (midday)."""
    from geodata import load_places
    from planner.cli.plan import day_lines
    from planner.routing.router import get_router

    places = load_places()
    router = get_router("motorbike")
    if not router.routed:
        pytest.skip("no road data")
    days = {}
    for start in ("07:30", "09:30"):
        request = parse_plan_request({"start": "Hoan Kiem Lake", "days": 1, "date": "2026-12-07", "day_start": start,
                                      "candidates": "van-phuc", "lunch_min": 0}, places=places)
        plan = plan_trip(request, places=places, router=router)
        assert plan.checker_findings == ()
        assert_plan_keeps_the_rules(plan, places)
        days[start] = plan.days[0]
    peak, midday = days["07:30"], days["09:30"]
    assert [stop.id for stop in peak.stops] == [stop.id for stop in midday.stops] == ["van-phuc"]
    assert peak.legs[0].band == "morning_peak" and midday.legs[0].band == "midday"
    peak_min = peak.stops[0].arrive_min - peak.leave_min
    midday_min = midday.stops[0].arrive_min - midday.leave_min
    assert peak_min > 1.2 * midday_min
    assert peak.legs[0].duration_s > 1.2 * midday.legs[0].duration_s
    assert "(morning peak)" in day_lines(peak)[0] and "(midday)" in day_lines(midday)[0]
    assert plan_to_dict(plan)["days"][0]["legs"][0]["band"] == "midday"
