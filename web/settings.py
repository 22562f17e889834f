"""Settings of the web package: Flask configuration defaults and map assets.

``DEFAULT_CONFIG`` is loaded first by :func:`web.create_app`; the instance folder's
``config.py``, the test configuration and ``CRAFTROUTE_*`` environment variables
(``CRAFTROUTE_DEFAULT_LANGUAGE=vi``) override it in that order.
"""

from __future__ import annotations

from pathlib import Path

from planner.settings import PLAN_DAY_COLOURS

PACKAGE_DIR = Path(__file__).resolve().parent

#: Folder of the map JavaScript/CSS fetched by ``python -m web.vendor``.
VENDOR_DIR: Path = PACKAGE_DIR / "static" / "vendor"

#: Leaflet version, the one Folium 0.20 is written against.
LEAFLET_VERSION = "1.9.3"

#: Default address of ``craftroute serve``.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000
#: Worker threads of the waitress server started by ``craftroute serve``.
DEFAULT_THREADS = 8

DEFAULT_CONFIG: dict[str, object] = {
    # Signs operators' session cookies. None: a random key kept in the instance folder
    # (file `secret_key`, made on first start); set one shared key for several servers.
    "SECRET_KEY": None,
    # Operators' session cookie: not sent with cross-site form posts (CSRF tokens check those too).
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Database of operators and packages (any SQLAlchemy URL, e.g.
    # postgresql://user@host/craftroute); None: the `DATABASE_URL` environment variable,
    # else the SQLite file PACKAGES_DB in the instance folder.
    "DATABASE_URL": None,
    # Address of the site in links printed by the CLI (operators' one-time sign-in links).
    "PUBLIC_URL": f"http://{DEFAULT_HOST}:{DEFAULT_PORT}",
    # Interface languages; the first is the default.
    "LANGUAGES": ("en", "vi"),
    "DEFAULT_LANGUAGE": "en",
    # None: geodata's bundled places file; a path to use another one.
    "PLACES_PATH": None,
    # None: geodata's bundled register of recognised villages; a path to use another one.
    "REGISTER_PATH": None,
    # SQLite file of tour operators' packages when no DATABASE_URL is set, relative to the instance folder.
    "PACKAGES_DB": "packages.sqlite",
    # Map centre (lat, lon) and zoom when nothing is selected: central Hanoi.
    "MAP_CENTER": (21.0285, 105.8542),
    "MAP_ZOOM": 10,
    # Where map pages load Leaflet and plugins from: "local" (web/static/vendor, filled by
    # `python -m web.vendor`), "cdn", or "auto": local when the files are there, else CDN.
    "MAP_ASSETS": "auto",
    # How many nearby places a place page lists, and within what radius.
    "NEARBY_COUNT": 6,
    "NEARBY_RADIUS_KM": 15.0,
    # How far ahead (days) and how many dated events a place page lists.
    "UPCOMING_EVENTS_DAYS": 60,
    "UPCOMING_EVENTS_COUNT": 8,
    # Optimiser time cap of one plan request in seconds (None: the planner's default, as
    # ``craftroute plan``). The search stops when converged (``planner.settings``
    # OPTIMISER_NO_IMPROVE_PER_STOP: about 0.1 s of CPU for a day), so the same request
    # gets the same plan; the cap only bounds a long trip on a busy server.
    "PLAN_TIME_LIMIT_S": 1.0,
    # Plans computed at once per process; further plan requests wait their turn (web.state.plan_slot).
    "PLANS_AT_ONCE": 2,
    # Travel matrices kept per process (one per start place and candidate set).
    "MATRIX_CACHE_SIZE": 64,
    # Keep every time band's road trees to and from the places (per travel mode used,
    # built on its first plan: about 2 s and 85 MB per process for the urban graph), so
    # that a plan from a hotel looks its travel times up instead of searching (40 -> 7 ms).
    "PLACE_TREES": True,
    # Upper bounds that keep one request cheap.
    "MAX_MATRIX_LOCATIONS": 60,
    "MAX_SEARCH_RESULTS": 20,
    # Longest lists a plan request may give: places of interest (`interests`) and
    # must-see places (`must`); longer lists answer 400 naming the field.
    "MAX_INTERESTS": 20,
    "MAX_MUST_SEE": 20,
    # Largest request body in bytes; a larger one answers 413 before it is read.
    "MAX_CONTENT_LENGTH": 256 * 1024,
    # Per-client limits of the expensive endpoints (Flask-Limiter notation), answered
    # with 429 and Retry-After: plans (API, pages, packages) and travel matrices.
    "PLAN_RATE_LIMIT": "30 per minute",
    "MATRIX_RATE_LIMIT": "60 per minute",
    # Rate limits on or off (the load benchmark raises the limits instead).
    "RATELIMIT_ENABLED": True,
    # None: limits counted in each process's memory; a redis:// URL (environment
    # variable CRAFTROUTE_REDIS_URL) shares them between every worker and machine.
    "REDIS_URL": None,
    # Browsers may cache the big GeoJSON of the maps this long (seconds).
    "STATIC_DATA_MAX_AGE_S": 3600,
}

#: Hosts outside the site that pages may load from: OpenStreetMap's tiles (images) and,
#: when the map scripts are not vendored (``MAP_ASSETS`` "cdn"), Folium's CDNs.
TILE_HOSTS: tuple[str, ...] = ("https://tile.openstreetmap.org",)
CDN_HOSTS: tuple[str, ...] = (
    "https://cdn.jsdelivr.net", "https://code.jquery.com", "https://cdnjs.cloudflare.com",
    "https://netdna.bootstrapcdn.com", "https://unpkg.com",
)

#: Default CDN address of each asset Folium knows -> file under ``VENDOR_DIR``.
#: An asset mapped to ``None`` is dropped (an old Bootstrap 3 icon font no map here uses).
LOCAL_ASSETS: dict[str, str | None] = {
    "leaflet": "leaflet/leaflet.js",
    "leaflet_css": "leaflet/leaflet.css",
    "jquery": "jquery/jquery.min.js",
    "bootstrap": "bootstrap/bootstrap.bundle.min.js",
    "bootstrap_css": "bootstrap/bootstrap.min.css",
    "glyphicons_css": None,
    "awesome_markers": "awesome-markers/leaflet.awesome-markers.js",
    "awesome_markers_css": "awesome-markers/leaflet.awesome-markers.css",
    "awesome_markers_font_css": "fontawesome/css/all.min.css",
    "awesome_rotate_css": None,
    "markerclusterjs": "markercluster/leaflet.markercluster.js",
    "markerclustercss": "markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "markercluster/MarkerCluster.Default.css",
    "leaflet-heat.js": "heat/leaflet_heat.min.js",
}

#: Colours of the days of a plan (day 1 first), also used for per-craft layers.
PALETTE: tuple[str, ...] = PLAN_DAY_COLOURS

#: Distinct colours of the dashboard's craft layers, one per craft of the register's
#: vocabulary (Kelly's 21 colours of maximum contrast, then 11 more), assigned in
#: vocabulary order so a craft keeps its colour whatever the filters.
CRAFT_COLOURS: tuple[str, ...] = (
    "#F3C300", "#875692", "#F38400", "#A1CAF1", "#BE0032", "#C2B280", "#848482", "#008856",
    "#E68FAC", "#0067A5", "#F99379", "#604E97", "#F6A600", "#B3446C", "#DCD300", "#882D17",
    "#8DB600", "#654522", "#E25822", "#2B3D26", "#222222", "#17BECF", "#FF1493", "#7B68EE",
    "#00FA9A", "#000080", "#808000", "#FFB6C1", "#00CED1", "#8B4513", "#C71585", "#2E8B57",
)

#: Polygons are simplified by this many degrees (~50 m) before they are drawn.
MAP_SIMPLIFY_DEG: float = 0.0005

#: Zoom bands of the offline base map (``web.basemap``): (min zoom, max zoom, road classes
#: drawn, classes named, simplification tolerance in degrees, grid cell in degrees,
#: communes drawn). Majors with names when zoomed out, every drivable road zoomed in.
_MAJOR_ROADS = ("motorway", "trunk", "primary")
_MIDDLE_ROADS = ("motorway_link", "trunk_link", "primary_link", "secondary", "secondary_link", "tertiary")
_MINOR_ROADS = ("tertiary_link", "unclassified", "residential", "living_street", "busway", "road")
BASEMAP_BANDS: tuple[tuple[int, int, tuple[str, ...], tuple[str, ...], float, float, bool], ...] = (
    (0, 11, _MAJOR_ROADS, ("motorway", "trunk"), 0.0004, 0.08, False),
    (12, 13, _MAJOR_ROADS + _MIDDLE_ROADS, _MAJOR_ROADS + ("secondary",), 0.00012, 0.03, True),
    (14, 22, _MAJOR_ROADS + _MIDDLE_ROADS + _MINOR_ROADS, _MAJOR_ROADS + _MIDDLE_ROADS + _MINOR_ROADS,
     0.00003, 0.01, True),
)
#: Version of the base map files: bump it when ``web.basemap.build`` changes its output.
BASEMAP_VERSION = 1
