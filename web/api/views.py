"""The JSON API under ``/api/v1``: places, routes, travel matrices and itineraries.

Answers have the same shapes as the CLI's ``--format json`` output. Bad input
answers 400 ``{"error": {"field", "message"}}``, unknown ids 404 (see web.errors).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

import geodata
from geodata.errors import CraftRouteError
from web import events, params, planning, state

from .request_body import json_body

bp = Blueprint("api", __name__, url_prefix="/api/v1")

#: Most suggestions ``/geocode`` answers at once.
MAX_SUGGESTIONS = 20


@bp.get("/villages")
def villages() -> Response:
    """List places matching the filters of ``craftroute villages`` (JSON or GeoJSON)."""
    output = params.get_choice(request.args, "format", params.FORMATS, default="json")
    found = params.apply_village_query(state.get_places(), params.parse_village_query(request.args))
    if output == "geojson":
        response = jsonify(geodata.places_to_geojson(found))
        response.mimetype = "application/geo+json"
        return response
    return jsonify(geodata.places_to_records(found))


@bp.get("/crafts")
def crafts() -> Response:
    """List the crafts ``interests`` accepts, each with its label and the other words for it."""
    return jsonify(geodata.craft_vocabulary())


@bp.get("/places/<place_id>")
def place(place_id: str) -> Response:
    """Return one place's record with its nearest neighbours' ids."""
    places = state.get_places()
    row = geodata.get_place(places, place_id)
    record = geodata.places_to_records(places.loc[[place_id]])[0]
    nearby = geodata.nearest_places(places.drop(index=place_id), float(row["lat"]), float(row["lon"]),
                                    n=current_app.config["NEARBY_COUNT"]) if len(places) > 1 else places.iloc[:0]
    record["nearby"] = [
        {"id": str(pid), "name_vi": str(near["name_vi"]), "distance_km": round(float(near["distance_km"]), 2)}
        for pid, near in nearby.iterrows()
    ]
    return jsonify(record)


@bp.get("/route")
def route() -> Response:
    """Return the road route between two places or points (``from``, ``to``, ``mode``, ``depart`` "HH:MM")."""
    places = state.get_places()
    origin = geodata.resolve_location(params.get_text(request.args, "from"), places, field="from")
    destination = geodata.resolve_location(params.get_text(request.args, "to"), places, field="to")
    mode = planning.check_mode(request.args.get("mode"))
    depart_min = planning.check_depart(request.args.get("depart"))
    leg = state.get_router(mode).leg(origin, destination, depart_min=depart_min)
    return jsonify(planning.leg_json(leg, origin, destination))


@bp.post("/matrix")
def matrix() -> Response:
    """Return travel times and distances between ``locations`` (ids, names or "lat,lon"), leaving at ``depart``."""
    body = json_body()
    texts = body.get("locations")
    limit = current_app.config["MAX_MATRIX_LOCATIONS"]
    if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
        raise CraftRouteError.of("locations", "locations_list")
    if not 2 <= len(texts) <= limit:
        raise CraftRouteError.of("locations", "list_count", low=2, high=limit, got=len(texts))
    places = state.get_places()
    locations = [
        geodata.resolve_location(text, places, field=f"locations[{position}]")
        for position, text in enumerate(texts)
    ]
    mode = planning.check_mode(body.get("mode"))
    depart_min = planning.check_depart(body.get("depart"))
    found = state.get_matrix(mode, locations)
    return jsonify(planning.matrix_json(found.at(depart_min) if depart_min is not None else found))


@bp.get("/geocode")
def geocode() -> Response:
    """Suggest places and streets for a typed start (``q``, ``limit``): offline, while typing."""
    text = params.get_text(request.args, "q")
    limit = params.get_int(request.args, "limit", low=1, high=MAX_SUGGESTIONS, default=planning.SUGGEST_LIMIT)
    return jsonify(planning.suggestions_json(text, limit=limit or planning.SUGGEST_LIMIT))


@bp.get("/geocode/reverse")
def reverse_geocode() -> Response:
    """Name the street nearest a point (``lat``, ``lon``): ``{"name", "distance_m"}``, name ``null`` if none is near."""
    lat = params.get_float(request.args, "lat", low=-90.0, high=90.0)
    lon = params.get_float(request.args, "lon", low=-180.0, high=180.0)
    if lat is None or lon is None:
        raise CraftRouteError.of("lat" if lat is None else "lon", "coordinate_required")
    return jsonify(planning.nearest_street_json(lat, lon))


@bp.post("/itineraries")
def itineraries() -> Response:
    """Plan a trip from the fields of ``craftroute plan``; answer its JSON."""
    plan = planning.make_plan(json_body())
    return jsonify(planning.plan_json(plan))


@bp.get("/calendar")
def calendar() -> Response:
    """List festivals, market days, closures and sessions from ``from`` to ``to`` (``place`` optional),
    as ``craftroute calendar --format json`` prints them."""
    first, last, place_id = events.checked_span(request.args)
    return jsonify([event.to_record() for event in events.events_between(first, last, place_id)])
