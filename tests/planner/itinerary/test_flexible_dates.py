"""``flexible_dates``: the window is validated, every start date is compared, the best plan is kept."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pytest

import geodata
from geodata.errors import CraftRouteError
from planner import settings
from planner.itinerary import parse_plan_request, plan_to_dict, plan_trip
from planner.itinerary.flexible import per_start_budget_s, start_dates
from planner.routing.router import Router


@pytest.fixture(scope="module")
def places() -> gpd.GeoDataFrame:
    return geodata.load_places()


@pytest.mark.parametrize(("value", "message"), [
    ("2027-02-04", "FROM..TO"),
    ("2027-02-10..2027-02-04", "FROM before TO"),
    ("2027-01-01..2027-03-01", f"1 to {settings.FLEXIBLE_DATES_MAX_STARTS} start dates"),
    ("2027-02-31..2027-03-02", "FROM..TO"),
    ("1999-01-01..1999-01-02", "between"),
])
def test_a_bad_window_names_the_field(places: gpd.GeoDataFrame, value: str, message: str) -> None:
    with pytest.raises(CraftRouteError, match=message) as caught:
        parse_plan_request({"start": "hoan-kiem-lake", "flexible_dates": value}, places=places)
    assert caught.value.field == "flexible_dates"


def test_the_window_sets_the_first_date_and_the_budget_is_bounded(places: gpd.GeoDataFrame) -> None:
    request = parse_plan_request({"start": "hoan-kiem-lake", "flexible_dates": "2027-02-04..2027-02-10"},
                                 places=places)
    assert request.date == dt.date(2027, 2, 4)
    assert len(start_dates(request)) == 7
    n = settings.FLEXIBLE_DATES_MAX_STARTS
    assert n * per_start_budget_s(n) <= max(settings.FLEXIBLE_DATES_BUDGET_S, n * settings.FLEXIBLE_DATES_MIN_S)


def test_the_best_start_avoids_tet_and_lists_every_date(places: gpd.GeoDataFrame) -> None:
    request = parse_plan_request({"start": "hoan-kiem-lake", "flexible_dates": "2027-02-03..2027-02-09",
                                  "interests": "ceramics", "candidates": "bat-trang,kim-lan,temple-of-literature"},
                                 places=places)
    plan = plan_trip(request, places=places, router=Router("motorbike", None))
    choices = dict(plan.date_choices)
    assert list(choices) == [dt.date(2027, 2, 3) + dt.timedelta(days=i) for i in range(7)]
    tet = [dt.date(2027, 2, day) for day in (5, 6, 7, 8)]  # New Year's Eve and the first three lunar days
    assert max(choices[day] for day in tet) < min(choices[dt.date(2027, 2, 3)], choices[dt.date(2027, 2, 9)])
    assert plan.days[0].date == dt.date(2027, 2, 3)  # ties go to the earliest date
    assert plan.score == pytest.approx(max(choices.values()))
    data = plan_to_dict(plan)
    assert data["flexible_dates"]["best"] == "2027-02-03" and len(data["flexible_dates"]["choices"]) == 7


def test_cli_flexible_dates_prints_the_best_start(capsys: pytest.CaptureFixture[str]) -> None:
    from cli_run import run

    code, out, err = run(capsys, "plan", "--start", "hoan-kiem-lake", "--interests", "ceramics",
                         "--candidates", "bat-trang,kim-lan", "--flexible-dates", "2027-02-07..2027-02-09")
    assert code == 0, err
    assert "Best start date 2027-02-09" in out and "Day 1 (Tue 2027-02-09)" in out
    code, out, err = run(capsys, "plan", "--start", "hoan-kiem-lake", "--flexible-dates", "soon")
    assert code == 2 and out == "" and "--flexible-dates" in err and len(err.strip().splitlines()) == 1
