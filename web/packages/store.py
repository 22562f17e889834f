"""Tour operators' saved packages in SQLite: a named trip request, stored as JSON.

Plain functions over a ``sqlite3.Connection``; :mod:`web.packages` opens the
connection in the Flask instance folder.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from geodata.errors import CraftRouteError, NotFoundError

SCHEMA = """
CREATE TABLE IF NOT EXISTS package (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    request_json TEXT NOT NULL,
    created_utc TEXT NOT NULL
);
"""
MAX_NAME_LENGTH = 120
#: SQLite integers are 64-bit; larger ids cannot exist.
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class Package:
    """A saved trip: its id, name, plan request fields and creation time (ISO, UTC)."""

    id: int
    name: str
    request: dict[str, Any]
    created_utc: str

    def to_dict(self) -> dict[str, Any]:
        """Return the package as JSON-safe data."""
        return asdict(self)


def connect(path: str) -> sqlite3.Connection:
    """Return a connection to the packages database at ``path``, its table created."""
    connection = sqlite3.connect(path, detect_types=0, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.executescript(SCHEMA)
    return connection


def check_name(name: Any) -> str:
    """Return ``name`` stripped, if it is 1 to 120 characters of text."""
    if not isinstance(name, str) or not name.strip():
        raise CraftRouteError("name", "must be a non-empty text naming the package")
    if len(name.strip()) > MAX_NAME_LENGTH:
        raise CraftRouteError("name", f"must be at most {MAX_NAME_LENGTH} characters, got {len(name.strip())}")
    return name.strip()


def _from_row(row: sqlite3.Row) -> Package:
    return Package(id=int(row["id"]), name=str(row["name"]), request=json.loads(row["request_json"]),
                   created_utc=str(row["created_utc"]))


def add_package(connection: sqlite3.Connection, name: Any, request: dict[str, Any], *,
                now: dt.datetime | None = None) -> Package:
    """Return the new package after saving it (``name`` is checked: 1 to 120 characters of text)."""
    created = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with connection:
        cursor = connection.execute(
            "INSERT INTO package (name, request_json, created_utc) VALUES (?, ?, ?)",
            (check_name(name), json.dumps(request, ensure_ascii=False), created),
        )
    return get_package(connection, int(cursor.lastrowid or 0))


def list_packages(connection: sqlite3.Connection) -> list[Package]:
    """Return every package, newest first."""
    rows = connection.execute("SELECT * FROM package ORDER BY id DESC").fetchall()
    return [_from_row(row) for row in rows]


def get_package(connection: sqlite3.Connection, package_id: int) -> Package:
    """Return the package with ``package_id``; NotFoundError if there is none."""
    row = None
    if 0 < package_id <= MAX_ID:
        row = connection.execute("SELECT * FROM package WHERE id = ?", (package_id,)).fetchone()
    if row is None:
        raise NotFoundError("id", f"no package with id {package_id}")
    return _from_row(row)


def delete_package(connection: sqlite3.Connection, package_id: int) -> None:
    """Delete the package with ``package_id``; NotFoundError if there is none."""
    get_package(connection, package_id)
    with connection:
        connection.execute("DELETE FROM package WHERE id = ?", (package_id,))
