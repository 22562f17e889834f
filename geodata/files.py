"""Data files read by geodata: the modification stamp that keys their caches."""

from __future__ import annotations

from pathlib import Path

from .errors import CraftRouteError


def file_stamp(path: str | Path, *, what: str) -> tuple[Path, int]:
    """Return the resolved ``path`` and its modification time (ns), for a cache key.

    Raises
    ------
    CraftRouteError
        If the file cannot be read (field ``path``; the message says it is the ``what`` file).
    """
    resolved = Path(path)
    try:
        stamp = resolved.stat().st_mtime_ns
    except OSError as error:
        raise CraftRouteError("path", f"cannot read {what} file {str(resolved)!r}: {error.strerror}") from None
    return resolved.resolve(), stamp
