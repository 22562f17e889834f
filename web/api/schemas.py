"""JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of the API's requests and answers.

Pure data: :mod:`web.api.openapi` puts them under ``components/schemas``. Every
answer the API tests receive is validated against them, so a change of shape in the
planner's serialisers fails a test until the schema follows.
"""

from __future__ import annotations

from typing import Any

from geodata.errors import MAX_MESSAGE_CHARS

Schema = dict[str, Any]

_CLOCK: Schema = {"type": "string", "pattern": r"^\d{2}:\d{2}$", "examples": ["10:30"]}
_TEXT: Schema = {"type": "string"}
_NUMBER: Schema = {"type": "number"}
_TEXT_LIST: Schema = {"type": "array", "items": _TEXT}
_NULLABLE_TEXT: Schema = {"type": ["string", "null"]}


def ref(name: str) -> Schema:
    """Return a ``$ref`` to the component schema ``name``."""
    return {"$ref": f"#/components/schemas/{name}"}


ERROR: Schema = {
    "type": "object",
    "description": "Every error: the field at fault and what it allows (quoting at most ~80 characters of input).",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["field", "message", "code"],
            "properties": {
                "field": _TEXT,
                "message": {"type": "string", "maxLength": MAX_MESSAGE_CHARS + 3,
                            "description": "What is wrong and what is allowed, in English."},
                "code": {"type": "string", "pattern": "^[a-z_]+$",
                         "description": "What went wrong, stable across versions and languages (`between`, "
                                        "`date_format`, `unknown_place_id`, ...): word it in your language."},
                "params": {
                    "type": "object",
                    "description": "The values the message names (`low`, `high`, `got`: the bad value as quoted).",
                    "additionalProperties": {"type": ["string", "number"]},
                },
            },
        },
        "version": {"type": "integer", "description": "The package's current version (409 only)."},
    },
}

PLACE: Schema = {
    "type": "object",
    "description": "A place: a craft village, museum or sight, with its sources.",
    "required": ["id", "name_vi", "kind", "lat", "lon"],
    "properties": {
        "id": _TEXT, "name_vi": _TEXT, "name": _TEXT, "kind": _TEXT, "commune": _TEXT,
        "former_district": _TEXT, "former_commune": _TEXT,
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "recognition": _TEXT, "craft": _TEXT, "other_crafts": _TEXT_LIST, "category": _TEXT,
        "visit_min": {"type": ["integer", "null"]}, "visit_short_min": {"type": ["integer", "null"]},
        "opening_hours": _TEXT, "description": _TEXT, "story": _TEXT, "experiences": _TEXT_LIST,
        "experiences_vi": _TEXT_LIST,
        "coord_source": _TEXT, "coord_ref": _TEXT, "source": _TEXT,
    },
}

PLACE_DETAIL: Schema = {
    "allOf": [ref("Place")],
    "type": "object",
    "required": ["nearby"],
    "properties": {
        "nearby": {
            "type": "array",
            "items": {"type": "object", "required": ["id", "name_vi", "distance_km"],
                      "properties": {"id": _TEXT, "name_vi": _TEXT, "distance_km": _NUMBER}},
        },
    },
}

PLACES_GEOJSON: Schema = {
    "type": "object",
    "description": "Places as a GeoJSON FeatureCollection of points (properties as in Place).",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object", "required": ["type", "geometry", "properties"],
                "properties": {"type": {"const": "Feature"}, "geometry": {"type": "object"},
                               "properties": ref("Place")},
            },
        },
    },
}

CRAFT: Schema = {
    "type": "object",
    "required": ["craft", "label", "synonyms"],
    "properties": {"craft": _TEXT, "label": _TEXT, "synonyms": _TEXT_LIST},
}

LINE_STRING: Schema = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {"type": {"const": "LineString"},
                   "coordinates": {"type": "array", "items": {"type": "array", "items": _NUMBER}}},
}

