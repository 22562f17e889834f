"""The planner's reason codes in words, in the interface language (pure).

The planner explains a plan with codes and parameters (:mod:`planner.itinerary.why`):
each stop's ``why_codes``, each left-out place's ``reason`` and ``detail_code``, the
plan's ``warning_codes``. This module words them through the translation catalogue
(``why.<code>``, ``reason.<reason>``, ``detail.<code>``), with crafts, recognition
levels and dates named in that language. Plans saved before the codes existed only
have English texts: those are shown as written in English and left out in Vietnamese.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from web.dates import format_date
from web.i18n import craft_labels, load_translations, recognition_labels, translate

#: Parameters holding minutes (shown as whole numbers).
MINUTE_PARAMS: tuple[str, ...] = ("visit", "there", "back", "total", "length", "typical", "lunch", "on_site")


def _label(prefix: str, key: str, language: str) -> str:
    table = load_translations(language)
    return table.get(f"{prefix}.{key}") or load_translations("en").get(f"{prefix}.{key}") or key


def _words(params: Mapping[str, Any], language: str) -> dict[str, Any]:
    """Return the parameters of a reason as shown: crafts, titles and dates named, minutes whole."""
    shown: dict[str, Any] = {}
    for key, value in params.items():
        if key == "code":
            continue
        if key == "craft":
            shown[key] = craft_labels(language).get(str(value), str(value))
        elif key == "title":
            shown[key] = _label("title", str(value), language) if f"title.{value}" in load_translations("en") \
                else recognition_labels(language).get(str(value), str(value))
        elif key == "date":
            shown[key] = format_date(str(value), language)
        elif key in MINUTE_PARAMS and isinstance(value, (int, float)):
            shown[key] = f"{float(value):.0f}"
        else:
            shown[key] = value
    return shown


def reason_text(item: Mapping[str, Any] | str, language: str) -> str:
    """Return why a stop is in the plan, in ``language``.

    Parameters
    ----------
    item
        One of a stop's ``why_codes`` (``{"code": "match", "craft": "ceramics"}``), or
        one of its English ``why`` texts (plans saved before the codes: shown as written).
    language
        ``"en"`` or ``"vi"``.
    """
    if isinstance(item, str):
        return item
    return translate(f"why.{item['code']}", language, **_words(item, language))


def stop_reasons(stop: Mapping[str, Any], language: str) -> list[str]:
    """Return every reason of a stop of the plan dict, in ``language``."""
    codes = stop.get("why_codes")
    if codes is not None:
        return [reason_text(item, language) for item in codes]
    return [str(text) for text in stop.get("why") or ()] if language == "en" else []


def detail_text(item: Mapping[str, Any], language: str) -> str:
    """Return what keeps a left-out place (an ``unvisited`` item) out of the plan, in ``language``.

    The ``detail_code`` is worded with its figures (and "day 2" for a multi-day trip); a
    plan without codes gives its English ``detail`` in English and nothing otherwise.
    """
    code = item.get("detail_code")
    if isinstance(code, Mapping):
        return coded_text(code, language)
    return str(item.get("detail") or "") if language == "en" else ""


def coded_text(code: Mapping[str, Any], language: str) -> str:
    """Return a detail or warning code (``{"code": "too_far", ...}``) in words, in ``language``."""
    values = _words(code, language)
    text = translate(f"detail.{code['code']}", language, **values)
    if "day" in code and "{day}" not in load_translations("en").get(f"detail.{code['code']}", "{day}"):
        text += " " + translate("detail.on_day", language, day=code["day"])
    return text
