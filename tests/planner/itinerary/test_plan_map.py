"""The plan map: a layer and a coloured line per day, numbered stops, escaped popups, attribution."""

from __future__ import annotations

import json
from dataclasses import replace

import folium
import pytest
from trip_places import trip_places

from geodata.location import Location
from planner import settings
from planner.itinerary import Plan, PlanLeg, parse_plan_request, plan_trip
from planner.itinerary.map import plan_map
from planner.routing.compact import CompactGraph
from planner.routing.router import Router


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
    routed = replace(day.legs[0], geometry=bent, estimated=False)
    straight = replace(day.legs[1], geometry=((day.stops[0].lon, day.stops[0].lat), (105.77777, 20.97777)),
                       estimated=False)
    legs = (routed, straight, *day.legs[2:])
    assert any(leg.estimated for leg in legs[2:])
    page = plan_map(replace(plan, days=(replace(day, legs=legs),))).get_root().render()
    assert "21.00001, 105.88888" in page  # the leg's own shape, as (lat, lon)
    assert "20.97777, 105.77777" in page
    estimated = sum(leg.estimated for leg in legs)
    unshaped = sum(not leg.estimated and not leg.geometry for leg in legs)
    assert page.count('"dashArray": "8 8"') == estimated + unshaped  # routed legs with a shape are solid
    assert page.count("straight-line estimate") == estimated
    assert page.count("straight line (no road shape)") == unshaped


def test_estimated_legs_are_dashed_even_with_a_shape(plan: Plan) -> None:
    day = plan.days[0]
    legs = tuple(replace(leg, geometry=((105.8, 21.0), (105.9, 21.1))) for leg in day.legs)
    estimated = sum(leg.estimated for leg in legs)
    assert estimated >= 2
    page = plan_map(replace(plan, days=(replace(day, legs=legs),))).get_root().render()
    assert page.count('"dashArray": "8 8"') == estimated
    assert page.count("straight-line estimate") == estimated


def test_partly_routed_legs_dash_only_their_estimated_access(plan: Plan, clip_graph: CompactGraph) -> None:
    router = Router.from_compact(clip_graph, mode="motorbike")
    day = plan.days[0]
    lake = Location(day.start.id, day.start.name, day.start.lat, day.start.lon)
    van_phuc = Location("van-phuc", "Vạn Phúc", 20.9803, 105.7720)  # 8 km outside the central clip
    leg = router.leg(lake, van_phuc)
    assert leg.estimated and 0 < leg.estimated_m < leg.distance_m
    plan_leg = PlanLeg(lake.id, van_phuc.id, leg.distance_m, leg.duration_s, True, tuple(leg.geometry))
    assert plan_leg.estimated_length_m == pytest.approx(leg.estimated_m, rel=1e-6)
    page = plan_map(replace(plan, days=(replace(day, stops=(), legs=(plan_leg,)),))).get_root().render()
    assert page.count('"dashArray": "8 8"') == 1  # the access line only; the roads and the lake's access are solid
    assert page.count("straight-line estimate") == 1
    road = leg.geometry[len(leg.geometry) // 2]
    assert f"{road[1]}, {road[0]}" in page


def test_every_text_can_be_replaced(plan: Plan) -> None:
    labels = {
        "day": "Ngày {number} ({date})", "stop": "Ngày {day}, điểm {order}: đến {arrive}, thăm {start}-{depart}",
        "craft": "Nghề: {craft}", "hours": "Giờ mở cửa: {hours}", "start": "Xuất phát: {name}",
        "start_times": "Ngày {number}: đi {leave}, về {back}", "estimated": "ước tính đường chim bay",
        "lunch": "Ăn trưa {start}-{end}",
    }
    crafts = {"ceramics": "Gốm sứ", "silk": "Lụa"}
    page = plan_map(plan, places=trip_places(), labels=labels, craft_names=crafts,
                    format_hours=lambda hours: f"[{hours}]").get_root().render()
    for number, day in enumerate(plan.days, start=1):
        layer = f"Ngày {number} ({day.date.isoformat()})"
        assert layer in page or json.dumps(layer)[1:-1] in page  # the layer control escapes to JSON
        assert f"Xuất phát: {day.start.name}" in page
    first = plan.days[0].stops[0]
    assert "Ngày 1, điểm 1: đến" in page and "Giờ mở cửa: [" in page
    assert "ước tính đường chim bay" in page
    assert any(f"Nghề: {crafts[stop.craft]}" in page for day in plan.days for stop in day.stops if stop.craft)
    for english in ("Day 1", "stop 1", "Opening hours", "Craft:", "Start:", "straight-line estimate"):
        assert english not in page, english
    assert first.name in page
    with pytest.raises(ValueError, match="`labels` keys must be among day"):
        plan_map(plan, labels={"dia": "x"})


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
    from geodata.schema import CRAFTS

    crafted = [stop for day in plan.days for stop in day.stops if stop.craft]
    assert {stop.craft for stop in crafted} >= {"ceramics", "silk"}  # the interests' villages are in the plan
    for stop in crafted:
        assert f"Craft: {CRAFTS[stop.craft]}" in rich


def test_stop_popups_tell_the_story_in_the_map_language(plan: Plan) -> None:
    import html

    import geodata

    places = geodata.load_places()  # the bundled texts, for the stops that are bundled places
    stop = next(stop for day in plan.days for stop in day.stops if stop.id in places.index)
    english, vietnamese = (places.at[stop.id, "story"], places.at[stop.id, "story_vi"])
    in_vi = plan_map(plan, places=places, language="vi").get_root().render()
    in_en = plan_map(plan, places=places).get_root().render()
    assert html.escape(vietnamese)[:40] in in_vi and html.escape(english)[:40] not in in_vi
    assert html.escape(english)[:40] in in_en and html.escape(vietnamese)[:40] not in in_en
