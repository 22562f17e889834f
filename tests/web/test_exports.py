"""The pure plan writers (GeoJSON, GPX, ICS) and the timeline, on a real plan."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

import pytest

import geodata
from planner.itinerary import parse_plan_request, plan_to_dict, plan_trip
from web.exports import plan_to_geojson, plan_to_gpx, plan_to_ics
from web.exports.ics import escape_text, fold_line
from web.exports.plan_data import stop_time
from web.timeline import plan_timeline

GPX = "{http://www.topografix.com/GPX/1/1}"


@pytest.fixture(scope="module")
def plan(shared_data_dir) -> dict:
    """Return a real 2-day plan dict without road shapes (legs are straight lines)."""
    places = geodata.load_places()
    request = parse_plan_request({"start": "21.0285,105.8542", "days": 2, "date": "2026-12-05"}, places=places)
    return plan_to_dict(plan_trip(request, places=places, time_limit_s=0.2))


@pytest.mark.slow
def test_gpx_without_road_shapes_joins_the_stops(plan) -> None:
    root = ET.fromstring(plan_to_gpx(plan, name="Test & trip"))
    assert root.find(f"{GPX}metadata/{GPX}name").text == "Test & trip"
    for track, day in zip(root.findall(f"{GPX}trk"), plan["days"], strict=True):
        points = [(float(p.get("lon")), float(p.get("lat"))) for p in track.iter(f"{GPX}trkpt")]
        assert len(points) == len(day["stops"]) + 2
        assert points[1] == pytest.approx((day["stops"][0]["lon"], day["stops"][0]["lat"]), abs=1e-6)


@pytest.mark.slow
def test_geojson_points_carry_day_and_order(plan) -> None:
    points = [f for f in plan_to_geojson(plan)["features"] if f["geometry"]["type"] == "Point"]
    assert [(p["properties"]["day"], p["properties"]["order"]) for p in points] == [
        (number, order) for number, day in enumerate(plan["days"], start=1)
        for order in range(1, len(day["stops"]) + 1)]


@pytest.mark.slow
def test_ics_events_match_the_visits(plan) -> None:
    text = plan_to_ics(plan, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTAMP:20260101T000000Z" in text
    uids = [line for line in text.split("\r\n") if line.startswith("UID:")]
    assert len(uids) == len(set(uids)) == sum(len(day["stops"]) for day in plan["days"])


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


def test_ics_text_escaping_and_folding() -> None:
    assert escape_text("Bát Tràng; pottery, glaze\nkiln\\") == "Bát Tràng\\; pottery\\, glaze\\nkiln\\\\"
    line = "DESCRIPTION:" + "Làng gốm Bát Tràng " * 10
    folded = fold_line(line)
    parts = folded.split("\r\n ")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(parts) == line


def test_stop_time_reads_clock_text_iso_and_minutes() -> None:
    day = {"date": "2026-12-05"}
    assert stop_time(day, "09:30") == dt.datetime(2026, 12, 5, 9, 30)
    assert stop_time(day, 570) == dt.datetime(2026, 12, 5, 9, 30)
    assert stop_time(day, "2026-12-05T09:30:00+07:00") == dt.datetime(2026, 12, 5, 9, 30)
    assert stop_time(day, "") is None
