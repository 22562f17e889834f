"""Plan a trip day by day: the geo-level wrapper around the pure TOPTW optimiser.

``parse_plan_request(fields)`` validates a request (CLI or JSON), :func:`plan_trip`
loads the candidates, asks the router for a travel-time matrix, builds the optimiser
problem, solves it and explains what was left out; ``plan_to_dict`` gives the JSON of
``craftroute plan --format json``. This is the ``from_geodataframe`` half of the spopt
shape; :func:`planner.optimiser.solve_toptw` is the ``from_cost_matrix`` half.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import geopandas as gpd

from geodata.location import Location

from . import settings
from .itinerary_json import plan_to_dict
from .itinerary_problem import (
    TripProblem,
    build_trip_problem,
    candidate_places,
    place_locations,
    trip_locations,
)
from .itinerary_reasons import unvisited_reasons
from .itinerary_request import PACES, PlanRequest, minutes_to_clock, parse_plan_request
from .optimiser import Problem, Solution, TourPlan, check_solution, solve_toptw
from .places_matrix import matrix_with_cache

if TYPE_CHECKING:
    from .results import TravelMatrix
    from .router import Router

logger = logging.getLogger(__name__)

__all__ = [
    "PACES",
    "Plan",
    "PlanDay",
    "PlanLeg",
    "PlanLunch",
    "PlanRequest",
    "PlanStop",
    "Unvisited",
    "minutes_to_clock",
    "parse_plan_request",
    "plan_legs_geometry",
    "plan_to_dict",
    "plan_trip",
    "with_leg_geometry",
]


@dataclass(frozen=True)
class PlanStop:
    """A visit: the place and its clock times in minutes after midnight."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    craft: str
    arrive_min: float
    start_min: float
    depart_min: float
    visit_min: float
    score: float
    #: Minutes waited before the visit starts, lunch there excluded.
    wait_min: float = 0.0

    @property
    def visit_end_min(self) -> float:
        """Return when the visit ends; ``depart_min`` is later when lunch follows at the same place."""
        return self.start_min + self.visit_min


@dataclass(frozen=True)
class PlanLeg:
    """A journey between two consecutive points of a day (``geometry``: (lon, lat) points, if fetched)."""

    from_id: str
    to_id: str
    distance_m: float
    duration_s: float
    estimated: bool
    geometry: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class PlanLunch:
    """The lunch break: when, and at which place (a stop, or the day's start/end place).

    ``on_site``: eaten during a long visit of that stop (``settings.LUNCH_DURING_VISIT_MIN``).
    """

    start_min: float
    end_min: float
    at_id: str
    at_name: str
    on_site: bool = False


@dataclass(frozen=True)
class PlanDay:
    """One day: where it starts and ends, its stops, legs and lunch."""

    date: dt.date
    start: Location
    end: Location
    leave_min: float
    back_min: float
    stops: tuple[PlanStop, ...]
    legs: tuple[PlanLeg, ...]
    lunch: PlanLunch | None

    @property
    def travel_s(self) -> float:
        """Return the day's travel time in seconds."""
        return float(sum(leg.duration_s for leg in self.legs))

    @property
    def distance_m(self) -> float:
        """Return the day's travel distance in metres."""
        return float(sum(leg.distance_m for leg in self.legs))


@dataclass(frozen=True)
class Unvisited:
    """A candidate left out and why: ``closed``, ``too far`` or ``no time``."""

    id: str
    name: str
    reason: str
    detail: str
    must: bool = False


@dataclass(frozen=True)
class Plan:
    """A day-by-day trip plan.

    Attributes
    ----------
    request
        The request it answers.
    days
        One :class:`PlanDay` per day.
    score
        Total score of the visited places.
    unvisited
        Candidates left out, with reasons (must-visit places first).
    estimated
        Whether any leg uses the straight-line estimate instead of a routed path.
    warnings
        Must-visit places that could not be included, and why.
    """

    request: PlanRequest
    days: tuple[PlanDay, ...]
    score: float
    unvisited: tuple[Unvisited, ...]
    estimated: bool
    warnings: tuple[str, ...] = ()

    @property
    def travel_s(self) -> float:
        """Return the total travel time in seconds."""
        return float(sum(day.travel_s for day in self.days))

    @property
    def distance_m(self) -> float:
        """Return the total travel distance in metres."""
        return float(sum(day.distance_m for day in self.days))

    @property
    def mode(self) -> str:
        """Return the travel mode."""
        return self.request.mode


