"""Tour operators: accounts, API tokens, one-time sign-in links, passwords, price lists.

Plain functions over a SQLAlchemy session, no Flask. Tokens are random
(:func:`secrets.token_urlsafe`) and only their SHA-256 is stored; passwords are
hashed by :mod:`werkzeug.security`.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
import secrets
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from geodata.errors import CraftRouteError, NotFoundError

from . import settings
from .database import parse_utc, utc_now
from .models import Operator, Package
from .pricing import check_price_list

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 8


def new_token() -> str:
    """Return a fresh unguessable token (URL-safe text)."""
    return secrets.token_urlsafe(settings.TOKEN_BYTES)


def token_hash(token: str) -> str:
    """Return the SHA-256 (hex) of ``token``, what the database keeps of it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_email(email: Any) -> str:
    """Return ``email`` stripped and lower-cased if it looks like an address."""
    if not isinstance(email, str) or not EMAIL_PATTERN.match(email.strip()) or len(email.strip()) > 254:
        raise CraftRouteError("EMAIL", f"must be an email address such as sales@example.com, got {email!r}")
    return email.strip().lower()


def check_password(password: Any) -> str:
    """Return ``password`` if it has at least 8 characters."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise CraftRouteError.of("password", "password_short", low=MIN_PASSWORD_LENGTH)
    return password


def add_operator(session: Session, email: str, *, name: str | None = None,
                 password: str | None = None) -> tuple[Operator, str]:
    """Return a new operator and its API token (shown once).

    The first operator also receives the packages saved before accounts existed.
    """
    email = check_email(email)
    if session.scalar(select(Operator).where(Operator.email == email)) is not None:
        raise CraftRouteError("EMAIL", f"an operator {email} exists already (new token: craftroute operator token)")
    operator = Operator(email=email, name=(name or email.split("@")[0]).strip()[:120],
                        price_list_json=json.dumps(settings.DEFAULT_PRICE_LIST), created_utc=utc_now())
    if password is not None:
        operator.password_hash = generate_password_hash(check_password(password))
    session.add(operator)
    token = _set_token(operator)
    session.flush()
    owners = session.scalar(select(func.count()).select_from(Operator))
    if owners == 1:
        session.query(Package).filter(Package.operator_id.is_(None)).update({Package.operator_id: operator.id})
    return operator, token


def _set_token(operator: Operator) -> str:
    token = new_token()
    operator.token_hash = token_hash(token)
    operator.token_prefix = token[: settings.TOKEN_PREFIX_LENGTH]
    return token


def get_operator(session: Session, email: str) -> Operator:
    """Return the operator with ``email``; NotFoundError if there is none."""
    operator = session.scalar(select(Operator).where(Operator.email == check_email(email)))
    if operator is None:
        raise NotFoundError("EMAIL", f"no operator {email} (craftroute operator add {email})")
    return operator


def issue_token(session: Session, email: str) -> str:
    """Return a new API token for the operator ``email``; the old one stops working."""
    return _set_token(get_operator(session, email))


def list_operators(session: Session) -> list[tuple[Operator, int]]:
    """Return every operator with its number of packages (deleted ones not counted), by email."""
    counts = (select(Package.operator_id, func.count().label("n")).where(Package.deleted_utc.is_(None))
              .group_by(Package.operator_id).subquery())
    rows = session.execute(select(Operator, func.coalesce(counts.c.n, 0))
                           .outerjoin(counts, counts.c.operator_id == Operator.id).order_by(Operator.email))
    return [(operator, int(count)) for operator, count in rows]


def by_token(session: Session, token: str) -> Operator | None:
    """Return the operator whose API token is ``token``, or ``None``."""
    if not token:
        return None
    return session.scalar(select(Operator).where(Operator.token_hash == token_hash(token)))


def by_password(session: Session, email: str, password: str) -> Operator | None:
    """Return the operator if ``email`` and ``password`` match, else ``None``."""
    operator = session.scalar(select(Operator).where(Operator.email == email.strip().lower()))
    if operator is None or not operator.password_hash or not check_password_hash(operator.password_hash, password):
        return None
    return operator


def issue_signin_link(session: Session, email: str, *, now: dt.datetime | None = None) -> str:
    """Return a one-time sign-in token of the operator ``email``, valid for ``SIGNIN_LINK_HOURS``."""
    operator = get_operator(session, email)
    token = new_token()
    operator.signin_hash = token_hash(token)
    operator.signin_expires_utc = utc_now((now or dt.datetime.now(dt.UTC))
                                          + dt.timedelta(hours=settings.SIGNIN_LINK_HOURS))
    return token


def by_signin_link(session: Session, token: str, *, now: dt.datetime | None = None) -> Operator | None:
    """Return the operator of an unexpired one-time sign-in token, or ``None``."""
    operator = session.scalar(select(Operator).where(Operator.signin_hash == token_hash(token)))
    if operator is None or operator.signin_expires_utc is None:
        return None
    if parse_utc(operator.signin_expires_utc) < (now or dt.datetime.now(dt.UTC)):
        return None
    return operator


def set_password(operator: Operator, password: str) -> None:
    """Set the operator's password (hashed) and use up their sign-in link."""
    operator.password_hash = generate_password_hash(check_password(password))
    operator.signin_hash = None
    operator.signin_expires_utc = None


def price_list(operator: Operator) -> dict[str, Any]:
    """Return the operator's price list (the defaults for keys it lacks)."""
    stored = json.loads(operator.price_list_json or "{}")
    return {**copy.deepcopy(settings.DEFAULT_PRICE_LIST), **stored}


def set_price_list(operator: Operator, prices: Any) -> dict[str, Any]:
    """Return the checked price list after storing it as the operator's."""
    checked = check_price_list(prices)
    operator.price_list_json = json.dumps(checked, ensure_ascii=False)
    return checked
