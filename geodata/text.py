"""Accent-insensitive text helpers for Vietnamese names."""

from __future__ import annotations

import re
import unicodedata

_VIETNAMESE_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def ascii_fold(text: str) -> str:
    """Return ``text`` without diacritics ("Bát Tràng" -> "Bat Trang").

    Parameters
    ----------
    text
        Any Unicode text; Vietnamese "đ"/"Đ" become "d"/"D".
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_VIETNAMESE_EXTRA))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def search_key(text: str) -> str:
    """Return the form of ``text`` used for matching: folded, lower case, single spaces."""
    return " ".join(ascii_fold(text).lower().split())


def compact_key(text: str) -> str:
    """Return ``text`` folded, lower case and without any spaces ("Gia Lâm" -> "gialam").

    GADM writes Vietnamese names without spaces, so joins against it use this form.
    """
    return "".join(search_key(text).split())


def slugify(text: str) -> str:
    """Return an ASCII slug for ids and file names ("Vạn Phúc" -> "van-phuc")."""
    return _NON_SLUG.sub("-", search_key(text)).strip("-")
