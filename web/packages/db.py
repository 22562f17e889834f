"""The packages database of a Flask app: engine per app, schema brought up to date on first use.

``DATABASE_URL`` (or ``PACKAGES_DB``, a SQLite file in the instance folder) picks the
database; routes open one transaction per request with :func:`transaction`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask, current_app
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from . import database

EXTENSION_KEY = "craftroute_packages_db"


@dataclass
class PackagesDatabase:
    """An app's database: URL, engine, session maker, and whether its schema is up to date."""

    url: str
    engine: Engine
    factory: sessionmaker[Session]
    ready: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ensure_schema(self) -> None:
        """Run the migrations once per process, before the first session."""
        if self.ready:
            return
        with self.lock:
            if not self.ready:
                if database.needs_upgrade(self.engine):
                    database.upgrade(self.engine)
                self.ready = True


def get_database(app: Flask | None = None) -> PackagesDatabase:
    """Return the packages database of ``app`` (the current app by default), schema up to date."""
    db: PackagesDatabase = (app or current_app).extensions[EXTENSION_KEY]
    db.ensure_schema()
    return db


@contextmanager
def transaction(app: Flask | None = None) -> Iterator[Session]:
    """Yield a session of one transaction: committed at the end, rolled back on error."""
    with database.transaction(get_database(app).factory) as session:
        yield session


def init_app(app: Flask) -> None:
    """Attach the packages database named by the app's configuration (a server database connects on first use)."""
    url = database.database_url(app.instance_path, app.config)
    engine = database.make_engine(url)
    db = PackagesDatabase(url=url, engine=engine, factory=database.session_factory(engine))
    app.extensions[EXTENSION_KEY] = db
    if url.startswith("sqlite"):
        # A local file: create or migrate it now, so that a first request never waits for it.
        db.ensure_schema()
