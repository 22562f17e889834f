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

#: Road file or files (.osm, .osm.gz, .osm.bz2 or .osm.pbf; several are merged). ``None``
#: means the shared file :data:`shared_osm_file` found through ``geodata.settings.shared_file``.
osm_path: Path | list[Path] | None = None

#: Keep only the roads inside Hanoi's outline (``geodata.settings.city_outline_file``)
#: grown by :data:`clip_buffer_m`, so a country extract (Geofabrik's Vietnam .osm.pbf)
#: gives Hanoi's network. Without the outline file nothing is clipped.
clip_to_hanoi: bool = True

#: How far past the city outline roads are kept: border villages can be reached over
#: roads of the next province (Bát Tràng lies on the border with Văn Giang, Hưng Yên).
#: 10 km keeps every road of the shared urban extract.
clip_buffer_m: float = 10_000.0

#: Road files larger than this (MB) keep their node locations in a temporary file on
#: disk while they are read, not in memory (a country extract has tens of millions).
osm_disk_index_mb: float = 64.0

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
#: walk: Vietnamese expressways are closed to them (see "Who may use a road" below).
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

#: OSM ``highway`` classes from most to least important. An edge that merges ways of
#: several classes takes the first of them in this order (see ``planner.routing.compact``).
ROAD_CLASS_ORDER: tuple[str, ...] = (
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
    "secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified",
    "residential", "living_street", "road", "service", "busway", "track", "cycleway",
    "pedestrian", "footway", "path", "steps",
)

#: Modes that may travel against one-way streets (pedestrians use the pavement).
IGNORE_ONEWAY_MODES: frozenset[str] = frozenset({"walk"})

# Who may use a road
# ------------------
# Vietnam's expressways (``highway=motorway`` and its links in OSM) are closed to
# motorbikes, bicycles and pedestrians: Law on Road Traffic 2008 (23/2008/QH12),
# Article 26(3): pedestrians, non-motorised vehicles, mopeds, motorcycles and tractors
# may not enter expressways (cited from the law as published; its 2024 successor was
# not checked here). The OSM wiki's global defaults already close ``motorway`` to
# bicycles and pedestrians (https://wiki.openstreetmap.org/wiki/OSM_tags_for_routing/Access_restrictions).
# That rule is the missing ``motorway`` classes in ``SPEEDS_KMH`` above.
# Ways with their own restrictions are tagged in OSM following the access hierarchy of
# https://wiki.openstreetmap.org/wiki/Key:access (transport mode restrictions): the most
# specific tag a way has decides for a mode, so ``access=no`` + ``motorcycle=yes`` is
# open to motorbikes, ``motor_vehicle=no`` closes it to motorbikes and cars but not to
# bicycles. ``oneway:motorcycle=no`` / ``oneway:bicycle=no`` open a one-way street in
# both directions to that mode (https://wiki.openstreetmap.org/wiki/Key:oneway). The
# shared urban extract has 263 ways tagged ``motorcycle=no``, 356 ``oneway:motorcycle=no``,
# 177 ``bicycle=no``, 224 ``foot=no`` and 174 ``access=no``/``private``.

#: Each mode's access tags, most specific first: the first one a way has decides.
ACCESS_TAGS: dict[str, tuple[str, ...]] = {
    "motorbike": ("motorcycle", "motor_vehicle", "vehicle", "access"),
    "car": ("motorcar", "motor_vehicle", "vehicle", "access"),
    "bicycle": ("bicycle", "vehicle", "access"),
    "walk": ("foot", "access"),
}

#: Access values that close a way to a mode; any other value (``yes``, ``designated``,
#: ``destination``, ``permissive``, ``customers``) leaves it open.
DENIED_ACCESS: frozenset[str] = frozenset({"no", "private"})

#: The tag that makes a one-way street two-way for a mode when it says ``no``.
ONEWAY_EXEMPT_TAGS: dict[str, str] = {"motorbike": "oneway:motorcycle", "bicycle": "oneway:bicycle"}

# Rush hours
# ----------
# Travel times depend on the departure time through time bands, each with a speed
# factor per road class (``SPEEDS_KMH`` x factor). The speeds above are daytime speeds
# off the peaks, so ``midday`` keeps them (factor 1). The peak windows (06:30-09:00,
# 16:30-19:00: school and office hours) and the factors are the project's assumptions,
# not measurements: arterials (trunk, primary, secondary) lose the most in the peaks,
# because that is where the commuter flows and the queues at junctions are; alleys
# lose the least; at night main roads run a little faster than by day (still under the
# legal caps above). Walking is not slowed. The place to calibrate these figures is
# floating-vehicle speed data by hour (e.g. Hanoi taxi or ride-hailing GPS traces),
# which are not in the shared data.

