"""The packages database without Flask: its URL, engine, schema upgrade and transactions.

``DATABASE_URL`` is any SQLAlchemy URL: ``sqlite:///path/packages.sqlite`` (the default,
in the instance folder) or ``postgresql+psycopg://user@host/db``. :func:`upgrade` runs
the Alembic migrations shipped in ``migrations/`` (a file of the first SQLite store is
migrated in place, its packages kept).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: Seconds a SQLite writer waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_S = 30


def database_url(instance_path: str | os.PathLike[str], config: dict[str, Any] | Any) -> str:
    """Return the database URL of an app's configuration.

    ``DATABASE_URL`` (config, ``CRAFTROUTE_DATABASE_URL`` or the plain ``DATABASE_URL``
    environment variable) wins; else the SQLite file ``PACKAGES_DB`` in the instance folder.
    """
    url = config.get("DATABASE_URL") or os.environ.get("DATABASE_URL")
    if url:
        return str(url).replace("postgresql://", "postgresql+psycopg://", 1).replace(
            "postgres://", "postgresql+psycopg://", 1)
    return f"sqlite:///{Path(instance_path) / str(config.get('PACKAGES_DB') or 'packages.sqlite')}"


def make_engine(url: str) -> Engine:
    """Return an engine for ``url`` (SQLite: foreign keys on, writers wait for each other)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine: Engine) -> str:
    """Bring the schema up to date with the shipped migrations; return the current revision."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        return str(MigrationContext.configure(connection).get_current_revision())


def needs_upgrade(engine: Engine) -> bool:
    """Return whether the database is not at the newest shipped migration (new, older or earlier-store)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() != head


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return the session maker of ``engine`` (objects stay readable after commit)."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Yield a session whose work is committed at the end, or rolled back on any error."""
    with factory() as session, session.begin():
        yield session


def utc_now(now: dt.datetime | None = None) -> str:
    """Return ``now`` (default: the current time) as ISO 8601 text in UTC, to the second."""
    return (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> dt.datetime:
    """Return the time of a :func:`utc_now` text."""
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
