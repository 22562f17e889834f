"""The trip form: its fields as ``craftroute plan`` takes them, and the start-picker map."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import folium
import geopandas as gpd
from folium.elements import MacroElement
from folium.template import Template

from web.maps import explore_map
from web.params import get_list

#: Fields that take several values (repeated keys or "a,b").
LIST_FIELDS: tuple[str, ...] = ("interests", "must_see", "exclude", "keep")
#: Fields whose text holds a whole number.
INTEGER_FIELDS: tuple[str, ...] = ("days", "max_stops_per_day", "lunch_min")
#: Every field of the form, in the order of ``craftroute plan``'s options.
FORM_FIELDS: tuple[str, ...] = ("start", "days", "date", "mode", "interests", "must_see", "pace")
#: Fields of the form's "More options" section (``craftroute plan --end``, ``--day-start``...).
MORE_FIELDS: tuple[str, ...] = ("end", "day_start", "day_end", "lunch_start", "lunch_end", "lunch_min",
                                "flexible_dates")
#: Planner and API field names -> the form field that holds them, where they differ.
FORM_FIELD_NAMES: dict[str, str] = {"must": "must_see", "must_visit": "must_see", "max_stops": "max_stops_per_day"}
#: Query keys that are not plan fields (interface language, the name of an opened package,
#: the calendar's extra events).
NOT_PLAN_FIELDS: tuple[str, ...] = ("lang", "name", "include")


def form_field_name(field: str) -> str:
    """Return the form field of a planner error's ``field`` (``must`` and ``must[1]`` -> ``must_see``)."""
    base = field.split("[", 1)[0]
    return FORM_FIELD_NAMES.get(base, base)


def plan_fields(args: Mapping[str, Any]) -> dict[str, Any]:
    """Return the plan request fields in a form or query string (empty values and lists left out)."""
    fields: dict[str, Any] = {}
    for name in args:
        if name in NOT_PLAN_FIELDS:
            continue
        if name in LIST_FIELDS:
            values = list(get_list(args, name))
            if values:
                fields[name] = values
            continue
        value = args.get(name)
        if isinstance(value, str):
            value = value.strip()
            if name in INTEGER_FIELDS and value.lstrip("-").isdigit():
                value = int(value)
        if value not in ("", None):
            fields[name] = value
    return fields


class ClickToFill(MacroElement):
    """Fill a form input with "lat,lon" when the map is clicked, and mark the point."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var marker = null;
            map.on('click', function (e) {
                var value = e.latlng.lat.toFixed(5) + ',' + e.latlng.lng.toFixed(5);
                var input = document.getElementById({{ this.input_id|tojson }});
                if (input) { input.value = value; input.dispatchEvent(new Event('change')); }
                if (marker) { marker.setLatLng(e.latlng); } else { marker = L.marker(e.latlng).addTo(map); }
            });
        })();
        {% endmacro %}
    """)

    def __init__(self, input_id: str) -> None:
        super().__init__()
        self._name = "ClickToFill"
        self.input_id = input_id


def start_picker_map(places: gpd.GeoDataFrame, *, input_id: str, place_url: str | None = None,
                     craft_labels: Mapping[str, str] | None = None, language: str = "en",
                     m: folium.Map | None = None) -> folium.Map:
    """Return the explorer map of ``places`` where a click writes "lat,lon" into ``input_id``."""
    m = explore_map(places, place_url=place_url, craft_labels=craft_labels, language=language, m=m)
    ClickToFill(input_id).add_to(m)
    return m
