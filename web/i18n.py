"""Interface text in English and Vietnamese.

Texts live in ``web/translations/<lang>.json`` (key -> text with ``{name}``
placeholders). The language of a request is ``?lang=``, else the ``lang`` cookie,
else the browser's ``Accept-Language``, else ``DEFAULT_LANGUAGE``. Templates call
``_("key", name=value)``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, g, request

from geodata import schema
from geodata.place_text import place_list, place_story
from web import settings
from web.hours_text import format_opening_hours

COOKIE_NAME = "lang"


@functools.lru_cache(maxsize=4)
def load_translations(language: str) -> dict[str, str]:
    """Return the key -> text table of ``language`` (``"en"`` or ``"vi"``)."""
    path = settings.PACKAGE_DIR / "translations" / f"{language}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def translate(key: str, language: str, **values: Any) -> str:
    """Return the text of ``key`` in ``language`` (English, then the key, if missing)."""
    text = load_translations(language).get(key) or load_translations("en").get(key) or key
    return text.format(**values) if values else text


def choose_language(requested: str | None, cookie: str | None, accept: list[str], *,
                    languages: tuple[str, ...], default: str) -> str:
    """Return the interface language from the query, the cookie or the browser's list."""
    for candidate in (requested, cookie, *accept):
        if candidate and candidate[:2].lower() in languages:
            return candidate[:2].lower()
    return default


def current_language() -> str:
    """Return the language of the current request."""
    return g.get("lang", current_app.config["DEFAULT_LANGUAGE"])


def gettext(key: str, **values: Any) -> str:
    """Return the text of ``key`` in the current request's language."""
    return translate(key, current_language(), **values)


def _select_language() -> None:
    g.lang = choose_language(
        request.args.get("lang"),
        request.cookies.get(COOKIE_NAME),
        [language for language, _ in request.accept_languages],
        languages=tuple(current_app.config["LANGUAGES"]),
        default=current_app.config["DEFAULT_LANGUAGE"],
    )


def _remember_language(response: Response) -> Response:
    requested = request.args.get("lang")
    if requested and requested in current_app.config["LANGUAGES"]:
        response.set_cookie(COOKIE_NAME, requested, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def vocabulary_labels(prefix: str, english: Mapping[str, str], language: str | None = None) -> dict[str, str]:
    """Return the display name of each key of a vocabulary, translated where a text exists.

    Parameters
    ----------
    prefix
        Translation key prefix (``"craft"`` looks up ``"craft.ceramics"``).
    english
        The vocabulary and its English names (``geodata.schema.CRAFTS``).
    language
        The language; the current request's when ``None``.
    """
    table = load_translations(language or current_language())
    return {key: table.get(f"{prefix}.{key}", name) for key, name in english.items()}


def craft_labels(language: str | None = None) -> dict[str, str]:
    """Return the display name of every craft in ``language`` (the request's by default)."""
    return vocabulary_labels("craft", schema.CRAFTS, language)


def recognition_labels(language: str | None = None) -> dict[str, str]:
    """Return the display name of every recognition level in ``language``."""
    return vocabulary_labels("recognition", schema.RECOGNITION, language)


def reason_label(code: str, language: str | None = None) -> str:
    """Return why a place was left out (the planner's reason code) in ``language``; the code if unknown."""
    key = f"reason.{code}"
    return load_translations(language or current_language()).get(key) or load_translations("en").get(key) or code


def field_label(field: str, language: str | None = None) -> str:
    """Return the form label of a request field (``"days"`` -> "Days" / "Số ngày"); the name if none."""
    key = f"form.{field}"
    return load_translations(language or current_language()).get(key) or load_translations("en").get(key) or field


def init_app(app: Flask) -> None:
    """Select each request's language and give templates ``_`` and ``lang``."""
    app.before_request(_select_language)
    app.after_request(_remember_language)
    app.jinja_env.globals["_"] = gettext
    app.jinja_env.filters["reason"] = reason_label
    app.jinja_env.filters["craft_label"] = lambda craft: craft_labels().get(str(craft), str(craft))
    app.jinja_env.filters["recognition_label"] = lambda level: recognition_labels().get(str(level), str(level))
    app.jinja_env.filters["field_label"] = field_label
    app.jinja_env.filters["opening_hours"] = lambda text: format_opening_hours(str(text), current_language())
    app.jinja_env.filters["place_story"] = lambda place: place_story(place, current_language())
    app.jinja_env.filters["place_list"] = lambda place, field: place_list(place, field, current_language())
    app.context_processor(lambda: {"lang": current_language(), "languages": app.config["LANGUAGES"]})
