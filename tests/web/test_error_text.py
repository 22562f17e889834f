"""Error messages in the interface language: every code worded in English and Vietnamese,
every bad plan request of the form and the API answered with its code, no English fallback."""

from __future__ import annotations

import ast
import json
import re
from html import unescape
from pathlib import Path

import pytest

from geodata.error_codes import ERROR_TEMPLATES, GENERIC_CODE
from geodata.errors import MAX_QUOTED_CHARS, CraftRouteError, DataValidationError
from web.error_text import KEY_PREFIX, error_text, placeholders
from web.errors import WEB_ERROR_TEMPLATES
from web.i18n import field_label, load_translations

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("geodata", "planner", "web")
ALL_CODES = {**ERROR_TEMPLATES, **WEB_ERROR_TEMPLATES}
START = "hoan-kiem-lake"

#: Bad plan requests (form query and API body), the field each names and its error code.
BAD_REQUESTS = [
    ({"start": START, "days": 0}, "days", "between"),
    ({"start": START, "days": 15}, "days", "between"),
    ({"start": START, "days": "two"}, "days", "whole_number_range"),
    ({"start": START, "date": "8/12/2026"}, "date", "date_format"),
    ({"start": START, "date": "1999-01-01"}, "date", "between"),
    ({"start": START, "days": 3, "date": "2099-12-31"}, "date", "date_range_days"),
    ({"start": START, "mode": "boat"}, "mode", "one_of"),
    ({"start": START, "pace": "sprint"}, "pace", "one_of"),
    ({"start": START, "interests": "silkk"}, "interests", "unknown_interest_close"),
    ({"start": START, "interests": "zzzzzz"}, "interests", "unknown_interest"),
    ({"start": START, "must_see": "nowhere"}, "must", "unknown_place_id"),
    ({"start": START, "exclude": "nowhere"}, "exclude", "unknown_place_id"),
    ({"start": START, "keep": "nowhere@1"}, "keep", "unknown_place_id"),
    ({"start": START, "keep": "bat-trang"}, "keep", "keep_format"),
    ({"start": START, "keep": "bat-trang@3"}, "keep", "between"),
    ({"start": START, "keep": "bat-trang@1", "exclude": "bat-trang"}, "keep", "keep_excluded"),
    ({"start": START, "must_see": "bat-trang", "exclude": "bat-trang"}, "exclude", "must_excluded"),
    ({"start": START, "day_start": "25:00"}, "day_start", "clock_format"),
    ({"start": START, "day_start": "10:00", "day_end": "09:00"}, "day_end", "day_end_order"),
    ({"start": START, "lunch_start": "12:30", "lunch_end": "12:00"}, "lunch_end", "lunch_end_order"),
    ({"start": START, "lunch_min": 500}, "lunch_min", "between"),
    ({"start": START, "flexible_dates": "2027-01-04"}, "flexible_dates", "flexible_format"),
    ({"start": START, "flexible_dates": "2027-01-04..2027-03-30"}, "flexible_dates", "flexible_span"),
    ({"start": "nowhere street xyz"}, "start", "location_not_found"),
    ({"start": "ab"}, "start", "location_too_short"),
    ({"start": "48.85,2.35"}, "start", "outside_hanoi"),
    ({"days": 1}, "start", "start_required"),
]


def _form_query(fields: dict[str, object]) -> dict[str, object]:
    return {"lang": "vi", **{key: str(value) for key, value in fields.items()}}


