"""The planners' dashboard on the register: areas, crafts x districts, coverage and downloads."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any

import geopandas as gpd
from flask import Blueprint, Response, abort, current_app, render_template, request, url_for

from geodata import register_stats as stats
from geodata.register import CRAFTS, RECOGNISED, filter_register, register_csv, register_geojson, register_records
from web import i18n, params, state
from web.maps import dashboard_map
from web.maps.dashboard import AREA_LAYER_FIELDS, area_layer_fields, area_legend, choropleth_geojson, craft_colour
from web.pages.rendering import attachment, map_parts

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")

MATCHES = ("any", "main")
STATUSES = ("", "recognised", "unknown")
TOURISM = ("", "yes", "no")


@dataclass(frozen=True)
class RegisterQuery:
    """The dashboard's filters (all optional)."""

    craft: str = ""
    match: str = "any"
    district: str = ""
    status: str = ""
    tourism: str = ""


def parse_query(args: Any) -> RegisterQuery:
    """Return the filters in ``args``; a bad value raises ``CraftRouteError`` naming the field."""
    return RegisterQuery(craft=params.get_choice(args, "craft", ("", *CRAFTS), default=""),
                         match=params.get_choice(args, "match", MATCHES, default="any"),
                         district=params.get_text(args, "district"),
                         status=params.get_choice(args, "status", STATUSES, default=""),
                         tourism=params.get_choice(args, "tourism", TOURISM, default=""))


def select(register: gpd.GeoDataFrame, query: RegisterQuery) -> gpd.GeoDataFrame:
    """Return the register records the filters keep."""
    return filter_register(register, craft=query.craft or None, main_craft_only=query.match == "main",
                           district=query.district or None,
                           tourism={"yes": True, "no": False}.get(query.tourism),
                           recognised={"recognised": True, "unknown": False}.get(query.status))


def _shown() -> tuple[RegisterQuery, gpd.GeoDataFrame]:
    query = parse_query(request.args)
    return query, select(state.get_register(), query)


