"""Trip planning pages: the form (``/``) and the planned trip (``/plan``)."""

from __future__ import annotations

from flask import Blueprint, render_template, request

import geodata
from geodata.errors import CraftRouteError
from web import i18n, planning, state
from web.names import place_names
from web.pages.place_choice import place_groups
from web.pages.plan_edit import plan_edit_values
from web.pages.plan_form import FORM_FIELDS, MORE_FIELDS, form_field_name, plan_fields, start_picker_map
from web.pages.rendering import map_parts, place_url_template, plan_values
from web.pages.share import share_values

bp = Blueprint("plan", __name__)

START_INPUT_ID = "start"


def render_form(error: CraftRouteError | None = None) -> tuple[str, int]:
    """Return the trip form page, filled from the query string, with ``error`` shown at its field."""
    places = state.get_places()
    labels = i18n.craft_labels()
    language = i18n.current_language()
    # The start picker depends only on the places and the language: drawn once per language.
    picker = state.get_recent("start-picker", language, lambda: map_parts(start_picker_map(
        places, input_id=START_INPUT_ID, place_url=place_url_template(), craft_labels=labels, language=language)))
    page = render_template(
        "plan_form.html",
        map_parts=picker,
        values=request.args,
        error=error,
        crafts=labels,
        modes=planning.modes(),
        default_mode=planning.check_mode(None),
        paces=planning.paces(),
        places=geodata.places_to_records(places),
        place_groups=place_groups(geodata.places_to_records(places), craft_labels=labels, text=i18n.gettext),
        place_names={str(place_id): str(name) for place_id, name in places["name_vi"].items()},
        fields=FORM_FIELDS,
        more_open=any(request.args.get(name) for name in MORE_FIELDS)
        or (error is not None and form_field_name(error.field) in MORE_FIELDS),
    )
    return page, 400 if error else 200


@bp.get("/")
def index() -> tuple[str, int]:
    """Show the trip form (pre-filled from the query string, e.g. ``?must_see=bat-trang``)."""
    return render_form()


@bp.get("/plan")
def result() -> tuple[str, int]:
    """Plan the trip in the query string and show its map and timeline; the form on bad input."""
    try:
        plan = planning.make_plan(plan_fields(request.args), geometry=True)
    except CraftRouteError as error:
        return render_form(error)
    values = plan_values(planning.plan_json(plan))
    records = geodata.places_to_records(state.get_places())
    names = {key: name.short for key, name in place_names(records, i18n.current_language()).items()}
    return render_template("plan_result.html", map_parts=map_parts(planning.plan_map(plan)), **values,
                           plan_edit=plan_edit_values(request.args, values["plan"], names), **share_values()), 200
