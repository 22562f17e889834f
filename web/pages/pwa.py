"""The installable web app: manifest, icons and the service worker at the site's root.

The worker (``web/static/service-worker.js``) is served from ``/sw.js`` so that its
scope is the whole site; the server puts in front of it the list of files to keep
(app shell, map scripts, base map) and a version that changes with any of them.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from flask import Blueprint, abort, current_app, jsonify, url_for
from werkzeug.wrappers import Response

from web import i18n, state
from web.pages.basemap import band_urls

bp = Blueprint("pwa", __name__)

#: Sizes of the PNG icons made from ``static/favicon.svg`` (180: Apple's home-screen icon).
ICON_SIZES_PX = (180, 192, 512)
#: Colour of the browser bar and splash screen (the navigation bar's).
THEME_COLOUR = "#212529"
#: How many of the last opened plans the worker keeps for offline use.
MAX_SAVED_PLANS = 10
WORKER_FILE = "service-worker.js"
#: Answers the worker never stores: the API (a cached answer could pass for a fresh one).
NETWORK_ONLY_PREFIXES = ("/api/",)
#: Files of ``static/`` the app shell needs (besides ``static/vendor``).
SHELL_FILES = ("style.css", "favicon.svg", "basemap.js", "basemap.css", "pwa.js", "plan-map.js", "listbox.js",
               "start_suggest.js", "chips.js", "my_plan.js", "page-actions.js", "print-map.js")


@cache
def icon_png(svg_path: Path, size_px: int) -> bytes:
    """Return the SVG icon at ``svg_path`` drawn as a ``size_px`` square PNG (CairoSVG)."""
    import cairosvg

    png = cairosvg.svg2png(url=str(svg_path), output_width=size_px, output_height=size_px)
    assert isinstance(png, bytes)
    return png


def _static_dir() -> Path:
    return Path(current_app.static_folder or "")


def _shell_files() -> list[str]:
    """Return the files under ``static/`` the worker keeps: the shell's and the vendored map scripts."""
    static = _static_dir()
    vendored = sorted(p.relative_to(static).as_posix() for p in (static / "vendor").rglob("*") if p.is_file())
    return [name for name in SHELL_FILES if (static / name).is_file()] + vendored


def precache_urls() -> list[str]:
    """Return what the worker stores at install: pages, static files, vendored scripts, base map."""
    return ([url_for("plan.index"), url_for("pwa.manifest")]
            + [url_for("pwa.icon", size=size) for size in ICON_SIZES_PX]
            + [url_for("static", filename=name) for name in _shell_files()]
            + [str(band["url"]) for band in band_urls()])


def _version() -> str:
    """Return a checksum of the worker, the shell files and the base map (a new one re-installs)."""
    static = _static_dir()
    digest = hashlib.sha256((static / WORKER_FILE).read_bytes())
    for name in _shell_files():
        stat = (static / name).stat()
        digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for file in state.get_basemap():
        digest.update(file.etag.encode())
    return digest.hexdigest()[:16]


@bp.get("/manifest.webmanifest")
def manifest() -> Response:
    """Return the web app manifest: name, start page, colours and icons."""
    icons = [{"src": url_for("pwa.icon", size=size), "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": "any"} for size in ICON_SIZES_PX if size != 180]
    icons.append({"src": url_for("static", filename="favicon.svg"), "sizes": "any", "type": "image/svg+xml"})
    body = {"name": f"CraftRoute · {i18n.gettext('app.name')}", "short_name": "CraftRoute",
            "description": i18n.gettext("pwa.description"), "lang": i18n.current_language(),
            "start_url": url_for("plan.index"), "scope": url_for("plan.index"), "display": "standalone",
            "background_color": "#ffffff", "theme_color": THEME_COLOUR, "icons": icons}
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/icons/<int:size>.png")
def icon(size: int) -> Response:
    """Return the app icon as a PNG of ``size`` pixels (one of :data:`ICON_SIZES_PX`)."""
    if size not in ICON_SIZES_PX:
        abort(404)
    response = Response(icon_png(_static_dir() / "favicon.svg", size), mimetype="image/png")
    response.cache_control.public = True
    response.cache_control.max_age = 86_400
    return response


@bp.get("/sw.js")
def service_worker() -> Response:
    """Return the service worker with its settings (version, files to keep) in front."""
    urls = precache_urls()
    config = {"version": _version(), "precache": urls, "planPath": url_for("plan.result"),
              "pages": [url_for("plan.index"), url_for("explore.index")], "maxPlans": MAX_SAVED_PLANS,
              "networkOnly": list(NETWORK_ONLY_PREFIXES)}
    text = f"self.CRAFTROUTE_SW = {json.dumps(config)};\n" + (_static_dir() / WORKER_FILE).read_text("utf-8")
    response = Response(text, mimetype="text/javascript")
    response.cache_control.no_cache = True
    return response