def plan_trip(
    request: PlanRequest,
    *,
    places: gpd.GeoDataFrame | None = None,
    router: Router | None = None,
    matrix: TravelMatrix | None = None,
    time_limit_s: float | None = None,
    seed: int | None = None,
    geometry: bool = False,
) -> Plan:
    """Return the best plan found for ``request``.

    Parameters
    ----------
    request
        From :func:`parse_plan_request`.
    places
        The places to choose from; ``None`` loads the bundled ones.
    router
        The router of ``request.mode``; ``None`` uses :func:`planner.get_router`.
    matrix
        A travel matrix over :func:`planner.itinerary_problem.trip_locations` to use;
        ``None`` takes it from the disk-cached matrix of all ``places``
        (:func:`planner.places_matrix.matrix_with_cache`), so only a hotel or point
        start costs new searches.
    time_limit_s, seed
        Optimiser budget and seed (defaults in :mod:`planner.settings`).
    geometry
        Fetch each leg's road shape from the router (for maps).
    """
    if places is None:
        from geodata.loader import load_places

        places = load_places()
    candidates = candidate_places(request, places)
    if matrix is None:
        router = router if router is not None else _get_router(request.mode)
        matrix = matrix_with_cache(router, trip_locations(request, candidates),
                                   bundled=place_locations(places))
    trip = build_trip_problem(request, candidates, matrix.duration_s)
    solution = solve_toptw(
        trip.problem,
        time_limit_s=settings.OPTIMISER_TIME_LIMIT_S if time_limit_s is None else time_limit_s,
        seed=settings.OPTIMISER_SEED if seed is None else seed,
        max_no_improve=settings.OPTIMISER_MAX_NO_IMPROVE,
    )
    errors = check_solution(trip.problem, solution)
    if errors:  # never expected: the checker is a second opinion on the solver
        logger.error("optimiser returned an infeasible plan: %s", "; ".join(errors))
    plan = _plan_from_solution(request, trip, solution, matrix, candidates)
    if geometry:
        if router is None:
            router = _get_router(request.mode)
        plan = with_leg_geometry(plan, router)
    return plan


def _get_router(mode: str) -> Router:
    from .router import get_router

    return get_router(mode)


def _plan_from_solution(
    request: PlanRequest, trip: TripProblem, solution: Solution, matrix: TravelMatrix,
    places: gpd.GeoDataFrame,
) -> Plan:
    days = tuple(
        _plan_day(request, trip, k, tour, matrix, places) for k, tour in enumerate(solution.tours)
    )
    names = {loc.id: loc.name for loc in trip.locations}
    unvisited = tuple(
        Unvisited(trip.candidate_ids[v], names[trip.candidate_ids[v]], reason, detail, v in trip.problem.mandatory)
        for v, reason, detail in unvisited_reasons(trip.problem, solution, trip.visit_min)
    )
    unvisited = tuple(sorted(unvisited, key=lambda item: not item.must))
    warnings = tuple(
        f"must-visit place {item.name} ({item.id}) is not in the plan ({item.reason}): {item.detail}"
        for item in unvisited if item.must
    ) + tuple(lunch_warnings(request, trip.problem, days))
    estimated = any(leg.estimated for day in days for leg in day.legs)
    return Plan(request, days, solution.score, unvisited, estimated, warnings)


