"""Point a Folium map's JavaScript/CSS at local copies and render it for a template."""

from __future__ import annotations

from dataclasses import dataclass

import folium
from branca.element import Element, Figure
from folium.elements import JSCSSMixin

from planner.itinerary.map import VIEWPORT_META, allow_pinch_zoom
from web import settings


@dataclass(frozen=True)
class MapParts:
    """A rendered map, split for a page template: ``<head>`` links, the map ``<div>``, its script."""

    header: str
    html: str
    script: str


def _localised(links: list[tuple[str, str]], base_url: str) -> list[tuple[str, str]]:
    result: list[tuple[str, str]] = []
    for name, url in links:
        if name not in settings.LOCAL_ASSETS:
            result.append((name, url))
            continue
        local = settings.LOCAL_ASSETS[name]
        if local is not None:
            result.append((name, f"{base_url.rstrip('/')}/{local}"))
    return result


def _walk(element: Element) -> list[Element]:
    found = [element]
    for child in element._children.values():
        found.extend(_walk(child))
    return found


def use_local_assets(m: folium.Map, *, base_url: str) -> folium.Map:
    """Return ``m`` with every element's CDN links replaced by files under ``base_url``.

    Parameters
    ----------
    m
        A map and its layers; each element that lists ``default_js``/``default_css``
        gets its own (instance) copy of the lists, so Folium's class defaults stay intact.
    base_url
        Where ``web/static/vendor`` is served, e.g. ``"/static/vendor"``.
    """
    for element in _walk(m):
        if isinstance(element, JSCSSMixin):
            element.default_js = _localised(list(element.default_js), base_url)
            element.default_css = _localised(list(element.default_css), base_url)
    return m


def render_map_parts(m: folium.Map, *, assets_base_url: str | None = None) -> MapParts:
    """Return the header links, map ``<div>`` and script of ``m``, ready for a template.

    Folium's viewport tag is left out of the header (the page template has one that
    allows pinch zoom).

    Parameters
    ----------
    m
        The map to render.
    assets_base_url
        Serve Leaflet and plugins from this URL (see :func:`use_local_assets`);
        ``None`` keeps Folium's CDN links.
    """
    if assets_base_url is not None:
        use_local_assets(m, base_url=assets_base_url)
    root = m.get_root()
    assert isinstance(root, Figure)
    root.render()
    # The page has its own viewport tag; Folium's would forbid pinch zoom on phones.
    header = allow_pinch_zoom(root.header.render()).replace(VIEWPORT_META, "")
    return MapParts(header=header, html=root.html.render(), script=root.script.render())
