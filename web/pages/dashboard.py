"""The planners' dashboard: choropleths, heat map, craft layers, counts and a GeoJSON download."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
from flask import Blueprint, Response, jsonify, render_template, request

import geodata
from geodata import schema
from web import i18n, params, state
from web.maps import dashboard_map
from web.pages.rendering import map_parts, place_url_template

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")

#: The dashboard shows villages unless the form asks for another kind.
DEFAULT_KIND = "village"


def _shown_places() -> tuple[params.VillageQuery, gpd.GeoDataFrame]:
    query = params.parse_village_query(request.args)
    if "kind" not in request.args:
        query = params.VillageQuery(**{**query.__dict__, "kind": DEFAULT_KIND})
    return query, params.apply_village_query(state.get_places(), query)


def count_rows(places: gpd.GeoDataFrame, column: str, labels: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Return ``[{"key", "label", "count", "share"}]`` for a column, most first (share of the largest)."""
    table = geodata.counts_by(places, column)
    table = table[table[column].astype(str) != ""]
    top = int(table["count"].max()) if len(table) else 1
    return [
        {"key": str(key), "label": (labels or {}).get(str(key), str(key)), "count": int(count),
         "share": int(count) / top}
        for key, count in zip(table[column], table["count"], strict=True)
    ]


@bp.get("")
def index() -> str:
    """Show the dashboard map with the counts by craft and by area."""
    query, shown = _shown_places()
    crafts = i18n.craft_labels()
    labels = {key: i18n.gettext(f"dashboard.layer.{key}")
              for key in ("communes", "districts", "heat", "commune", "district")}
    m = dashboard_map(shown, communes=state.get_communes(), districts=state.get_districts(), labels=labels,
                      craft_labels=crafts, place_url=place_url_template(),
                      language=i18n.current_language())
    return render_template(
        "dashboard.html",
        map_parts=map_parts(m),
        query=query,
        shown=len(shown),
        by_craft=count_rows(shown, "craft", crafts),
        by_district=count_rows(shown, "former_district"),
        crafts=crafts,
        recognitions=i18n.recognition_labels(),
        kinds=schema.KINDS,
        boundaries=state.get_communes() is not None,
    )


@bp.get("/export.geojson")
def export_geojson() -> Response:
    """Download the places the dashboard shows, as a GeoJSON file."""
    _, shown = _shown_places()
    response = jsonify(geodata.places_to_geojson(shown))
    response.mimetype = "application/geo+json"
    response.headers["Content-Disposition"] = 'attachment; filename="craftroute-dashboard.geojson"'
    return response
