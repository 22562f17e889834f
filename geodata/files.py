"""Data files read by geodata: the modification stamp that keys their caches, and CSV rows."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

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


def read_csv_rows(path: Path) -> list[dict[str, Any]]:
    """Return the rows of the UTF-8 CSV file ``path`` (a byte-order mark allowed) as dicts.

    Raises
    ------
    CraftRouteError
        If the file is not UTF-8 text (field ``path``).
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [dict(row) for row in csv.DictReader(handle)]
    except UnicodeDecodeError as error:
        raise CraftRouteError("path", f"{path.name} is not UTF-8 text: {error}") from None
