"""The texts of a place in the interface language: Vietnamese texts where they exist."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def place_text(record: Mapping[str, Any], field: str, language: str) -> str:
    """Return ``record[field]`` (``"description"`` or ``"story"``) in ``language``.

    In Vietnamese (``language`` ``"vi"``) the ``<field>_vi`` text is used when the
    record has one; otherwise, and in every other language, the English text.
    """
    if language == "vi":
        translated = record.get(f"{field}_vi")
        if translated:
            return str(translated)
    value = record.get(field)
    return "" if value is None else str(value)


def place_story(record: Mapping[str, Any], language: str) -> str:
    """Return the place's story in ``language``, or its description when it has no story."""
    return place_text(record, "story", language) or place_text(record, "description", language)


def place_list(record: Mapping[str, Any], field: str, language: str) -> tuple[list[str], str]:
    """Return ``record[field]`` (a list such as ``"experiences"``) in ``language``, and its language.

    In Vietnamese the ``<field>_vi`` list is used when the record has one (``"vi"``);
    otherwise the English list (``"en"``), so a page can mark each with its ``lang``.
    """
    if language == "vi":
        translated = record.get(f"{field}_vi")
        if translated is not None and len(translated):
            return [str(item) for item in translated], "vi"
    value = record.get(field)
    return ([] if value is None else [str(item) for item in value]), "en"
