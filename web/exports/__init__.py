"""Pure writers of a plan (the dict of ``planner.itinerary.plan_to_dict``): GeoJSON, GPX, ICS.

No Flask here; :mod:`web.pages_exports` serves them as downloads.
"""

from .geojson import plan_to_geojson
from .gpx import plan_to_gpx
from .ics import plan_to_ics

__all__ = ["plan_to_geojson", "plan_to_gpx", "plan_to_ics"]
