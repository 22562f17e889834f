"""Downloads of a planned trip (GeoJSON, GPX, ICS) and its printable page.

Each plans the trip in the query string again (the same fields as ``/plan``), so an
export link is a plain, shareable URL. A package opened in the planner carries its
``name``: print headings and file names use it (file names in ASCII). The calendar
takes ``include=travel,lunch`` to add travel and lunch events.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, render_template, request

from geodata.errors import CraftRouteError, quoted
from geodata.text import slugify
from web import i18n, planning, state
from web.dates import format_date
from web.exports import plan_to_geojson, plan_to_gpx, plan_to_ics
from web.exports.ics import CalendarTexts
from web.names import localise_plan
from web.pages.plan_form import plan_fields
from web.pages.rendering import attachment, current_place_names, map_parts, plan_values
from web.pages.share import share_values
from web.pages.why import stop_reasons

bp = Blueprint("downloads", __name__, url_prefix="/plan")

#: Events the calendar may add besides the visits (``include=travel,lunch``).
CALENDAR_EXTRAS: tuple[str, ...] = ("travel", "lunch")
#: File name of a download without a package name.
DEFAULT_STEM = "craftroute-trip"


def _planned() -> tuple[Any, dict[str, Any]]:
    plan = planning.make_plan(plan_fields(request.args), geometry=True)
    return plan, planning.plan_json(plan, geometry=True)


def _localised(data: dict[str, Any]) -> dict[str, Any]:
    """Return the plan dict with its places named in the request's language."""
    return localise_plan(data, current_place_names())


def _with_stories(data: dict[str, Any], language: str) -> dict[str, Any]:
    """Return the plan dict with each stop's story (the places' stories are written in English only)."""
    if language != "en":
        return data
    places = state.get_places()
    for day in data.get("days", []):
        for stop in day.get("stops", []):
            if stop.get("id") in places.index:
                row = places.loc[stop["id"]]
                stop["story"] = str(row.get("story") or row.get("description") or "")
    return data


def package_name() -> str:
    """Return the name of the package the plan belongs to ("" for a plain plan)."""
    return request.args.get("name", "").strip()


def file_stem(name: str) -> str:
    """Return the ASCII file name (no extension) of a download: ``craftroute-<package name>`` or the default."""
    slug = slugify(name)[:80].strip("-")
    return f"craftroute-{slug}" if slug else DEFAULT_STEM


def calendar_extras(value: str | None) -> set[str]:
    """Return the extra calendar events of ``include`` ("travel,lunch"); raise naming the field otherwise."""
    chosen = {item.strip() for item in (value or "").split(",") if item.strip()}
    unknown = sorted(chosen - set(CALENDAR_EXTRAS))
    if unknown:
        raise CraftRouteError.of("include", "one_of", allowed=", ".join(CALENDAR_EXTRAS), got=quoted(", ".join(unknown)))
    return chosen


def calendar_texts(language: str) -> CalendarTexts:
    """Return the calendar's words in ``language``."""
    return CalendarTexts(
        travel=i18n.translate("calendar.travel", language), lunch=i18n.translate("calendar.lunch", language),
        day=i18n.translate("plan.day", language), why=i18n.translate("calendar.why", language),
        crafts=i18n.craft_labels(language), reasons=lambda stop: stop_reasons(stop, language))


@bp.get("/export.geojson")
def geojson() -> Response:
    """Download the plan as GeoJSON: a point per stop, a line per day."""
    _, data = _planned()
    document = plan_to_geojson(_localised(data))
    if package_name():
        document = {"type": document["type"], "name": package_name(), "features": document["features"]}
    body = json.dumps(document, ensure_ascii=False)
    return attachment(body, mimetype="application/geo+json", filename=f"{file_stem(package_name())}.geojson")


@bp.get("/export.gpx")
def gpx() -> Response:
    """Download the plan as GPX: a track per day and a waypoint per stop."""
    _, data = _planned()
    language = i18n.current_language()
    body = plan_to_gpx(_localised(data), name=package_name() or "CraftRoute trip",
                       day_text=i18n.translate("plan.day", language),
                       date_text=lambda date: format_date(date, language))
    return attachment(body, mimetype="application/gpx+xml", filename=f"{file_stem(package_name())}.gpx")


@bp.get("/export.ics")
def ics() -> Response:
    """Download the plan as an iCalendar file: an event per visit (and per travel leg and lunch if asked)."""
    extras = calendar_extras(request.args.get("include"))
    _, data = _planned()
    language = i18n.current_language()
    body = plan_to_ics(_with_stories(_localised(data), language), texts=calendar_texts(language), travel="travel" in extras,
                       lunch="lunch" in extras, name=package_name())
    return attachment(body, mimetype="text/calendar", filename=f"{file_stem(package_name())}.ics")


@bp.get("/print")
def printable() -> str:
    """Show the plan as a printable page: map and timeline, no navigation, headed by the package's name."""
    plan, data = _planned()
    return render_template("plan_print.html", map_parts=map_parts(planning.plan_map(plan)), **plan_values(data),
                           package_name=package_name(), **share_values())
