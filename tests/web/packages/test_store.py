"""The packages store on SQLite and PostgreSQL: owners, names, versions, soft delete, share links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from package_helpers import REQUEST
from sqlalchemy.orm import Session, sessionmaker

from geodata.errors import CraftRouteError, NotFoundError
from web.packages import database, operators, shares, store


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    """Return the session maker of a migrated fresh database."""
    engine = database.make_engine(database_url)
    assert database.upgrade(engine) == "0003"
    yield database.session_factory(engine)
    engine.dispose()


@pytest.fixture
def owners(factory) -> tuple[int, int]:
    """Return the ids of two operators."""
    with database.transaction(factory) as session:
        first, _ = operators.add_operator(session, "a@example.com")
        second, _ = operators.add_operator(session, "b@example.com")
        return first.id, second.id


def _add(session: Session, owner: int, name: object = "Pottery day", **request: object) -> store.Package:
    return store.add_package(session, owner, name=name, group_size=2, request={**REQUEST, **request},
                             plan=None, price=None)


def test_round_trip_newest_first_and_only_the_owners(factory, owners) -> None:
    a, b = owners
    with database.transaction(factory) as session:
        first = _add(session, a, "  Pottery day  ")
        second = _add(session, a, "Silk and hats", days=2)
        _add(session, b, "B's own")
    with database.transaction(factory) as session:
        assert first.name == "Pottery day"
        assert [p.id for p in store.list_packages(session, a)] == [second.id, first.id]
        assert store.package_dict(store.get_package(session, a, first.id))["request"] == REQUEST
        with pytest.raises(NotFoundError, match="no package with id"):
            store.get_package(session, b, first.id)
        with pytest.raises(NotFoundError):
            store.get_package(session, a, 10**30)


@pytest.mark.parametrize("name", ["", "   ", None, 5, "x" * 121])
def test_rejects_bad_names(factory, owners, name) -> None:
    with database.transaction(factory) as session, pytest.raises(CraftRouteError, match="name"):
        _add(session, owners[0], name)


def test_update_on_an_old_version_changes_nothing(factory, owners) -> None:
    a, _ = owners
    with database.transaction(factory) as session:
        package_id = _add(session, a).id
    with database.transaction(factory) as session:
        assert store.update_package(session, a, package_id, 1, {"name": "New name"}).version == 2
    with pytest.raises(store.VersionConflict) as conflict, database.transaction(factory) as session:
        store.update_package(session, a, package_id, 1, {"name": "Lost update"})
    assert conflict.value.current_version == 2
    with database.transaction(factory) as session:
        assert store.get_package(session, a, package_id).name == "New name"
        history = store.list_versions(session, a, package_id)
        assert [(v["version"], v["name"]) for v in history] == [(2, "New name"), (1, "Pottery day")]


def test_deleted_packages_restore_within_30_days_then_are_purged(factory, owners) -> None:
    a, _ = owners
    start = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    with database.transaction(factory) as session:
        kept, purged = _add(session, a, "kept").id, _add(session, a, "purged").id
        token = shares.create_link(session, a, purged)
    with database.transaction(factory) as session:
        store.delete_package(session, a, purged, now=start)
        store.delete_package(session, a, kept, now=start + dt.timedelta(days=25))
    with database.transaction(factory) as session:
        assert store.list_packages(session, a) == []
        assert {p.name for p in store.list_packages(session, a, deleted=True)} == {"kept", "purged"}
        with pytest.raises(NotFoundError, match="withdrawn"):
            shares.resolve(session, token)
        with pytest.raises(NotFoundError, match="more than 30 days"):
            store.restore_package(session, a, purged, now=start + dt.timedelta(days=31))
        assert store.restore_package(session, a, kept, now=start + dt.timedelta(days=31)).version == 2
    with database.transaction(factory) as session:
        assert store.purge_deleted(session, now=start + dt.timedelta(days=31)) == 1
    with database.transaction(factory) as session:
        assert [p.name for p in store.list_packages(session, a)] == ["kept"]
        assert store.list_packages(session, a, deleted=True) == []


def test_tokens_and_links_are_stored_hashed(factory, owners) -> None:
    a, _ = owners
    with database.transaction(factory) as session:
        token = operators.issue_token(session, "a@example.com")
        link = shares.create_link(session, a, _add(session, a).id)
    with database.transaction(factory) as session:
        operator = operators.by_token(session, token)
        assert operator is not None and operator.email == "a@example.com"
        assert operator.token_hash == operators.token_hash(token) and token not in (operator.token_hash or "")
        assert shares.resolve(session, link)[1].email == "a@example.com"
        assert operators.by_token(session, token[:-1]) is None


def test_sign_in_link_is_one_time_and_expires(factory, owners) -> None:
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    with database.transaction(factory) as session:
        link = operators.issue_signin_link(session, "b@example.com", now=now)
        assert operators.by_signin_link(session, link, now=now + dt.timedelta(hours=73)) is None
        operator = operators.by_signin_link(session, link, now=now + dt.timedelta(hours=1))
        assert operator is not None
        with pytest.raises(CraftRouteError, match="at least 8"):
            operators.set_password(operator, "short")
        operators.set_password(operator, "long enough")
        assert operators.by_signin_link(session, link, now=now) is None
        assert operators.by_password(session, "B@example.com ", "long enough") is operator
        assert operators.by_password(session, "b@example.com", "wrong password") is None