#: Time bands of the day: (name, start "HH:MM"), in order; each lasts until the next
#: starts and the last runs past midnight to the first.
TIME_BANDS: tuple[tuple[str, str], ...] = (
    ("morning_peak", "06:30"), ("midday", "09:00"), ("evening_peak", "16:30"), ("evening", "19:00"),
)

#: Road classes grouped for the factors below; a class in no group is a ``local`` road.
BAND_ROAD_GROUPS: dict[str, tuple[str, ...]] = {
    "expressway": ("motorway", "motorway_link"),
    "arterial": ("trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link"),
    "collector": ("tertiary", "tertiary_link", "unclassified", "road"),
}

#: Speed factor by band and road group (``local`` for every other class).
BAND_SPEED_FACTORS: dict[str, dict[str, float]] = {
    "morning_peak": {"expressway": 0.7, "arterial": 0.6, "collector": 0.7, "local": 0.85},
    "midday": {"expressway": 1.0, "arterial": 1.0, "collector": 1.0, "local": 1.0},
    "evening_peak": {"expressway": 0.65, "arterial": 0.55, "collector": 0.65, "local": 0.85},
    "evening": {"expressway": 1.1, "arterial": 1.1, "collector": 1.05, "local": 1.0},
}

#: Modes slowed in the peaks (pedestrians are not).
RUSH_HOUR_MODES: frozenset[str] = frozenset({"motorbike", "car", "bicycle"})

#: Departure time when none is given: mid-morning, outside the peaks.
DEFAULT_DEPART: str = "10:30"

#: Ratio of road distance to great-circle distance for estimated legs. Measured on the
#: urban extract over the 950 routed motorbike trips between bundled places more than
#: 2 km apart: median 1.27 (middle half 1.19-1.39; car 1.33, walk 1.21). 1.3 rounds that.
#: Reproduce with ``python bench/estimate_calibration.py``.
DETOUR_FACTOR: float = 1.3

#: Average speed in km/h for estimated legs and for the access legs between a place and
#: its snapped road node. Deliberately a little below the routed door-to-door speeds
#: measured on the same 950 trips (medians: motorbike 27.9, car 24.0, bicycle 14.4,
#: walk 4.5 km/h): an estimate cannot see which roads it would use, and the roads to
#: the outlying villages it serves are not in the data to be judged. Reproduce the
#: figures with ``python bench/estimate_calibration.py``.
ESTIMATE_SPEED_KMH: dict[str, float] = {"motorbike": 22.0, "car": 18.0, "bicycle": 12.0, "walk": 4.5}

#: A place within this distance of the road network is routed: the access leg between
#: the place and its road node is a straight line at the estimate speed, counted as part
#: of the routed leg (a recorded point a few hundred metres off the road). Past about
#: 1 km (3 min by motorbike, 13 min on foot) it stops being a small correction, so a
#: farther place is only *partly* routed (see :data:`MAX_ACCESS_M`).
MAX_SNAP_M: float = 1000.0

#: A place farther than :data:`MAX_SNAP_M` but within this distance of the network is
#: partly routed: it is joined to its nearest reachable road node by an *estimated*
#: access leg (great-circle x :data:`DETOUR_FACTOR`, at :data:`ESTIMATE_SPEED_KMH`, the
#: same model as a whole estimated leg) and the rest of each leg follows the roads. Legs
#: and matrix cells report that part as ``estimated_m``. With today's urban extract this
#: partly routes Bát Tràng (1.2 km from the network at its recorded point) and the
#: villages beyond the extract's southern edge. 15 km is about 40 min by motorbike: past
#: that the nearest node says little about the way in, and the place is estimated.
MAX_ACCESS_M: float = 15000.0

#: Dijkstra trees grown per batch when building a matrix: each tree holds two arrays
#: of the graph's size (about 0.35 MB for urban Hanoi), so 128 keep a batch near 45 MB.
TREES_PER_BATCH: int = 128

#: Legs (road shapes) each router remembers, most recent first: plans over the same
#: places ask for the same legs again (a leg's shape is a few hundred points).
LEG_CACHE_SIZE: int = 512

#: Version of the compact graph format; bump it when the arrays change so old caches
#: are rebuilt instead of misread.
GRAPH_CACHE_VERSION: int = 3

#: Version of the cached places matrix format.
MATRIX_CACHE_VERSION: int = 3

#: Version of the street index cache (``planner.geocode``), kept beside the graph cache.
STREET_INDEX_VERSION: int = 1
#: Longest wait in seconds for another process building the same cache (graph or
#: matrix) before giving up; building the Hanoi graph takes about 30 s.
CACHE_LOCK_TIMEOUT_S: float = 900.0


