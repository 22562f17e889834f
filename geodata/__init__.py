"""What exists and where: Hanoi's craft villages and tourist destinations as GeoDataFrames."""

from .area import check_in_hanoi, is_in_hanoi
from .boundaries import (
    assign_areas,
    count_in_areas,
    counts_by,
    load_communes,
    load_districts,
)
from .errors import (
    CraftRouteError,
    DataValidationError,
    NotFoundError,
    OutsideHanoiError,
)
from .export import places_to_geojson, places_to_records
from .hours import open_intervals, parse_opening_hours
from .loader import load_places, validate_records
from .location import Location
from .query import (
    filter_places,
    get_place,
    haversine_m,
    nearest_places,
    parse_lat_lon,
    place_to_location,
    places_to_locations,
    places_within,
    query_places,
    resolve_location,
    search_places,
)
from .text import ascii_fold, search_key, slugify

__all__ = [
    "CraftRouteError",
    "DataValidationError",
    "Location",
    "NotFoundError",
    "OutsideHanoiError",
    "ascii_fold",
    "assign_areas",
    "check_in_hanoi",
    "count_in_areas",
    "counts_by",
    "filter_places",
    "get_place",
    "haversine_m",
    "is_in_hanoi",
    "load_communes",
    "load_districts",
    "load_places",
    "nearest_places",
    "open_intervals",
    "parse_lat_lon",
    "parse_opening_hours",
    "place_to_location",
    "places_to_geojson",
    "places_to_locations",
    "places_to_records",
    "places_within",
    "query_places",
    "resolve_location",
    "search_key",
    "search_places",
    "slugify",
    "validate_records",
]