def _calls_in_source() -> list[tuple[str, set[str], str]]:
    """Return ``(code, keyword names, where)`` of every ``<...>Error.of`` and ``web_error`` call with a literal code."""
    calls = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and _is_coded_call(node) and len(node.args) > 1:
                    names = {keyword.arg for keyword in node.keywords if keyword.arg}
                    for argument in _branches([node.args[1]]):
                        if isinstance(argument, ast.Constant):
                            calls.append((str(argument.value), names, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return calls


def _is_coded_call(node: ast.Call) -> bool:
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr == "of" and isinstance(func.value, ast.Name)
            and func.value.id.endswith("Error")) or (isinstance(func, ast.Name) and func.id == "web_error")


def test_every_coded_call_gives_exactly_the_params_its_template_names() -> None:
    calls = _calls_in_source()
    assert len(calls) > 80
    for code, names, where in calls:
        assert names == placeholders(ALL_CODES[code]), (where, code, names)


def _codes_in_source() -> set[str]:
    """Return every error code the source passes to ``<...>Error.of``, ``web_error`` or ``code=``."""
    codes: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                named = _is_coded_call(node)
                arguments = [node.args[1]] if named and len(node.args) > 1 else []
                arguments += [keyword.value for keyword in node.keywords if keyword.arg == "code"]
                for argument in _branches(arguments):
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                        codes.add(argument.value)
                    elif named:  # a code must be a literal, so that this test sees it
                        pytest.fail(f"{path.relative_to(ROOT)}:{node.lineno}: error code is not a literal")
    return codes


def _branches(nodes: list[ast.expr]) -> list[ast.expr]:
    """Return the expressions, with both outcomes of ``a if test else b``."""
    found: list[ast.expr] = []
    for node in nodes:
        found += _branches([node.body, node.orelse]) if isinstance(node, ast.IfExp) else [node]
    return found


def test_every_code_in_the_source_is_registered() -> None:
    codes = _codes_in_source()
    assert len(codes) > 60
    assert codes <= set(ALL_CODES) | {GENERIC_CODE}, sorted(codes - set(ALL_CODES))
    assert not set(ERROR_TEMPLATES) & set(WEB_ERROR_TEMPLATES)


@pytest.mark.parametrize("language", ["en", "vi"])
def test_every_code_has_a_wording_in_each_language(language: str) -> None:
    table = load_translations(language)
    for code, template in {**ALL_CODES, GENERIC_CODE: ""}.items():
        text = table.get(KEY_PREFIX + code)
        assert text, f"{KEY_PREFIX}{code} missing in {language}.json"
        assert placeholders(text) <= placeholders(template), (code, language)
        if language == "vi":
            assert not text.isascii() and text != load_translations("en")[KEY_PREFIX + code], code
    stale = {key for key in table if key.startswith(KEY_PREFIX)} - {KEY_PREFIX + code for code in ALL_CODES}
    assert stale == {KEY_PREFIX + GENERIC_CODE}


def test_english_message_comes_from_the_template_with_its_params() -> None:
    error = CraftRouteError.of("days", "between", low=1, high=14, got=0)
    assert (error.message, error.code, error.params) == ("must be between 1 and 14, got 0", "between",
                                                        {"low": 1, "high": 14, "got": 0})
    assert error_text(error, "vi").text == "phải nằm trong khoảng 1 đến 14; bạn đã nhập 0"
    assert error_text(error, "en").text == "must be between 1 and 14; you gave 0"


def test_a_data_file_error_keeps_its_english_beside_a_translated_sentence() -> None:
    error = DataValidationError("bat-trang", "visit_min", "must be between 10 and 600, got 5000")
    shown = error_text(error, "vi")
    assert shown.text == "Giá trị này không được chấp nhận." and shown.original == error.message
    assert error_text(error, "en") == error_text(error, "en").__class__(error.message)


@pytest.mark.parametrize(("fields", "field", "code"), BAD_REQUESTS)
def test_bad_plan_form_reads_in_vietnamese_naming_the_field(client, fields, field, code) -> None:
    response = client.get("/plan", query_string=_form_query(fields))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    shown = re.search(r'<div class="alert alert-danger" id="form-error" data-code="([^"]+)" data-field="([^"]+)">'
                      r"<strong>(.*?)</strong>: (.*?)</div>", page, re.DOTALL)
    assert shown is not None, page[:500]
    form_field = "must_see" if field == "must" else field
    assert shown[2] == form_field and shown[1] == code
    assert unescape(shown[3]) == field_label(form_field, "vi") != field_label(form_field, "en")
    message = unescape(shown[4])
    assert 'lang="en"' not in message and not message.isascii()
    for english in ("must", "got", "allowed", "unknown", "not accepted", "no place"):
        assert english not in message, message


@pytest.mark.parametrize(("fields", "field", "code"), BAD_REQUESTS)
def test_bad_plan_api_request_answers_its_code(client, fields, field, code) -> None:
    response = client.post("/api/v1/itineraries?lang=vi", json=fields)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["field"], error["code"]) == (field, code)
    assert error["message"] == ERROR_TEMPLATES[code].format(**error["params"])
    assert json.dumps(error["params"])


