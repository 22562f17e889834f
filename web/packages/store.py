"""Operators' packages: save, list, open, update on a known version, delete and restore.

Plain functions over a SQLAlchemy session (the caller commits: one transaction per
write), no Flask and no planning: the caller passes the plan and price it computed.
Every read and write is limited to one operator's packages.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from geodata.errors import CraftRouteError, NotFoundError, quoted

from . import settings
from .database import parse_utc, utc_now
from .models import Package, PackageVersion, ShareLink

MAX_NAME_LENGTH = 120
#: Database integers are 64-bit; larger ids cannot exist.
MAX_ID = 2**63 - 1
#: Fields a package update may change.
EDITABLE = ("name", "group_size", "request", "plan", "price")


class VersionConflict(CraftRouteError):
    """The package changed since the version an edit was based on; nothing was written."""

    def __init__(self, current_version: int) -> None:
        error = CraftRouteError.of("version", "version_conflict", current=current_version)
        super().__init__(error.field, error.message, code=error.code, params=error.params)
        self.current_version = current_version


def check_name(name: Any) -> str:
    """Return ``name`` stripped, if it is 1 to 120 characters of text."""
    if not isinstance(name, str) or not name.strip():
        raise CraftRouteError.of("name", "package_name")
    if len(name.strip()) > MAX_NAME_LENGTH:
        raise CraftRouteError.of("name", "too_long", high=MAX_NAME_LENGTH, got=len(name.strip()))
    return name.strip()


def _dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def package_dict(package: Package, *, plan: bool = True) -> dict[str, Any]:
    """Return a package as the API shows it (``plan`` and ``price`` as saved)."""
    data: dict[str, Any] = {
        "id": package.id, "version": package.version, "name": package.name, "group_size": package.group_size,
        "request": json.loads(package.request_json),
        "price": json.loads(package.price_json) if package.price_json else None,
        "created_utc": package.created_utc, "updated_utc": package.updated_utc,
        "deleted_utc": package.deleted_utc,
    }
    if plan:
        data["plan"] = json.loads(package.plan_json) if package.plan_json else None
    return data


def add_package(session: Session, operator_id: int, *, name: Any, group_size: int, request: dict[str, Any],
                plan: dict[str, Any] | None, price: dict[str, Any] | None, now: dt.datetime | None = None) -> Package:
    """Return the new package (version 1) of ``operator_id`` after adding it to the session."""
    package = Package(operator_id=operator_id, name=check_name(name), group_size=group_size,
                      request_json=_dumps(request), plan_json=_dumps(plan), price_json=_dumps(price), version=1,
                      created_utc=utc_now(now))
    session.add(package)
    session.flush()
    record_version(session, package)
    return package


def record_version(session: Session, package: Package) -> None:
    """Keep the package's current state as its version (in the caller's transaction)."""
    session.add(PackageVersion(package_id=package.id, version=package.version, name=package.name,
                               group_size=package.group_size, request_json=package.request_json,
                               plan_json=package.plan_json, price_json=package.price_json,
                               saved_utc=package.updated_utc or package.created_utc))
    session.flush()


def list_versions(session: Session, operator_id: int, package_id: int) -> list[dict[str, Any]]:
    """Return every kept version of the operator's package, newest first (without plans)."""
    package = get_package(session, operator_id, package_id)
    rows = session.scalars(select(PackageVersion).where(PackageVersion.package_id == package.id)
                           .order_by(PackageVersion.version.desc()))
    return [{"version": row.version, "name": row.name, "group_size": row.group_size,
             "request": json.loads(row.request_json),
             "price": json.loads(row.price_json) if row.price_json else None, "saved_utc": row.saved_utc}
            for row in rows]


def list_packages(session: Session, operator_id: int, *, deleted: bool = False) -> list[Package]:
    """Return the operator's packages, newest first (the deleted, restorable ones if ``deleted``)."""
    state = Package.deleted_utc.is_not(None) if deleted else Package.deleted_utc.is_(None)
    return list(session.scalars(select(Package).where(Package.operator_id == operator_id, state)
                                .order_by(Package.id.desc())))


def get_package(session: Session, operator_id: int, package_id: int, *, deleted: bool = False) -> Package:
    """Return the operator's package ``package_id``; NotFoundError if it is not theirs or not there."""
    package = None
    if 0 < package_id <= MAX_ID:
        package = session.get(Package, package_id)
    if package is None or package.operator_id != operator_id or (package.deleted_utc is not None) != deleted:
        raise NotFoundError.of("id", "package_not_found", got=package_id)
    return package


def update_package(session: Session, operator_id: int, package_id: int, version: Any,
                   changes: dict[str, Any], *, now: dt.datetime | None = None) -> Package:
    """Return the package after applying ``changes`` to ``version``; VersionConflict if it moved on.

    The version check and the write are one ``UPDATE ... WHERE version = ?``, so of two
    editors of the same version exactly one succeeds.
    """
    if isinstance(version, bool) or not isinstance(version, int):
        raise CraftRouteError.of("version", "package_version", got=quoted(version))
    package = get_package(session, operator_id, package_id)
    values: dict[str, Any] = {"version": Package.version + 1, "updated_utc": utc_now(now)}
    for key, value in changes.items():
        if key not in EDITABLE:
            raise CraftRouteError.of(key, "not_editable", allowed=", ".join(EDITABLE))
        if key == "name":
            values["name"] = check_name(value)
        elif key == "group_size":
            values["group_size"] = value
        else:
            values[f"{key}_json"] = _dumps(value)
    result = session.execute(update(Package).where(Package.id == package.id, Package.version == version,
                                                   Package.deleted_utc.is_(None)).values(**values)
                             .execution_options(synchronize_session=False))
    session.refresh(package)
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise VersionConflict(package.version)
    record_version(session, package)
    return package


def delete_package(session: Session, operator_id: int, package_id: int, *, now: dt.datetime | None = None) -> None:
    """Mark the package deleted (restorable for ``RESTORE_DAYS``) and purge those older than that."""
    get_package(session, operator_id, package_id).deleted_utc = utc_now(now)
    purge_deleted(session, now=now)


def restore_package(session: Session, operator_id: int, package_id: int, *,
                    now: dt.datetime | None = None) -> Package:
    """Return the package after undoing its deletion (within ``RESTORE_DAYS``)."""
    package = get_package(session, operator_id, package_id, deleted=True)
    if _expired(package, now):
        raise NotFoundError.of("id", "package_gone", got=package_id, days=settings.RESTORE_DAYS)
    package.deleted_utc = None
    package.version += 1
    package.updated_utc = utc_now(now)
    record_version(session, package)
    return package


def _expired(package: Package, now: dt.datetime | None) -> bool:
    limit = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=settings.RESTORE_DAYS)
    return package.deleted_utc is not None and parse_utc(package.deleted_utc) < limit


def purge_deleted(session: Session, *, now: dt.datetime | None = None) -> int:
    """Remove packages deleted more than ``RESTORE_DAYS`` ago (with their share links); return how many."""
    gone = [p for p in session.scalars(select(Package).where(Package.deleted_utc.is_not(None))) if _expired(p, now)]
    for package in gone:
        for kept in (ShareLink, PackageVersion):
            for row in session.scalars(select(kept).where(kept.package_id == package.id)):
                session.delete(row)
        session.flush()  # links and versions first: they refer to the package
        session.delete(package)
    return len(gone)
