"""Prices of planned trips: vehicle by group size, guides, unknown fees flagged, margin, per person."""

from __future__ import annotations

import copy

import pytest

from geodata.errors import CraftRouteError
from web.packages import settings
from web.packages.pricing import check_price_list, choose_vehicles, format_vnd, quote

PLAN = {"mode": "car", "distance_m": 42_000.0, "days": [
    {"stops": [{"id": "bat-trang", "name": "Bát Tràng", "kind": "village"},
               {"id": "hotel", "name": "Hotel", "kind": "start"}]},
    {"stops": [{"id": "van-phuc", "name": "Vạn Phúc", "kind": "village"}]},
]}


@pytest.fixture
def prices() -> dict:
    """Return a copy of the default price list."""
    return copy.deepcopy(settings.DEFAULT_PRICE_LIST)


@pytest.mark.parametrize(("group", "vehicle", "count"), [
    (1, "car (4 seats)", 1), (4, "car (4 seats)", 1), (5, "van (16 seats)", 1),
    (28, "coach (29 seats)", 1), (60, "coach (29 seats)", 3),
])
def test_the_smallest_vehicle_that_seats_the_group(group, vehicle, count) -> None:
    chosen, how_many = choose_vehicles(settings.VEHICLES_BY_MODE["car"], group)
    assert (chosen["name"], how_many) == (vehicle, count)


def test_quote_adds_transport_guides_fees_and_margin(prices) -> None:
    prices["entrance_fee_vnd"] = {"bat-trang": 50_000}
    price = quote(PLAN, 20, prices, {"van-phuc": {"entrance": 0, "workshop": 150_000}})
    lines = {(line["kind"], line.get("place")): line for line in price["lines"]}
    assert lines[("transport", None)]["amount_vnd"] == 42 * 25_000 and lines[("transport", None)]["vehicles"] == 1
    assert lines[("guide", None)]["quantity"] == 2 * 2  # two days, two guides for 20 travellers
    assert lines[("fees", "bat-trang")]["amount_vnd"] == 20 * 50_000
    assert lines[("fees", "van-phuc")]["amount_vnd"] == 20 * 150_000
    assert [(u["id"], u["fee"]) for u in price["unknown_fees"]] == [("bat-trang", "workshop")]
    assert lines[("fees", "bat-trang")]["unknown"] == ["workshop"] and lines[("fees", "van-phuc")]["unknown"] == []
    motorbikes = quote({**PLAN, "mode": "motorbike"}, 5, prices)["lines"][0]
    assert (motorbikes["vehicles"], motorbikes["quantity"]) == (3, 126.0)
    assert price["costs_vnd"] == sum(line["amount_vnd"] for line in price["lines"])
    assert price["margin_vnd"] == round(price["costs_vnd"] * 0.15)
    assert price["total_vnd"] == price["costs_vnd"] + price["margin_vnd"]
    assert price["per_person_vnd"] == -(-price["total_vnd"] // 20)
    assert ("hotel", None) not in {(line["kind"], line.get("place")) for line in price["lines"]}


@pytest.mark.parametrize(("change", "field"), [
    ({"margin_percent": -5}, "prices.margin_percent"),
    ({"guide_vnd_per_day": "lots"}, "prices.guide_vnd_per_day"),
    ({"vehicles": {"car": []}}, "prices.vehicles"),
    ({"entrance_fee_vnd": {"bat-trang": -1}}, "prices.entrance_fee_vnd.bat-trang"),
    ({"colour": "red"}, "prices"),
])
def test_bad_price_lists_name_the_field(change, field) -> None:
    with pytest.raises(CraftRouteError) as error:
        check_price_list(change)
    assert error.value.field == field


@pytest.mark.parametrize("group", [0, 201, True, 2.5])
def test_group_size_is_checked(prices, group) -> None:
    with pytest.raises(CraftRouteError, match="group_size"):
        quote(PLAN, group, prices)


def test_amounts_read_as_vnd_in_each_language() -> None:
    assert format_vnd(1_250_000) == "1,250,000 VND" and format_vnd(1_250_000, "vi") == "1.250.000 ₫"