ROUTE: Schema = {
    "type": "object",
    "description": "The road route between two places or points (as `craftroute route --format json`).",
    "required": ["from", "to", "mode", "distance_m", "duration_s", "estimated", "estimated_m"],
    "properties": {
        "from": _TEXT, "to": _TEXT, "from_name": _TEXT, "to_name": _TEXT, "mode": _TEXT,
        "distance_m": _NUMBER, "duration_s": _NUMBER, "estimated": {"type": "boolean"}, "estimated_m": _NUMBER,
        "depart": _CLOCK, "band": _TEXT, "geometry": {"anyOf": [ref("LineString"), {"type": "null"}]},
    },
}

_SQUARE_NUMBERS: Schema = {"type": "array", "items": {"type": "array", "items": _NUMBER}}
MATRIX: Schema = {
    "type": "object",
    "description": "Travel times and distances between every pair of locations (row: from, column: to).",
    "required": ["ids", "mode", "duration_s", "distance_m"],
    "properties": {
        "ids": _TEXT_LIST, "mode": _TEXT, "duration_s": _SQUARE_NUMBERS, "distance_m": _SQUARE_NUMBERS,
        "estimated": {"type": "array", "items": {"type": "array", "items": {"type": "boolean"}}},
        "estimated_m": _SQUARE_NUMBERS, "depart": _CLOCK, "band": _TEXT,
    },
}

MATRIX_REQUEST: Schema = {
    "type": "object",
    "required": ["locations"],
    "properties": {
        "locations": {"type": "array", "items": {"type": "string", "maxLength": 200}, "minItems": 2,
                      "description": "Place ids, names or 'lat,lon' texts (at most MAX_MATRIX_LOCATIONS)."},
        "mode": {"type": "string", "enum": ["motorbike", "car", "bicycle", "walk"]},
        "depart": _CLOCK,
    },
}

_TEXT_OR_LIST: Schema = {"anyOf": [_TEXT, _TEXT_LIST]}
PLAN_REQUEST: Schema = {
    "type": "object",
    "description": "The fields of `craftroute plan`; lists may be JSON lists or comma-separated text.",
    "required": ["start"],
    "properties": {
        "start": {**_TEXT_OR_LIST, "description": "A place id or name, or 'lat,lon' (a hotel); or one per day."},
        "end": _TEXT_OR_LIST,
        "days": {"type": ["integer", "string"], "description": "1 to 14"},
        "date": {"type": "string", "description": "YYYY-MM-DD"},
        "mode": {"type": "string", "enum": ["motorbike", "car", "bicycle", "walk"]},
        "interests": {**_TEXT_OR_LIST, "description": "Crafts in any spelling (at most MAX_INTERESTS)."},
        "must": {**_TEXT_OR_LIST, "description": "Must-see place ids (at most MAX_MUST_SEE); alias must_see."},
        "must_see": _TEXT_OR_LIST,
        "candidates": _TEXT_OR_LIST,
        "day_start": _CLOCK, "day_end": _CLOCK, "lunch_start": _CLOCK, "lunch_end": _CLOCK,
        "lunch_min": {"type": ["integer", "string"]},
        "pace": {"type": "string", "enum": ["relaxed", "normal", "packed"]},
        "max_stops": {"type": ["integer", "string"]},
        "exclude": {**_TEXT_OR_LIST, "description": "Place ids the traveller removed: never visited."},
        "keep": {"anyOf": [_TEXT, {"type": "array", "items": {"anyOf": [
            _TEXT, {"type": "object", "required": ["id", "day"], "additionalProperties": False,
                    "properties": {"id": _TEXT, "day": {"type": ["integer", "string"]},
                                   "order": {"type": ["integer", "string"], "minimum": 1,
                                             "description": "Position among the day's ordered kept places, "
                                                            "from 1 (each once a day)."}}}]}}],
                 "description": "Places locked on a day: [{\"id\", \"day\", \"order\"}] or \"id@day\" / "
                                "\"id@day#order\" texts, day from 1; ordered places are visited in that order "
                                "(other stops may come between them)."},
        "only": {"type": ["boolean", "string"], "description": "Visit nothing beyond must-see and kept places."},
        "register_villages": {"type": ["boolean", "string"],
                              "description": "Also offer the register's villages that receive visitors."},
        "flexible_dates": {"anyOf": [_TEXT, {"type": "array", "items": _TEXT, "minItems": 2, "maxItems": 2}],
                           "description": "FROM..TO: compare these start dates and plan the best one."},
    },
}

