"""The packages database of a Flask app: its file, one connection per request, set-up.

The SQLite file lives in the Flask instance folder (config ``PACKAGES_DB``); one
connection per request, closed at teardown, as in Flask's tutorial.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from flask import Flask, current_app, g

from . import store


def database_path(app: Flask) -> Path:
    """Return the packages database file of ``app`` (relative paths: in the instance folder)."""
    return Path(app.instance_path) / str(app.config["PACKAGES_DB"])


def get_db() -> sqlite3.Connection:
    """Return this request's connection to the packages database."""
    if "packages_db" not in g:
        g.packages_db = store.connect(str(database_path(current_app)))
    return g.packages_db


def close_db(_error: BaseException | None = None) -> None:
    """Close this request's database connection, if one was opened."""
    connection = g.pop("packages_db", None)
    if connection is not None:
        connection.close()


def init_app(app: Flask) -> None:
    """Create the packages table if needed and close connections after each request."""
    store.connect(str(database_path(app))).close()
    app.teardown_appcontext(close_db)
