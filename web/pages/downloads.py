"""Downloads of a planned trip (GeoJSON, GPX, ICS) and its printable page.

Each plans the trip in the query string again (the same fields as ``/plan``), so an
export link is a plain, shareable URL.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, render_template, request

from web import planning
from web.exports import plan_to_geojson, plan_to_gpx, plan_to_ics
from web.pages.plan_form import plan_fields
from web.pages.rendering import attachment, map_parts, plan_values
from web.pages.share import share_values

bp = Blueprint("downloads", __name__, url_prefix="/plan")


def _planned() -> tuple[Any, dict[str, Any]]:
    plan = planning.make_plan(plan_fields(request.args), geometry=True)
    return plan, planning.plan_json(plan, geometry=True)


@bp.get("/export.geojson")
def geojson() -> Response:
    """Download the plan as GeoJSON: a point per stop, a line per day."""
    _, data = _planned()
    body = json.dumps(plan_to_geojson(data), ensure_ascii=False)
    return attachment(body, mimetype="application/geo+json", filename="craftroute-trip.geojson")


@bp.get("/export.gpx")
def gpx() -> Response:
    """Download the plan as GPX: a track per day and a waypoint per stop."""
    _, data = _planned()
    return attachment(plan_to_gpx(data), mimetype="application/gpx+xml", filename="craftroute-trip.gpx")


@bp.get("/export.ics")
def ics() -> Response:
    """Download the plan as an iCalendar file with one event per visit."""
    _, data = _planned()
    return attachment(plan_to_ics(data), mimetype="text/calendar", filename="craftroute-trip.ics")


@bp.get("/print")
def printable() -> str:
    """Show the plan as a printable page: map and timeline, no navigation."""
    plan, data = _planned()
    return render_template("plan_print.html", map_parts=map_parts(planning.plan_map(plan)), **plan_values(data),
                           **share_values())
