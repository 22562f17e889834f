"""Popup and tooltip HTML for places, every data text escaped."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

import folium

from geodata import schema
from geodata.place_text import place_story
from web.hours_text import format_opening_hours
from web.names import place_name

POPUP_MAX_WIDTH_PX = 320


def craft_label(craft: str, labels: Mapping[str, str] | None = None) -> str:
    """Return the display name of a craft slug ("" for none)."""
    if not craft:
        return ""
    return (labels or schema.CRAFTS).get(craft, craft)


def place_popup_html(record: Mapping[str, Any], *, link_url: str | None = None,
                     craft_labels: Mapping[str, str] | None = None,
                     extra_html: str = "", language: str = "en") -> str:
    """Return the escaped HTML of a place popup: name, craft, hours, story and a link.

    Parameters
    ----------
    record
        A place record (``name_vi``, ``name``, ``craft``, ``opening_hours``,
        ``story`` or ``description``, and their ``_vi`` texts).
    link_url
        Address of the place page; no link when ``None``.
    craft_labels
        Display names of crafts (the interface language); English by default.
    extra_html
        Trusted HTML built by the caller (times of a stop), placed after the facts.
    language
        Interface language of the name (:func:`web.names.place_name`), of the opening
        hours ("Mon–Sun 08:00–17:00" / "T2–CN ...") and of the story (``story_vi`` in Vietnamese).
    """
    names = place_name(record, language)
    name = escape(names.short)
    if link_url:
        name = f'<a href="{escape(link_url)}" target="_top">{name}</a>'
    lines = [f"<strong>{name}</strong>"]
    if names.full != names.short:
        lines.append(f"<em>{escape(names.full[len(names.short):].strip())}</em>")
    craft = craft_label(str(record.get("craft") or ""), craft_labels)
    if craft:
        lines.append(escape(craft))
    if record.get("opening_hours"):
        hours = format_opening_hours(str(record["opening_hours"]), language)
        lines.append(f"&#128339; {escape(hours)}")
    if extra_html:
        lines.append(extra_html)
    story = place_story(record, language)
    if story:
        lines.append(f'<span class="popup-story">{escape(story)}</span>')
    return "<br>".join(lines)


def place_popup(record: Mapping[str, Any], **options: Any) -> folium.Popup:
    """Return a Folium popup with :func:`place_popup_html` (options as for that function)."""
    return folium.Popup(place_popup_html(record, **options), max_width=POPUP_MAX_WIDTH_PX)


def place_tooltip(record: Mapping[str, Any], language: str = "en") -> folium.Tooltip:
    """Return a tooltip with the place's escaped name in ``language``."""
    return folium.Tooltip(escape(place_name(record, language).short))
