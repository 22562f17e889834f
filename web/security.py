"""Security headers of every page and answer, script nonces, cookie flags and the body size limit.

Every response gets a Content-Security-Policy, ``X-Content-Type-Options: nosniff``, a
``Referrer-Policy`` and frame protection (``frame-ancestors 'none'`` and
``X-Frame-Options: DENY``); every cookie is ``HttpOnly`` and ``SameSite``.

Scripts: pages load JavaScript from the site itself; the inline ``<script>`` blocks that
Folium writes for a map are allowed by a per-request nonce that templates add with
``{{ csp_nonce() }}`` and, on Folium's rendered header, the ``nonce_scripts`` filter
(rendered maps are cached without nonces; each page view gets a new one).
No ``'unsafe-inline'`` or ``'unsafe-eval'`` for scripts; styles allow inline
``style=""`` because Leaflet positions every tile and marker with them.

Bodies over ``MAX_CONTENT_LENGTH`` bytes answer 413 before they are read (Flask's own
limit, turned into the usual error JSON by :mod:`web.errors`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

from flask import Flask, current_app, g
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from web import settings
from web.errors import error_response, web_error

#: Headers of every response besides the Content-Security-Policy.
STATIC_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self)",
}

#: A ``<script`` opening tag without a nonce (Folium writes plain ``<script>`` and ``<script src=...>``).
_SCRIPT_TAG = re.compile(r"<script\b(?![^>]*\bnonce=)", re.IGNORECASE)


def csp_nonce() -> str:
    """Return this request's script nonce (made on first use)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return str(g.csp_nonce)


def nonce_scripts(html: str, nonce: str | None = None) -> str:
    """Return trusted generated ``html`` (a rendered Folium map) with ``nonce`` on every ``<script>`` tag.

    Parameters
    ----------
    html
        HTML written by the application (never user input: a nonce on injected script
        would defeat the policy).
    nonce
        The nonce; ``None`` takes the current request's (:func:`csp_nonce`).
    """
    value = nonce if nonce is not None else csp_nonce()
    return _SCRIPT_TAG.sub(f'<script nonce="{value}"', html)


def content_security_policy(nonce: str | None, *, cdn_hosts: Iterable[str] = ()) -> str:
    """Return the Content-Security-Policy header value for a response.

    Parameters
    ----------
    nonce
        The request's script nonce, or ``None`` when nothing rendered an inline script.
    cdn_hosts
        Outside hosts the map scripts and styles come from (``MAP_ASSETS`` "cdn").
    """
    cdn = " ".join(cdn_hosts)
    scripts = " ".join(part for part in ("'self'", f"'nonce-{nonce}'" if nonce else "", cdn) if part)
    tiles = " ".join(settings.TILE_HOSTS)
    directives = {
        "default-src": "'self'",
        "script-src": scripts,
        # Leaflet and Bootstrap set element styles inline; a style cannot run code.
        "style-src": " ".join(part for part in ("'self'", "'unsafe-inline'", cdn) if part),
        "img-src": f"'self' data: blob: {tiles}",
        "font-src": " ".join(part for part in ("'self'", "data:", cdn) if part),
        "connect-src": "'self'",
        "worker-src": "'self'",
        "manifest-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _secure_cookie(header: str) -> str:
    """Return a ``Set-Cookie`` value with ``HttpOnly`` and ``SameSite=Lax`` added when missing."""
    lowered = header.lower()
    if "httponly" not in lowered:
        header += "; HttpOnly"
    if "samesite" not in lowered:
        header += "; SameSite=Lax"
    return header


def _uses_cdn() -> bool:
    """Return whether map pages load Leaflet from CDNs (``MAP_ASSETS``; "auto" without vendored files)."""
    setting = current_app.config.get("MAP_ASSETS")
    return setting == "cdn" or (setting == "auto" and not (settings.VENDOR_DIR / "leaflet" / "leaflet.js").is_file())


def _add_headers(response: Response) -> Response:
    for name, value in STATIC_HEADERS.items():
        response.headers.setdefault(name, value)
    nonce = g.get("csp_nonce")
    hosts = settings.CDN_HOSTS if _uses_cdn() else ()
    response.headers["Content-Security-Policy"] = content_security_policy(nonce, cdn_hosts=hosts)
    cookies = response.headers.getlist("Set-Cookie")
    if cookies:
        response.headers.setlist("Set-Cookie", [_secure_cookie(cookie) for cookie in cookies])
    return response


def _on_too_large(_error: RequestEntityTooLarge) -> tuple[Response, int] | tuple[str, int]:
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    return error_response(web_error("body", "body_too_large", high=limit), 413)


def init_app(app: Flask) -> None:
    """Add the security headers to every response of ``app`` and ``csp_nonce()`` to its templates."""
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.jinja_env.filters["nonce_scripts"] = nonce_scripts
    app.after_request(_add_headers)
    app.register_error_handler(RequestEntityTooLarge, _on_too_large)
