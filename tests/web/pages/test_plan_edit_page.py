"""The plan page's edits (remove, lock, move, add, only these) and the form's place choice."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from werkzeug.datastructures import MultiDict

import geodata
from web.pages.place_choice import place_groups
from web.pages.plan_edit import edited_fields

TRIP = {"start": "hang bac", "days": "2", "date": "2026-12-08", "mode": "motorbike"}


def _fields(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(edited_fields(MultiDict(pairs)).items(multi=True))


def test_edits_fold_into_plain_plan_fields() -> None:
    submitted = [("start", "Hàng Bạc"), ("days", "2"), ("must_see", "bat-trang"), ("must_see", "chuong"),
                 ("shown", "bat-trang"), ("shown", "one-pillar-pagoda"), ("shown", "van-phuc"),
                 ("exclude", "chuong"), ("keep", "van-phuc@1"), ("keep", "van-phuc@2"), ("keep", ""),
                 ("keep", "one-pillar-pagoda@1"), ("exclude", "one-pillar-pagoda"), ("must_see", "")]
    assert _fields(submitted) == [("start", "Hàng Bạc"), ("days", "2"), ("must_see", "bat-trang"),
                                  ("exclude", "chuong"), ("exclude", "one-pillar-pagoda"), ("keep", "van-phuc@2")]


def test_only_these_keeps_the_shown_stops() -> None:
    submitted = [("start", "x"), ("shown", "bat-trang"), ("shown", "van-phuc"), ("shown", "chuong"),
                 ("exclude", "chuong"), ("keep", "van-phuc@1"), ("must_see", "son-dong"), ("only", "true")]
    assert _fields(submitted) == [("start", "x"), ("must_see", "son-dong"), ("must_see", "bat-trang"),
                                  ("exclude", "chuong"), ("keep", "van-phuc@1"), ("only", "true")]


def test_places_are_grouped_for_choosing() -> None:
    records = geodata.places_to_records(geodata.load_places())
    groups = place_groups(records, craft_labels={"ceramics": "Ceramics"}, text=lambda key, **v: f"{key}{v}")
    labels = [label for label, _ in groups]
    assert labels[:2] == ["chips.group.world_craft_city{}", "chips.group.world_craft_city_candidate{}"]
    assert labels[-1] == "chips.group.sights{}"
    assert [place_id for place_id, _ in groups[0][1]] == ["bat-trang", "van-phuc"]
    assert {"son-dong", "chuyen-my", "chuong"} <= {place_id for place_id, _ in groups[1][1]}
    every = [place_id for _, members in groups for place_id, _ in members]
    assert sorted(every) == sorted(record["id"] for record in records)  # each place once


def test_edit_redirects_to_the_plan_with_plain_fields(client) -> None:
    response = client.get("/plan/edit", query_string=MultiDict([*TRIP.items(), ("shown", "bat-trang"),
                                                                ("exclude", "bat-trang"), ("lang", "vi")]))
    assert response.status_code == 303
    target = urlsplit(response.headers["Location"])
    assert target.path == "/plan"
    assert parse_qsl(target.query) == [*TRIP.items(), ("lang", "vi"), ("exclude", "bat-trang")]


def test_form_has_grouped_chips_and_local_scripts(client) -> None:
    page = client.get("/", query_string={"must_see": "chuong"}).get_data(as_text=True)
    assert 'data-chips' in page and '<optgroup label="World Craft Cities">' in page
    assert '<option value="chuong" selected>' in page
    assert 'id="start-suggestions"' in page and "36 Hàng Bạc" in page
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert "/static/start_suggest.js" in scripts and "/static/chips.js" in scripts
    assert all(src.startswith("/static/") for src in scripts)  # no CDN
    vietnamese = client.get("/", query_string={"lang": "vi"}).get_data(as_text=True)
    assert "Thành phố sáng tạo thủ công thế giới" in vietnamese and "Tìm địa điểm để thêm" in vietnamese


def test_explore_offers_to_plan_with_the_filtered_places(client) -> None:
    page = client.get("/explore", query_string={"recognition": "world_craft_city"}).get_data(as_text=True)
    link = re.search(r'id="plan-with-these" href="([^"]+)"', page)
    assert link is not None
    assert sorted(value for key, value in parse_qsl(urlsplit(link.group(1).replace("&amp;", "&")).query)
                  if key == "must_see") == ["bat-trang", "van-phuc"]
    assert 'id="plan-with-these"' not in client.get("/explore").get_data(as_text=True)


def test_place_page_adds_to_my_plan(client) -> None:
    page = client.get("/places/chuong").get_data(as_text=True)
    assert 'id="add-to-plan" data-place="chuong"' in page and "/static/my_plan.js" in page


@pytest.mark.slow
@pytest.mark.converged_plans
def test_plan_page_edits_keep_the_plan_fields(client, shared_data_dir) -> None:
    page = client.get("/plan", query_string=TRIP).get_data(as_text=True)
    assert "Leave Hàng Bạc" in page or "Hàng Bạc" in page
    form = re.search(r'<form id="plan-edit".*?</form>', page, re.DOTALL)
    assert form is not None
    hidden = dict(re.findall(r'<input type="hidden" name="(start|days|date|mode)" value="([^"]*)"', form.group(0)))
    assert hidden == TRIP
    stops = re.findall(r'class="stop-edit[^"]*" data-stop="([^"]+)"', page)
    assert stops and page.count('form="plan-edit" name="exclude"') == len(stops)
    first = stops[0]
    # remove the first stop and re-plan through the form
    edited = client.get("/plan/edit", query_string=MultiDict([*TRIP.items(), *(("shown", s) for s in stops),
                                                              ("exclude", first)]), follow_redirects=True)
    assert edited.status_code == 200
    text = edited.get_data(as_text=True)
    assert f'data-stop="{first}"' not in text
    assert re.search(rf'name="exclude" value="{first}" checked', text)  # listed as removed, can come back
    assert "removed by you" in text


def test_form_keeps_the_plan_edits_to_undo(client) -> None:
    page = client.get("/", query_string=[("start", "hang bac"), ("keep", "chuong@2"), ("exclude", "van-phuc"),
                                         ("only", "true"), ("lang", "vi")]).get_data(as_text=True)
    edits = re.search(r'<fieldset class="mb-2" id="form-edits">.*?</fieldset>', page, re.DOTALL)
    assert edits is not None
    assert 'name="keep" value="chuong@2" checked> Đã khóa: Chuông · Ngày 2' in edits.group(0)
    assert 'name="exclude" value="van-phuc" checked> Đã bỏ: Vạn Phúc' in edits.group(0)
    assert 'name="only" value="true" checked' in edits.group(0)
    assert 'id="form-edits"' not in client.get("/").get_data(as_text=True)


def test_move_up_locks_the_day_s_stops_in_the_new_order() -> None:
    submitted = [("start", "x"), ("days", "2"), ("shown", "a"), ("shown", "b"), ("shown", "c"), ("shown", "d"),
                 ("keep", "d@2"), ("keep", "a@1#1"), ("reorder", "1:b,a,c")]
    assert _fields(submitted) == [("start", "x"), ("days", "2"), ("keep", "d@2"), ("keep", "a@1#2"),
                                  ("keep", "b@1#1"), ("keep", "c@1#3")]


def test_reorder_leaves_out_removed_stops_and_stops_moved_to_another_day() -> None:
    submitted = [("start", "x"), ("exclude", "c"), ("keep", "b@2"), ("reorder", "1:b,a,c,d")]
    assert _fields(submitted) == [("start", "x"), ("exclude", "c"), ("keep", "b@2"), ("keep", "a@1#1"),
                                  ("keep", "d@1#2")]
    assert _fields([("start", "x"), ("reorder", "first:a,b")]) == [("start", "x")]  # malformed: no change


def test_stop_buttons_carry_the_day_in_its_new_order() -> None:
    from web.pages.plan_edit import plan_edit_values

    plan = {"days": [{"stops": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}, {"stops": [{"id": "d"}]}],
            "request": {"keep": [{"id": "b", "day": 1, "order": 2}, {"id": "d", "day": 2}]}}
    edit = plan_edit_values(MultiDict([("start", "x")]), plan, {})
    assert edit.moved(1, "b", -1) == "1:b,a,c" and edit.moved(1, "b", 1) == "1:a,c,b"
    assert edit.moved(1, "a", -1) is None and edit.moved(2, "d", 1) is None
    assert edit.keep_value("b", 1) == "b@1#2" and edit.keep_value("d", 2) == "d@2" and edit.keep_value("a", 1) == "a@1"


@pytest.mark.slow
def test_moving_a_stop_up_replans_in_that_order(client, shared_data_dir) -> None:
    trip = {**TRIP, "days": "1"}
    page = client.get("/plan", query_string=trip).get_data(as_text=True)
    stops = re.findall(r'class="stop-edit[^"]*" data-stop="([^"]+)"', page)
    assert len(stops) >= 2
    up = re.search(rf'data-stop="{stops[1]}".*?class="btn[^"]*stop-up"[^>]*name="reorder" value="([^"]+)"', page,
                   re.DOTALL)
    assert up is not None and up.group(1) == f"1:{','.join([stops[1], stops[0], *stops[2:]])}"
    assert 'aria-label="Move' in page and "Move up" in page
    edited = client.get("/plan/edit", query_string=MultiDict([*trip.items(), *(("shown", s) for s in stops),
                                                              ("reorder", up.group(1))]), follow_redirects=True)
    text = edited.get_data(as_text=True)
    assert edited.status_code == 200, text[:2000]
    after = re.findall(r'class="stop-edit[^"]*" data-stop="([^"]+)"', text)
    locked = [stop for stop in after if stop in stops]
    assert locked == [stops[1], stops[0], *stops[2:]]
    assert text.count(">locked</span>") == len(stops)
    assert f'value="{stops[1]}@1#1" checked' in text


def test_form_lists_a_kept_order_to_undo(client) -> None:
    page = client.get("/", query_string=[("start", "hang bac"), ("keep", "chuong@1#2"), ("lang", "vi")])
    edits = re.search(r'<fieldset class="mb-2" id="form-edits">.*?</fieldset>', page.get_data(as_text=True), re.DOTALL)
    assert edits is not None
    assert 'name="keep" value="chuong@1#2" checked> Đã khóa: Chuông · Ngày 1 · thứ tự 2' in edits.group(0)
