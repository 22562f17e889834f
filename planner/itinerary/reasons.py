"""Why a place is in a plan, and why a candidate is not, naming what blocks it (pure).

A stop's reasons come from the value model (:mod:`.value`: "matches ceramics",
"World Craft City", "must-see"), plus "on the way" for a stop unrelated to the
interests that costs little detour ("fills free time" otherwise), and the shortened
length when the visit was cut. Every reason is a :class:`.why.Reason` (a code and its
parameters) so that interfaces can word it in their language.

A place left out is first checked alone in each open day, at its shortest visit, with
the solver-independent schedule (:func:`planner.optimiser.schedule_route`); when it
does not fit even alone, one constraint at a time is relaxed (the lunch break, then its
opening hours) to find the one that blocks it.
"""

from __future__ import annotations

from dataclasses import replace

from .. import settings
from ..clock import minutes_to_clock as clock
from ..optimiser import Problem, Solution, TourPlan, schedule_route, shortest_visits
from .problem import TripProblem
from .why import DAY, Reason

CLOSED = "closed"
OPENING_HOURS = "opening hours"
LUNCH = "lunch"
TOO_FAR = "too far"
NO_TIME = "no time"
#: The traveller removed the place from the plan (``exclude``).
EXCLUDED = "excluded"
#: Every reason: the traveller's own choice, then from the most to the least specific blocker.
REASONS: tuple[str, ...] = (EXCLUDED, CLOSED, OPENING_HOURS, LUNCH, TOO_FAR, NO_TIME)


def stop_reasons(trip: TripProblem, k: int, tour: TourPlan, index: int) -> tuple[Reason, ...]:
    """Return the reasons the ``index``-th stop of day ``k`` is in the plan."""
    visit = tour.stops[index]
    vertex, problem = visit.vertex, trip.problem
    value = trip.values[vertex] if vertex < len(trip.values) else None
    why = list(value.reasons) if value is not None else []
    if value is not None and not value.related:
        path = [problem.tours[k].start, *tour.vertices, problem.tours[k].end]
        before, after = path[index], path[index + 2]
        travel = problem.travel
        detour = float(travel[before, vertex] + travel[vertex, after] - travel[before, after])
        if detour <= settings.ON_THE_WAY_MIN:
            why.append(Reason.of("on_the_way"))
        elif not why:
            why.append(Reason.of("filler"))
    typical = float(trip.visit_min[vertex])
    if visit.length is not None and visit.length < typical - 0.5:
        why.append(Reason.of("shortened", length=float(visit.length), typical=typical))
    return tuple(why)


def unvisited_reasons(problem: Problem, solution: Solution) -> list[tuple[int, str, Reason]]:
    """Return ``(vertex, reason, detail)`` for every candidate the solution leaves out.

    ``closed``: no day of the trip has opening hours long enough for the visit;
    ``lunch``: alone it fits a day without the lunch break, but not with it;
    ``opening hours``: alone it would fit the day if it were open all day (it closes
    before the traveller can arrive, or too early to finish the visit, or opens too late);
    ``too far``: travel there, the visit and travel back exceed the day window;
    ``no time``: it fits a day alone but not beside the chosen stops (for a must-visit
    place: not beside the other must-visit places and the day limits). Each test uses
    the place's shortest visit. ``detail`` is a :class:`.why.Reason` with the figures
    (its ``day`` parameter names the closest day of a multi-day trip).
    """
    problem = shortest_visits(problem)
    visit_min = problem.service
    reasons = []
    for vertex in solution.unvisited:
        open_days = [k for k in range(len(problem.tours)) if problem.windows[k][vertex]]
        visit = float(visit_min[vertex])
        if not open_days:
            reasons.append((vertex, CLOSED, Reason.of("closed", visit=visit)))
        elif any(schedule_route(problem, k, [vertex]) is not None for k in open_days):
            detail = Reason.of("no_time_must") if vertex in problem.mandatory else Reason.of("no_time")
            reasons.append((vertex, NO_TIME, detail))
        else:
            blockers = [(*_blocker(problem, k, vertex, visit), k) for k in open_days]
            _, reason, detail, day = min(blockers, key=lambda item: (item[0], item[3]))
            if len(problem.tours) > 1:
                detail = detail.with_params(**{DAY: day + 1})
            reasons.append((vertex, reason, detail))
    return reasons


def _fits_alone(problem: Problem, k: int, vertex: int, *, lunch: bool = True, hours: bool = True) -> bool:
    """Return whether ``vertex`` alone fits day ``k``, optionally without lunch or without its hours."""
    tour = problem.tours[k]
    tours = problem.tours if lunch else tuple(
        replace(t, lunch=None) if i == k else t for i, t in enumerate(problem.tours)
    )
    windows = problem.windows
    if not hours:
        day = list(windows[k])
        day[vertex] = ((tour.open, tour.close),)
        windows = tuple(tuple(day) if i == k else w for i, w in enumerate(windows))
    relaxed = replace(problem, tours=tours, windows=windows) if not (lunch and hours) else problem
    return schedule_route(relaxed, k, [vertex]) is not None


def _blocker(problem: Problem, k: int, vertex: int, visit: float) -> tuple[int, str, Reason]:
    """Return ``(rank, reason, detail)`` of what keeps ``vertex`` out of day ``k`` when alone."""
    tour = problem.tours[k]
    # leaving at the day's start (times depend on it when the problem has time bands)
    arrive = problem.clock.arrive_one
    there = arrive(tour.start, vertex, tour.open) - tour.open
    back = arrive(vertex, tour.end, tour.open + there + visit) - (tour.open + there + visit)
    trip = {"there": there, "visit": visit, "back": back}
    day = {"opens": clock(tour.open), "closes": clock(tour.close)}
    lunch = tour.lunch
    if lunch is not None and _fits_alone(problem, k, vertex, lunch=False):
        times = {"lunch": float(lunch.duration), "earliest": clock(lunch.earliest_start),
                 "latest": clock(lunch.latest_start)}
        if lunch.during_visit_min is not None and 0.75 * lunch.during_visit_min <= visit < lunch.during_visit_min:
            return 1, LUNCH, Reason.of("lunch_on_site", **trip, **times, on_site=float(lunch.during_visit_min))
        return 1, LUNCH, Reason.of("lunch", **trip, **times)
    if _fits_alone(problem, k, vertex, hours=False):
        return 0, OPENING_HOURS, _hours_detail(problem, k, vertex, visit, there, back)
    if there + visit + back > tour.close - tour.open:
        return 3, TOO_FAR, Reason.of("too_far", **trip, total=there + visit + back,
                                     length=float(tour.close - tour.open), **day)
    if _fits_alone(problem, k, vertex, hours=False, lunch=False):
        inner = _hours_detail(problem, k, vertex, visit, there, back)
        code = "hours_and_lunch_late" if inner.code == "arrives_late" else "hours_and_lunch_start"
        return 2, OPENING_HOURS, Reason(code, inner.params)
    return 3, TOO_FAR, Reason.of("no_fit", **trip, **day)


def _hours_detail(problem: Problem, k: int, vertex: int, visit: float, there: float, back: float) -> Reason:
    tour = problem.tours[k]
    windows = problem.windows[k][vertex]
    arrive = tour.open + there
    last_start = max(close for _, close in windows)
    if arrive > last_start:
        return Reason.of("arrives_late", arrive=clock(arrive), visit=visit, last_start=clock(last_start),
                         closing=clock(last_start + visit))
    start = next(max(arrive, opens) for opens, close in windows if arrive <= close)
    return Reason.of("starts_late", visit=visit, start=clock(start), back=back, day_end=clock(tour.close))
