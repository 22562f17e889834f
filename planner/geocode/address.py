"""Split a typed address into a house number and the street text (pure).

Vietnamese addresses put the number first: "36 Hàng Bạc", "số 36 phố Hàng Bạc",
"12B Hàng Bạc, Hoàn Kiếm, Hà Nội", "36/2 Hàng Bạc". Only the part before the first
comma names the street (the rest is ward, district and city); the number is kept for
the name shown in the plan, not for the position, since the road file has no house
numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A house number first: optional "số"/"so"/"no."/"#", digits, an optional letter, "/sub" parts.
_HOUSE = re.compile(r"^\s*(?:(?:s[oố]|no\.?|#)\s*)?(\d+[a-zA-Z]?(?:[/-]\d+[a-zA-Z]?)*)\s*,?\s+(\S.*)$",
                    re.IGNORECASE)


@dataclass(frozen=True)
class Address:
    """A typed address: ``house`` ("36", "" when none) and ``street`` (the text to search)."""

    house: str
    street: str


def parse_address(text: str) -> Address:
    """Return the house number and street text of ``text`` ("36 Hàng Bạc, Hoàn Kiếm" -> "36", "Hàng Bạc")."""
    first = text.split(",", 1)[0].strip()
    match = _HOUSE.match(first)
    if match is None:
        return Address("", first)
    return Address(match.group(1), match.group(2).strip())
