"""The plan map: a layer and a coloured line per day, numbered stops, escaped popups, attribution."""

from __future__ import annotations

from dataclasses import replace

import folium
import pytest
from trip_places import trip_places

from planner import settings
from planner.itinerary import Plan, PlanLeg, parse_plan_request, plan_trip
from planner.plan_map import plan_map
from planner.router import Router


@pytest.fixture(scope="module")
def plan() -> Plan:
    places = trip_places()
    request = parse_plan_request(
        {"start": "hoan-kiem-lake", "days": 2, "date": "2026-12-08", "interests": "ceramics,silk"}, places=places
    )
    return plan_trip(request, places=places, router=Router("motorbike", None), time_limit_s=5.0)


def test_one_layer_and_colour_per_day(plan: Plan) -> None:
    page = plan_map(plan).get_root().render()
    for number, day in enumerate(plan.days, start=1):
        assert f"Day {number} ({day.date.isoformat()})" in page
        assert settings.PLAN_DAY_COLOURS[number - 1] in page
    assert "(c) OpenStreetMap contributors" in page
    stops = sum(len(day.stops) for day in plan.days)
    assert page.count("border-radius:50%") == stops  # one numbered badge per stop
    assert "Bát Tràng" in page and "Vạn Phúc" in page


def test_road_shapes_are_drawn_and_missing_ones_dashed(plan: Plan) -> None:
    day = plan.days[0]
    bent = (day.start.lon, day.start.lat), (105.88888, 21.00001), (day.stops[0].lon, day.stops[0].lat)
    legs = (replace(day.legs[0], geometry=bent), *day.legs[1:])
    page = plan_map(replace(plan, days=(replace(day, legs=legs),))).get_root().render()
    assert "21.00001, 105.88888" in page  # the leg's own shape, as (lat, lon)
    assert page.count('"dashArray": "8 8"') == len(legs) - 1


def test_popups_escape_names_and_reuse_a_given_map(plan: Plan) -> None:
    day = plan.days[0]
    hostile = replace(day.stops[0], name="<script>alert(1)</script>")
    shaped = replace(day, stops=(hostile, *day.stops[1:]))
    base = folium.Map(location=[21.0, 105.8])
    m = plan_map(replace(plan, days=(shaped,)), m=base)
    assert m is base
    page = m.get_root().render()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_leg_type_has_no_shape_by_default(plan: Plan) -> None:
    assert all(isinstance(leg, PlanLeg) and leg.geometry == () for day in plan.days for leg in day.legs)


def test_popups_show_craft_name_hours_and_story_when_places_are_given(plan: Plan) -> None:
    places = trip_places()
    bare = plan_map(plan).get_root().render()
    rich = plan_map(plan, places=places).get_root().render()
    first = plan.days[0].stops[0]
    row = places.loc[first.id]
    assert "Opening hours" not in bare
    assert f"Opening hours: {row['opening_hours']}" in rich
    story_start = (row["story"] or row["description"])[:40]
    assert story_start.replace("'", "&#x27;") in rich or story_start in rich
    if first.craft:
        from geodata.schema import CRAFTS

        assert f"Craft: {CRAFTS[first.craft]}" in rich
