"""``craftroute build-graph | route | matrix | coverage`` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import run

from craftroute.cli import main
from geodata import load_places
from planner import settings

HOAN_KIEM = "21.0287,105.8524"
OLD_QUARTER = "21.0382,105.8495"
VAN_PHUC = "20.9803,105.7720"


@pytest.fixture(autouse=True)
def _session_cache(monkeypatch: pytest.MonkeyPatch, clip_cache_dir: Path) -> None:
    """Keep CLI runs on the session's cache folder, never the user's."""
    monkeypatch.setattr(settings, "cache_dir", clip_cache_dir)


def test_route_json_follows_the_contract(capsys: pytest.CaptureFixture[str], osm_clip: Path) -> None:
    code, out, err = run(capsys, "route", HOAN_KIEM, OLD_QUARTER, "--osm", str(osm_clip), "--format", "json")
    assert code == 0, err
    answer = json.loads(out)
    assert {"from", "to", "mode", "distance_m", "duration_s", "estimated", "geometry"} <= set(answer)
    assert answer["mode"] == settings.DEFAULT_MODE and answer["estimated"] is False
    assert answer["geometry"]["type"] == "LineString"
    assert answer["geometry"]["coordinates"][0] == [105.8524, 21.0287]
    assert answer["distance_m"] > 1000 and answer["duration_s"] > 60


def test_route_text_labels_estimated_legs(capsys: pytest.CaptureFixture[str], osm_clip: Path) -> None:
    code, out, _ = run(capsys, "route", HOAN_KIEM, VAN_PHUC, "--osm", str(osm_clip), "--mode", "walk")
    assert code == 0
    assert "by walk" in out and "km estimated)" in out  # Vạn Phúc is 8 km outside the clip
    assert "partly routed" in out
    code, out, _ = run(capsys, "route", HOAN_KIEM, "chuyen-my", "--osm", str(osm_clip), "--mode", "walk")
    assert "estimated from the straight line" in out and "chuyen-my: nearest reachable road node" in out


def test_matrix_json_follows_the_contract(capsys: pytest.CaptureFixture[str], osm_clip: Path) -> None:
    ids = f"{HOAN_KIEM};{OLD_QUARTER};{VAN_PHUC}"
    code, out, err = run(capsys, "matrix", "--ids", ids, "--osm", str(osm_clip), "--mode", "car",
                         "--format", "json")
    assert code == 0, err
    answer = json.loads(out)
    assert len(answer["ids"]) == 3
    for key in ("duration_s", "distance_m", "estimated", "estimated_m"):
        assert [len(row) for row in answer[key]] == [3, 3, 3]
    assert answer["estimated_m"][0][1] == 0 and 0 < answer["estimated_m"][0][2] < answer["distance_m"][0][2]
    assert [answer["duration_s"][i][i] for i in range(3)] == [0, 0, 0]
    assert answer["estimated"][0][1] is False and answer["estimated"][0][2] is True


def test_build_graph_reports_the_graph(capsys: pytest.CaptureFixture[str], osm_clip: Path) -> None:
    code, out, _ = run(capsys, "build-graph", "--osm", str(osm_clip), "--mode", "bicycle")
    assert code == 0
    assert "clip.osm" in out and "nodes" in out and "bicycle" in out
    assert "bundled places by bicycle: " in out and " partly routed, " in out


@pytest.mark.parametrize(("argv", "message"), [
    (("route", HOAN_KIEM, OLD_QUARTER, "--mode", "plane"), "--mode: must be one of motorbike, car, bicycle, walk"),
    (("route", HOAN_KIEM, "10.7769,106.7009"), "TO: 10.77690,106.70090 is outside Hanoi"),
    (("matrix", "--ids", f"{HOAN_KIEM};;{OLD_QUARTER}"), "--ids: must be places separated by commas, or by \";\""),
    (("route", HOAN_KIEM, OLD_QUARTER, "--osm", "no/such/file.osm"), "--osm: must be an existing OSM road file"),
])
def test_bad_input_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], osm_clip: Path,
                                          argv: tuple[str, ...], message: str) -> None:
    osm = () if "--osm" in argv else ("--osm", str(osm_clip))
    code, out, err = run(capsys, *argv, *osm)
    assert code == 2
    assert out == ""
    assert message in err and err.count("\n") == 1


def test_bad_format_is_an_argument_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["route", HOAN_KIEM, OLD_QUARTER, "--format", "xml"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err and err.count("\n") == 1


def test_coverage_lists_every_bundled_place(capsys: pytest.CaptureFixture[str], osm_clip: Path) -> None:
    code, out, _ = run(capsys, "coverage", "--osm", str(osm_clip), "--format", "json")
    assert code == 0
    answer = json.loads(out)
    rows = {row["id"]: row for row in answer["places"]}
    assert set(rows) == set(load_places().index)
    assert rows["hoan-kiem-lake"]["status"] == "routed" and rows["hoan-kiem-lake"]["snap_m"] <= settings.MAX_SNAP_M
    assert rows["van-phuc"]["status"] == "partly routed"  # 8 km outside the central clip
    assert rows["van-phuc"]["access_m"] == pytest.approx(rows["van-phuc"]["snap_m"] * settings.DETOUR_FACTOR, abs=0.2)
    limits = {"routed": (0, settings.MAX_SNAP_M), "partly routed": (settings.MAX_SNAP_M, settings.MAX_ACCESS_M),
              "estimated": (settings.MAX_ACCESS_M, float("inf"))}
    assert all(limits[row["status"]][0] <= row["snap_m"] <= limits[row["status"]][1] for row in rows.values())
    assert all(row["routed"] == (row["status"] != "estimated") for row in rows.values())
    assert sum(answer["counts"].values()) == len(rows) and answer["counts"]["estimated"] > 0


@pytest.mark.parametrize(("command", "content"), [
    ("route", "root:x:0:0:root:/root:/bin/bash\n"),
    ("route", ""),
    ("matrix", "<html><body>not roads</body></html>"),
    ("build-graph", ""),
    ("build-graph", "<?xml version='1.0'?><osm version='0.6'></osm>"),
])
def test_osm_file_that_is_not_osm_data_names_the_option(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                        command: str, content: str) -> None:
    bad = tmp_path / "roads.osm"
    bad.write_text(content)
    argv = {"route": ("route", HOAN_KIEM, OLD_QUARTER), "matrix": ("matrix", "--ids", f"{HOAN_KIEM};{OLD_QUARTER}"),
            "build-graph": ("build-graph",)}[command]
    code, out, err = run(capsys, *argv, "--osm", str(bad))
    assert code == 2 and out == ""
    last = err.splitlines()[-1]  # build-graph's progress bar may come before the error line
    assert last.startswith(f"craftroute {command}: error: --osm: must be an OSM road file (.osm, .osm.gz, ")


def test_misconfigured_osm_path_setting_names_the_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from geodata.errors import CraftRouteError
    from planner.routing.router import Router

    bad = tmp_path / "passwd.osm"
    bad.write_text("root:x:0:0\n")
    monkeypatch.setattr(settings, "osm_path", bad)
    with pytest.raises(CraftRouteError, match="must be an OSM road file") as raised:
        Router.load()
    assert raised.value.field == "osm_path"
    monkeypatch.setattr(settings, "osm_path", tmp_path / "missing.osm")
    with pytest.raises(CraftRouteError, match="must be an existing OSM road file") as raised:
        Router.load()
    assert raised.value.field == "osm_path"


def test_matrix_ids_take_points_separated_by_semicolons(capsys: pytest.CaptureFixture[str], osm_clip: Path) -> None:
    code, out, err = run(capsys, "matrix", "--ids", f"hoan-kiem-lake;{OLD_QUARTER}", "--osm", str(osm_clip),
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out)["ids"][0] == "hoan-kiem-lake" and len(json.loads(out)["ids"]) == 2
    code, out, err = run(capsys, "matrix", "--ids", OLD_QUARTER, "--osm", str(osm_clip), "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)["ids"]) == 1


def test_text_matrix_shows_full_ids(capsys: pytest.CaptureFixture[str], osm_clip: Path) -> None:
    ids = ["temple-of-literature", "hoan-kiem-lake", "ho-chi-minh-mausoleum"]
    code, out, err = run(capsys, "matrix", "--ids", ",".join(ids), "--osm", str(osm_clip), "--format", "text")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1].split() == ["1", "2", "3"]
    for number, (place_id, line) in enumerate(zip(ids, lines[2:], strict=True), start=1):
        assert line.split()[:2] == [f"{number}.", place_id]
        assert line.split()[1 + number] in ("0", "0*")  # the diagonal
