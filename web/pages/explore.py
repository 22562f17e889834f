"""Explore pages: every village and destination on a clustered map, and a page per place."""

from __future__ import annotations

import geopandas as gpd
from flask import Blueprint, current_app, render_template, request

import geodata
from geodata import schema
from geodata.search import MATCHED_CRAFT, MATCHED_DESCRIPTION
from web import i18n, params, state
from web.events import event_name, lunar_text, upcoming_events
from web.maps import explore_map, place_map
from web.pages.rendering import current_place_names, map_parts, place_url_template

bp = Blueprint("explore", __name__)

#: Most filtered places "Plan with these" passes on as must-see places (more cannot fit a trip).
PLAN_WITH_MAX = 12


@bp.get("/explore")
def index() -> str:
    """Show the filter form, the clustered map and the list of matching places."""
    query = params.parse_village_query(request.args)
    places = state.get_places()
    found = params.apply_village_query(places, query)
    labels = i18n.craft_labels()
    m = explore_map(found, place_url=place_url_template(), craft_labels=labels, language=i18n.current_language())
    communes = sorted(set(places["former_district"]) | set(places["commune"]))
    return render_template(
        "explore.html",
        map_parts=map_parts(m),
        query=query,
        places=geodata.places_to_records(found),
        matched=matched_texts(found, labels),
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
    record = geodata.places_to_records(places.loc[[place_id]])[0]
    others = places.drop(index=place_id)
    nearby = geodata.places_within(others, float(row["lat"]), float(row["lon"]),
                                   current_app.config["NEARBY_RADIUS_KM"]).head(current_app.config["NEARBY_COUNT"])
    labels = i18n.craft_labels()
    m = place_map(record, nearby, place_url=place_url_template(), craft_labels=labels,
                  language=i18n.current_language())
    return render_template(
        "place.html",
        map_parts=map_parts(m),
        place=record,
        names=current_place_names(),
        nearby=geodata.places_to_records(nearby),
        crafts=labels,
        recognitions=i18n.recognition_labels(),
        events=upcoming_events(place_id),
        event_name=event_name,
        lunar_text=lunar_text,
    )
