"""A small, validated set of Hanoi places for itinerary tests that must not depend on the bundled file.

Coordinates are the real ones (rounded); hours and visit times are plausible, chosen so
that each rule of the planner has a place that exercises it.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd

from geodata.loader import records_to_frame, validate_records


def _place(place_id: str, name_vi: str, name: str, kind: str, lat: float, lon: float, **extra: Any) -> dict[str, Any]:
    record = {
        "id": place_id, "name_vi": name_vi, "name": name, "kind": kind, "commune": "x",
        "former_district": "x", "lat": lat, "lon": lon, "recognition": "none", "visit_min": 90,
        "opening_hours": "Mo-Su 08:00-17:00", "description": "test place", "coord_source": "published",
        "coord_ref": "test",
    }
    record.update(extra)
    return record


RECORDS = [
    _place("hoan-kiem-lake", "Hồ Hoàn Kiếm", "Hoan Kiem Lake", "destination", 21.0288, 105.8525,
           opening_hours="24/7", visit_min=45, recognition="special_national_monument"),
    _place("bat-trang", "Bát Tràng", "Bat Trang", "village", 20.9754, 105.9130, craft="ceramics",
           recognition="traditional_craft_village", visit_min=120),
    _place("van-phuc", "Vạn Phúc", "Van Phuc", "village", 20.9710, 105.7770, craft="silk",
           recognition="traditional_craft_village", visit_min=90),
    _place("temple-of-literature", "Văn Miếu", "Temple of Literature", "destination", 21.0293, 105.8355,
           recognition="special_national_monument", opening_hours="Mo-Su 08:00-17:00", visit_min=60),
    _place("ethnology-museum", "Bảo tàng Dân tộc học", "Museum of Ethnology", "destination", 21.0405, 105.7985,
           opening_hours="Tu-Su 08:30-12:00,13:30-17:30; Mo off", visit_min=120),
    _place("quang-phu-cau", "Quảng Phú Cầu", "Quang Phu Cau", "village", 20.8000, 105.7700, craft="incense",
           visit_min=60),
    _place("chuong", "Chuông", "Chuong", "village", 20.8900, 105.7000, craft="conical_hats", visit_min=60,
           other_crafts=["silk"]),
    _place("night-market", "Chợ đêm", "Night Market", "destination", 21.0360, 105.8510,
           opening_hours="Fr-Su 19:00-23:00; Mo-Th off", visit_min=60),
]


def trip_places() -> gpd.GeoDataFrame:
    """Return the test places as a validated GeoDataFrame indexed by id."""
    return records_to_frame(validate_records(RECORDS))
