"""Error messages in the interface language (pure).

Errors (:class:`geodata.errors.CraftRouteError`) carry a code and its parameters beside
the English message the CLI and the API print. Pages word the code from the catalogue
(``errcode.<code>`` in ``web/translations``) with the parameters filled in. Only an error
without a code of its own (:data:`geodata.error_codes.GENERIC_CODE`: a data file no web
user can reach) is shown as a translated "this value is not accepted" with its English
text kept beside it (``original``), so nothing the user needs is lost.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from geodata.error_codes import GENERIC_CODE
from geodata.errors import CUT_NOTE, CraftRouteError
from web.i18n import load_translations, translate

#: Catalogue key prefix of the error codes.
KEY_PREFIX = "errcode."
#: The note :func:`geodata.errors.quoted` ends a cut value with, to word it in the interface language.
_CUT = re.compile(re.escape(CUT_NOTE).replace(re.escape("{count}"), r"(?P<count>\d+)") + "$")


@dataclass(frozen=True)
class ErrorText:
    """An error message as shown: ``text`` in the interface language, and the English ``original``
    when the error has no code of its own (else "")."""

    text: str
    original: str = ""


class _Blank(dict[str, object]):
    """Parameters for :meth:`str.format_map`: a placeholder with no value reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


def catalogue_text(code: str, language: str) -> str | None:
    """Return the catalogue's wording of error ``code`` in ``language`` (English if missing); ``None`` if none."""
    key = KEY_PREFIX + code
    return load_translations(language).get(key) or load_translations("en").get(key)


def placeholders(text: str) -> set[str]:
    """Return the names of the ``{placeholders}`` of a catalogue text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def error_text(error: CraftRouteError, language: str) -> ErrorText:
    """Return the message of ``error`` in ``language``, worded from its code and parameters."""
    text = catalogue_text(error.code, language) if error.code != GENERIC_CODE else None
    if text is None:
        if language == "en":
            return ErrorText(error.message)
        return ErrorText(catalogue_text(GENERIC_CODE, language) or error.message, original=error.message)
    values = {name: _worded(value, language) for name, value in error.params.items()}
    return ErrorText(text.format_map(_Blank(values)))


def _worded(value: object, language: str) -> object:
    """Return a parameter as shown: a cut value's length note in ``language``."""
    cut = _CUT.search(value) if isinstance(value, str) else None
    if not isinstance(value, str) or cut is None:
        return value
    return value[:cut.start()] + translate("error.cut_note", language, count=cut["count"])
