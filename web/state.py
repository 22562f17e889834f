"""Loaded data shared by requests: places, boundaries and routers, one set per app.

:func:`init_app` attaches an empty :class:`WebState` to the app; the accessors load
each piece on first use (under a lock, as waitress serves from several threads) and
keep it for the life of the process.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from flask import Flask, current_app

import geodata
import planner
from geodata.location import Location
from planner.itinerary.problem import place_locations

from .settings import DEFAULT_CONFIG

if TYPE_CHECKING:
    import geopandas as gpd

    from planner.geocode import StreetIndex
    from web.basemap.store import BandFile

EXTENSION_KEY = "craftroute"
T = TypeVar("T")


@dataclass
class WebState:
    """Data loaded once per application.

    Attributes
    ----------
    places_path
        The places file to load, or ``None`` for geodata's bundled file.
    register_path
        The register file to load, or ``None`` for geodata's bundled register.
    cache
        Loaded objects by name (``"places"``, ``"communes"``, ``"router:car"``), and the
        small most-recent-first caches of :func:`get_recent` (``"recent:matrix"``...).
    key_locks
        One lock per name in ``cache``, held while that object loads.
    plan_slots
        Held by a request while it plans (:func:`plan_slot`; ``PLANS_AT_ONCE`` slots).
    """

    places_path: str | None = None
    register_path: str | None = None
    matrix_cache_size: int = 64
    cache: dict[str, Any] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)
    key_locks: dict[str, threading.RLock] = field(default_factory=dict)
    plan_slots: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(cast(int, DEFAULT_CONFIG["PLANS_AT_ONCE"])))

    def get(self, key: str, load: Callable[[], T]) -> T:
        """Return the cached object ``key``, loading it with ``load()`` the first time.

        Each key has its own lock, so that a slow load (a road graph built from the OSM
        file) does not hold up requests that need something else (the places).
        """
        if key not in self.cache:
            with self.lock:
                key_lock = self.key_locks.setdefault(key, threading.RLock())
            with key_lock:
                if key not in self.cache:
                    self.cache[key] = load()
        return self.cache[key]


def init_app(app: Flask) -> None:
    """Attach a fresh :class:`WebState` to ``app``."""
    path = app.config.get("PLACES_PATH")
    register = app.config.get("REGISTER_PATH")
    app.extensions[EXTENSION_KEY] = WebState(places_path=str(path) if path else None,
                                             register_path=str(register) if register else None,
                                             matrix_cache_size=int(app.config["MATRIX_CACHE_SIZE"]),
                                             plan_slots=threading.BoundedSemaphore(int(app.config["PLANS_AT_ONCE"])))


def _state() -> WebState:
    return current_app.extensions[EXTENSION_KEY]


def plan_slot() -> threading.BoundedSemaphore:
    """Return the semaphore a request holds while it plans (``PLANS_AT_ONCE`` per process).

    Plans are pure CPU work under one interpreter lock: a few at a time finish sooner one
    after the other, and pages and reads (milliseconds each) share the lock with those
    few instead of with every waiting plan.
    """
    return _state().plan_slots


def get_places() -> gpd.GeoDataFrame:
    """Return all villages and destinations (index = id), loaded once."""
    state = _state()
    return state.get("places", lambda: geodata.load_places(state.places_path))


def get_communes() -> gpd.GeoDataFrame | None:
    """Return the pre-2025 commune polygons, or ``None`` when the shared data is absent."""
    return _state().get("communes", geodata.load_communes)


def get_districts() -> gpd.GeoDataFrame | None:
    """Return the pre-2025 district polygons, or ``None`` when the shared data is absent."""
    return _state().get("districts", geodata.load_districts)


def get_cached(key: str, load: Callable[[], T]) -> T:
    """Return the application's object ``key``, made by ``load()`` the first time."""
    return _state().get(key, load)


