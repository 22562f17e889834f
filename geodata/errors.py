"""The one exception family of CraftRoute.

Every error a user can cause is a :class:`CraftRouteError` (a ``ValueError``) that
names the offending ``field`` and says which values are allowed, with a stable ``code``
and its ``params`` (:mod:`geodata.error_codes`) so that interfaces can word it in their
language. The CLI turns it into one line on stderr and exit code 2; the web API into
HTTP 400 (404 for :class:`NotFoundError`) with
``{"error": {"field": ..., "message": ..., "code": ..., "params": {...}}}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from .error_codes import ERROR_TEMPLATES, GENERIC_CODE

#: Characters of a user's value an error message quotes; longer values are cut with "...".
MAX_QUOTED_CHARS = 80
#: Longest error message: a message that quotes more (a list of long values) is cut, so no
#: input can make an error answer large.
MAX_MESSAGE_CHARS = 600
#: What :func:`quoted` adds after a value it cut: its full length (interfaces may word it).
CUT_NOTE = "... ({count} characters)"


def quoted(value: object, *, limit: int = MAX_QUOTED_CHARS) -> str:
    """Return ``repr(value)`` for an error message, cut to about ``limit`` characters.

    Examples
    --------
    >>> quoted("Bát Tràng")
    "'Bát Tràng'"
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    note = CUT_NOTE.format(count=len(value)) if isinstance(value, str) else "..."
    return f"{text[:limit]}{note}"


#: A value of an error's parameters: text, or a number (JSON-ready).
ParamValue = str | int | float

_E = TypeVar("_E", bound="CraftRouteError")


def _param(value: object) -> ParamValue:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        value = str(value)
    if isinstance(value, str) and len(value) > MAX_MESSAGE_CHARS:
        return value[:MAX_MESSAGE_CHARS] + "..."
    return value


class CraftRouteError(ValueError):
    """A user-facing error that names the field at fault.

    Parameters
    ----------
    field
        The input field, CLI option or data column at fault (``"craft"``,
        ``"--days"``, ``"records[3].lat"``).
    message
        What is wrong and what is allowed, in English, e.g. ``"must be between 1 and 14, got 0"``.
    code
        What went wrong, a key of :data:`geodata.error_codes.ERROR_TEMPLATES` (``"between"``);
        :data:`~geodata.error_codes.GENERIC_CODE` for errors only data files cause.
    params
        The values the code's message names (``{"low": 1, "high": 14, "got": 0}``).

    Examples
    --------
    >>> CraftRouteError.of("days", "between", low=1, high=14, got=0).message
    'must be between 1 and 14, got 0'
    """

    def __init__(self, field: str, message: str, *, code: str = GENERIC_CODE,
                 params: Mapping[str, object] | None = None) -> None:
        self.field = field[:MAX_QUOTED_CHARS]
        self.message = message if len(message) <= MAX_MESSAGE_CHARS else message[:MAX_MESSAGE_CHARS] + "..."
        self.code = code
        self.params: dict[str, ParamValue] = {name: _param(value) for name, value in (params or {}).items()}
        super().__init__(f"{self.field}: {self.message}")

    @classmethod
    def of(cls: type[_E], field: str, code: str, **params: object) -> _E:
        """Return the error ``code`` of ``field``, its English message made from the code's template.

        Raises
        ------
        KeyError
            If ``code`` is not a key of :data:`geodata.error_codes.ERROR_TEMPLATES`.
        """
        return cls(field, ERROR_TEMPLATES[code].format(**params), code=code, params=params)

    def to_dict(self) -> dict[str, object]:
        """Return the error as the JSON body used by the web API."""
        return {"field": self.field, "message": self.message, "code": self.code, "params": dict(self.params)}


class DataValidationError(CraftRouteError):
    """A record of a places file is missing a field or holds a bad value."""

    def __init__(self, record: str, field: str, message: str) -> None:
        self.record = record
        super().__init__(field, message)
        self.args = (f"record {record!r}, field {field!r}: {message}",)

    def __str__(self) -> str:
        return str(self.args[0])


class NotFoundError(CraftRouteError):
    """A place, package or other object named by the user does not exist."""


class OutsideHanoiError(CraftRouteError):
    """A coordinate lies outside the city of Hanoi."""
