"""Error messages in the interface language (pure).

Errors (:class:`geodata.errors.CraftRouteError`) carry an English message naming what is
allowed ("must be between 1 and 14, got 0"); the JSON API keeps it as it is. Pages
show it in the interface language: each message shape below has a translation key
(``errmsg.<shape>``) whose placeholders are the message's parts; a message of no known
shape is shown as a translated "this value is not accepted" with the English text
kept beside it (``original``), so nothing the user needs is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from werkzeug.exceptions import InternalServerError, MethodNotAllowed, NotFound

from web.i18n import translate

#: Message shapes (a full match of the English text) and their translation keys.
MESSAGE_SHAPES: tuple[tuple[str, str], ...] = (
    (r"must be between (?P<low>\S+) and (?P<high>\S+) \(the (?P<days>\d+) days must end by (?P<end>\S+)\), "
     r"got (?P<got>.+)", "errmsg.date_range_days"),
    (r"must be between (?P<low>\S+) and (?P<high>\S+), got (?P<got>.+)", "errmsg.between"),
    (r"must be a (?:whole number|number) (?:from|between) (?P<low>\S+) (?:to|and) (?P<high>\S+), got (?P<got>.+)",
     "errmsg.number_between"),
    (r"must be a whole number, got (?P<got>.+)", "errmsg.whole_number"),
    (r"must be one of (?P<allowed>.+), got (?P<got>.+)", "errmsg.one_of"),
    (r"must be a date YYYY-MM-DD, got (?P<got>.+)", "errmsg.date"),
    (r"must be a time of day HH:MM between (?P<low>\S+) and (?P<high>\S+), got (?P<got>.+)", "errmsg.clock"),
    (r"must be after day_start \((?P<low>[^)]+)\), got (?P<got>.+)", "errmsg.day_end"),
    (r"must not be before lunch_start \((?P<low>[^)]+)\), got (?P<got>.+)", "errmsg.lunch_end"),
    (r"is required: .*", "errmsg.start_required"),
    (r"must not be empty.*", "errmsg.empty"),
    (r"must not hold an empty item .*, got (?P<got>.+)", "errmsg.empty_item"),
    (r"must be a list of text or comma-separated text, got (?P<got>.+)", "errmsg.text_list"),
    (r"must be text(?: or a list of text)?, got (?P<got>.+)", "errmsg.text"),
    (r"must be at most (?P<high>\d+) characters, got (?P<got>\d+)", "errmsg.too_long"),
    (r"must name one place, or one per day \((?P<days>\d+)\), got (?P<got>\d+)", "errmsg.place_per_day"),
    (r"no place with id (?P<got>'[^']*'|\"[^\"]*\"); .*", "errmsg.no_place_id"),
    (r"no place matches (?P<got>'[^']*'|\"[^\"]*\"); .*", "errmsg.no_place_match"),
    (r"(?P<got>'[^']*'|\"[^\"]*\") matches several places: (?P<places>.+); give one of these ids",
     "errmsg.several_places"),
    (r"(?P<got>'[^']*'|\"[^\"]*\") is too short to name a place; give at least (?P<low>\d+) letters.*",
     "errmsg.too_short"),
    (r"unknown interest (?P<got>'[^']*'|\"[^\"]*\"); (?:did you mean (?P<close>.+)\? )?list the crafts.*",
     "errmsg.unknown_interest"),
    (r"is not a plan field; fields are (?P<allowed>.+)", "errmsg.not_a_field"),
    (r"needs `near` .*", "errmsg.needs_near"),
    (r"this link does not exist or was withdrawn by the tour operator", "errmsg.share_withdrawn"),
    (re.escape(str(NotFound.description)), "errmsg.not_found"),
    (re.escape(str(InternalServerError.description)), "errmsg.server"),
    (re.escape(str(MethodNotAllowed.description)), "errmsg.method"),
)
_SHAPES = [(re.compile(pattern, re.DOTALL), key) for pattern, key in MESSAGE_SHAPES]


@dataclass(frozen=True)
class ErrorText:
    """An error message as shown: ``text`` in the interface language, and the English ``original``
    when no translation of its shape exists (else "")."""

    text: str
    original: str = ""


def error_text(message: str, language: str) -> ErrorText:
    """Return ``message`` (an English error message) in ``language``."""
    if language == "en":
        return ErrorText(message)
    for pattern, key in _SHAPES:
        found = pattern.fullmatch(message.strip())
        if found:
            values = {name: value or "" for name, value in found.groupdict().items()}
            return ErrorText(translate(key, language, **values))
    return ErrorText(translate("errmsg.other", language), original=message)