def lunch_warnings(request: PlanRequest, problem: Problem, days: Sequence[PlanDay]) -> list[str]:
    """Return a warning for each day whose requested lunch break could not be placed, and why."""
    if request.lunch_min <= 0:
        return []
    warnings = []
    window = f"{minutes_to_clock(request.lunch_start_min)}-{minutes_to_clock(request.lunch_end_min)}"
    hours = f"{minutes_to_clock(request.day_start_min)}-{minutes_to_clock(request.day_end_min)}"
    for number, (day, tour) in enumerate(zip(days, problem.tours, strict=True), start=1):
        if day.lunch is not None:
            continue
        if tour.lunch is None:
            why = (f"a {request.lunch_min} min lunch starting {window} does not fit the day {hours}; "
                   f"set lunch_start/lunch_end within the day")
        else:
            why = f"no room for a {request.lunch_min} min break starting {window} in the day {hours}"
        warnings.append(f"lunch on day {number} ({day.date.isoformat()}) could not be placed: {why}")
    return warnings


def _plan_day(
    request: PlanRequest, trip: TripProblem, k: int, tour: TourPlan, matrix: TravelMatrix,
    places: gpd.GeoDataFrame,
) -> PlanDay:
    locations, problem = trip.locations, trip.problem
    stops = []
    lunch_here = tour.lunch_after + 1 if tour.lunch_vertex is not None and tour.lunch_after is not None else -1
    day_lunch = problem.tours[k].lunch
    lunch_min = day_lunch.duration if day_lunch is not None else 0.0
    for index, visit in enumerate(tour.stops):
        location = locations[visit.vertex]
        row = places.iloc[visit.vertex]
        stops.append(PlanStop(
            id=location.id, name=location.name, lat=location.lat, lon=location.lon, kind=location.kind,
            craft=str(row.get("craft", "") or ""), arrive_min=visit.arrive, start_min=visit.start,
            depart_min=visit.depart, visit_min=float(trip.visit_min[visit.vertex]),
            score=float(problem.score[visit.vertex]),
            wait_min=max(0.0, visit.wait - (lunch_min if index == lunch_here and tour.lunch_vertex == visit.vertex
                                           else 0.0)),
        ))
    path = [problem.tours[k].start, *tour.vertices, problem.tours[k].end]
    legs = tuple(
        PlanLeg(locations[a].id, locations[b].id, float(matrix.distance_m[a, b]),
                float(matrix.duration_s[a, b]), bool(matrix.estimated[a, b]))
        for a, b in itertools.pairwise(path)
    )
    lunch = None
    if tour.lunch_start is not None and tour.lunch_vertex is not None and day_lunch is not None:
        at = locations[tour.lunch_vertex]
        end = tour.lunch_start + day_lunch.duration
        after = tour.lunch_after if tour.lunch_after is not None else -1
        host = tour.stops[after] if 0 <= after < len(tour.stops) else None
        on_site = host is not None and host.vertex == tour.lunch_vertex and (
            tour.lunch_start < host.start + float(problem.service[host.vertex]) - 1e-9)
        lunch = PlanLunch(tour.lunch_start, end, at.id, at.name, on_site)
    return PlanDay(
        date=request.dates[k], start=request.starts[k], end=request.ends[k], leave_min=tour.leave,
        back_min=tour.back, stops=tuple(stops), legs=legs, lunch=lunch,
    )


def plan_legs_geometry(plan: Plan, router: Router) -> list[list[list[tuple[float, float]]]]:
    """Return the road shape of every leg, day by day, as (lon, lat) points from the router."""
    shapes: list[list[list[tuple[float, float]]]] = []
    for day in plan.days:
        points = stop_points(day)
        shapes.append([list(router.leg(a, b).geometry) for a, b in itertools.pairwise(points)])
    return shapes


def with_leg_geometry(plan: Plan, router: Router) -> Plan:
    """Return ``plan`` with every leg's road shape filled in from ``router``."""
    shapes = plan_legs_geometry(plan, router)
    days = tuple(
        replace(day, legs=tuple(replace(leg, geometry=tuple(shape)) for leg, shape in zip(day.legs, day_shapes,
                                                                                          strict=True)))
        for day, day_shapes in zip(plan.days, shapes, strict=True)
    )
    return replace(plan, days=days)


def _stop_location(stop: PlanStop) -> Location:
    return Location(stop.id, stop.name, stop.lat, stop.lon, stop.kind)


def stop_points(day: PlanDay) -> Sequence[Location]:
    """Return the day's points in order: start place, stops, end place."""
    return [day.start, *(_stop_location(stop) for stop in day.stops), day.end]
