"""Sending a plan to a phone: the plan's link as a QR code, and when the plan was made."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import request, url_for

from web.params import query_string

#: Pixels per QR module and quiet-zone width in modules (the standard asks for 4).
QR_SCALE = 4
QR_BORDER = 4


def qr_svg_data_uri(text: str) -> str:
    """Return ``text`` as a QR code (segno, error correction M), an SVG ``data:`` URI for ``<img src>``."""
    import segno

    # A white quiet zone: cameras cannot read a code on a dark (or transparent) background.
    return segno.make(text, error="m").svg_data_uri(scale=QR_SCALE, border=QR_BORDER, dark="#000", light="#fff")


def plan_link() -> str:
    """Return the full address of the plan page asked for by this request's query string."""
    return f"{url_for('plan.result', _external=True)}?{query_string(request.args)}"


def share_values() -> dict[str, str]:
    """Return the plan page's link, its QR code and the time the plan was made (ISO, UTC)."""
    link = plan_link()
    return {"plan_link": link, "plan_qr": qr_svg_data_uri(link),
            "made_at": datetime.now(UTC).isoformat(timespec="seconds")}