_ENDPOINT: Schema = {"type": "object", "required": ["id", "name", "lat", "lon"],
                     "properties": {"id": _TEXT, "name": _TEXT, "lat": _NUMBER, "lon": _NUMBER}}
_STOP: Schema = {
    "type": "object",
    "required": ["id", "name", "lat", "lon", "arrive", "start", "depart", "visit_min"],
    "properties": {
        "id": _TEXT, "name": _TEXT, "lat": _NUMBER, "lon": _NUMBER, "arrive": _CLOCK, "start": _CLOCK,
        "visit_end": _CLOCK, "depart": _CLOCK, "wait_min": {"type": "integer"}, "visit_min": {"type": "integer"},
        "typical_min": {"type": "integer"}, "why": _TEXT_LIST, "craft": _TEXT, "kind": _TEXT,
        "kept": {"type": "boolean", "description": "Locked on this day by the traveller (`keep`)."},
        "order": {"type": "integer", "minimum": 1, "description": "Its `keep` order on the day, when given."},
        "why_codes": {"type": "array", "items": ref("ReasonCode")},
        "events": {"type": "array", "items": ref("CalendarEvent")},
    },
}
_LEG: Schema = {
    "type": "object",
    "required": ["from", "to", "distance_m", "duration_s", "estimated"],
    "properties": {"from": _TEXT, "to": _TEXT, "distance_m": _NUMBER, "duration_s": _NUMBER,
                   "estimated": {"type": "boolean"}, "estimated_m": _NUMBER, "depart": _CLOCK,
                   "band": {"type": "string", "description": "The time band of the departure (rush hours)."},
                   "geometry": {"anyOf": [ref("LineString"), {"type": "null"}]}},
}
_DAY: Schema = {
    "type": "object",
    "required": ["date", "start", "end", "stops", "legs"],
    "properties": {
        "date": _TEXT, "start": _ENDPOINT, "end": _ENDPOINT, "leave": _CLOCK, "back": _CLOCK,
        "stops": {"type": "array", "items": _STOP}, "legs": {"type": "array", "items": _LEG},
        "lunch": {"type": ["object", "null"]}, "travel_s": _NUMBER, "distance_m": _NUMBER,
    },
}
ITINERARY: Schema = {
    "type": "object",
    "description": "A planned trip (as `craftroute plan --format json`): days of stops and legs, places left out.",
    "required": ["days", "unvisited", "mode", "request"],
    "properties": {
        "score": _NUMBER,
        "days": {"type": "array", "items": _DAY},
        "unvisited": {"type": "array", "items": {
            "type": "object", "required": ["id", "reason"],
            "properties": {"id": _TEXT, "reason": _TEXT, "name": _TEXT, "detail": _TEXT,
                           "must": {"type": "boolean"}, "detail_code": ref("ReasonCode")}}},
        "estimated": {"type": "boolean"}, "travel_s": _NUMBER, "distance_m": _NUMBER, "mode": _TEXT,
        "warnings": {"type": "array"}, "warning_codes": {"type": "array", "items": ref("ReasonCode")},
        "request": {"type": "object"},
        "flexible_dates": {"anyOf": [{"type": "null"}, {
            "type": "object", "required": ["best", "choices"],
            "properties": {"best": _TEXT, "choices": {"type": "array", "items": {
                "type": "object", "required": ["date", "score"],
                "properties": {"date": _TEXT, "score": _NUMBER}}}}}]},
    },
}

