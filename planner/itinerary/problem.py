"""Turn a trip request, the places and a travel matrix into a TOPTW problem (pure).

Times are whole minutes after midnight: travel times are rounded up to the minute,
so every clock time of a plan is exact. With the matrix's time bands the problem
carries one travel slice per band (:class:`planner.optimiser.travel.TravelBands`), so
each leg is timed by the band it leaves in (and those it runs into). Vertices ``0..C-1`` are the candidate places,
then come the distinct start/end places of the days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.hours import open_intervals, parse_opening_hours
from geodata.location import Location
from geodata.query import places_to_locations

from .. import settings
from ..optimiser import LunchBreak, Problem, Tour
from ..optimiser.problem import Windows
from ..optimiser.travel import TravelBands
from ..routing.bands import band_starts_min
from .events import TripEvents, event_window, merge_windows, session_starts, value_factor
from .request import PlanRequest
from .value import PlaceValue, place_values, value_groups


@dataclass(frozen=True)
class TripProblem:
    """A request's optimiser problem and what its vertices stand for.

    Attributes
    ----------
    problem
        The TOPTW instance (minutes).
    locations
        The location of each vertex (candidates first, then start/end places).
    candidate_ids
        Place ids of the candidate vertices ``0..C-1``.
    visit_min
        Typical visit minutes of each vertex (pace applied; 0 for start/end places).
    values
        The value of each candidate place and why (:mod:`.value`).
    events
        What happens at the candidates on each day (:mod:`.events`).
    """

    problem: Problem
    locations: tuple[Location, ...]
    candidate_ids: tuple[str, ...]
    visit_min: np.ndarray
    values: tuple[PlaceValue, ...] = ()
    events: TripEvents = TripEvents()


def candidate_places(request: PlanRequest, places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the places to choose from: the requested ones (or all), plus every must-visit and kept place."""
    ids = list(request.candidates) if request.candidates else list(places.index)
    ids += [place_id for place_id in (*request.must, *(kept for kept, _ in request.keep)) if place_id not in ids]
    return places.loc[ids]


def visit_windows(opening_hours: str, date_index: int, request: PlanRequest, visit_min: float) -> Windows:
    """Return the start-of-visit windows of a place on day ``date_index``: the visit must end by closing.

    Empty ``opening_hours`` means unknown hours (a register village): the visit may
    fall anywhere in the day window.
    """
    if not opening_hours.strip():
        start, end = float(request.day_start_min), float(request.day_end_min)
        return ((start, end - visit_min),) if end - visit_min >= start else ()
    hours = parse_opening_hours(opening_hours)
    intervals = open_intervals(hours, request.dates[date_index])
    return tuple((float(o), float(c - visit_min)) for o, c in intervals if c - visit_min >= o)


def depot_locations(request: PlanRequest) -> list[Location]:
    """Return the distinct start/end places of the days, in order of first use."""
    found: dict[tuple[str, float, float], Location] = {}
    for location in (*request.starts, *request.ends):
        found.setdefault((location.id, location.lat, location.lon), location)
    return list(found.values())


def place_locations(places: gpd.GeoDataFrame) -> list[Location]:
    """Return the location of every place row (ids from the index where there is no ``id`` column)."""
    return places_to_locations(_with_id(places))


def trip_locations(request: PlanRequest, places: gpd.GeoDataFrame) -> list[Location]:
    """Return the location of every vertex: the candidate places, then the start/end places."""
    return place_locations(places) + depot_locations(request)


def day_windows(opening_hours: str, day: int, request: PlanRequest, visit_min: float, place_id: str,
                events: TripEvents) -> Windows:
    """Return the start-of-visit windows of a place on day ``day`` with the day's events applied.

    A closure closes it; sessions are its only starts; a market's or festival's published
    hours are added to its opening hours.
    """
    if events.closure(day, place_id) is not None:
        return ()
    sessions = session_starts(events, day, place_id)
    if sessions:
        return sessions
    windows = visit_windows(opening_hours, day, request, visit_min)
    extra = event_window(events, day, place_id)
    return merge_windows((*windows, extra)) if extra is not None else windows


