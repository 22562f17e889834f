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

from geodata.errors import CraftRouteError

from .. import settings
from ..clock import minutes_to_clock
from ..optimiser import Problem, Solution, TourPlan, check_solution, rounds_to_converge, solve_toptw
from ..routing.bands import band_index, band_names, duration_at
from ..routing.matrix import matrix_with_cache
from ..routing.router import get_router
from .events import TripEvents, closed_detail, event_reasons, stop_events, trip_events
from .flexible import per_start_budget_s, start_dates
from .model import Plan, PlanDay, PlanLeg, PlanLunch, PlanStop, Unvisited, stop_points
from .problem import TripProblem, build_trip_problem, candidate_places, place_locations, trip_locations
from .reasons import CLOSED, EXCLUDED, stop_reasons, unvisited_reasons
from .request import PlanRequest
from .why import Reason

if TYPE_CHECKING:
    import geopandas as gpd

    from geodata.location import Location

    from ..routing.results import TravelMatrix
    from ..routing.router import Router

logger = logging.getLogger(__name__)


def plan_places(request: PlanRequest, places: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Return the places ``request`` plans over.

    That is ``places`` (``None``: those the request was checked against,
    ``request.places``, else the bundled ones), plus the register's tourism-ready
    villages when ``request.register_villages`` (:mod:`.register_stops`). Places that
    already hold them (``request.places`` does) are returned as they are: the villages
    are added once per request, by :func:`.request.parse_plan_request`.
    """
    if places is None:
        places = request.places
    if places is None:
        from geodata.loader import load_places

        places = load_places()
    if request.register_villages:
        from .register_stops import with_register_villages

        places = with_register_villages(places)
    return places


def plan_trip(
    request: PlanRequest,
    *,
    places: gpd.GeoDataFrame | None = None,
    router: Router | None = None,
    matrix: TravelMatrix | None = None,
    time_limit_s: float | None = None,
    seed: int | None = None,
    geometry: bool = False,
    events: TripEvents | None = None,
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
        Optimiser budget and seed (defaults in :mod:`planner.settings`). The search
        stops earlier once converged (``settings.OPTIMISER_NO_IMPROVE_PER_STOP``), so a
        budget it does not reach gives the same plan every time.
    geometry
        Fetch each leg's road shape from the router (for maps).
    events
        The trip's festivals, markets, closures and sessions; ``None`` reads them from
        the bundled events (:func:`geodata.calendar.load_events`) for the request's dates.

    A request with ``flexible_dates`` plans every start date of the window and returns
    the best plan (:func:`plan_best_start`).
    """
    places = plan_places(request, places)
    if request.flexible_dates is not None:
        return plan_best_start(request, places=places, router=router, matrix=matrix, time_limit_s=time_limit_s,
                               seed=seed, geometry=geometry)
    candidates = candidate_places(request, places)
    if events is None:
        events = load_trip_events(request, candidates)
    if matrix is None:
        router = router if router is not None else get_router(request.mode)
        matrix = matrix_with_cache(router, trip_locations(request, candidates),
                                   bundled=place_locations(places))
    bands = matrix.bands.duration_s if matrix.bands is not None else None
    trip = build_trip_problem(request, candidates, matrix.duration_s, events=events, band_duration_s=bands)
    solution = solve_toptw(
        trip.problem,
        time_limit_s=settings.OPTIMISER_TIME_LIMIT_S if time_limit_s is None else time_limit_s,
        seed=settings.OPTIMISER_SEED if seed is None else seed,
        max_no_improve=rounds_to_converge(trip.problem, per_stop=settings.OPTIMISER_NO_IMPROVE_PER_STOP,
                                          least=settings.OPTIMISER_MIN_NO_IMPROVE,
                                          most=settings.OPTIMISER_MAX_NO_IMPROVE),
        visit_steps=settings.VISIT_STEPS,
    )
    _check_kept_fit(request, trip, solution, time_limit_s=time_limit_s)
    errors = check_solution(trip.problem, solution)
    if errors:  # never expected: the checker is a second opinion on the solver
        logger.error("optimiser returned an infeasible plan: %s", "; ".join(errors))
    plan = replace(_plan_from_solution(request, trip, solution, matrix, candidates), checker_findings=tuple(errors))
    if geometry:
        if router is None:
            router = get_router(request.mode)
        plan = with_leg_geometry(plan, router)
    return plan


def plan_best_start(
    request: PlanRequest,
    *,
    places: gpd.GeoDataFrame,
    router: Router | None,
    matrix: TravelMatrix | None,
    time_limit_s: float | None = None,
    seed: int | None = None,
    geometry: bool = False,
) -> Plan:
    """Return the plan of the best start date of ``request.flexible_dates``, listing every date's value.

    Runtime is bounded: at most ``settings.FLEXIBLE_DATES_MAX_STARTS`` dates (the request
    parser refuses more), one travel matrix for all (places do not change with the date)
    and one optimiser budget shared by the dates (:func:`.flexible.per_start_budget_s`).
    Ties go to the earliest date; the plan's ``date_choices`` hold ``(date, value)`` of each.
    """
    dates = start_dates(request)
    if matrix is None:
        router = router if router is not None else get_router(request.mode)
        matrix = matrix_with_cache(router, trip_locations(request, candidate_places(request, places)),
                                   bundled=place_locations(places))
    budget = per_start_budget_s(len(dates), time_limit_s)
    plans = [plan_trip(replace(request, date=day, flexible_dates=None), places=places, router=router, matrix=matrix,
                       time_limit_s=budget, seed=seed) for day in dates]
    best = max(range(len(plans)), key=lambda i: (round(plans[i].score, 6), -i))
    logger.info("flexible dates: best start %s of %d (value %.2f)", dates[best], len(dates), plans[best].score)
    plan = plans[best]
    if geometry:
        plan = with_leg_geometry(plan, router if router is not None else get_router(request.mode))
    return replace(plan, request=replace(plan.request, flexible_dates=request.flexible_dates),
                   date_choices=tuple((day, p.score) for day, p in zip(dates, plans, strict=True)))


def load_trip_events(request: PlanRequest, places: gpd.GeoDataFrame) -> TripEvents:
    """Return the bundled events at ``places`` on the days of ``request``."""
    from geodata.calendar.events import load_events

    kinds = {str(place_id): str(kind) for place_id, kind in places["kind"].items()} if "kind" in places else {}
    return trip_events(load_events(), request.dates, kinds)


def _check_kept_fit(request: PlanRequest, trip: TripProblem, solution: Solution, *,
                    time_limit_s: float | None = None) -> None:
    """Raise CraftRouteError when a kept place could not be fitted on its day.

    When the day's kept places fit without the order asked, the error names that
    order (``keep[i].order``); otherwise ``keep``: too many kept stops for the time.
    """
    kept = trip.problem.kept
    missing = [v for v in solution.missing_mandatory if v in kept]
    if not missing:
        return
    names = {loc.id: loc.name for loc in trip.locations}
    place_id = trip.candidate_ids[missing[0]]
    day = kept[missing[0]] + 1
    on_day = [trip.candidate_ids[v] for v, k in kept.items() if k + 1 == day]
    if _fits_without_order(trip.problem, day - 1, time_limit_s=time_limit_s):
        order = dict(request.keep_order)
        ranked = sorted((place for place in on_day if place in order), key=order.__getitem__)
        blamed = place_id if place_id in order else ranked[0]
        index = [kept_id for kept_id, _ in request.keep].index(blamed)
        raise CraftRouteError.of(f"keep[{index}].order", "keep_order_no_fit", day=day,
                                 places=" -> ".join(f"{names[place]} ({place})" for place in ranked))
    hours = f"{minutes_to_clock(request.day_start_min)}-{minutes_to_clock(request.day_end_min)}"
    raise CraftRouteError.of("keep", "keep_no_fit", name=names[place_id], got=place_id, day=day, hours=hours,
                             others=", ".join(on_day))


def _fits_without_order(problem: Problem, k: int, *, time_limit_s: float | None) -> bool:
    """Return whether tour ``k``'s kept vertices all fit once their order on it is dropped.

    ``False`` at once when tour ``k`` has no ordered kept vertex. The test solves the
    problem restricted to its mandatory and kept vertices, which is small and quick.
    """
    if not any(problem.kept[v] == k for v in problem.kept_order):
        return False
    free = replace(problem, kept_order={v: rank for v, rank in problem.kept_order.items() if problem.kept[v] != k},
                   only=True)
    budget = settings.OPTIMISER_TIME_LIMIT_S if time_limit_s is None else time_limit_s
    solution = solve_toptw(free, time_limit_s=budget / 2, seed=settings.OPTIMISER_SEED,
                           max_no_improve=settings.OPTIMISER_MAX_NO_IMPROVE)
    return not any(problem.kept.get(v) == k for v in solution.missing_mandatory)


def _plan_from_solution(
    request: PlanRequest, trip: TripProblem, solution: Solution, matrix: TravelMatrix,
    places: gpd.GeoDataFrame,
) -> Plan:
    days = tuple(
        _plan_day(request, trip, k, tour, matrix, places) for k, tour in enumerate(solution.tours)
    )
    names = {loc.id: loc.name for loc in trip.locations}
    every_day = range(request.days)
    unvisited = tuple(
        Unvisited(trip.candidate_ids[v], names[trip.candidate_ids[v]], reason, why.text(),
                  v in trip.problem.mandatory, why)
        for v, reason, detail in unvisited_reasons(trip.problem, solution)
        for why in [(closed_detail(trip.events, every_day, trip.candidate_ids[v]) or detail) if reason == CLOSED
                    else detail]
    )
    unvisited += tuple(
        Unvisited(place_id, names.get(place_id, place_id), EXCLUDED, excluded.text(), why=excluded)
        for place_id in request.exclude if place_id in names
        for excluded in [Reason.of(EXCLUDED)]
    )
    unvisited = tuple(sorted(unvisited, key=lambda item: not item.must))
    notes = tuple(lunch_warnings(request, trip.problem, days))
    warnings = tuple(
        f"must-visit place {item.name} ({item.id}) is not in the plan ({item.reason}): {item.detail}"
        for item in unvisited if item.must
    ) + tuple(note.text() for note in notes)
    estimated = any(leg.estimated for day in days for leg in day.legs)
    return Plan(request, days, solution.score, unvisited, estimated, warnings, notes)


def lunch_warnings(request: PlanRequest, problem: Problem, days: Sequence[PlanDay]) -> list[Reason]:
    """Return a warning for each day whose requested lunch break could not be placed, and why.

    Codes (:mod:`.why`): ``lunch_not_in_day`` (the lunch window does not fit the day
    window at all) and ``lunch_no_room`` (the stops leave no room for it).
    """
    if request.lunch_min <= 0:
        return []
    warnings = []
    window = f"{minutes_to_clock(request.lunch_start_min)}-{minutes_to_clock(request.lunch_end_min)}"
    hours = f"{minutes_to_clock(request.day_start_min)}-{minutes_to_clock(request.day_end_min)}"
    for number, (day, tour) in enumerate(zip(days, problem.tours, strict=True), start=1):
        late_today = number == 1 and request.first_day_start_min is not None and (
            request.first_day_start_min > request.lunch_end_min)
        if day.lunch is not None or late_today:
            continue  # a plan of today made after the lunch window needs no lunch
        code = "lunch_not_in_day" if tour.lunch is None else "lunch_no_room"
        warnings.append(Reason.of(code, day=number, date=day.date.isoformat(), lunch=float(request.lunch_min),
                                  window=window, hours=hours))
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
            typical_min=typical,
            why=(*stop_reasons(trip, k, tour, index), *event_reasons(trip.events, k, location.id, visit.start)),
            events=stop_events(trip.events, k, location.id),
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