def resolve_cache_dir() -> Path:
    """Return the cache folder: :data:`cache_dir`, ``$CRAFTROUTE_CACHE_DIR`` or ``~/.cache/craftroute``."""
    if cache_dir is not None:
        return Path(cache_dir)
    env_dir = os.environ.get("CRAFTROUTE_CACHE_DIR")
    if env_dir:
        return Path(env_dir)
    return Path.home() / ".cache" / "craftroute"


def resolve_osm_path() -> Path | list[Path] | None:
    """Return the road file(s) to read: :data:`osm_path`, else the shared file, else ``None``."""
    if osm_path is not None:
        return [Path(path) for path in osm_path] if isinstance(osm_path, list) else Path(osm_path)
    from geodata import settings as geodata_settings

    return geodata_settings.shared_file(shared_osm_file)


# ---------------------------------------------------------------------------
# Itinerary optimiser (``planner.itinerary``, ``craftroute plan``)
# ---------------------------------------------------------------------------
# What a plan is worth: see ``planner.itinerary.value``, which documents the model and
# its reasons. The figures are ordinal choices, not measurements.

#: Score of a place of a requested craft (with interests) or of a craft village (without),
#: by the village's standing (``geodata.schema.RECOGNITION``): a World Craft City first,
#: then a candidate, then a city-recognised village, then one without a verified title.
CRAFT_SCORE: dict[str, float] = {
    "world_craft_city": 10.0,
    "world_craft_city_candidate": 8.0,
    "traditional_craft_village": 6.0,
    "craft_village": 6.0,
}
#: Score of a craft place with no verified title.
CRAFT_SCORE_OTHER: float = 5.0
#: Score of a museum or show about a requested craft (a destination listing it among
#: ``other_crafts``): part of that craft, so it shares the craft's diminishing returns.
CRAFT_MUSEUM_SCORE: float = 4.0
#: Score of a village of another craft that also practises a requested one.
CRAFT_SIDE_SCORE: float = 4.0
#: Score of a sight or village unrelated to the interests: a little, so it fills gaps.
UNRELATED_SCORE: float = 1.0
#: Extra score of an unrelated sight by recognition (the city's highlights first).
UNRELATED_BONUS: dict[str, float] = {
    "unesco_world_heritage": 0.5,
    "special_national_monument": 0.4,
    "national_monument": 0.3,
}
#: Without interests: score of a craft village by standing (a trip led by the flagships).
VILLAGE_SCORE: dict[str, float] = {
    "world_craft_city": 14.0,
    "world_craft_city_candidate": 8.0,
    "traditional_craft_village": 4.0,
    "craft_village": 4.0,
}
#: Without interests: score of a village with no verified title.
VILLAGE_SCORE_OTHER: float = 3.0
#: Without interests: score of a sight by recognition (under every flagship village).
HIGHLIGHT_SCORE: dict[str, float] = {
    "unesco_world_heritage": 5.0,
    "special_national_monument": 4.5,
    "national_monument": 4.0,
}
#: Without interests: score of a sight with no verified recognition.
HIGHLIGHT_SCORE_OTHER: float = 3.0
#: Diminishing returns: the second place of one craft counts this share of its score,
#: the third this share squared, and so on.
CRAFT_DECAY: float = 0.5
#: Diminishing returns among sights that are about no craft (temples, museums, lakes).
SIGHT_DECAY: float = 0.7
#: Value of a shortened visit: ``(length / typical) ** VISIT_VALUE_EXPONENT`` of its score,
#: so half the typical visit keeps about 71 % of the value.
VISIT_VALUE_EXPONENT: float = 0.5
#: Visit lengths tried for each place between its shortest and typical visit.
VISIT_STEPS: int = 3
#: A stop unrelated to the interests is "on the way" when it adds at most this many
#: minutes of travel between its neighbours.
ON_THE_WAY_MIN: float = 15.0

#: Trip paces: factor on each place's ``visit_min`` and most stops per day.
PACES: dict[str, tuple[float, int]] = {
    "relaxed": (1.3, 3),
    "normal": (1.0, 5),
    "packed": (0.75, 7),
}
DEFAULT_PACE: str = "normal"

#: Default day window (leave the start place, be back at the end place).
# Register villages (geodata/data/register.csv) as candidate stops
#: Offer the register's tourism-ready villages (``tourism`` true) that are not tourist
#: places to the planner. Off by default: plans, their tests and the benchmarks are
#: made over the 65 bundled places, and the register villages have no published
#: hours or visit times; ``craftroute plan --register-villages`` and the API field
#: ``register_villages`` turn it on for one request.
REGISTER_VILLAGES: bool = False
#: Typical and shortest visit (minutes) of a register village: editorial defaults for
#: a workshop or showroom visit (not measured; the bundled villages use 60-180 min).
REGISTER_VISIT_MIN: int = 60
REGISTER_VISIT_SHORT_MIN: int = 30

