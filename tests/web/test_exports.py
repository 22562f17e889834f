"""The pure plan writers (GeoJSON, GPX, ICS) and the timeline, on a real plan and a shaped one.

GPX and ICS files are read back with the libraries that write them (gpxpy, icalendar), so
the tests check what a map or calendar app would see, not the bytes.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import gpxpy
import icalendar
import pytest

import geodata
from planner.itinerary import parse_plan_request, plan_to_dict, plan_trip
from web.exports import plan_to_geojson, plan_to_gpx, plan_to_ics
from web.exports.plan_data import stop_time
from web.pages.timeline import plan_timeline

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
#: A stop name with every character iCalendar TEXT or XML must escape, and diacritics.
HOSTILE_NAME = 'Bát Tràng; gốm, "men"\nlò\\ <&>'
LONG_STORY = "Làng gốm Bát Tràng, bên sông Hồng; " * 8


@pytest.fixture(scope="module")
def plan(shared_data_dir) -> dict:
    """Return a real 2-day plan dict without road shapes (legs are straight lines)."""
    places = geodata.load_places()
    request = parse_plan_request({"start": "21.0285,105.8542", "days": 2, "date": "2026-12-05"}, places=places)
    return plan_to_dict(plan_trip(request, places=places, time_limit_s=0.2))


@pytest.fixture
def shaped_plan() -> dict:
    """Return a small 2-day plan with road shapes (a coordinate list and a GeoJSON line)."""
    home = {"id": "home", "name": "21.02850, 105.85420", "lat": 21.0285, "lon": 105.8542}
    bat_trang = {"id": "bat-trang", "name": "Làng gốm Bát Tràng", "lat": 20.97933, "lon": 105.91537,
                 "arrive": "08:40", "start": "09:00", "visit_end": "10:30", "depart": "10:30",
                 "craft": "gốm", "story": LONG_STORY}
    hostile = {"id": "van-phuc", "name": HOSTILE_NAME, "lat": 20.9803, "lon": 105.77201,
               "arrive": "09:15", "start": "09:15", "visit_end": "11:00", "depart": "11:00", "craft": "lụa"}
    return {"days": [
        {"date": "2026-12-05", "start": home, "end": home, "stops": [bat_trang], "legs": [
            {"from": "home", "to": "bat-trang",
             "geometry": [[105.8542, 21.0285], [105.8801, 21.0102], [105.91537, 20.97933]]},
            {"from": "bat-trang", "to": "home", "geometry": {"type": "LineString", "coordinates": [
                [105.91537, 20.97933], [105.8904, 20.9991], [105.8542, 21.0285]]}},
        ]},
        {"date": "2026-12-06", "start": home, "end": home, "stops": [hostile], "legs": [
            {"from": "home", "to": "van-phuc"},
            {"from": "van-phuc", "to": "home"},
        ]},
    ]}


def _coordinates(points) -> list[tuple[float, float]]:
    return [(point.longitude, point.latitude) for point in points]


def test_gpx_tracks_follow_the_road_shapes(shaped_plan) -> None:
    parsed = gpxpy.parse(plan_to_gpx(shaped_plan, name="Test & trip"))
    assert (parsed.version, parsed.creator, parsed.name) == ("1.1", "CraftRoute", "Test & trip")
    assert [(track.name, track.number) for track in parsed.tracks] == [("Day 1 2026-12-05", 1), ("Day 2 2026-12-06", 2)]
    assert [len(track.segments) for track in parsed.tracks] == [1, 1]
    # Day 1: both road shapes joined, the shared point at Bát Tràng kept once.
    assert _coordinates(parsed.tracks[0].segments[0].points) == [
        (105.8542, 21.0285), (105.8801, 21.0102), (105.91537, 20.97933), (105.8904, 20.9991), (105.8542, 21.0285)]
    # Day 2 has no shapes: straight lines from home to the stop and back.
    assert _coordinates(parsed.tracks[1].segments[0].points) == [
        (105.8542, 21.0285), (105.77201, 20.9803), (105.8542, 21.0285)]


def test_gpx_waypoints_keep_names_and_times(shaped_plan) -> None:
    waypoints = gpxpy.parse(plan_to_gpx(shaped_plan)).waypoints
    assert [point.name for point in waypoints] == ["1.1 Làng gốm Bát Tràng", f"2.1 {HOSTILE_NAME}"]
    assert waypoints[0].description == "Day 1 (2026-12-05) 08:40 - 10:30"
    assert {point.type for point in waypoints} == {"stop"}
    assert _coordinates(waypoints) == [(105.91537, 20.97933), (105.77201, 20.9803)]


@pytest.mark.slow
def test_gpx_without_road_shapes_joins_the_stops(plan) -> None:
    parsed = gpxpy.parse(plan_to_gpx(plan))
    assert len(parsed.tracks) == len(plan["days"])
    assert len(parsed.waypoints) == sum(len(day["stops"]) for day in plan["days"])
    for track, day in zip(parsed.tracks, plan["days"], strict=True):
        points = _coordinates(track.segments[0].points)
        assert len(points) == len(day["stops"]) + 2
        assert points[1:-1] == [(round(stop["lon"], 6), round(stop["lat"], 6)) for stop in day["stops"]]


@pytest.mark.slow
def test_geojson_points_carry_day_and_order(plan) -> None:
    points = [f for f in plan_to_geojson(plan)["features"] if f["geometry"]["type"] == "Point"]
    assert [(p["properties"]["day"], p["properties"]["order"]) for p in points] == [
        (number, order) for number, day in enumerate(plan["days"], start=1)
        for order in range(1, len(day["stops"]) + 1)]


def test_ics_text_round_trips_escaped_and_folded(shaped_plan) -> None:
    text = plan_to_ics(shaped_plan, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    lines = text.split("\r\n")
    assert lines[-1] == "" and all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines), "the long description should have been folded"
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Làng gốm Bát Tràng", HOSTILE_NAME]
    assert [str(event["DESCRIPTION"]) for event in events] == [f"Day 1 · gốm\n{LONG_STORY}", "Day 2 · lụa"]
    assert str(events[1]["LOCATION"]) == f"{HOSTILE_NAME}, 20.98030, 105.77201"


def test_ics_events_are_visits_in_hanoi_time(shaped_plan) -> None:
    shaped_plan["days"][1]["stops"].append({"id": "no-times", "name": "Not timed", "lat": 21.0, "lon": 105.8})
    calendar = icalendar.Calendar.from_ical(plan_to_ics(shaped_plan, now=dt.datetime(2026, 1, 1, 7, tzinfo=HANOI)))
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    first, second = calendar.walk("VEVENT")
    assert (first.start, first.end) == (dt.datetime(2026, 12, 5, 9, tzinfo=HANOI), dt.datetime(2026, 12, 5, 10, 30, tzinfo=HANOI))
    assert first.start.tzinfo.key == "Asia/Ho_Chi_Minh"
    assert first.start.utcoffset() == dt.timedelta(hours=7)
    assert second.start == dt.datetime(2026, 12, 6, 9, 15, tzinfo=HANOI)
    stamp = first.decoded("DTSTAMP")
    assert stamp == dt.datetime(2026, 1, 1, tzinfo=dt.UTC) and stamp.utcoffset() == dt.timedelta(0)
    assert (first["GEO"].latitude, first["GEO"].longitude) == (20.97933, 105.91537)
    assert [str(event["UID"]) for event in (first, second)] == [
        "20261205-1-1-bat-trang@craftroute.local", "20261206-2-1-van-phuc@craftroute.local"]


@pytest.mark.slow
def test_ics_events_match_the_visits(plan) -> None:
    """One event per visit (the day's festivals, markets and shows at the stops are events of their own)."""
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    text = plan_to_ics(plan, now=now)
    assert plan_to_ics(plan, now=now) == text, "the same plan should export the same calendar"
    events = [event for event in icalendar.Calendar.from_ical(text).walk("VEVENT") if "CATEGORIES" not in event]
    stops = [(day, stop) for day in plan["days"] for stop in day["stops"]]
    assert len(events) == len(stops)
    assert len({str(event["UID"]) for event in events}) == len(events)
    for event, (day, stop) in zip(events, stops, strict=True):
        assert event.start == stop_time(day, stop["start"]).replace(tzinfo=HANOI)
        assert event.end == stop_time(day, stop["visit_end"]).replace(tzinfo=HANOI)
        assert event.decoded("DTSTAMP") == now


@pytest.mark.slow
def test_timeline_runs_from_leaving_to_coming_back(plan) -> None:
    for day, source in zip(plan_timeline(plan), plan["days"], strict=True):
        kinds = [event.kind for event in day.events]
        assert kinds[0] == "start" and kinds[-1] == "end"
        moving = [leg for leg in source["legs"] if leg["distance_m"] >= 50 or leg["duration_s"] >= 30]
        assert kinds.count("travel") == len(moving)
        assert kinds.count("arrive") == len(source["stops"])
        assert kinds.count("lunch") == (1 if source["lunch"] else 0)
        clock = [event.time[:5] for event in day.events if event.time and event.kind != "visit"]
        assert clock == sorted(clock)



def test_stop_time_reads_clock_text_iso_and_minutes() -> None:
    day = {"date": "2026-12-05"}
    assert stop_time(day, "09:30") == dt.datetime(2026, 12, 5, 9, 30)
    assert stop_time(day, 570) == dt.datetime(2026, 12, 5, 9, 30)
    assert stop_time(day, "2026-12-05T09:30:00+07:00") == dt.datetime(2026, 12, 5, 9, 30)
    assert stop_time(day, "") is None


def test_ics_adds_the_days_events_at_the_stops(shaped_plan) -> None:
    market = {"date": "2026-12-05", "lunar_date": "2026-10-30", "place_id": "bat-trang", "kind": "market",
              "name": "Test market", "name_vi": "Phiên chợ", "start": "04:00", "end": "06:00",
              "source": "https://example.org/source"}
    shaped_plan["days"][0]["stops"][0]["events"] = [market, market]  # listed twice: exported once
    calendar = icalendar.Calendar.from_ical(plan_to_ics(shaped_plan, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    extra = [event for event in calendar.walk("VEVENT") if "CATEGORIES" in event]
    assert len(extra) == 1
    assert extra[0].start == dt.datetime(2026, 12, 5, 4, tzinfo=HANOI)
    assert str(extra[0]["URL"]) == "https://example.org/source"
    assert "Test market" in str(extra[0]["SUMMARY"]) and "2026-10-30" in str(extra[0]["DESCRIPTION"])
def test_ics_events_say_where_in_words_phones_can_navigate(shaped_plan) -> None:
    shaped_plan["days"][0]["stops"][0].update(craft="ceramics", why=["matches ceramics", "World Craft City"])
    event = icalendar.Calendar.from_ical(plan_to_ics(shaped_plan, now=dt.datetime(2026, 1, 1))).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Làng gốm Bát Tràng, 20.97933, 105.91537"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (20.97933, 105.91537)
    apple = event["X-APPLE-STRUCTURED-LOCATION"]
    assert str(apple) == "geo:20.979330,105.915370" and apple.params["X-TITLE"] == "Làng gốm Bát Tràng"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Day 1 · Ceramics and pottery\nWhy: matches ceramics, World Craft City\n")
    assert "ceramics\n" not in description.split("\n")[0]


@pytest.mark.slow
def test_ics_adds_travel_and_lunch_events_when_asked(plan) -> None:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    visits = icalendar.Calendar.from_ical(plan_to_ics(plan, now=now)).walk("VEVENT")
    everything = icalendar.Calendar.from_ical(plan_to_ics(plan, now=now, travel=True, lunch=True, name="Gốm & lụa"))
    events = everything.walk("VEVENT")
    travel = [e for e in events if str(e["SUMMARY"]).startswith("Travel to ")]
    lunch = [e for e in events if str(e["SUMMARY"]).startswith("Lunch")]
    moving = [leg for day in plan["days"] for leg in day["legs"] if leg["duration_s"] >= 60]
    assert len(travel) == len(moving) > 0 and len(lunch) == sum(1 for day in plan["days"] if day["lunch"])
    assert len(events) == len(visits) + len(travel) + len(lunch)
    assert all("LOCATION" in e and "GEO" in e for e in travel)
    assert str(everything["X-WR-CALNAME"]) == "Gốm & lụa"
    starts = [e.start for e in events]
    day_one = [s for s in starts if s.date() == starts[0].date()]
    assert day_one == sorted(day_one), "a day's events are in time order"
    first_leg, first_stop = plan["days"][0]["legs"][0], plan["days"][0]["stops"][0]
    assert travel[0].start == stop_time(plan["days"][0], plan["days"][0]["leave"]).replace(tzinfo=HANOI)
    assert travel[0].end - travel[0].start == dt.timedelta(minutes=round(first_leg["duration_s"] / 60))
    assert first_stop["name"] in str(travel[0]["SUMMARY"])
