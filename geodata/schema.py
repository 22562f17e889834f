"""The fields of a place record and their controlled vocabularies."""

from __future__ import annotations

KINDS: tuple[str, ...] = ("village", "destination")

#: Crafts of villages (short English slugs). Keep sorted within groups; add with care.
CRAFTS: dict[str, str] = {
    "ceramics": "Ceramics and pottery",
    "silk": "Silk weaving",
    "weaving": "Textile weaving",
    "embroidery": "Embroidery",
    "knitwear": "Knitwear",
    "wood_carving": "Wood carving",
    "lacquer": "Lacquer and lacquered statues",
    "wood_turning": "Wood turning",
    "furniture": "Furniture",
    "mother_of_pearl": "Mother-of-pearl inlay",
    "conical_hats": "Conical hats",
    "bamboo_rattan": "Bamboo and rattan",
    "bamboo_toys": "Bamboo toys and folk toys",
    "incense": "Incense",
    "gold_leaf": "Gold and silver leaf",
    "metal_casting": "Bronze and metal casting",
    "silversmithing": "Silversmithing and jewellery",
    "mechanical": "Mechanical engineering",
    "leather_shoes": "Leather shoes",
    "horn": "Horn combs and horn craft",
    "stone_carving": "Stone carving",
    "paper": "Paper and paintings",
    "water_puppetry": "Water puppets",
    "to_he": "To he (dough figurines)",
    "flowers": "Flowers and ornamental plants",
    "food": "Food and confectionery",
}

#: Recognition levels, most prestigious first.
RECOGNITION: dict[str, str] = {
    "world_craft_city": "World Craft City (World Crafts Council)",
    "world_craft_city_candidate": "Candidate World Craft City",
    "unesco_world_heritage": "UNESCO World Heritage site",
    "special_national_monument": "Special national monument",
    "national_monument": "National monument",
    "traditional_craft_village": "City-recognised traditional craft village",
    "craft_village": "City-recognised craft village",
    "none": "No formal recognition",
}

#: Where a record's coordinates come from.
COORD_SOURCES: dict[str, str] = {
    "osm": "OpenStreetMap element (coord_ref names it, e.g. node/123)",
    "commune_centroid": "Centroid of the pre-2025 commune polygon (GADM 4.1; coord_ref is GID_3)",
    "published": "A published coordinate (coord_ref names the source)",
}

#: Required fields and the Python type each must have after loading.
REQUIRED_FIELDS: dict[str, type] = {
    "id": str,
    "name_vi": str,
    "name": str,
    "kind": str,
    "commune": str,
    "former_district": str,
    "lat": float,
    "lon": float,
    "recognition": str,
    "visit_min": int,
    "opening_hours": str,
    "description": str,
    "coord_source": str,
    "coord_ref": str,
}

#: Optional fields and their defaults. ``craft`` is required for villages.
OPTIONAL_FIELDS: dict[str, object] = {
    "craft": "",
    "other_crafts": [],
    "category": "",
    "former_commune": "",
    "experiences": [],
    "experiences_vi": [],
    "story": "",
    "description_vi": "",
    "story_vi": "",
    "source": "",
    "visit_short_min": 0,
}

#: Vietnamese texts and the English field each one renders: the vi interface shows
#: them instead (see :func:`geodata.place_text.place_story`).
VI_TEXT_FIELDS: dict[str, str] = {"description_vi": "description", "story_vi": "story"}
#: Vietnamese lists and the English list each one translates item by item (same length,
#: same order); the vi interface shows them instead (see :func:`geodata.place_text.place_list`).
VI_LIST_FIELDS: dict[str, str] = {"experiences_vi": "experiences"}

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
VISIT_MIN_RANGE: tuple[int, int] = (10, 600)
#: ``visit_short_min`` is the shortest worthwhile visit (minutes, at most ``visit_min``,
#: the typical visit); 0 means unknown, and the planner then keeps the typical visit.
VISIT_SHORT_MIN_RANGE: tuple[int, int] = (10, 600)

ALL_FIELDS: tuple[str, ...] = tuple(REQUIRED_FIELDS) + tuple(OPTIONAL_FIELDS)
