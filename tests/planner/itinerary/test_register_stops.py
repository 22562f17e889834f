"""Tourism-ready register villages as candidate stops: which, how long, unknown hours, the option."""

from __future__ import annotations

import pytest

import geodata
from geodata.errors import CraftRouteError, NotFoundError
from geodata.register import load_register
from geodata.text import compact_key
from planner import settings
from planner.itinerary import parse_plan_request, plan_places, plan_trip, with_register_villages
from planner.itinerary.map import plan_map
from planner.itinerary.problem import visit_windows
from planner.routing.router import Router


@pytest.fixture(scope="module")
def places():
    return geodata.load_places()


@pytest.fixture(scope="module")
def register():
    return load_register()


@pytest.fixture(scope="module")
def extended(places):
    return with_register_villages(places)


def test_only_tourism_ready_villages_that_are_not_places_are_added(places, register, extended) -> None:
    added = extended.loc[~extended.index.isin(places.index)]
    expected = register[register["tourism"] & (register["place_id"] == "") & ~register["id"].isin(places.index)]
    assert len(added) >= 1 and set(added.index) == set(expected.index)
    production_only = register[~register["tourism"]]
    assert not set(production_only.index) & set(added.index)
    place_keys = {(compact_key(name), unit) for name, unit in zip(places["name_vi"], places["commune"], strict=True)}
    for record in added.itertuples():  # never the same village as a tourist place
        assert (compact_key(register.at[record.id, "village"] or record.name_vi), record.commune) not in place_keys
        assert record.commune == register.at[record.id, "current_unit"]
        assert (record.lat, record.lon) == (register.at[record.id, "lat"], register.at[record.id, "lon"])


def test_added_villages_take_the_planner_visit_lengths_and_unknown_hours(places, extended) -> None:
    added = extended.loc[~extended.index.isin(places.index)]
    assert (added["visit_min"] == settings.REGISTER_VISIT_MIN).all()
    assert (added["visit_short_min"] == settings.REGISTER_VISIT_SHORT_MIN).all()
    assert (added["opening_hours"] == "").all() and (added["kind"] == "village").all()
    assert added["description_vi"].map(lambda text: not text.isascii()).all()
    assert len(with_register_villages(extended)) == len(extended)  # adding twice adds nothing


def test_unknown_hours_allow_a_visit_anywhere_in_the_day_window(places) -> None:
    request = parse_plan_request({"start": "hoan-kiem-lake", "date": "2026-12-08", "day_start": "09:00",
                                  "day_end": "17:00"}, places=places)
    assert visit_windows("", 0, request, 60.0) == ((9 * 60.0, 16 * 60.0),)
    assert visit_windows(" ", 0, request, 9 * 60.0) == ()


def test_the_option_is_off_by_default_and_named_in_errors(places, extended) -> None:
    village = next(place_id for place_id in extended.index if place_id not in places.index)
    with pytest.raises(NotFoundError, match=village):
        parse_plan_request({"start": "hoan-kiem-lake", "must": village}, places=places)
    request = parse_plan_request({"start": "hoan-kiem-lake", "must": village, "register_villages": "true"},
                                 places=places)
    assert request.register_villages and request.must == (village,)
    assert len(plan_places(request, places)) == len(extended)
    with pytest.raises(CraftRouteError, match="must be true or false") as caught:
        parse_plan_request({"start": "hoan-kiem-lake", "register_villages": "maybe"}, places=places)
    assert caught.value.field == "register_villages"


def test_a_must_see_register_village_is_planned_and_its_hours_shown_as_unknown(places, extended) -> None:
    village = next(place_id for place_id in extended.index if place_id not in places.index)
    request = parse_plan_request({"start": "hoan-kiem-lake", "date": "2026-12-08", "must": [village],
                                  "register_villages": True}, places=places)
    plan = plan_trip(request, places=places, router=Router("motorbike", None), time_limit_s=2.0)
    stops = {stop.id: stop for day in plan.days for stop in day.stops}
    assert village in stops
    stop = stops[village]
    assert stop.visit_end_min - stop.start_min >= settings.REGISTER_VISIT_SHORT_MIN
    page = plan_map(plan, places=plan_places(request, places)).get_root().render()
    assert "Opening hours: unknown" in page


def test_a_plan_adds_the_register_villages_once(places, monkeypatch, capsys) -> None:
    """Parsing the request adds them; the CLI's and the planner's place lists reuse that frame."""
    from craftroute.cli import main
    from planner.itinerary import register_stops

    calls: list[int] = []
    records = register_stops.register_stop_records

    def counted(*args, **kwargs):
        calls.append(1)
        return records(*args, **kwargs)

    monkeypatch.setattr(register_stops, "register_stop_records", counted)
    request = parse_plan_request({"start": "hoan-kiem-lake", "date": "2026-12-08", "register_villages": True},
                                 places=places)
    extended = plan_places(request)
    assert len(calls) == 1 and extended is request.places
    assert plan_places(request, extended) is extended and len(calls) == 1
    plan_trip(request, places=extended, router=Router("motorbike", None), time_limit_s=0.3)
    assert len(calls) == 1
    calls.clear()
    assert main(["plan", "--start", "hoan-kiem-lake", "--date", "2026-12-08", "--register-villages",
                 "--time-limit", "0.3", "--format", "json"]) == 0
    capsys.readouterr()
    assert len(calls) == 1
