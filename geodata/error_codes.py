"""Error codes: what went wrong, as a short code and the parameters of its message (pure).

Every error a user can reach from the CLI, the web pages or the API is a
:class:`geodata.errors.CraftRouteError` made with :meth:`~geodata.errors.CraftRouteError.of`
from a code of :data:`ERROR_TEMPLATES`: the CLI and the API print the English message the
template gives, the API also returns the code and its parameters, and the web words the
code in the interface language from its catalogue (``errcode.<code>``). A new code needs
a template here and an entry in every catalogue (a test checks both). Errors of data files
no user of the web can reach keep a plain English message (code :data:`GENERIC_CODE`).
"""

from __future__ import annotations

#: The code of an error made without one (data files, the command line's own files).
GENERIC_CODE = "invalid"

#: Every error code and its English message over the parameters (``{got}`` is the bad
#: value as quoted by :func:`geodata.errors.quoted`; ``{low}``/``{high}`` the bounds; ``{allowed}``
#: the allowed values, comma-separated).
ERROR_TEMPLATES: dict[str, str] = {
    # numbers, choices and texts
    "between": "must be between {low} and {high}, got {got}",
    "whole_number": "must be a whole number, got {got}",
    "whole_number_range": "must be a whole number from {low} to {high}, got {got}",
    "whole_number_between": "must be a whole number between {low} and {high}, got {got}",
    "whole_number_from": "must be a whole number from {low}, got {got}",
    "number_range": "must be a number between {low} and {high}, got {got}",
    "from_range": "must be from {low} to {high}, got {got}",
    "at_least": "must be at least {low}, got {got}",
    "radius": "must be more than 0 and at most {high}, got {got}",
    "one_of": "must be one of {allowed}, got {got}",
    "unknown_value": "unknown {name} {got}; allowed: {allowed}",
    "yes_no": "must be true or false, got {got}",
    "text": "must be text, got {got}",
    "text_or_list": "must be text or a list of text, got {got}",
    "text_list": "must be a list of text or comma-separated text, got {got}",
    "empty_item": "must not hold an empty item (as in 'a,,b' or ''), got {got}",
    "too_long": "must be at most {high} characters, got {got}",
    "list_too_long": "must list at most {high} items, got {got}",
    "list_count": "must list between {low} and {high} places, got {got}",
    "empty_default": "must not be empty; leave it out for the default",
    "empty_end": "must not be empty; leave it out to end each day at the start",
    "district_empty": "must not be empty; leave it out to match every district",
    # dates and clock times
    "date_format": "must be a date YYYY-MM-DD, got {got}",
    "date_range_days": "must be between {low} and {high} (the {days} days must end by {end}), got {got}",
    "month_format": "must be a month YYYY-MM such as 2027-02, got {got}",
    "years": "must be in the years {low}-{high}, got {got}",
    "not_before": "must not be before {other} ({low}), got {got}",
    "span_too_long": "the span must be at most {high} days, got {got}",
    "flexible_format": "must be FROM..TO such as 2027-01-04..2027-01-17, got {got}",
    "flexible_span": "must span 1 to {high} start dates, FROM before TO, got {got}",
    "clock_format": "must be a time of day HH:MM between 00:00 and {high}, got {got}",
    "day_end_order": "must be after day_start ({low}), got {got}",
    "lunch_end_order": "must not be before lunch_start ({low}), got {got}",
    # plan requests
    "request_object": "must be an object of plan fields, got {got}",
    "not_a_field": "is not a plan field; fields are {allowed}",
    "start_required": "is required: a place id or name, or 'lat,lon' (e.g. your hotel)",
    "place_per_day": "must name one place, or one per day ({days}), got {got}",
    "unknown_interest": "unknown interest {got}; list the crafts and their other names with `craftroute crafts`",
    "unknown_interest_close": ("unknown interest {got}; did you mean {close}? list the crafts and their other names "
                               "with `craftroute crafts`"),
    "unknown_place_id": "no place with id {got}; list ids with `craftroute villages`",
    "no_place": "no place with id {got}",
    "keep_format": 'must list {{"id", "day", "order"}} objects or "id@day" / "id@day#order" texts, got {got}',
    "keep_order_taken": "{got} has order {order} on day {day}, as {other} has: give each place its own order",
    "keep_order_no_fit": ("the places kept on day {day} cannot be visited in the order asked ({places}): their "
                          "opening hours and the travel between them rule it out; change the order or leave it out"),
    "keep_too_many": "keeps {count} places on day {day}, more than the {high} stops a day allowed",
    "keep_excluded": "{got} is also in exclude: keep a place or exclude it, not both",
    "must_excluded": "{got} is also a must-visit place: leave it out of one of them",
    "keep_no_fit": ("{name} ({got}) does not fit day {day} ({hours}) with the other kept places ({others}) and "
                    "must-visit places: too many kept stops for the time; keep fewer on day {day} or move one "
                    "to another day"),
    # places, addresses and coordinates
    "place_empty": "must not be empty; give a place id, a name or 'lat,lon'",
    "place_too_short": "{got} is too short to name a place; give at least {low} letters, an id or 'lat,lon'",
    "place_not_found": "no place matches {got}; give an id, a name (accents optional) or 'lat,lon'",
    "place_ambiguous": "{got} matches several places: {choices}; give one of these ids",
    "location_empty": "must not be empty; give a place, a street, an address or 'lat,lon'",
    "location_too_short": "{got} is too short; give at least {low} letters of a place, hotel or street, or 'lat,lon'",
    "location_not_found": ("no place, hotel, station or street matches {got}; give a place, a hotel, a street "
                           "(accents optional), an address such as '36 Hàng Bạc', or 'lat,lon'"),
    "location_ambiguous": "{got} matches several places or streets: {choices}; give one of these",
    "locations_list": "must be a list of place ids, names or 'lat,lon' texts",
    "lat_lon": "must be 'lat,lon' such as '21.03,105.85', got {got}",
    "needs_near": "needs `near` (a 'lat,lon' centre)",
    "coordinate_required": "is required: a number in degrees",
    "bad_coordinates": "latitude must be in -90..90 and longitude in -180..180, got {lat}, {lon}",
    "outside_hanoi": ("{point} is outside Hanoi (the city spans latitude {lat_min}..{lat_max}, longitude "
                      "{lon_min}..{lon_max})"),
    # requests to the web API
    "json_body": "must be a JSON object sent with Content-Type: application/json",
    # tour packages and price lists
    "package_request": "must be an object with the fields of `craftroute plan`",
    "package_fixed": "cannot be changed; send name, group_size, request and version",
    "package_name": "must be a non-empty text naming the package",
    "package_not_found": "no package with id {got}",
    "package_gone": "package {got} was deleted more than {days} days ago",
    "package_version": "must be the whole-number version the change is based on, got {got}",
    "version_conflict": ("the package changed meanwhile: it is at version {current}; reload it and apply your "
                         "change again"),
    "not_editable": "cannot be changed; editable: {allowed}",
    "amount": "must be an amount of VND from 0, got {got}",
    "prices_object": "must be an object with the keys of the default price list",
    "prices_json": "is not valid JSON: {detail}",
    "prices_unknown": "unknown keys {got}; allowed: {allowed}",
    "prices_vehicles": "must list vehicles for each mode {allowed}",
    "vehicles_list": "must be a non-empty list of vehicles",
    "vehicle_fields": "each vehicle needs name, seats, vnd_per_km",
    "fee_map": "must map place ids to amounts in VND",
    "password_short": "must have at least {low} characters",
    "share_withdrawn": "this link does not exist or was withdrawn by the tour operator",
}
