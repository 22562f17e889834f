"""Request parameter parsing and interface language selection."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from geodata.errors import CraftRouteError
from web import i18n, params
from web.pages.plan_form import form_field_name, plan_fields


def test_get_list_accepts_repeated_keys_commas_and_json_lists() -> None:
    assert params.get_list(MultiDict([("craft", "silk"), ("craft", "ceramics,lacquer")]), "craft") == (
        "silk", "ceramics", "lacquer")
    assert params.get_list({"craft": ["silk", "ceramics"]}, "craft") == ("silk", "ceramics")
    assert params.get_list({}, "craft") == ()
    with pytest.raises(CraftRouteError, match="craft"):
        params.get_list({"craft": [1]}, "craft")


@pytest.mark.parametrize(("value", "message"), [("x", "must be a number"), ("500", "between")])
def test_get_float_names_the_field_and_range(value, message) -> None:
    with pytest.raises(CraftRouteError, match=message) as raised:
        params.get_float({"radius_km": value}, "radius_km", low=0.1, high=200)
    assert raised.value.field == "radius_km"


def test_query_string_replaces_and_removes_keys() -> None:
    args = MultiDict([("craft", "silk"), ("craft", "ceramics"), ("lang", "vi")])
    assert params.query_string(args, lang="en") == "craft=silk&craft=ceramics&lang=en"
    assert params.query_string(args, lang=None) == "craft=silk&craft=ceramics"


def test_plan_fields_keeps_lists_numbers_and_drops_empty_values() -> None:
    form = MultiDict([("start", " Bát Tràng "), ("days", "2"), ("date", ""), ("interests", "silk"),
                      ("interests", "ceramics"), ("must_see", "van-phuc"), ("lang", "vi"), ("end", " "),
                      ("lunch_min", "30"), ("name", "Package")])
    assert plan_fields(form) == {"start": "Bát Tràng", "days": 2, "interests": ["silk", "ceramics"],
                                 "must_see": ["van-phuc"], "lunch_min": 30}
    assert plan_fields(MultiDict([("start", "x"), ("must_see", ""), ("interests", " , ")])) == {"start": "x"}


def test_form_field_name_maps_planner_fields_to_the_form() -> None:
    assert form_field_name("must") == "must_see" and form_field_name("must[2]") == "must_see"
    assert form_field_name("days") == "days"


@pytest.mark.parametrize(("requested", "cookie", "accept", "expected"), [
    ("vi", None, ["en"], "vi"),
    (None, "vi", ["en"], "vi"),
    (None, None, ["vi-VN", "en"], "vi"),
    ("fr", None, ["de"], "en"),
])
def test_choose_language(requested, cookie, accept, expected) -> None:
    assert i18n.choose_language(requested, cookie, accept, languages=("en", "vi"), default="en") == expected


def test_every_english_key_has_a_vietnamese_text() -> None:
    english, vietnamese = i18n.load_translations("en"), i18n.load_translations("vi")
    assert set(english) <= set(vietnamese)
    assert i18n.translate("plan.day", "vi", n=2) == "Ngày 2"
    assert i18n.translate("no.such.key", "vi") == "no.such.key"
