"""The tables of operators, their packages and share links (SQLAlchemy 2 declarative).

Times are ISO 8601 text in UTC (``2026-12-01T06:30:00Z``), as the first SQLite store
wrote them; JSON columns are text so that SQLite and PostgreSQL hold the same bytes.
The schema itself is made by the Alembic migrations in ``migrations/``.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Base of the packages tables."""


class Operator(Base):
    """A tour operator: sign-in by email and password, API access by a bearer token (both hashed)."""

    __tablename__ = "operator"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    token_prefix: Mapped[str | None] = mapped_column(String(16))
    signin_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    signin_expires_utc: Mapped[str | None] = mapped_column(String(20))
    price_list_json: Mapped[str] = mapped_column(Text)
    created_utc: Mapped[str] = mapped_column(String(20))


class Package(Base):
    """A named trip request of an operator with its plan, price and version."""

    __tablename__ = "package"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    group_size: Mapped[int] = mapped_column(Integer, default=1)
    request_json: Mapped[str] = mapped_column(Text)
    plan_json: Mapped[str | None] = mapped_column(Text)
    price_json: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_utc: Mapped[str] = mapped_column(Text)
    updated_utc: Mapped[str | None] = mapped_column(String(20))
    deleted_utc: Mapped[str | None] = mapped_column(String(20))


class ShareLink(Base):
    """A read-only link to a package for a customer; only the token's hash is kept."""

    __tablename__ = "share_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("package.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_utc: Mapped[str] = mapped_column(String(20))
    revoked_utc: Mapped[str | None] = mapped_column(String(20))


class PackageVersion(Base):
    """What a package was at one version: written in the same transaction as the change."""

    __tablename__ = "package_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("package.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    group_size: Mapped[int] = mapped_column(Integer)
    request_json: Mapped[str] = mapped_column(Text)
    plan_json: Mapped[str | None] = mapped_column(Text)
    price_json: Mapped[str | None] = mapped_column(Text)
    saved_utc: Mapped[str] = mapped_column(String(20))