PACKAGE_REQUEST: Schema = {
    "type": "object",
    "required": ["name", "request"],
    "properties": {"name": {"type": "string", "maxLength": 120}, "group_size": {"type": "integer", "minimum": 1},
                   "request": ref("PlanRequest")},
}
PACKAGE_UPDATE: Schema = {
    "type": "object",
    "required": ["version"],
    "properties": {"version": {"type": "integer"}, "name": {"type": "string", "maxLength": 120},
                   "group_size": {"type": "integer", "minimum": 1}, "request": ref("PlanRequest")},
}
PACKAGE: Schema = {
    "type": "object",
    "description": "A tour operator's saved package: the plan request, its plan and its price.",
    "required": ["id", "version", "name", "group_size", "request", "price", "created_utc"],
    "properties": {
        "id": {"type": "integer"}, "version": {"type": "integer"}, "name": _TEXT,
        "group_size": {"type": "integer"}, "request": {"type": "object"},
        "price": {"type": ["object", "null"]}, "created_utc": _TEXT, "updated_utc": _NULLABLE_TEXT,
        "deleted_utc": _NULLABLE_TEXT, "plan": {"anyOf": [ref("Itinerary"), {"type": "null"}]},
    },
}
PACKAGE_VERSION: Schema = {
    "type": "object",
    "required": ["version", "name", "group_size"],
    "properties": {"version": {"type": "integer"}, "name": _TEXT, "group_size": {"type": "integer"}},
}

REASON_CODE: Schema = {
    "type": "object",
    "description": "A reason as a code and its figures (``planner.itinerary.why``), for wording in any language.",
    "required": ["code"],
    "properties": {"code": _TEXT},
}
CALENDAR_EVENT: Schema = {
    "type": "object",
    "description": "A festival, market day, closure or session on one date (as `craftroute calendar --format json`).",
    "required": ["date", "lunar_date", "place_id", "kind", "name", "source"],
    "properties": {
        "date": _TEXT, "lunar_date": _TEXT, "place_id": _TEXT,
        "kind": {"type": "string", "enum": ["festival", "market", "closure", "session"]},
        "name": _TEXT, "name_vi": _TEXT, "start": _NULLABLE_TEXT, "end": _NULLABLE_TEXT, "source": _TEXT,
    },
}
SUGGESTION: Schema = {
    "type": "object",
    "description": "A place, hotel or station (landmark), or street matching a typed start.",
    "required": ["kind", "label", "value", "lat", "lon"],
    "properties": {"kind": {"type": "string", "enum": ["place", "landmark", "street"]}, "label": _TEXT, "value": _TEXT,
                   "lat": _NUMBER, "lon": _NUMBER, "id": _TEXT},
}
NEAREST_STREET: Schema = {
    "type": "object",
    "required": ["name", "distance_m"],
    "properties": {"name": _NULLABLE_TEXT, "distance_m": {"type": ["number", "null"]}},
}

#: Every component schema, by name.
COMPONENTS: dict[str, Schema] = {
    "Error": ERROR, "Place": PLACE, "PlaceDetail": PLACE_DETAIL, "PlacesGeoJSON": PLACES_GEOJSON,
    "Craft": CRAFT, "LineString": LINE_STRING, "Route": ROUTE, "Matrix": MATRIX,
    "MatrixRequest": MATRIX_REQUEST, "PlanRequest": PLAN_REQUEST, "Itinerary": ITINERARY,
    "PackageRequest": PACKAGE_REQUEST, "PackageUpdate": PACKAGE_UPDATE, "Package": PACKAGE,
    "PackageVersion": PACKAGE_VERSION, "ReasonCode": REASON_CODE, "CalendarEvent": CALENDAR_EVENT,
    "Suggestion": SUGGESTION, "NearestStreet": NEAREST_STREET,
}
