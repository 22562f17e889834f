"""Plan requests: every field is validated with a message naming it and the allowed values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import geopandas as gpd
import pytest
from trip_places import trip_places

from geodata.errors import CraftRouteError, NotFoundError
from planner.itinerary import parse_plan_request


@pytest.fixture(scope="module")
def places() -> gpd.GeoDataFrame:
    return trip_places()


def _parse(places: gpd.GeoDataFrame, **fields: Any) -> Any:
    return parse_plan_request({"start": "Hoan Kiem Lake", **fields}, places=places)


def test_defaults_and_text_fields(places: gpd.GeoDataFrame) -> None:
    request = _parse(places, days="2", date="2026-12-07", interests="ceramics, silk", must_see=["van-phuc"])
    assert request.days == 2 and request.dates == [dt.date(2026, 12, 7), dt.date(2026, 12, 8)]
    assert request.interests == ("ceramics", "silk") and request.must == ("van-phuc",)
    assert (request.day_start_min, request.day_end_min) == (8 * 60, 18 * 60)
    assert (request.lunch_start_min, request.lunch_end_min, request.lunch_min) == (660, 810, 60)
    assert request.pace == "normal" and request.max_stops == 5 and request.mode == "motorbike"
    assert request.starts[0].id == "hoan-kiem-lake" and request.ends == request.starts


def test_pace_sets_stops_and_visit_factor(places: gpd.GeoDataFrame) -> None:
    relaxed, packed = _parse(places, pace="relaxed"), _parse(places, pace="packed", max_stops_per_day=6)
    assert relaxed.max_stops < packed.max_stops == 6
    assert relaxed.visit_factor > 1.0 > packed.visit_factor


def test_typed_point_and_per_day_start(places: gpd.GeoDataFrame) -> None:
    request = _parse(places, start=["21.0300,105.8500", "bat-trang"], days=2, end="Van Phuc")
    assert request.starts[0].kind == "point" and request.starts[1].id == "bat-trang"
    assert [end.id for end in request.ends] == ["van-phuc", "van-phuc"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"days": 0}, "days", "between 1 and 14, got 0"),
        ({"days": 15}, "days", "between 1 and 14"),
        ({"days": "two"}, "days", "whole number"),
        ({"day_start": "18:00", "day_end": "08:00"}, "day_end", r"after day_start \(18:00\), got 08:00"),
        ({"day_start": "8h"}, "day_start", "HH:MM"),
        ({"lunch_start": "13:00", "lunch_end": "12:00"}, "lunch_end", "not be before lunch_start"),
        ({"interests": "lacquerr"}, "interests", "unknown interest 'lacquerr'; did you mean 'lacquer'"),
        ({"pace": "fast"}, "pace", "relaxed, normal, packed"),
        ({"mode": "plane"}, "mode", "motorbike"),
        ({"date": "07/12/2026"}, "date", "YYYY-MM-DD"),
        ({"max_stops": 0}, "max_stops", "between 1 and 20"),
        ({"colour": "red"}, "colour", "not a plan field"),
        ({"start": ""}, "start", "is required"),
        ({"start": ["bat-trang", "van-phuc"], "days": 3}, "start", r"one per day \(3\)"),
        ({"date": "9999-12-31", "days": 14}, "date", "between 2000-01-01 and 2099-12-18"),
        ({"date": "2099-12-30", "days": 3}, "date", r"the 3 days must end by 2099-12-31\), got 2099-12-30"),
        ({"date": "1999-12-31"}, "date", "between 2000-01-01 and 2099-12-31, got 1999-12-31"),
        ({"end": ""}, "end", "must not be empty"),
        ({"date": " "}, "date", "must not be empty"),
        ({"pace": ""}, "pace", "must not be empty"),
        ({"day_start": ""}, "day_start", "must not be empty"),
        ({"interests": ""}, "interests", "must not be empty"),
        ({"must_see": ""}, "must", "must not be empty"),
        ({"mode": ""}, "mode", "must not be empty"),
    ],
)
def test_bad_fields_name_the_field(
    places: gpd.GeoDataFrame, fields: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(CraftRouteError, match=message) as raised:
        _parse(places, **fields)
    assert raised.value.field == field


def test_unknown_places_are_not_found(places: gpd.GeoDataFrame) -> None:
    with pytest.raises(NotFoundError, match="no place with id 'atlantis'") as raised:
        _parse(places, must="van-phuc,atlantis")
    assert raised.value.field == "must"
    with pytest.raises(NotFoundError) as raised:
        _parse(places, start="Atlantis")
    assert raised.value.field == "start"


def test_missing_and_none_fields_take_defaults(places: gpd.GeoDataFrame) -> None:
    request = _parse(places, end=None, pace=None, interests=[], must=[])
    assert request.ends == request.starts and request.pace == "normal"
    assert request.interests == () and request.must == ()


def test_last_allowed_trip_is_accepted(places: gpd.GeoDataFrame) -> None:
    request = _parse(places, date="2099-12-18", days=14)
    assert request.dates[-1].isoformat() == "2099-12-31"
