"""The trip form, the plan page, its exports (GeoJSON, GPX, ICS) and the printable page."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import pytest

import geodata

pytestmark = [pytest.mark.slow, pytest.mark.converged_plans]

TRIP = {"start": "Ho Hoan Kiem", "days": "2", "date": "2026-12-01", "mode": "motorbike"}
GPX = "{http://www.topografix.com/GPX/1/1}"


def _plan(client) -> dict:
    return client.post("/api/v1/itineraries", json=TRIP).get_json()


def test_form_lists_crafts_modes_and_prefills_must_see(client) -> None:
    places = geodata.load_places()
    village = places[places["kind"] == "village"].index[0]
    response = client.get("/", query_string={"must_see": village})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'name="start"' in page and 'name="days"' in page and 'name="pace"' in page
    assert f'<option value="{village}" selected>' in page
    assert 'value="ceramics"' in page and 'value="motorbike"' in page
    assert "ClickToFill" not in page and ".on('click'" in page


def test_plan_page_shows_days_stops_and_road_lines(client, shared_data_dir) -> None:
    response = client.get("/plan", query_string=TRIP)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    plan = _plan(client)
    stops = [stop for day in plan["days"] for stop in day["stops"]]
    assert page.count('class="mb-3 day"') == 2
    for stop in stops:
        assert stop["name"] in page
    assert page.count("L.polyline(") >= 2
    assert "Travel" in page and "Lunch" in page
    for export in ("export.gpx", "export.ics", "export.geojson", "print"):
        assert f"/plan/{export}?" in page
    assert "/static/vendor/leaflet/leaflet.js" in page


def test_plan_page_in_vietnamese(client, shared_data_dir) -> None:
    page = client.get("/plan", query_string={**TRIP, "lang": "vi"}).get_data(as_text=True)
    assert "Lịch trình của bạn" in page and "Ngày 1" in page


@pytest.mark.parametrize(("changes", "field"), [({"days": "0"}, "days"), ({"start": ""}, "start"),
                                                 ({"start": "99,99"}, "start"), ({"mode": "boat"}, "mode")])
def test_bad_plan_shows_the_form_with_the_error(client, changes, field) -> None:
    response = client.get("/plan", query_string={**TRIP, **changes})
    assert response.status_code in (400, 404)
    page = response.get_data(as_text=True)
    assert f'data-field="{field}"' in page
    assert 'id="plan-form"' in page


def test_gpx_has_a_track_per_day_and_a_waypoint_per_stop(client, shared_data_dir) -> None:
    response = client.get("/plan/export.gpx", query_string=TRIP)
    assert response.status_code == 200
    assert response.mimetype == "application/gpx+xml"
    root = ET.fromstring(response.data)
    plan = _plan(client)
    stops = [stop for day in plan["days"] for stop in day["stops"]]
    assert len(root.findall(f"{GPX}wpt")) == len(stops)
    tracks = root.findall(f"{GPX}trk")
    assert len(tracks) == 2
    for track in tracks:
        assert len(track.findall(f"{GPX}trkseg/{GPX}trkpt")) > len(stops)


def test_ics_has_an_event_per_visit(client, shared_data_dir) -> None:
    """One event per visit, plus one per event of the day at a stop (a market day, a show)."""
    response = client.get("/plan/export.ics", query_string=TRIP)
    assert response.mimetype == "text/calendar"
    text = response.get_data(as_text=True)
    plan = _plan(client)
    stops = [stop for day in plan["days"] for stop in day["stops"]]
    day_events = {(e["date"], e["start"], e["place_id"], e["kind"]) for stop in stops for e in stop["events"]}
    assert text.count("BEGIN:VEVENT") == len(stops) + len(day_events)
    first = plan["days"][0]["stops"][0]
    assert f"DTSTART;TZID=Asia/Ho_Chi_Minh:20261201T{first['start'].replace(':', '')}00" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_geojson_export_has_points_and_a_line_per_day(client, shared_data_dir) -> None:
    response = client.get("/plan/export.geojson", query_string=TRIP)
    document = json.loads(response.data)
    kinds = [feature["geometry"]["type"] for feature in document["features"]]
    assert kinds.count("LineString") == 2
    assert kinds.count("Point") == sum(len(day["stops"]) for day in _plan(client)["days"])


def test_print_page_has_the_timeline_without_navigation_controls(client, shared_data_dir) -> None:
    page = client.get("/plan/print", query_string=TRIP).get_data(as_text=True)
    assert 'id="timeline"' in page and 'data-action="print"' in page
    with client.get("/static/style.css") as stylesheet:
        assert re.search(r"@media print", stylesheet.get_data(as_text=True))


def test_export_with_bad_input_is_a_400_page(client) -> None:
    response = client.get("/plan/export.gpx", query_string={**TRIP, "days": "99"})
    assert response.status_code == 400
    assert "days" in response.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_must_see_error_points_at_the_form_field_with_its_label(client, lang) -> None:
    response = client.get("/plan", query_string={**TRIP, "must_see": "nowhere-at-all", "lang": lang})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    label = "Must-see places" if lang == "en" else "Địa điểm nhất định phải đến"
    assert f'data-field="must_see"><strong>{label}</strong>' in page
    assert 'name="must_see"' in page


def test_more_options_reach_the_planner_and_empty_ones_are_dropped(client, shared_data_dir) -> None:
    form = client.get("/").get_data(as_text=True)
    assert '<details class="mb-2" id="more-options" >' in form
    for name in ("end", "day_start", "day_end", "lunch_start", "lunch_end", "lunch_min"):
        assert f'name="{name}"' in form
    empty = {name: "" for name in ("end", "day_start", "day_end", "lunch_start", "lunch_end", "lunch_min",
                                    "must_see", "interests", "pace")}
    assert client.get("/plan", query_string={**TRIP, **empty}).status_code == 200
    page = client.get("/plan", query_string={**TRIP, "days": "1", "end": "temple-of-literature",
                                             "day_start": "09:30"}).get_data(as_text=True)
    assert "09:30 Leave" in page and "Back at Temple of Literature" in page
    bad = client.get("/plan", query_string={**TRIP, "day_start": "19:00"})
    assert bad.status_code == 400
    assert 'id="more-options" open' in bad.get_data(as_text=True)
