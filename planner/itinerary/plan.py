"""Plan a trip day by day: the geo-level wrapper around the pure TOPTW optimiser.

:func:`plan_trip` takes a validated request (:mod:`.request`), picks the candidates and
their travel-time matrix, builds the optimiser problem (:mod:`.problem`), solves it and
explains what was left out (:mod:`.reasons`), returning a :class:`.model.Plan`. This is
the ``from_geodataframe`` half of the spopt shape; :func:`planner.optimiser.solve_toptw`
is the ``from_cost_matrix`` half.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .. import settings
from ..clock import minutes_to_clock
from ..optimiser import Problem, Solution, TourPlan, check_solution, solve_toptw
from ..routing.bands import band_index, band_names, duration_at
from ..routing.matrix import matrix_with_cache
from ..routing.router import get_router
from .model import Plan, PlanDay, PlanLeg, PlanLunch, PlanStop, Unvisited, stop_points
from .problem import TripProblem, build_trip_problem, candidate_places, place_locations, trip_locations
from .reasons import stop_reasons, unvisited_reasons
from .request import PlanRequest

if TYPE_CHECKING:
    import geopandas as gpd

    from geodata.location import Location

    from ..routing.results import TravelMatrix
    from ..routing.router import Router

logger = logging.getLogger(__name__)


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
        A travel matrix over :func:`planner.itinerary.problem.trip_locations` to use;
        ``None`` takes it from the disk-cached matrix of all ``places``
        (:func:`planner.routing.matrix.matrix_with_cache`), so only a hotel or point
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
        router = router if router is not None else get_router(request.mode)
        matrix = matrix_with_cache(router, trip_locations(request, candidates),
                                   bundled=place_locations(places))
    bands = matrix.bands.duration_s if matrix.bands is not None else None
    trip = build_trip_problem(request, candidates, matrix.duration_s, band_duration_s=bands)
    solution = solve_toptw(
        trip.problem,
        time_limit_s=settings.OPTIMISER_TIME_LIMIT_S if time_limit_s is None else time_limit_s,
        seed=settings.OPTIMISER_SEED if seed is None else seed,
        max_no_improve=settings.OPTIMISER_MAX_NO_IMPROVE,
        visit_steps=settings.VISIT_STEPS,
    )
    errors = check_solution(trip.problem, solution)
    if errors:  # never expected: the checker is a second opinion on the solver
        logger.error("optimiser returned an infeasible plan: %s", "; ".join(errors))
    plan = replace(_plan_from_solution(request, trip, solution, matrix, candidates), checker_findings=tuple(errors))
    if geometry:
        if router is None:
            router = get_router(request.mode)
        plan = with_leg_geometry(plan, router)
    return plan


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
        for v, reason, detail in unvisited_reasons(trip.problem, solution)
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
        typical = float(trip.visit_min[visit.vertex])
        stops.append(PlanStop(
            id=location.id, name=location.name, lat=location.lat, lon=location.lon, kind=location.kind,
            craft=str(row.get("craft", "") or ""), arrive_min=visit.arrive, start_min=visit.start,
            depart_min=visit.depart, visit_min=typical if visit.length is None else float(visit.length),
            score=float(problem.score[visit.vertex]),
            wait_min=max(0.0, visit.wait - (lunch_min if index == lunch_here and tour.lunch_vertex == visit.vertex
                                           else 0.0)),
            typical_min=typical, why=stop_reasons(trip, k, tour, index),
        ))
    path = [problem.tours[k].start, *tour.vertices, problem.tours[k].end]
    departures = [tour.leave, *(visit.depart for visit in tour.stops)]
    legs = tuple(plan_leg(matrix, locations, a, b, depart)
                 for (a, b), depart in zip(itertools.pairwise(path), departures, strict=True))
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


def plan_leg(matrix: TravelMatrix, locations: Sequence[Location], a: int, b: int, depart_min: float) -> PlanLeg:
    """Return the leg from vertex ``a`` to ``b`` leaving at ``depart_min``: the figures of its band.

    With time bands the time follows the trip through the bands it runs into
    (:func:`planner.routing.bands.duration_at`, the optimiser's rule); the distance and
    estimated metres are those of the path found in the departure's band.
    """
    if matrix.bands is None:
        estimated_m = matrix.estimated_metres()
        return PlanLeg(locations[a].id, locations[b].id, float(matrix.distance_m[a, b]),
                       float(matrix.duration_s[a, b]), bool(matrix.estimated[a, b]),
                       estimated_m=float(estimated_m[a, b]), depart_min=depart_min)
    band = band_index(depart_min)
    bands = matrix.bands
    leg_estimated_m = float(bands.estimated_m[band, a, b])
    return PlanLeg(locations[a].id, locations[b].id, float(bands.distance_m[band, a, b]),
                   float(duration_at(bands.duration_s[:, a, b], depart_min)), leg_estimated_m > 0,
                   estimated_m=leg_estimated_m, depart_min=depart_min, band=band_names()[band])


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
