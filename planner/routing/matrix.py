"""Travel matrices: all pairs of places, the bundled places cached on disk, cheap additions.

:func:`compute_matrix` fills a matrix from the router's node searches (estimates where
a place does not snap).

The bundled villages and destinations change rarely, so their matrix per mode is
computed once and stored in the cache folder, keyed by the places (ids and
coordinates), the road data's checksum and every setting that changes the figures.
A matrix over bundled places plus a few ad-hoc ones (a hotel, a clicked point) then
reuses the cached block and costs one forward and one backward Dijkstra tree per
ad-hoc place (:func:`travel_matrix`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from geodata.location import Location

from .. import settings
from .assemble import MatrixDraft, matrix_from_bands
from .bands import band_names
from .cachefile import atomic_savez, load_or_build
from .results import BandSlices, TravelMatrix
from .router import Router

logger = logging.getLogger(__name__)


def compute_matrix(router: Router, locations: Sequence[Location]) -> TravelMatrix:
    """Return travel times and distances between every ordered pair of ``locations``.

    Routed cells include the access legs between each place and its road node (at the
    mode's estimate speed); cells touching an unroutable place are estimates.
    """
    draft = MatrixDraft.estimates(locations, mode=router.mode)
    snaps = router.snap_many(locations)
    routed = np.array([i for i, snap in enumerate(snaps) if snap.usable], dtype=np.int64)
    if routed.size and router.graph is not None:
        nodes = np.array([snaps[i].node for i in routed], dtype=np.int64)
        joined = [snaps[i] for i in routed]
        road_s, road_m = router.node_band_matrices(nodes)
        draft.put_routed(routed, routed, road_s, road_m, row_snaps=joined, col_snaps=joined)
    return draft.finish()


def matrix_key(router: Router, locations: Sequence[Location]) -> str:
    """Return the hex digest naming a cached matrix: places, road data, mode and settings."""
    source = router.graph.compact.source_sha256 if router.graph is not None else "estimate-only"
    fingerprint = {
        "version": settings.MATRIX_CACHE_VERSION, "mode": router.mode, "source": source,
        "places": [[loc.id, round(loc.lat, 7), round(loc.lon, 7)] for loc in locations],
        "speeds": settings.SPEEDS_KMH[router.mode], "estimate_kmh": settings.ESTIMATE_SPEED_KMH[router.mode],
        "detour": settings.DETOUR_FACTOR, "max_snap_m": settings.MAX_SNAP_M, "max_access_m": settings.MAX_ACCESS_M,
        "ignore_oneway": router.mode in settings.IGNORE_ONEWAY_MODES, "access": [settings.ACCESS_TAGS, sorted(settings.DENIED_ACCESS), settings.ONEWAY_EXEMPT_TAGS],
    }
    return hashlib.sha256(json.dumps(fingerprint, sort_keys=True).encode()).hexdigest()


def cached_matrix(router: Router, locations: Sequence[Location], *,
                  cache_dir: Path | None = None) -> TravelMatrix:
    """Return the matrix of ``locations`` from the disk cache, computing and storing it if needed.

    Parameters
    ----------
    router
        The mode's router.
    locations
        The places (typically all bundled villages and destinations).
    cache_dir
        Cache folder; ``None`` uses :func:`settings.resolve_cache_dir`.
    """
    folder = Path(cache_dir) if cache_dir is not None else settings.resolve_cache_dir()
    key = matrix_key(router, locations)
    path = folder / f"matrix-{router.mode}-{key[:16]}.npz"

    def build() -> TravelMatrix:
        matrix = compute_matrix(router, locations)
        assert matrix.bands is not None
        atomic_savez(path, key=np.array(key), ids=np.array(matrix.ids, dtype=str),
                     duration_s=matrix.bands.duration_s, distance_m=matrix.bands.distance_m,
                     estimated_m=matrix.bands.estimated_m)
        return matrix

    return load_or_build(path, lambda: _read_if_valid(path, key=key, mode=router.mode), build)


def _read_if_valid(path: Path, *, key: str, mode: str) -> TravelMatrix | None:
    """Return the matrix cached at ``path``, or None if it is missing, another one or damaged (logged)."""
    if not path.exists():
        return None
    try:
        return _read(path, key=key, mode=mode)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error) as error:
        logger.warning("recomputing the places matrix, cache unusable: %s", error)
        return None


def _read(path: Path, *, key: str, mode: str) -> TravelMatrix:
    """Return the matrix stored at ``path``; ``ValueError`` if it is not the one for ``key``."""
    with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        if str(data["key"]) != key:
            raise ValueError(f"{path} holds another matrix")
        bands = BandSlices(data["duration_s"], data["distance_m"], data["estimated_m"])
        ids = [str(i) for i in data["ids"]]
    shape = (len(band_names()), len(ids), len(ids))
    if not (bands.duration_s.shape == bands.distance_m.shape == bands.estimated_m.shape == shape):
        raise ValueError(f"{path} holds arrays of the wrong shape")
    return matrix_from_bands(ids, mode, bands)


def travel_matrix(router: Router, locations: Sequence[Location], *, known: TravelMatrix,
                  known_locations: Sequence[Location]) -> TravelMatrix:
    """Return the matrix of ``locations``, reusing ``known`` for places it already covers.

    A location counts as known when ``known_locations`` has the same id at the same
    coordinates. Each other routable location costs one forward and one backward
    Dijkstra tree; unroutable ones get the labelled estimate.

    Parameters
    ----------
    router
        The mode's router (the one ``known`` was computed with).
    locations
        The places wanted, in the order of the result.
    known, known_locations
        A computed matrix (e.g. from :func:`cached_matrix`) and its places.
    """
    position = {loc.id: i for i, loc in enumerate(known_locations)}
    is_known = [loc.id in position and known_locations[position[loc.id]] == loc for loc in locations]
    draft = MatrixDraft.estimates(locations, mode=router.mode)
    here = np.flatnonzero(is_known)
    draft.put_cached(here, known, np.array([position[locations[int(i)].id] for i in here], dtype=np.int64))
    new = np.flatnonzero(~np.array(is_known, dtype=bool))
    if new.size and router.graph is not None:
        snaps = router.snap_many(locations)
        routed = np.array([i for i, snap in enumerate(snaps) if snap.usable], dtype=np.int64)
        added = np.intersect1d(new, routed)
        if added.size:
            nodes = np.array([snaps[i].node for i in routed], dtype=np.int64)
            joined = [snaps[i] for i in routed]
            new_snaps = [snaps[i] for i in added]
            added_rows = np.searchsorted(routed, added)
            out_s, out_m, in_s, in_m = router.node_rows_and_columns(nodes[added_rows], nodes)
            draft.put_routed(added, routed, out_s, out_m, row_snaps=new_snaps, col_snaps=joined)
            draft.put_routed(routed, added, np.swapaxes(in_s, 1, 2), np.swapaxes(in_m, 1, 2),
                             row_snaps=joined, col_snaps=new_snaps)
    return draft.finish()


def matrix_with_cache(router: Router, locations: Sequence[Location], *, bundled: Sequence[Location],
                      cache_dir: Path | None = None) -> TravelMatrix:
    """Return the matrix of ``locations``, computing only what the cached ``bundled`` matrix lacks."""
    known = cached_matrix(router, bundled, cache_dir=cache_dir)
    return travel_matrix(router, locations, known=known, known_locations=bundled)
