"""Explore pages: every village and destination on a clustered map, and a page per place."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
from flask import Blueprint, current_app, render_template, request

import geodata
from geodata import schema
from geodata.search import MATCHED_CRAFT, MATCHED_DESCRIPTION
from web import i18n, params, state
from web.events import event_name, lunar_text, upcoming_events
from web.maps import MapParts, explore_map, place_map
from web.pages.rendering import current_place_names, map_parts, place_url_template

bp = Blueprint("explore", __name__)

#: Most filtered places "Plan with these" passes on as must-see places (more cannot fit a trip).
PLAN_WITH_MAX = 12


@bp.get("/explore")
def index() -> str:
    """Show the filter form, the clustered map and the list of matching places."""
    query = params.parse_village_query(request.args)
    places = state.get_places()
    labels = i18n.craft_labels()
    language = i18n.current_language()

    def draw() -> tuple[MapParts, list[dict[str, Any]], dict[str, str]]:
        found = params.apply_village_query(places, query)
        m = explore_map(found, place_url=place_url_template(), craft_labels=labels, language=language)
        return map_parts(m), geodata.places_to_records(found), matched_texts(found, labels)

    # The map and list depend only on the filters and the language: recent ones are kept.
    parts, records, matched = state.get_recent("explore", (language, query), draw)
    communes = state.get_cached("explore:communes",
                                lambda: sorted(set(places["former_district"]) | set(places["commune"])))
    return render_template(
        "explore.html",
        map_parts=parts,
        query=query,
        places=records,
        matched=matched,
        names=current_place_names(),
        total=len(places),
        crafts=labels,
        recognitions=i18n.recognition_labels(),
        kinds=schema.KINDS,
        communes=communes,
        plan_with_max=PLAN_WITH_MAX,
    )


def matched_texts(found: gpd.GeoDataFrame, crafts: dict[str, str]) -> dict[str, str]:
    """Return, by place id, what a search matched when it was not the name ("matches craft: Silk weaving")."""
    if "matched" not in found.columns:
        return {}
    texts = {}
    for place_id, matched in found["matched"].items():
        if str(matched).startswith(MATCHED_CRAFT):
            craft = str(matched)[len(MATCHED_CRAFT):]
            texts[str(place_id)] = i18n.gettext("explore.matched_craft", craft=crafts.get(craft, craft))
        elif matched == MATCHED_DESCRIPTION:
            texts[str(place_id)] = i18n.gettext("explore.matched_description")
    return texts


@bp.get("/places/<place_id>")
def place(place_id: str) -> str:
    """Show one place: map, facts, its coming events, nearby places and a button to add it to a plan."""
    places = state.get_places()
    row = geodata.get_place(places, place_id)
    labels = i18n.craft_labels()
    language = i18n.current_language()

    def draw() -> tuple[MapParts, dict[str, Any], list[dict[str, Any]]]:
        record = geodata.places_to_records(places.loc[[place_id]])[0]
        nearby = geodata.places_within(places.drop(index=place_id), float(row["lat"]), float(row["lon"]),
                                       current_app.config["NEARBY_RADIUS_KM"]).head(current_app.config["NEARBY_COUNT"])
        m = place_map(record, nearby, place_url=place_url_template(), craft_labels=labels, language=language)
        return map_parts(m), record, geodata.places_to_records(nearby)

    # A place page depends only on the place and the language: recent ones are kept.
    parts, record, nearby_records = state.get_recent("place", (language, place_id), draw, size=128)
    return render_template(
        "place.html",
        map_parts=parts,
        place=record,
        names=current_place_names(),
        nearby=nearby_records,
        crafts=labels,
        recognitions=i18n.recognition_labels(),
        events=upcoming_events(place_id),
        event_name=event_name,
        lunar_text=lunar_text,
    )
