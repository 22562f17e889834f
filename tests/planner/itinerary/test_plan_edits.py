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
