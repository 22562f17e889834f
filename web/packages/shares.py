"""Read-only share links of packages: create, resolve, revoke. Only token hashes are stored."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from geodata.errors import NotFoundError

from .database import utc_now
from .models import Operator, Package, ShareLink
from .operators import new_token, token_hash
from .store import get_package


def create_link(session: Session, operator_id: int, package_id: int, *, now: dt.datetime | None = None) -> str:
    """Return a new share token of the operator's package (show it once: only its hash is kept)."""
    package = get_package(session, operator_id, package_id)
    token = new_token()
    session.add(ShareLink(package_id=package.id, token_hash=token_hash(token), created_utc=utc_now(now)))
    session.flush()
    return token


def list_links(session: Session, operator_id: int, package_id: int) -> list[ShareLink]:
    """Return the package's links that still work, oldest first."""
    package = get_package(session, operator_id, package_id)
    return list(session.scalars(select(ShareLink).where(ShareLink.package_id == package.id,
                                                        ShareLink.revoked_utc.is_(None)).order_by(ShareLink.id)))


def revoke_links(session: Session, operator_id: int, package_id: int, *, now: dt.datetime | None = None) -> int:
    """Stop every share link of the operator's package; return how many were working."""
    links = list_links(session, operator_id, package_id)
    for link in links:
        link.revoked_utc = utc_now(now)
    return len(links)


def resolve(session: Session, token: str) -> tuple[Package, Operator]:
    """Return the package and operator of a working share token; NotFoundError otherwise."""
    row = session.execute(
        select(Package, Operator).join(ShareLink, ShareLink.package_id == Package.id)
        .join(Operator, Operator.id == Package.operator_id)
        .where(ShareLink.token_hash == token_hash(token), ShareLink.revoked_utc.is_(None),
               Package.deleted_utc.is_(None))
    ).first()
    if row is None:
        raise NotFoundError.of("token", "share_withdrawn")
    return row[0], row[1]
