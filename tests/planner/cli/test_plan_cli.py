"""``craftroute plan``: impossible requests exit 2 with one line; text, JSON and map outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from trip_places import trip_places

from craftroute.cli import main
from planner.cli.plan import day_lines
from planner.itinerary import parse_plan_request, plan_trip
from planner.routing.router import Router


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--days", "0"], "--days: must be between 1 and 14, got 0"),
        (["--day-start", "18:00", "--day-end", "09:00"], "--day-end: must be after day_start (18:00), got 09:00"),
        (["--interests", "ceramics,potery"], "--interests: unknown interest 'potery'; did you mean 'pottery'"),
        (["--pace", "sprint"], "--pace: must be one of relaxed, normal, packed"),
        (["--must", "atlantis"], "--must: no place with id 'atlantis'"),
        (["--must", "dao-xa"], "--must: no place with id 'dao-xa'"),  # a register village: only with the option
        (["--time-limit", "0"], "--time-limit: must be more than 0 seconds"),
        (["--time-limit", "nan"], "--time-limit: must be more than 0 seconds"),
        (["--time-limit", "inf"], "--time-limit: must be more than 0 seconds"),
        (["--date", "9999-12-31", "--days", "14"], "--date: must be between 2000-01-01 and 2099-12-18"),
        (["--end", ""], "--end: must not be empty"),
        (["--date", ""], "--date: must not be empty"),
        (["--pace", ""], "--pace: must not be empty"),
        (["--day-start", ""], "--day-start: must not be empty"),
        (["--interests", ""], "--interests: must not be empty"),
        (["--must", ""], "--must: must not be empty"),
        (["--interests", "ceramics,,silk"], "--interests: must not hold an empty item"),
        (["--must", ","], "--must: must not hold an empty item"),
        (["--mode", ""], "--mode: must not be empty"),
        (["--output", "/no/such/folder/plan.html", "--format", "html"], "--output: must be in an existing folder"),
    ],
)
def test_impossible_requests_exit_2_with_one_line(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "--start", "Hoan Kiem Lake", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and expected in captured.err
    assert captured.err.startswith("craftroute plan: error: ")


@pytest.mark.parametrize("fmt", ["html", "json", "text"])
def test_output_folder_is_refused_before_planning(tmp_path: Path, fmt: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--start", "Hoan Kiem Lake", "--format", fmt, "--output", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "--output: must be a file name, got the folder" in captured.err


def test_missing_start_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["plan", "--days", "2"])
    assert raised.value.code == 2
    assert "--start" in capsys.readouterr().err


@pytest.mark.slow
def test_register_villages_option_offers_the_tourism_ready_register_villages(
        capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["plan", "--start", "Hoan Kiem Lake", "--date", "2026-12-07", "--must", "dao-xa", "--register-villages",
            "--time-limit", "1", "--format", "json"]
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    assert "dao-xa" in {stop["id"] for day in document["days"] for stop in day["stops"]}


@pytest.mark.slow
def test_json_contract_on_hanoi_data(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["plan", "--start", "Hoan Kiem Lake", "--days", "2", "--date", "2026-12-07",
            "--interests", "ceramics,silk", "--format", "json"]
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    assert isinstance(document["score"], float) and isinstance(document["estimated"], bool)
    assert [day["date"] for day in document["days"]] == ["2026-12-07", "2026-12-08"]
    ids = {stop["id"] for day in document["days"] for stop in day["stops"]}
    assert {"bat-trang", "van-phuc"} <= ids
    for day in document["days"]:
        for stop in day["stops"]:
            assert all(re.match(r"^\d{2}:\d{2}$", stop[key]) for key in ("arrive", "start", "depart"))
            assert stop["arrive"] <= stop["start"] < stop["depart"]
        assert len(day["legs"]) == len(day["stops"]) + 1
        assert [leg["from"] for leg in day["legs"][1:]] == [stop["id"] for stop in day["stops"]]
    assert all(set(item) >= {"id", "reason"} for item in document["unvisited"])


@pytest.mark.slow
def test_text_and_html_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["plan", "--start", "21.0288,105.8525", "--days", "1", "--date", "2026-12-08",
            "--interests", "silk", "--pace", "relaxed"]
    assert main(base) == 0
    text = capsys.readouterr().out
    assert text.startswith("1-day plan from 21.02880, 105.85250 by motorbike (pace relaxed)")
    assert "Day 1 (Tue 2026-12-08)" in text and "Vạn Phúc" in text and "lunch 1" in text
    output = tmp_path / "plan.html"
    assert main([*base, "--format", "html", "--output", str(output)]) == 0
    assert capsys.readouterr().out.strip() == (f"plan map written to {output} "
                                               "(it loads the map library and tiles from the internet)")
    page = output.read_text(encoding="utf-8")
    assert "(c) OpenStreetMap contributors" in page and "Vạn Phúc" in page
    saved = tmp_path / "plan.json"
    assert main([*base, "--format", "json", "--output", str(saved)]) == 0
    assert capsys.readouterr().out.strip() == f"plan written to {saved}"
    assert "van-phuc" in {stop["id"] for stop in json.loads(saved.read_text(encoding="utf-8"))["days"][0]["stops"]}


def _clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


@pytest.mark.parametrize("end", ["temple-of-literature", "hoan-kiem-lake"])
def test_day_lines_are_chronological_and_mark_estimates(end: str) -> None:
    places = trip_places()
    fields = {"start": "hoan-kiem-lake", "end": end, "date": "2026-12-03", "day_start": "09:30",
              "day_end": "15:00", "pace": "relaxed", "must": "hoan-kiem-lake"}
    plan = plan_trip(parse_plan_request(fields, places=places), places=places, router=Router("motorbike", None),
                     time_limit_s=1.0)
    (day,) = plan.days
    lines = day_lines(day)
    travel = [line for line in lines if line.strip().startswith("travel")]
    moving = [leg for leg in day.legs if leg.duration_s or leg.distance_m]  # no line for a stop at the start
    assert len(moving) < len(day.legs) and not any("travel 0 min, 0.0 km" in line for line in lines)
    assert len(travel) == len(moving)
    assert travel[-1].split(" km")[1].startswith(" back") == (moving[-1] is day.legs[-1])
    for line, leg in zip(travel, moving, strict=True):
        assert line.endswith(" km estimated)") == leg.estimated  # estimate-only routing: the whole leg
    assert any(leg.estimated for leg in day.legs)
    # each line's clock: a visit's start, lunch's start, a leg's departure (the previous line's end)
    clocks = []
    for line in lines:
        found = re.search(r"(\d{2}:\d{2})-(\d{2}:\d{2})", line)
        clocks.append(_clock(found.group(1)) if found else None)
    shown = [clock for clock in clocks if clock is not None]
    assert shown == sorted(shown)
    assert day.lunch is not None and sum("lunch" in line for line in lines) == 1
    lunch_index = next(i for i, line in enumerate(lines) if "lunch" in line)
    if day.lunch.start_min >= day.back_min:  # eaten at the end place after the journey back
        assert lunch_index == len(lines) - 1


@pytest.mark.slow
@pytest.mark.parametrize(("start", "name"), [("36 Hàng Bạc", "36 Hàng Bạc"), ("hang bac", "Hàng Bạc")])
def test_plan_from_a_street_address(start: str, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["plan", "--start", start, "--days", "1", "--date", "2026-12-08", "--format", "json"]
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    start_point = document["days"][0]["start"]
    assert start_point["name"] == name and "Hàng Bạc" in start_point["name"]
    assert 21.03 < start_point["lat"] < 21.04 and 105.84 < start_point["lon"] < 105.86


@pytest.mark.slow
def test_plan_edits_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["plan", "--start", "hang bac", "--days", "2", "--date", "2026-12-08", "--format", "json",
            "--keep", "bat-trang@2", "--keep", "chuong@1", "--exclude", "van-phuc,one-pillar-pagoda"]
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    visits = {stop["id"]: number for number, day in enumerate(document["days"], start=1) for stop in day["stops"]}
    assert visits["bat-trang"] == 2 and visits["chuong"] == 1
    assert not {"van-phuc", "one-pillar-pagoda"} & set(visits)
    assert main([*argv[:7], "--format", "json", "--must", "son-dong,chuyen-my,chuong", "--only"]) == 0
    only = json.loads(capsys.readouterr().out)
    assert sorted(stop["id"] for day in only["days"] for stop in day["stops"]) == ["chuong", "chuyen-my", "son-dong"]


@pytest.mark.parametrize(("argv", "expected"), [
    (["--keep", "bat-trang"], '--keep: must list {"id", "day", "order"} objects or "id@day" / "id@day#order" texts'),
    (["--keep", "bat-trang@9"], "--keep: must be between 1 and 1, got 9"),
    (["--keep", "bat-trang@1#1", "--keep", "chuong@1#1"],
     "--keep item 2: 'chuong' has order 1 on day 1, as 'bat-trang' has: give each place its own order"),
    (["--keep", "bat-trang@1#0"], "--keep item 1: must be between 1 and 20, got 0"),
    (["--exclude", "atlantis"], "--exclude: no place with id 'atlantis'"),
])
def test_bad_edits_exit_2_naming_the_option(argv: list[str], expected: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--start", "Hoan Kiem Lake", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and expected in captured.err


@pytest.mark.slow
def test_plan_from_a_hotel_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["plan", "--start", "Sofitel Legend Metropole Hanoi", "--days", "1", "--date", "2026-12-08",
            "--format", "json"]
    assert main(argv) == 0
    start_point = json.loads(capsys.readouterr().out)["days"][0]["start"]
    assert start_point["name"] == "Sofitel Legend Metropole Hanoi"
    from planner.geocode import get_street_index, nearest_street

    near = nearest_street(get_street_index(), start_point["lat"], start_point["lon"], max_m=5.0)
    assert near is not None and near[0] == "Ngô Quyền"


def test_kept_order_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["plan", "--start", "hoan-kiem-lake", "--date", "2026-12-08", "--format", "json", "--time-limit", "2"]
    assert main([*argv, "--keep", "van-phuc@1", "--keep", "temple-of-literature@1"]) == 0
    chosen = [stop["id"] for stop in json.loads(capsys.readouterr().out)["days"][0]["stops"]]
    first, second = (place for place in chosen if place in ("van-phuc", "temple-of-literature"))
    assert main([*argv, "--keep", f"{second}@1#1", "--keep", f"{first}@1#2"]) == 0
    stops = json.loads(capsys.readouterr().out)["days"][0]["stops"]
    ordered = [(stop["id"], stop["order"]) for stop in stops if stop["kept"]]
    assert ordered == [(second, 1), (first, 2)]


def test_help_shows_the_keep_order_syntax(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["plan", "--help"])
    assert "ID@DAY[#N]" in capsys.readouterr().out