def test_unknown_interest_suggests_close_crafts_in_vietnamese(client) -> None:
    page = client.get("/plan", query_string=_form_query({"start": START, "interests": "silkk"})).get_data(as_text=True)
    assert "không có nghề &#39;silkk&#39;; có phải bạn muốn nói &#39;silk&#39;" in page


def test_error_pages_speak_the_interface_language(client) -> None:
    missing = client.get("/no-such-page", query_string={"lang": "vi"})
    page = missing.get_data(as_text=True)
    assert missing.status_code == 404 and "Không tìm thấy" in page and "Trang này không tồn tại" in page
    assert "requested URL" not in page and "javascript:" not in page and 'id="error-original"' not in page
    place = client.get("/places/nowhere", query_string={"lang": "vi"}).get_data(as_text=True)
    assert "không có địa điểm nào có mã &#39;nowhere&#39;" in place and "no place" not in place
    english = client.get("/places/nowhere", query_string={"lang": "en"}).get_data(as_text=True)
    assert "there is no place with the id &#39;nowhere&#39;" in english
    api = client.get("/api/v1/places/nowhere", query_string={"lang": "vi"})
    assert api.status_code == 404 and "no place with id" in api.get_json()["error"]["message"]
    assert api.get_json()["error"]["code"] == "unknown_place_id"


def test_a_long_bad_value_is_quoted_cut_in_both_languages(client) -> None:
    long_start = "x" * 500
    answer = client.post("/api/v1/itineraries", json={"start": long_start}).get_json()["error"]
    assert answer["code"] == "location_not_found" and "(500 characters)" in answer["params"]["got"]
    assert len(answer["params"]["got"]) <= MAX_QUOTED_CHARS + len("... (500 characters)")
    page = client.get("/plan", query_string={"lang": "vi", "start": long_start}).get_data(as_text=True)
    shown = re.search(r'id="form-error"[^>]*>(.*?)</div>', page, re.DOTALL)
    assert shown is not None and "x" * (MAX_QUOTED_CHARS + 1) not in shown[1] and "... (500 ký tự)" in shown[1]


@pytest.mark.parametrize(("url", "field", "code"), [
    ("/explore?radius_km=5", "radius_km", "needs_near"),
    ("/explore?near=somewhere", "near", "lat_lon"),
    ("/explore?craft=origami", "craft", "unknown_value"),
    ("/calendar?month=2027-13", "month", "month_format"),
    ("/dashboard?status=maybe", "status", "one_of"),
    ("/calendar/export.ics?from=2027-02-10&to=2027-01-01", "to", "not_before"),
])
def test_bad_filters_of_other_pages_read_in_vietnamese(client, url, field, code) -> None:
    response = client.get(url + "&lang=vi")
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    shown = re.search(r'id="error" data-field="([^"]+)" data-code="([^"]+)">.*?<p><strong>(.*?)</strong>: (.*?)</p>',
                      page, re.DOTALL)
    assert shown is not None and (shown[1], shown[2]) == (field, code)
    assert shown[3] == field_label(field, "vi") != field_label(field, "en")
    assert not shown[4].isascii() and 'id="error-original"' not in page