def build_trip_problem(
    request: PlanRequest,
    places: gpd.GeoDataFrame,
    duration_s: np.ndarray,
    *,
    events: TripEvents | None = None,
    band_duration_s: np.ndarray | None = None,
) -> TripProblem:
    """Return the TOPTW problem of ``request``.

    Parameters
    ----------
    request
        The validated request.
    places
        The candidate places (:func:`candidate_places`), in vertex order.
    duration_s
        Travel seconds between the vertices of :func:`trip_locations`.
    events
        The trip's events (:func:`planner.itinerary.events.trip_events`); ``None``: none.
    band_duration_s
        ``(bands, n, n)`` the same per time band (``settings.TIME_BANDS``,
        :attr:`planner.routing.results.TravelMatrix.bands`): the plan then times each
        leg by its departure; ``None``: ``duration_s`` at any time of day.
    """
    events = events if events is not None else TripEvents()
    depots = depot_locations(request)
    n_places = len(places)
    locations = tuple(trip_locations(request, places))
    n = len(locations)
    if duration_s.shape != (n, n):
        raise ValueError(f"`duration_s` must be ({n}, {n}) for {n_places} places and {len(depots)} depots")
    visit_min = np.zeros(n)
    visit_min[:n_places] = [round(float(v) * request.visit_factor) for v in places["visit_min"]]
    short_min = visit_min.copy()
    short_min[:n_places] = [
        min(full, round(float(short) * request.visit_factor)) if short else full
        for short, full in zip(_column(places, "visit_short_min"), visit_min[:n_places], strict=True)
    ]
    ids = [str(place_id) for place_id in places.index]
    for i, place_id in enumerate(ids):  # a show is seen whole: no shortened visit
        if events.has_sessions(place_id):
            short_min[i] = visit_min[i]
    values = place_values(places, request.interests, request.must)
    score = np.zeros(n)
    score[:n_places] = [v.score for v in values]
    factors = np.ones((request.days, n))
    factors[:, :n_places] = [[value_factor(events, day, place_id) for place_id in ids] for day in range(request.days)]
    event_hours = {(day, i): (hours,) for day in range(request.days) for i, place_id in enumerate(ids)
                   if factors[day, i] != 1.0 and (hours := event_window(events, day, place_id)) is not None}
    groups, decay, _ = value_groups(values)
    windows = []
    for day in range(request.days):
        per_vertex: list[Windows] = [
            day_windows(str(hours), day, request, visit_min[i], ids[i], events)
            for i, hours in enumerate(places["opening_hours"])
        ]
        per_vertex += [((float(request.day_open_min(day)), float(request.day_end_min)),)] * len(depots)
        windows.append(tuple(per_vertex))
    vertex_of = {place_id: i for i, place_id in enumerate(places.index)}
    problem = Problem(
        travel=np.ceil(np.asarray(duration_s, dtype=np.float64) / 60.0 - 1e-9),
        score=score,
        service=visit_min,
        windows=tuple(windows),
        tours=tuple(_tour(request, day, depots, n_places) for day in range(request.days)),
        mandatory=frozenset(i for i, place_id in enumerate(places.index) if place_id in request.must),
        candidates=tuple(range(n_places)),
        service_min=short_min,
        length_exponent=settings.VISIT_VALUE_EXPONENT,
        group=np.concatenate([groups, np.full(n - n_places, -1, dtype=np.intp)]),
        group_decay=decay,
        day_score=score[None, :] * factors if bool(np.any(factors != 1.0)) else None,
        day_score_windows=event_hours,
        excluded=frozenset(vertex_of[place_id] for place_id in request.exclude if place_id in vertex_of),
        kept={vertex_of[place_id]: day - 1 for place_id, day in request.keep},
        kept_order={vertex_of[place_id]: order for place_id, order in request.keep_order},
        only=request.only,
        bands=None if band_duration_s is None else trip_bands(band_duration_s),
    )
    return TripProblem(problem, locations, tuple(ids), visit_min, tuple(values), events)


def trip_bands(band_duration_s: np.ndarray) -> TravelBands:
    """Return the optimiser's time bands: travel seconds per band rounded up to whole minutes."""
    minutes = np.ceil(np.asarray(band_duration_s, dtype=np.float64) / 60.0 - 1e-9)
    return TravelBands(minutes, tuple(float(s) for s in band_starts_min()), period=24 * 60.0, whole=True)


def _column(places: gpd.GeoDataFrame, name: str) -> list[int]:
    """Return an integer column of ``places``, 0 where it is missing (a places file without it)."""
    if name not in places.columns:
        return [0] * len(places)
    return [int(v) if pd.notna(v) else 0 for v in places[name]]


def _with_id(places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return places if "id" in places.columns else places.assign(id=places.index)


def _tour(request: PlanRequest, day: int, depots: Sequence[Location], offset: int) -> Tour:
    start = offset + depots.index(request.starts[day])
    end = offset + depots.index(request.ends[day])
    lunch = None
    opens = request.day_open_min(day)
    fits = opens <= request.lunch_end_min
    fits &= max(request.lunch_start_min, opens) + request.lunch_min <= request.day_end_min
    if request.lunch_min > 0 and fits:
        lunch = LunchBreak(
            duration=float(request.lunch_min),
            earliest_start=float(max(request.lunch_start_min, opens)),
            latest_start=float(request.lunch_end_min),
            during_visit_min=settings.LUNCH_DURING_VISIT_MIN,
        )
    return Tour(
        start=start,
        end=end,
        open=float(opens),
        close=float(request.day_end_min),
        max_stops=request.max_stops,
        lunch=lunch,
    )

