"""The customer's read-only page of a shared package (``/share/<token>``): no sign-in."""

from __future__ import annotations

from flask import Blueprint

from . import shares, store
from .db import transaction
from .pages import render_package

bp = Blueprint("packages_share", __name__, url_prefix="/share")


@bp.get("/<token>")
def view(token: str) -> str:
    """Show a shared package: map, timeline, price per person and the operator's name."""
    with transaction() as db:
        package, operator = shares.resolve(db, token)
        data, operator_name = store.package_dict(package), operator.name
    return render_package("package_share.html", data, operator_name=operator_name)
