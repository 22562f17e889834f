"""All packages as one JSON document, and back: ``craftroute packages export/import``.

The document names each package's operator by email; importing creates operators
that do not exist yet (without token or password: ``craftroute operator token``)
and gives packages new ids. Share links are not exported (only their hashes exist).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from geodata.errors import CraftRouteError

from .database import utc_now
from .models import Operator, Package
from .store import check_name, record_version

FORMAT = "craftroute-packages"
FORMAT_VERSION = 1
PACKAGE_FIELDS = ("name", "group_size", "version", "created_utc", "updated_utc", "deleted_utc")
JSON_FIELDS = ("request", "plan", "price")


def export_document(session: Session) -> dict[str, Any]:
    """Return every operator (without secrets) and every package, deleted ones included."""
    operators = list(session.scalars(select(Operator).order_by(Operator.id)))
    emails = {operator.id: operator.email for operator in operators}
    packages = []
    for package in session.scalars(select(Package).order_by(Package.id)):
        item: dict[str, Any] = {"operator": emails.get(package.operator_id or -1)}
        item.update({key: getattr(package, key) for key in PACKAGE_FIELDS})
        for key in JSON_FIELDS:
            text = getattr(package, f"{key}_json")
            item[key] = json.loads(text) if text else None
        packages.append(item)
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "exported_utc": utc_now(),
        "operators": [{"email": o.email, "name": o.name, "prices": json.loads(o.price_list_json),
                       "created_utc": o.created_utc} for o in operators],
        "packages": packages,
    }


def import_document(session: Session, document: Any) -> int:
    """Add the operators and packages of an exported document; return the number of packages added."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CraftRouteError("FILE", f"is not a CraftRoute packages export (\"format\": \"{FORMAT}\")")
    operators = {o.email: o for o in session.scalars(select(Operator))}
    for index, item in enumerate(document.get("operators", [])):
        if not isinstance(item, dict) or not isinstance(item.get("email"), str):
            raise CraftRouteError(f"operators[{index}]", "needs an email")
        if item["email"] not in operators:
            operator = Operator(email=item["email"], name=str(item.get("name") or item["email"]),
                                price_list_json=json.dumps(item.get("prices") or {}, ensure_ascii=False),
                                created_utc=str(item.get("created_utc") or utc_now()))
            session.add(operator)
            operators[operator.email] = operator
    session.flush()
    packages = document.get("packages", [])
    for index, item in enumerate(packages):
        # History is not exported: an imported package starts with its current version.
        if not isinstance(item, dict) or not isinstance(item.get("request"), dict):
            raise CraftRouteError(f"packages[{index}]", "needs a request object")
        owner = operators.get(item.get("operator") or "")
        if item.get("operator") is not None and owner is None:
            raise CraftRouteError(f"packages[{index}].operator", f"{item.get('operator')!r} is not in the operators")
        package = Package(
            operator_id=owner.id if owner else None, name=check_name(item.get("name")),
            group_size=int(item.get("group_size") or 1), version=int(item.get("version") or 1),
            created_utc=str(item.get("created_utc") or utc_now()), updated_utc=item.get("updated_utc"),
            deleted_utc=item.get("deleted_utc"),
            **{f"{key}_json": None if item.get(key) is None else json.dumps(item[key], ensure_ascii=False)
               for key in JSON_FIELDS},
        )
        session.add(package)
        session.flush()
        record_version(session, package)
    return len(packages)