def _with_area(name: str, areas: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """Return ``areas`` with ``area_km2``, computed once per application."""
    if areas is None:
        return None
    from geodata import settings as geodata_settings

    def measured() -> gpd.GeoDataFrame:
        result = areas.copy()
        if "area_km2" not in result.columns:
            result["area_km2"] = result.to_crs(geodata_settings.metric_crs).area / 1e6
        return result

    return state.get_cached(f"area:{name}", measured)


def counted_areas(records: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame | None]:
    """Return the shown records counted per current unit, former district and former commune.

    Counts are spatial joins on the full polygons; the returned frames carry the
    simplified display geometry.
    """
    sources = {"units": (_with_area("units", state.get_current_units()), "current_unit"),
               "districts": (_with_area("districts", state.get_districts()), "gid"),
               "communes": (_with_area("communes", state.get_communes()), "gid")}
    result: dict[str, gpd.GeoDataFrame | None] = {}
    for name, (areas, key) in sources.items():
        if areas is None:
            result[name] = None
            continue
        counted = stats.area_counts(records, areas, key=key)
        display = state.get_simplified(name, areas)
        counted["geometry"] = display.geometry
        counted["geojson"] = display["geojson"]
        result[name] = counted
    return result


def _rows(frame: Any, label: str, total: str = "place_count") -> list[dict[str, Any]]:
    top = max(int(frame[total].max()), 1) if len(frame) else 1
    return [{"label": row[label], "count": int(row[total]), "share": int(row[total]) / top,
             "area_km2": round(float(row.get("area_km2", 0.0)), 1), "density": row.get("per_100_km2")}
            for _, row in frame.iterrows()]


def page_values(query: RegisterQuery, shown: gpd.GeoDataFrame) -> dict[str, Any]:
    """Return the template values of the dashboard for the records ``shown``.

    The values depend only on the filters and the language, so the recent ones are
    kept (``web.state.get_recent``) and a repeated view costs no new map.
    """
    key = (i18n.current_language(), query, tuple(shown.index))
    return state.get_recent("dashboard", key, lambda: _page_values(query, shown))


def _counted(query: RegisterQuery, shown: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame | None]:
    """Return :func:`counted_areas` of the records shown, kept for recent filters."""
    return state.get_recent("dashboard-areas", (query, tuple(shown.index)), lambda: counted_areas(shown))


def _area_urls(areas: dict[str, gpd.GeoDataFrame | None]) -> dict[str, str]:
    """Return where the browser fetches each area layer's polygons for the current filters."""
    query = params.query_string(request.args, lang=None)
    return {name: url_for("dashboard.area_geojson", name=name) + (f"?{query}" if query else "")
            for name, areas_of in areas.items() if areas_of is not None}


def _page_values(query: RegisterQuery, shown: gpd.GeoDataFrame) -> dict[str, Any]:
    crafts = i18n.vocabulary_labels("craft", CRAFTS)
    areas = _counted(query, shown)
    by_craft = shown["craft"].value_counts()
    by_craft_rows = [{"label": crafts.get(key, key), "count": int(count), "share": int(count) / max(by_craft.max(), 1)}
                     for key, count in by_craft.items()]
    district_rows, unit_rows = [], []
    if areas["districts"] is not None:
        counted = areas["districts"].sort_values(["place_count", "district"], ascending=[False, True])
        district_rows = _rows(counted[counted["place_count"] > 0], "district")
    if areas["units"] is not None:
        counted = areas["units"].sort_values(["place_count", "current_unit"], ascending=[False, True])
        unit_rows = _rows(counted[counted["place_count"] > 0], "current_unit")
    register = state.get_register()
    return {
        "query": query, "shown": len(shown), "crafts": crafts,
        "districts": sorted(register["former_district"].unique()),
        "coverage": stats.coverage(register), "shown_coverage": stats.coverage(shown),
        "craft_match": stats.craft_match(select(register, replace(query, craft="")), query.craft)
        if query.craft else None,
        "legend": [(craft, craft_colour(craft)) for craft in CRAFTS if craft in by_craft.index],
        "area_legends": [(i18n.gettext(f"dashboard.layer.{name}"), area_legend(areas[name]))
                         for name in ("units", "districts", "communes") if areas[name] is not None],
        "by_craft": by_craft_rows, "by_district": district_rows, "by_unit": unit_rows,
        # Python ints: the template shades each of its cells, and numpy scalars make that slow.
        "matrix": stats.craft_district_table(shown).astype(object), "recognised_keys": RECOGNISED,
        "boundaries": areas["communes"] is not None,
        "map_parts": map_parts(dashboard_map(register_records(shown), units=areas["units"],
                                             districts=areas["districts"], communes=areas["communes"],
                                             labels=_map_labels(), craft_labels=crafts,
                                             area_urls=_area_urls(areas))),
    }


def _map_labels() -> dict[str, str]:
    keys = ("units", "districts", "communes", "heat", "unit", "district", "commune", "count", "density")
    return {key: i18n.gettext(f"dashboard.layer.{key}") for key in keys}


@bp.get("")
def index() -> str:
    """Show the dashboard: map, coverage, counts per area and crafts x districts."""
    query, shown = _shown()
    return render_template("dashboard.html", **page_values(query, shown))


def _download(body: str | bytes, *, mimetype: str, extension: str) -> Response:
    return attachment(body, mimetype=mimetype, filename=f"craftroute-register.{extension}")


@bp.get("/areas/<name>.geojson")
def area_geojson(name: str) -> Response:
    """Return one area layer's polygons with their counts for the filters (the map fetches it once).

    Polygons are simplified for display; the answer is cacheable (ETag, ``max-age``) and
    compressed, so a page view carries only the layer's styles.
    """
    if name not in AREA_LAYER_FIELDS:
        abort(404)
    query, shown = _shown()
    areas = _counted(query, shown)[name]
    if areas is None:
        abort(404)
    body = state.get_recent("dashboard-area-geojson", (query, tuple(shown.index), name),
                            lambda: json.dumps(choropleth_geojson(areas, area_layer_fields(name)),
                                               ensure_ascii=False, separators=(",", ":")).encode())
    response = current_app.response_class(body, mimetype="application/geo+json")
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["STATIC_DATA_MAX_AGE_S"]
    response.make_conditional(request)
    return response


@bp.get("/export.geojson")
def export_geojson() -> Response:
    """Download the register records the dashboard shows, as GeoJSON."""
    _, shown = _shown()
    return _download(json.dumps(register_geojson(shown), ensure_ascii=False), mimetype="application/geo+json",
                     extension="geojson")


@bp.get("/export.csv")
def export_csv() -> Response:
    """Download the register records the dashboard shows, as CSV (UTF-8)."""
    _, shown = _shown()
    return _download(register_csv(shown), mimetype="text/csv; charset=utf-8", extension="csv")


@bp.get("/export.gpkg")
def export_gpkg() -> Response:
    """Download the records shown and the current-unit counts, as a GeoPackage (two layers)."""
    _, shown = _shown()
    units = _with_area("units", state.get_current_units())
    counted = stats.area_counts(shown, units, key="current_unit") if units is not None else None
    return _download(geopackage_bytes(shown, counted),
                     mimetype="application/geopackage+sqlite3", extension="gpkg")


def geopackage_bytes(shown: gpd.GeoDataFrame, units: gpd.GeoDataFrame | None) -> bytes:
    """Return a GeoPackage with layer ``villages`` (points) and, if given, ``current_units`` (counts)."""
    import tempfile
    from pathlib import Path

    villages = shown.copy()
    villages["other_crafts"] = villages["other_crafts"].map(";".join)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.gpkg"
        villages.reset_index(drop=True).to_file(path, layer="villages", driver="GPKG")
        if units is not None:
            units.to_file(path, layer="current_units", driver="GPKG")
        return path.read_bytes()