def get_recent(name: str, key: Any, load: Callable[[], T], *, size: int = 32) -> T:
    """Return the object ``load()`` made for ``key`` under ``name``, keeping the ``size`` most recent."""
    state = _state()
    with state.lock:
        recent: OrderedDict = state.cache.setdefault(f"recent:{name}", OrderedDict())
        if key in recent:
            recent.move_to_end(key)
            return recent[key]
    value = load()
    with state.lock:
        recent[key] = value
        while len(recent) > size:
            recent.popitem(last=False)
    return value


def get_register() -> gpd.GeoDataFrame:
    """Return the register of recognised craft villages (index = id), loaded once."""
    from geodata.register import load_register

    state = _state()
    return state.get("register", lambda: load_register(state.register_path))


def get_current_units() -> gpd.GeoDataFrame | None:
    """Return the current (2025) units as polygons derived from GADM communes, or ``None``."""
    from geodata.units import current_unit_polygons

    return _state().get("current_units", current_unit_polygons)


def get_simplified(name: str, areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return ``areas`` simplified for display, with a ``geojson`` column of geometry mappings.

    Simplified by ``web.settings.MAP_SIMPLIFY_DEG`` and rounded to 1e-5 degree (~1 m);
    computed once per application and cached under ``name``.
    """
    import shapely
    from shapely.geometry import mapping

    from web import settings

    def simplify() -> gpd.GeoDataFrame:
        result = areas.copy()
        simplified = result.geometry.simplify(settings.MAP_SIMPLIFY_DEG, preserve_topology=True)
        result["geometry"] = shapely.set_precision(simplified.values, 1e-5)
        result["geojson"] = [mapping(shape) for shape in result.geometry]
        return result

    return _state().get(f"simplified:{name}", simplify)


def get_router(mode: str) -> planner.Router:
    """Return the router for travel ``mode`` (``planner.get_router``), built once per mode."""
    return _state().get(f"router:{mode}", lambda: planner.get_router(mode))


def get_matrix(mode: str, locations: Sequence[Location]) -> planner.TravelMatrix:
    """Return the travel matrix of ``locations`` in ``mode``, from a small LRU cache.

    Plans from the same start over the same candidates (re-planning, exports of the
    plan just shown) reuse the matrix; a miss takes the planner's disk-cached matrix of
    all places (read once per process) and adds a start that is not one of them, looked
    up in the places' kept road trees when ``PLACE_TREES`` is on (else searched).
    """
    key = (mode, tuple((loc.id, round(loc.lat, 6), round(loc.lon, 6)) for loc in locations))
    bundled = get_cached("place-locations", lambda: place_locations(get_places()))

    def load_known() -> planner.TravelMatrix:
        router = get_router(mode)
        if current_app.config["PLACE_TREES"]:
            router.keep_trees(bundled)
        return planner.cached_matrix(router, bundled)

    def load() -> planner.TravelMatrix:
        # the places' matrix read from its disk cache once per process, not on every plan
        known = get_cached(f"places-matrix:{mode}", load_known)
        return planner.travel_matrix(get_router(mode), list(locations), known=known, known_locations=bundled)

    return get_recent("matrix", key, load, size=_state().matrix_cache_size)


def get_streets() -> StreetIndex:
    """Return the street index of the road file (addresses and street names), built once."""
    from planner.geocode import get_street_index

    return _state().get("streets", get_street_index)


def get_basemap() -> list[BandFile]:
    """Return the offline base map's files, one per zoom band, built once.

    They come from the road graph of the default travel mode (its shapes and classes are
    the same in every mode), road names from its OSM file and the boundary polygons.
    """
    def load() -> list[BandFile]:
        from planner import settings as planner_settings
        from web.basemap.store import build_band_files

        router = get_router(planner_settings.DEFAULT_MODE)
        compact = router.graph.compact if router.graph is not None else None
        return build_band_files(compact, planner_settings.resolve_osm_path(), get_districts(), get_communes(),
                                cache_dir=planner_settings.resolve_cache_dir())

    return _state().get("basemap", load)
