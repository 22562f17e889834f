"""The one exception family of CraftRoute.

Every error a user can cause is a :class:`CraftRouteError` (a ``ValueError``) that
names the offending ``field`` and says which values are allowed. The CLI turns it
into one line on stderr and exit code 2; the web API into HTTP 400 (404 for
:class:`NotFoundError`) with ``{"error": {"field": ..., "message": ...}}``.
"""

from __future__ import annotations

#: Characters of a user's value an error message quotes; longer values are cut with "...".
MAX_QUOTED_CHARS = 80
#: Longest error message: a message that quotes more (a list of long values) is cut, so no
#: input can make an error answer large.
MAX_MESSAGE_CHARS = 600


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
    size = f" ({len(value)} characters)" if isinstance(value, str) else ""
    return f"{text[:limit]}...{size}"



class CraftRouteError(ValueError):
    """A user-facing error that names the field at fault.

    Parameters
    ----------
    field
        The input field, CLI option or data column at fault (``"craft"``,
        ``"--days"``, ``"records[3].lat"``).
    message
        What is wrong and what is allowed, e.g. ``"must be between 1 and 14, got 0"``.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field[:MAX_QUOTED_CHARS]
        self.message = message if len(message) <= MAX_MESSAGE_CHARS else message[:MAX_MESSAGE_CHARS] + "..."
        super().__init__(f"{self.field}: {self.message}")

    def to_dict(self) -> dict[str, str]:
        """Return the error as the JSON body used by the web API."""
        return {"field": self.field, "message": self.message}


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
