"""Settings of the geodata package: where data lives and what counts as Hanoi.

Values are read when a function runs, so they can be changed at run time
(``geodata.settings.shared_data_dir = Path(...)``) or through the environment
variable ``CRAFTROUTE_SHARED_DATA`` (a folder laid out like ``../shared/data``).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

#: The bundled villages and destinations (GeoJSON, UTF-8).
places_path: Path = PACKAGE_DIR / "data" / "places.geojson"

#: Dated events of the places: festivals, markets, closures, sessions (JSON, see data/EVENTS.md).
events_path: Path = PACKAGE_DIR / "data" / "events.json"

#: Longest span (days) one calendar listing may cover.
calendar_max_days: int = 400

#: The register of recognised craft villages (CSV, UTF-8), built by tools/build_register.py.
register_path: Path = PACKAGE_DIR / "data" / "register.csv"

#: Hotels, railway and bus stations travellers start from (CSV, UTF-8), located by tools/build_landmarks.py.
landmarks_path: Path = PACKAGE_DIR / "data" / "landmarks.csv"

#: Folder with the OpenStreetMap and boundary data (see ``../shared/data/SOURCES.md``).
#: ``None`` means: look in ``$CRAFTROUTE_SHARED_DATA``, then ``../shared/data`` beside
#: the project checkout, then ``../shared/data`` beside the working directory.
shared_data_dir: Path | None = None

#: Pre-2025 commune/ward polygons (GADM 4.1 level 3), relative to the shared data folder.
communes_file: str = "boundaries/hanoi-communes-gadm41.geojson.gz"
#: Pre-2025 district polygons (GADM 4.1 level 2).
districts_file: str = "boundaries/hanoi-districts-gadm41.geojson.gz"
#: Hanoi's 126 current (2025) units and the former units that formed each (CSV).
units_mapping_file: str = "admin/hanoi-2025-units-from-former.csv"
#: Drivable OSM extract searched for village place names.
osm_file: str = "osm/hanoi-urban-drive.osm.gz"
#: OSM ``place`` values that can name a register village (thôn/làng); every OSM file
#: in the shared ``osm/`` folder is searched for named nodes with one of them.
village_place_values: tuple[str, ...] = ("village", "hamlet", "neighbourhood", "quarter")
#: Words in front of a street name that are not part of the village name it carries.
street_name_prefixes: tuple[str, ...] = ("đường", "phố")
#: A street named after a village stands for the village (its middle, ``osm_street``)
#: only if, inside the village's former commune, it is at most this long: the middle
#: of a longer street may lie outside the village.
street_proxy_max_m: float = 1500.0
#: A hotel or station is placed at the middle of the street of its address only if that
#: street, inside the district the address names, is at most this long (the middle is
#: then within half of it, 1.25 km, of the door); on a longer street it stays unlocated.
landmark_street_max_m: float = 2500.0
#: Hanoi city outline (OSM relation 1903516, Osmosis .poly).
city_outline_file: str = "boundaries/hanoi-osm-relation-1903516.poly.gz"

#: Bounding box of the city of Hanoi (lon_min, lat_min, lon_max, lat_max), used to
#: reject coordinates outside Hanoi when the outline file is not available.
hanoi_bbox: tuple[float, float, float, float] = (105.2881, 20.5645, 106.0201, 21.3854)

#: A point may lie this far outside the city outline and still count as Hanoi
#: (outline simplification, a hotel just over the border).
outline_tolerance_m: float = 500.0

#: A place in no commune polygon (GADM leaves thin gaps along some boundary streets)
#: joins the nearest polygon within this distance.
area_snap_m: float = 50.0

#: Metric CRS for distances and centroids (UTM zone 48N).
metric_crs: str = "EPSG:32648"

#: OpenStreetMap's standard tiles, and the attribution every map that shows them carries.
OSM_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_TILES_MAX_ZOOM = 19
ATTRIBUTION_OSM = "(c) OpenStreetMap contributors"
ATTRIBUTION_GADM = "Boundaries: GADM 4.1"


def find_shared_data_dir() -> Path | None:
    """Return the folder of shared OSM and boundary data, or ``None`` if absent."""
    candidates: list[Path] = []
    if shared_data_dir is not None:
        candidates.append(Path(shared_data_dir))
    env_dir = os.environ.get("CRAFTROUTE_SHARED_DATA")
    if env_dir:
        candidates.append(Path(env_dir))
    candidates.append(PACKAGE_DIR.parent.parent / "shared" / "data")
    candidates.append(Path.cwd().parent / "shared" / "data")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


def shared_file(relative_path: str) -> Path | None:
    """Return the path of a file in the shared data folder, or ``None`` if it is missing."""
    base = find_shared_data_dir()
    if base is None:
        return None
    path = base / relative_path
    return path if path.is_file() else None