DAY_START: str = "08:00"
DAY_END: str = "18:00"
#: Lunch: a break of ``LUNCH_MIN`` minutes starting between these times.
LUNCH_START: str = "11:00"
LUNCH_END: str = "13:30"
LUNCH_MIN: int = 60
#: A visit at least this long whose span covers the lunch window hosts lunch on site
#: (day-trip sights such as the Perfume Pagoda have food stalls), so no extra break.
LUNCH_DURING_VISIT_MIN: float = 240.0
#: Time zone of plan clocks: "today" and "now" are Hanoi's, wherever the server runs.
TIMEZONE: str = "Asia/Ho_Chi_Minh"
#: A plan for today starts from now, rounded up to this many minutes (and never before
#: ``DAY_START``); with no date chosen and today's window over, the plan is for tomorrow.
START_NOW_STEP_MIN: int = 15
#: Most days of one plan request.
MAX_DAYS: int = 14
#: Plan dates allowed (first and last day of a trip), ISO ``YYYY-MM-DD``.
MIN_DATE: str = "2000-01-01"
MAX_DATE: str = "2099-12-31"
#: Search budget (a safety cap) and seed of the optimiser for one plan. The search
#: normally stops earlier, once converged: after ``OPTIMISER_NO_IMPROVE_PER_STOP`` rounds
#: without a better plan per stop the trip can hold (days x most stops a day), at least
#: ``OPTIMISER_MIN_NO_IMPROVE`` and at most ``OPTIMISER_MAX_NO_IMPROVE``, which keeps
#: plans repeatable and their cost in proportion to the trip: 20 rounds for a day of
#: five stops, 60 for three days. Measured on 40 one-day plans from random hotels in
#: urban Hanoi, 20 rounds end within 0.13 % of the value 400 rounds reach (mean);
#: 24 two- and three-day plans lose 0.1-0.5 % at 40-60 rounds.
OPTIMISER_TIME_LIMIT_S: float = 3.0
OPTIMISER_SEED: int = 0
OPTIMISER_NO_IMPROVE_PER_STOP: float = 4.0
OPTIMISER_MIN_NO_IMPROVE: int = 20
OPTIMISER_MAX_NO_IMPROVE: int = 150
#: Line colours of the days on plan maps (day 1 first; repeats after the last).
PLAN_DAY_COLOURS: tuple[str, ...] = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
    "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
)

#: Calendar: a place's value on a day with one of its events, as a factor on its score
#: (a village on its festival or market day is the best visit of a trip).
EVENT_VALUE_FACTOR: dict[str, float] = {"festival": 2.0, "market": 2.0}
#: ``--flexible-dates``: most start dates compared, and the optimiser budget (seconds)
#: shared by all of them, so the whole comparison stays within about this time.
FLEXIBLE_DATES_MAX_STARTS: int = 31
FLEXIBLE_DATES_BUDGET_S: float = 12.0
#: ... with at least this budget per start date.
FLEXIBLE_DATES_MIN_S: float = 0.3

# ---------------------------------------------------------------------------
# Finding a start: addresses, streets and places (``planner.geocode``)
# ---------------------------------------------------------------------------
#: A tapped or typed point is named after the nearest street within this distance.
REVERSE_MAX_M: float = 75.0
#: Most suggestions a search answers.
SUGGEST_LIMIT: int = 8

#: Ask OpenStreetMap's Nominatim when nothing offline matches (needs internet). Off by
#: default: the offline index of streets and places needs no network; switch it on
#: with ``planner.settings.online_geocoding = True`` or ``CRAFTROUTE_ONLINE_GEOCODING=1``.
online_geocoding: bool = os.environ.get("CRAFTROUTE_ONLINE_GEOCODING", "") in ("1", "true", "yes")
#: Nominatim's usage policy (https://operations.osmfoundation.org/policies/nominatim/)
#: asks for an identifying User-Agent and at most one request a second.
NOMINATIM_USER_AGENT: str = "CraftRoute/0.1 (craft-village trip planner for Hanoi)"
NOMINATIM_MIN_DELAY_S: float = 1.0
NOMINATIM_TIMEOUT_S: float = 5.0
#: Search box of Nominatim queries, (south, west, north, east): Hanoi.
NOMINATIM_VIEWBOX: tuple[float, float, float, float] = (20.55, 105.28, 21.40, 106.03)
