"""Settings of the planner package: road data source, caches, travel modes and speeds.

A flat module of documented defaults, read when a function runs, so they can be
changed at run time (``planner.settings.osm_path = Path(...)``) the way
``osmnx.settings`` works. Speeds are in km/h, distances in metres.

Where the speed figures come from
---------------------------------
* Legal caps: Circular 31/2019/TT-BGTVT (Ministry of Transport), for motor vehicles in
  built-up areas: 60 km/h on divided roads and one-way roads with two or more lanes,
  50 km/h on two-way roads and one-way roads with one lane, 40 km/h for mopeds. The
  project brief says its successor Circular 38/2024/TT-BGTVT keeps the urban figures;
  that text was not checked here. No default below exceeds these caps.
* Typical speeds: Hanoi's urban traffic is far slower than the caps (mixed motorbike
  flows, junctions, congestion). The figures below are the project's assumptions for
  daytime travel, chosen well under the caps (about 20-30 km/h for a motorbike on
  ordinary urban roads); they are not measured here. On-road speed data for Hanoi
  motorbikes and cars exist (Tong et al. 2011, "Development of driving cycles for
  motorcycles and light-duty vehicles in Vietnam", Atmospheric Environment
  45:5191-5199) and are the place to calibrate these values.
* Bicycle 12-15 km/h and walking 4.5 km/h are common planning values for city riding
  and walking; alleys (``residential``, ``living_street``) are slower for vehicles.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The travel modes, in the order the CLI lists them.
MODES: tuple[str, ...] = ("motorbike", "car", "bicycle", "walk")

#: Most visitors to Hanoi's craft villages travel by motorbike (own, rented or xe ôm).
DEFAULT_MODE: str = "motorbike"

#: OSM XML road file (.osm or .osm.gz). ``None`` means the shared file
#: :data:`shared_osm_file` found through ``geodata.settings.shared_file``.
osm_path: Path | None = None

#: Road file inside the shared data folder (``../shared/data``). Today it covers urban
#: Hanoi only; a fuller extract can be named here without touching the code.
shared_osm_file: str = "osm/hanoi-urban-drive.osm.gz"

#: Folder for the compact graph and matrix caches; ``None`` means
#: ``$CRAFTROUTE_CACHE_DIR`` or else ``~/.cache/craftroute``.
cache_dir: Path | None = None

#: Download the road network with OSMnx when no road file is found (needs internet).
allow_download: bool = True

#: Area to download when there is no file: (left, bottom, right, top) in degrees,
#: the order ``osmnx.graph_from_bbox`` takes. ``None`` uses :data:`download_place`.
download_bbox: tuple[float, float, float, float] | None = (105.60, 20.75, 106.05, 21.15)

#: Nominatim query used when :data:`download_bbox` is ``None``.
download_place: str = "Hanoi, Vietnam"

#: OSMnx network type to download: ``"all"`` keeps alleys and paths so walking and
#: cycling work too; per-mode filtering happens later by road class.
download_network_type: str = "all"

#: Seconds to wait for the Overpass server before giving up (and using estimates):
#: short, so an offline machine without a road file starts in reasonable time.
download_timeout_s: float = 20.0

#: Speed in km/h by OSM ``highway`` class for each mode. A class missing from a mode's
#: table is not usable in that mode. Motorways are left out for motorbike, bicycle and
#: walk: Vietnamese expressways are closed to them (the project brief's rule; the
#: road traffic law's text was not checked here).
SPEEDS_KMH: dict[str, dict[str, float]] = {
    "motorbike": {
        "trunk": 35.0, "trunk_link": 25.0, "primary": 30.0, "primary_link": 25.0,
        "secondary": 28.0, "secondary_link": 22.0, "tertiary": 25.0, "tertiary_link": 20.0,
        "unclassified": 22.0, "residential": 18.0, "living_street": 12.0, "road": 20.0,
        "service": 12.0, "track": 10.0,
    },
    "car": {
        "motorway": 60.0, "motorway_link": 40.0, "trunk": 35.0, "trunk_link": 25.0,
        "primary": 25.0, "primary_link": 20.0, "secondary": 22.0, "secondary_link": 18.0,
        "tertiary": 20.0, "tertiary_link": 18.0, "unclassified": 18.0, "residential": 12.0,
        "living_street": 8.0, "road": 15.0, "service": 8.0, "track": 8.0,
    },
    "bicycle": {
        "trunk": 15.0, "trunk_link": 13.0, "primary": 15.0, "primary_link": 13.0,
        "secondary": 15.0, "secondary_link": 13.0, "tertiary": 14.0, "tertiary_link": 13.0,
        "unclassified": 13.0, "residential": 12.0, "living_street": 10.0, "road": 12.0,
        "service": 10.0, "track": 8.0, "cycleway": 15.0, "path": 10.0,
    },
    "walk": {
        "trunk": 4.5, "trunk_link": 4.5, "primary": 4.5, "primary_link": 4.5,
        "secondary": 4.5, "secondary_link": 4.5, "tertiary": 4.5, "tertiary_link": 4.5,
        "unclassified": 4.5, "residential": 4.5, "living_street": 4.5, "road": 4.5,
        "service": 4.5, "track": 4.0, "footway": 4.5, "pedestrian": 4.5, "path": 4.0,
        "steps": 2.0, "cycleway": 4.5,
    },
}

#: Modes that may travel against one-way streets (pedestrians use the pavement).
IGNORE_ONEWAY_MODES: frozenset[str] = frozenset({"walk"})

#: ``access`` tag values that close a way to every mode.
CLOSED_ACCESS: frozenset[str] = frozenset({"no", "private"})

#: Ratio of road distance to great-circle distance for estimated legs. Road circuity
#: in cities is typically 1.2-1.4; 1.3 sits in that range and matches the measured
#: Hoan Kiem -> Vạn Phúc route (about 12 km road for 9.4 km straight line, 1.27).
DETOUR_FACTOR: float = 1.3

#: Average speed in km/h for estimated legs and for the access legs between a place and
#: its snapped road node: a door-to-door figure a little under the mode's typical road
#: speed, since an estimate cannot see which roads it would use.
ESTIMATE_SPEED_KMH: dict[str, float] = {"motorbike": 22.0, "car": 18.0, "bicycle": 12.0, "walk": 4.5}

#: A place farther than this from the road network is not routed: its legs use the
#: labelled estimate. 1000 m keeps villages whose lanes are missing from the drive-only
#: data (Bát Tràng snaps about 1.2 km away at commune level, which is too far to trust)
#: from being tied to a road that may be on the other side of a river or a dyke.
MAX_SNAP_M: float = 1000.0

#: Version of the compact graph format; bump it when the arrays change so old caches
#: are rebuilt instead of misread.
GRAPH_CACHE_VERSION: int = 1

#: Version of the cached places matrix format.
MATRIX_CACHE_VERSION: int = 1


def resolve_cache_dir() -> Path:
    """Return the cache folder: :data:`cache_dir`, ``$CRAFTROUTE_CACHE_DIR`` or ``~/.cache/craftroute``."""
    if cache_dir is not None:
        return Path(cache_dir)
    env_dir = os.environ.get("CRAFTROUTE_CACHE_DIR")
    if env_dir:
        return Path(env_dir)
    return Path.home() / ".cache" / "craftroute"


def resolve_osm_path() -> Path | None:
    """Return the road file to read: :data:`osm_path`, else the shared file, else ``None``."""
    if osm_path is not None:
        return Path(osm_path)
    from geodata import settings as geodata_settings

    return geodata_settings.shared_file(shared_osm_file)
