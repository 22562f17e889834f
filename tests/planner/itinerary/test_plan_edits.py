"""A traveller's edits of a plan: exclude, keep on a day, only these places (request and plan)."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pytest

from geodata.errors import CraftRouteError
from planner.itinerary import Plan, parse_plan_request, plan_to_dict, plan_trip
from planner.routing.router import Router

ONLY_THESE = ("son-dong", "chuyen-my", "chuong")


def _request(places: gpd.GeoDataFrame, **fields: Any) -> Any:
    return parse_plan_request({"start": "hoan-kiem-lake", "date": "2026-12-07", **fields}, places=places)


def _plan(places: gpd.GeoDataFrame, router: Router, **fields: Any) -> Plan:
    return plan_trip(_request(places, **fields), places=places, router=router, time_limit_s=5.0)


def _visits(plan: Plan) -> dict[str, int]:
    return {stop.id: number for number, day in enumerate(plan.days, start=1) for stop in day.stops}


@pytest.mark.parametrize("keep", [
    [{"id": "bat-trang", "day": 2}],
    ["bat-trang@2"],
    "bat-trang@2",
    [{"id": "bat-trang", "day": "2"}],
])
def test_keep_is_read_from_json_objects_and_id_at_day_texts(places: gpd.GeoDataFrame, keep: Any) -> None:
    assert _request(places, days=2, keep=keep).keep == (("bat-trang", 2),)


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"keep": [{"id": "nowhere", "day": 1}]}, "keep", "no place with id 'nowhere'"),
    ({"keep": [{"id": "bat-trang", "day": 3}]}, "keep", "must be between 1 and 2, got 3"),
    ({"keep": [{"id": "bat-trang", "day": 0}]}, "keep", "must be between 1 and 2, got 0"),
    ({"keep": ["bat-trang"]}, "keep", '"id@day"'),
    ({"exclude": ["nowhere"]}, "exclude", "no place with id 'nowhere'"),
    ({"keep": ["bat-trang@1"], "exclude": "bat-trang"}, "keep", "keep a place or exclude it, not both"),
    ({"must": "bat-trang", "exclude": "bat-trang"}, "exclude", "also a must-visit place"),
    ({"only": "maybe"}, "only", "must be true or false"),
    ({"max_stops": 2, "keep": ["bat-trang@1", "van-phuc@1", "chuong@1"]}, "keep", "more than the 2 stops"),
])
def test_bad_edits_name_their_field(places: gpd.GeoDataFrame, fields: dict[str, Any], field: str,
                                    message: str) -> None:
    with pytest.raises(CraftRouteError, match=message) as caught:
        _request(places, days=2, **fields)
    assert caught.value.field == field
    assert type(caught.value) is CraftRouteError  # 400 in the API, not 404


def test_kept_place_on_its_day_and_excluded_place_left_out(places: gpd.GeoDataFrame, router: Router) -> None:
    plan = _plan(places, router, days=2, interests="ceramics,silk",
                 keep=[{"id": "bat-trang", "day": 2}], exclude=["van-phuc"])
    visits = _visits(plan)
    assert visits["bat-trang"] == 2
    assert "van-phuc" not in visits
    left = {item.id: item for item in plan.unvisited}
    assert left["van-phuc"].reason == "excluded" and left["van-phuc"].detail == "excluded by you"
    assert plan.checker_findings == ()
    request = plan_to_dict(plan)["request"]
    assert request["keep"] == [{"id": "bat-trang", "day": 2}] and request["exclude"] == ["van-phuc"]


def test_kept_place_moves_with_its_day(places: gpd.GeoDataFrame, router: Router) -> None:
    first = _visits(_plan(places, router, days=2, interests="ceramics", keep="bat-trang@1"))
    second = _visits(_plan(places, router, days=2, interests="ceramics", keep="bat-trang@2"))
    assert first["bat-trang"] == 1 and second["bat-trang"] == 2


def test_only_visits_the_chosen_places(router: Router) -> None:
    from geodata.loader import load_places

    bundled = load_places()
    plan = _plan(bundled, router, days=1, must=",".join(ONLY_THESE), only=True)
    assert set(_visits(plan)) == set(ONLY_THESE)
    assert plan.checker_findings == ()


def test_only_with_kept_places(places: gpd.GeoDataFrame, router: Router) -> None:
    plan = _plan(places, router, days=2, must="bat-trang", keep="van-phuc@2", only="true")
    assert _visits(plan) == {"bat-trang": _visits(plan)["bat-trang"], "van-phuc": 2}


def test_too_many_kept_stops_for_the_time_is_an_error(places: gpd.GeoDataFrame, router: Router) -> None:
    # 120 + 90 + 60 min of visits, and the travel, in a 4-hour day
    with pytest.raises(CraftRouteError, match="too many kept stops for the time") as caught:
        _plan(places, router, days=1, day_start="08:00", day_end="12:00", lunch_min=0,
              keep=["bat-trang@1", "van-phuc@1", "quang-phu-cau@1"])
    assert caught.value.field == "keep"


# the order of kept places within a day


@pytest.mark.parametrize("keep", [
    [{"id": "van-phuc", "day": 1, "order": 1}, {"id": "temple-of-literature", "day": 1, "order": 2}],
    ["van-phuc@1#1", "temple-of-literature@1#2"],
    "van-phuc@1#1,temple-of-literature@1#2",
    [{"id": "van-phuc", "day": "1", "order": "1"}, "temple-of-literature@1#2"],
])
def test_keep_order_is_read_from_json_objects_and_id_at_day_hash_texts(places: gpd.GeoDataFrame, keep: Any) -> None:
    request = _request(places, keep=keep)
    assert request.keep == (("van-phuc", 1), ("temple-of-literature", 1))
    assert request.keep_order == (("van-phuc", 1), ("temple-of-literature", 2))


def test_a_place_kept_again_without_order_loses_its_order(places: gpd.GeoDataFrame) -> None:
    request = _request(places, days=2, keep=["van-phuc@1#1", "van-phuc@2", "chuong@1"])
    assert request.keep == (("van-phuc", 2), ("chuong", 1)) and request.keep_order == ()


@pytest.mark.parametrize(("keep", "field", "message"), [
    (["van-phuc@1#1", "chuong@1#1"], "keep[1].order", "'chuong' has order 1 on day 1, as 'van-phuc' has"),
    ([{"id": "van-phuc", "day": 1, "order": 2}, {"id": "chuong", "day": 1, "order": 2}], "keep[1].order",
     "give each place its own order"),
    (["van-phuc@1#0"], "keep[0].order", "must be between 1 and 20, got 0"),
    (["bat-trang@2", "van-phuc@1#first"], "keep[1].order", "must be a whole number from 1 to 20, got 'first'"),
    ([{"id": "van-phuc", "day": 1, "order": 1.5}], "keep[0].order", "must be a whole number"),
    ([{"id": "van-phuc", "day": 1, "rank": 1}], "keep", '"order"'),
])
def test_bad_orders_name_their_item(places: gpd.GeoDataFrame, keep: Any, field: str, message: str) -> None:
    with pytest.raises(CraftRouteError, match=message) as caught:
        _request(places, days=2, keep=keep)
    assert caught.value.field == field


def test_the_same_order_on_two_days_is_fine(places: gpd.GeoDataFrame) -> None:
    request = _request(places, days=2, keep=["van-phuc@1#1", "chuong@2#1"])
    assert request.keep_order == (("van-phuc", 1), ("chuong", 1))


def _order(plan: Plan, day: int = 0) -> list[str]:
    return [stop.id for stop in plan.days[day].stops]


def test_kept_places_come_in_the_order_asked(places: gpd.GeoDataFrame, router: Router) -> None:
    chosen = _plan(places, router, date="2026-12-08", keep=["van-phuc@1", "temple-of-literature@1"])
    first, second = (place for place in _order(chosen) if place in ("van-phuc", "temple-of-literature"))
    assert (first, second) == ("van-phuc", "temple-of-literature")  # what the planner prefers
    plan = _plan(places, router, date="2026-12-08", keep=[f"{second}@1#1", f"{first}@1#2"])
    stops = _order(plan)
    assert stops.index(second) < stops.index(first)
    assert plan.checker_findings == ()
    assert len(stops) == len(set(stops))
    day = plan_to_dict(plan)["days"][0]
    flags = {stop["id"]: (stop["kept"], stop.get("order")) for stop in day["stops"]}
    assert flags[second] == (True, 1) and flags[first] == (True, 2)
    assert all(flags[place] == (False, None) for place in stops if place not in (first, second))
    assert plan_to_dict(plan)["request"]["keep"] == [{"id": second, "day": 1, "order": 1},
                                                      {"id": first, "day": 1, "order": 2}]


def test_an_order_the_opening_hours_rule_out_is_an_error_naming_it(places: gpd.GeoDataFrame,
                                                                   router: Router) -> None:
    # a Tuesday morning to 11:45: the museum (08:30-12:00, 2 h) then the temple (1 h) cannot both fit
    fields = {"date": "2026-12-08", "day_start": "08:00", "day_end": "11:45", "lunch_min": 0}
    fine = _plan(places, router, **fields, keep=["temple-of-literature@1#1", "ethnology-museum@1#2"])
    assert _order(fine) == ["temple-of-literature", "ethnology-museum"]
    with pytest.raises(CraftRouteError, match="cannot be visited in the order asked") as caught:
        _plan(places, router, **fields, keep=["ethnology-museum@1#1", "temple-of-literature@1#2"])
    assert caught.value.field == "keep[0].order"
