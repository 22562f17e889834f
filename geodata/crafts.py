"""What people type for a craft: synonyms in English and Vietnamese, mapped to the craft vocabulary.

Matching ignores case, diacritics, hyphens and underscores (``gốm``, ``gom`` and
``Gốm`` are one word), so every synonym must stay unique once folded. Unknown words
get the closest known words (:mod:`difflib`) in the error message.
"""

from __future__ import annotations

import difflib
import functools
from typing import Any

from .errors import CraftRouteError, quoted
from .schema import CRAFTS
from .text import search_key

#: Other words for each craft of ``geodata.schema.CRAFTS``: English first, then Vietnamese.
CRAFT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "ceramics": ("pottery", "porcelain", "ceramic", "stoneware", "gốm", "gốm sứ", "đồ gốm", "làng gốm"),
    "silk": ("silk weaving", "silk village", "lụa", "tơ lụa", "dệt lụa"),
    "weaving": ("textile", "textiles", "textile weaving", "dệt", "dệt vải"),
    "embroidery": ("embroider", "needlework", "lace", "thêu", "thêu ren"),
    "knitwear": ("knitting", "knitted", "dệt kim", "đan len"),
    "wood_carving": ("woodcarving", "carving", "wood sculpture", "chạm khắc gỗ", "điêu khắc gỗ", "chạm gỗ"),
    "lacquer": ("lacquerware", "lacquer painting", "sơn mài", "sơn ta", "sơn son thếp vàng"),
    "wood_turning": ("woodturning", "turned wood", "tiện gỗ"),
    "furniture": ("carpentry", "wooden furniture", "đồ gỗ", "đồ gỗ mỹ nghệ", "nghề mộc"),
    "mother_of_pearl": ("mother of pearl", "pearl inlay", "inlay", "khảm trai", "khảm xà cừ"),
    "conical_hats": ("conical hat", "hat", "hats", "leaf hat", "nón lá", "nón"),
    "bamboo_rattan": ("bamboo", "rattan", "basketry", "wickerwork", "mây tre đan", "mây tre"),
    "bamboo_toys": ("folk toys", "toys", "bamboo dragonfly", "đồ chơi dân gian", "chuồn chuồn tre"),
    "incense": ("joss sticks", "incense sticks", "làm hương", "nhang", "hương"),
    "gold_leaf": ("gold", "gilding", "silver leaf", "quỳ vàng", "dát vàng"),
    "metal_casting": ("bronze", "bronze casting", "casting", "đúc đồng", "đồ đồng"),
    "silversmithing": ("silver", "jewellery", "jewelry", "silversmith", "chạm bạc", "kim hoàn"),
    "mechanical": ("metalworking", "cơ khí"),
    "leather_shoes": ("leather", "shoes", "shoemaking", "giày da", "giày"),
    "horn": ("horn combs", "horn craft", "sừng", "lược sừng"),
    "stone_carving": ("stone", "stone sculpture", "chạm khắc đá", "điêu khắc đá"),
    "paper": ("paintings", "folk paintings", "paper making", "giấy dó", "tranh dân gian"),
    "water_puppetry": ("water puppets", "puppets", "puppetry", "múa rối nước", "rối nước"),
    "to_he": ("dough figurines", "tò he"),
    "flowers": ("flower", "ornamental plants", "bonsai", "hoa", "cây cảnh", "làng hoa"),
    "food": ("confectionery", "cuisine", "food village", "ẩm thực", "đặc sản"),
}


def _key(word: str) -> str:
    return search_key(word.replace("_", " ").replace("-", " "))


@functools.cache
def craft_words() -> dict[str, str]:
    """Return every accepted word, folded (``"gom"``), mapped to its craft; checks uniqueness."""
    words: dict[str, str] = {}
    for craft in CRAFTS:
        for word in (craft, CRAFTS[craft], *CRAFT_SYNONYMS.get(craft, ())):
            key = _key(word)
            if words.get(key, craft) != craft:
                raise ValueError(f"craft word {word!r} means both {words[key]} and {craft}")
            words[key] = craft
    return words


def resolve_craft(word: str, *, field: str = "interests") -> str:
    """Return the craft of ``CRAFTS`` that ``word`` names (a key, its label or a synonym).

    Raises
    ------
    CraftRouteError
        Naming ``field``, the unknown word and the closest known words.
    """
    words = craft_words()
    key = _key(word)
    if key in words:
        return words[key]
    close = difflib.get_close_matches(key, list(words), n=3, cutoff=0.6)
    if close:
        raise CraftRouteError.of(field, "unknown_interest_close", got=quoted(word),
                                 close=", ".join(repr(c) for c in close))
    raise CraftRouteError.of(field, "unknown_interest", got=quoted(word))


def craft_vocabulary() -> list[dict[str, Any]]:
    """Return each craft with its label and the other words accepted for it (for the CLI and API)."""
    return [
        {"craft": craft, "label": label, "synonyms": list(CRAFT_SYNONYMS.get(craft, ()))}
        for craft, label in CRAFTS.items()
    ]
