"""Place names in the interface language: English names in English, Vietnamese in Vietnamese."""

from __future__ import annotations

import geodata
from geodata import schema
from web.names import localise_plan, place_name, place_names


def _records() -> dict[str, dict]:
    return {record["id"]: record for record in geodata.places_to_records(geodata.load_places())}


def test_each_language_names_a_place_its_own_way() -> None:
    records = _records()
    quarter, village = records["hanoi-old-quarter"], records["bat-trang"]
    assert place_name(quarter, "en").short == "Hanoi Old Quarter"
    assert place_name(quarter, "en").full == "Hanoi Old Quarter (Phố cổ Hà Nội)"
    assert place_name(quarter, "vi").short == place_name(quarter, "vi").full == "Phố cổ Hà Nội"
    english = place_name(village, "en", craft_label=schema.CRAFTS["ceramics"])
    assert (english.short, english.full) == ("Bát Tràng", "Bát Tràng (Bat Trang ceramics and pottery village)")
    assert place_name(village, "vi").full == "Bát Tràng"


def test_a_plan_is_renamed_but_points_that_are_no_place_keep_their_name() -> None:
    names = place_names(_records().values(), "en", craft_labels=schema.CRAFTS)
    hotel = {"id": "pt-21.03400-105.85000", "name": "21.03400, 105.85000", "lat": 21.034, "lon": 105.85}
    plan = {"days": [{"start": {"id": "hanoi-old-quarter", "name": "Phố cổ Hà Nội"}, "end": hotel,
                      "stops": [{"id": "one-pillar-pagoda", "name": "Chùa Một Cột"}],
                      "lunch": {"at": "one-pillar-pagoda", "name": "Chùa Một Cột"}}],
            "unvisited": [{"id": "temple-of-literature", "name": "Văn Miếu – Quốc Tử Giám"}]}
    shown = localise_plan(plan, names)
    day = shown["days"][0]
    assert day["start"]["name"] == "Hanoi Old Quarter" and day["end"]["name"] == "21.03400, 105.85000"
    assert day["stops"][0]["name"] == "One Pillar Pagoda" and day["lunch"]["name"] == "One Pillar Pagoda"
    assert day["stops"][0]["full_name"] == "One Pillar Pagoda (Chùa Một Cột)"
    assert shown["unvisited"][0]["name"] == "Temple of Literature"
    assert plan["days"][0]["start"]["name"] == "Phố cổ Hà Nội", "the plan itself is left as it was"
