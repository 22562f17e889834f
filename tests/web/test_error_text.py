"""Error messages in the interface language: the shapes the planner writes, the HTTP errors, anything else."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import InternalServerError, NotFound

from geodata.errors import CraftRouteError
from planner.itinerary import parse_plan_request
from web.error_text import error_text

#: Bad plan requests and the Vietnamese words each message must hold.
BAD_REQUESTS = [
    ({"start": "hoan-kiem-lake", "days": 0}, "phải nằm trong khoảng 1 đến 14"),
    ({"start": "hoan-kiem-lake", "days": "two"}, "phải là số từ 1 đến 14"),
    ({"start": "hoan-kiem-lake", "mode": "boat"}, "phải là một trong các giá trị"),
    ({"start": "hoan-kiem-lake", "date": "8/12/2026"}, "phải là ngày (YYYY-MM-DD)"),
    ({"start": "hoan-kiem-lake", "day_start": "25:00"}, "phải là giờ trong ngày HH:MM"),
    ({"start": "hoan-kiem-lake", "day_start": "10:00", "day_end": "09:00"}, "phải sau giờ bắt đầu ngày (10:00)"),
    ({"start": "hoan-kiem-lake", "must_see": "nowhere"}, "không có địa điểm nào có mã 'nowhere'"),
    ({"start": "hoan-kiem-lake", "interests": "silkk"}, "không biết nghề 'silkk'"),
    ({"days": 1}, "là bắt buộc"),
    ({"start": "hoan-kiem-lake", "colour": "red"}, "không phải là trường của lịch trình"),
]


@pytest.mark.parametrize(("fields", "words"), BAD_REQUESTS)
def test_planner_errors_read_in_vietnamese(fields, words) -> None:
    with pytest.raises(CraftRouteError) as caught:
        parse_plan_request(fields)
    shown = error_text(caught.value.message, "vi")
    assert words in shown.text and not shown.original, (caught.value.message, shown)
    assert error_text(caught.value.message, "en").text == caught.value.message


def test_http_errors_and_unknown_messages() -> None:
    assert error_text(str(NotFound.description), "vi").text.startswith("Trang này không tồn tại")
    assert error_text(str(InternalServerError.description), "vi").text.startswith("Đã có lỗi ở phía máy chủ")
    unknown = error_text("the moon is in the way", "vi")
    assert unknown.text == "Giá trị này không được chấp nhận." and unknown.original == "the moon is in the way"


def test_error_pages_speak_the_interface_language(client) -> None:
    missing = client.get("/no-such-page", query_string={"lang": "vi"})
    page = missing.get_data(as_text=True)
    assert missing.status_code == 404 and "Không tìm thấy" in page and "Trang này không tồn tại" in page
    assert "requested URL" not in page and "javascript:" not in page
    place = client.get("/places/nowhere", query_string={"lang": "vi"}).get_data(as_text=True)
    assert "không có địa điểm nào có mã &#39;nowhere&#39;" in place and "no place" not in place
    english = client.get("/places/nowhere", query_string={"lang": "en"}).get_data(as_text=True)
    assert "no place with id &#39;nowhere&#39;" in english
    api = client.get("/api/v1/places/nowhere", query_string={"lang": "vi"})
    assert api.status_code == 404 and "no place with id" in api.get_json()["error"]["message"]
