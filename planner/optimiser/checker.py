"""An independent feasibility check of TOPTW solutions.

It shares no code with the solver: every constraint is re-derived from the problem
data and the times written in the solution, so a bug in the solver's incremental
bookkeeping cannot hide itself. Time-dependent travel (``Problem.bands``) is timed
here by its own walk through the bands (:func:`earliest_arrival`), written apart from
the solver's arrays.
"""

from __future__ import annotations

import math

from .problem import Problem, Solution, TourPlan, Visit

#: Tolerance on times (rounding of travel times written with one or two decimals).
TOLERANCE = 1e-6


def check_solution(problem: Problem, solution: Solution, *, tolerance: float = TOLERANCE) -> list[str]:
    """Return every violated constraint of ``solution`` as a message; empty when it is feasible.

    Checks: one plan per tour; each vertex visited at most once and only if it is a
    candidate; stop limits; every travel time, start-of-visit window and visit
    duration; each visit's stated length within its shortest and full visit (a shorter
    visit may start later by the time it saves); departure after the day opens and
    return before it closes; the lunch break (present when required, started in its
    window, not overlapping the journey, and overlapping a visit only within a visit
    long enough to host it); the reported value, recomputed from the visit lengths and
    the groups' diminishing returns; the traveller's edits: no excluded vertex visited,
    every kept vertex visited on its own tour, ranked kept vertices visited in their
    order, and with ``only`` nothing beyond the mandatory and kept vertices (read from
    ``excluded``, ``kept``, ``kept_order`` and ``only``, not from the candidates
    derived from them).
    """
    errors: list[str] = []
    if len(solution.tours) != len(problem.tours):
        return [f"solution has {len(solution.tours)} tours, problem has {len(problem.tours)}"]
    seen: set[int] = set()
    allowed = set(problem.candidates)
    for k, plan in enumerate(solution.tours):
        for vertex in plan.vertices:
            if vertex in seen:
                errors.append(f"tour {k}: vertex {vertex} is visited more than once")
            if vertex not in allowed:
                errors.append(f"tour {k}: vertex {vertex} is not a candidate")
            seen.add(vertex)
        errors.extend(f"tour {k}: {message}" for message in _check_tour(problem, k, plan, tolerance))
    errors.extend(_check_edits(problem, solution))
    stops = [stop for plan in solution.tours for stop in plan.stops]
    days = [k for k, plan in enumerate(solution.tours) for _ in plan.stops]
    total = solution_value(problem, stops, days)
    if abs(total - solution.score) > 1e-6 * max(1.0, abs(total)):
        errors.append(f"reported score {solution.score} differs from the visited score {total}")
    return errors


def _check_edits(problem: Problem, solution: Solution) -> list[str]:
    """Return the violations of the traveller's edits: excluded, kept (and on which tour), only."""
    errors: list[str] = []
    tour_of = {stop.vertex: k for k, plan in enumerate(solution.tours) for stop in plan.stops}
    for vertex in sorted(problem.excluded & set(tour_of)):
        errors.append(f"tour {tour_of[vertex]}: vertex {vertex} is excluded but visited")
    for vertex, tour in sorted(problem.kept.items()):
        if vertex not in tour_of:
            errors.append(f"kept vertex {vertex} is not visited (it must be on tour {tour})")
        elif tour_of[vertex] != tour:
            errors.append(f"kept vertex {vertex} is on tour {tour_of[vertex]}, not on its tour {tour}")
    errors.extend(_check_kept_order(problem, solution))
    if problem.only:
        chosen = problem.mandatory | set(problem.kept)
        for vertex in sorted(set(tour_of) - chosen):
            errors.append(f"tour {tour_of[vertex]}: vertex {vertex} is visited, but only chosen ones may be")
    return errors


def _check_kept_order(problem: Problem, solution: Solution) -> list[str]:
    """Return the pairs of ranked kept vertices a tour visits against their order (a lower rank later)."""
    errors: list[str] = []
    for k, plan in enumerate(solution.tours):
        ranked = [(stop.vertex, problem.kept_order[stop.vertex]) for stop in plan.stops
                  if stop.vertex in problem.kept_order]
        for i, (vertex, rank) in enumerate(ranked):
            for later, later_rank in ranked[i + 1:]:
                if later_rank < rank:
                    errors.append(f"tour {k}: kept vertex {vertex} (order {rank}) is visited before "
                                  f"kept vertex {later} (order {later_rank})")
    return errors


def visit_length(problem: Problem, stop: Visit) -> float:
    """Return the length of ``stop``: the one it states, else the vertex's full service."""
    return float(problem.service[stop.vertex]) if stop.length is None else float(stop.length)


def solution_value(problem: Problem, stops: list[Visit], days: list[int] | None = None) -> float:
    """Return the value of ``stops``: shortened visits scaled, then each group's visits decayed by rank.

    ``days`` gives the tour of each stop, needed when the problem has values by day.
    """
    if problem.day_score is not None and (days is None or len(days) != len(stops)):
        raise ValueError("`days` must give the tour of every stop when the problem has `day_score`")
    by_group: dict[int, list[float]] = {}
    total = 0.0
    for i, stop in enumerate(stops):
        full = float(problem.service[stop.vertex])
        worth = problem.worth(days[i], stop.vertex, stop.start) if days is not None else float(problem.score[stop.vertex])
        if full > 0:
            worth *= (visit_length(problem, stop) / full) ** problem.length_exponent
        group = -1 if problem.group is None else int(problem.group[stop.vertex])
        if group < 0:
            total += worth
        else:
            by_group.setdefault(group, []).append(worth)
    for group, worths in by_group.items():
        decay = problem.group_decay[group]
        total += sum(worth * decay ** rank for rank, worth in enumerate(sorted(worths, reverse=True)))
    return total


def earliest_arrival(problem: Problem, origin: int, destination: int, depart: float) -> float:
    """Return the earliest arrival at ``destination`` leaving ``origin`` at ``depart``.

    Without bands: ``depart + travel``. With bands, the trip runs band by band: in each
    band it covers ``time spent / the band's duration of the trip`` of its way, until
    the way is covered (rounded up to a whole unit when ``bands.whole``).
    """
    bands = problem.bands
    if bands is None:
        return depart + float(problem.travel[origin, destination])
    paces = [float(x) for x in bands.duration[:, origin, destination]]
    if any(math.isinf(p) for p in paces):
        return math.inf
    # band boundaries as absolute times, from the period before the departure onwards
    first = math.floor(depart / bands.period) - 1
    bounds = [(cycle * bands.period + s, b) for cycle in range(first, first + 4) for b, s in enumerate(bands.starts)]
    clock, share = depart, 1.0
    for (begin, band), (end, _) in zip(bounds, bounds[1:], strict=False):
        if end <= clock:
            continue
        assert begin <= clock + 1e-9
        if share * paces[band] <= end - clock:
            clock += share * paces[band]
            share = 0.0
            break
        share -= (end - clock) / paces[band]
        clock = end
    if share > 0:  # longer than the bands listed: the rest at the last band's pace
        clock += share * paces[bounds[-1][1]]
    return float(math.ceil(clock - 1e-9)) if bands.whole else clock


def _check_tour(problem: Problem, k: int, plan: TourPlan, tol: float) -> list[str]:
    tour = problem.tours[k]
    errors: list[str] = []
    if tour.max_stops is not None and len(plan.stops) > tour.max_stops:
        errors.append(f"{len(plan.stops)} stops, at most {tour.max_stops} allowed")
    if plan.leave < tour.open - tol:
        errors.append(f"leaves the start at {plan.leave}, before the tour opens at {tour.open}")
    place, free_at = tour.start, plan.leave
    for i, stop in enumerate(plan.stops):
        v = stop.vertex
        need = earliest_arrival(problem, place, v, free_at)
        if stop.arrive < need - tol:
            errors.append(f"stop {i} (vertex {v}) arrives at {stop.arrive}, cannot be there before {need}")
        if stop.start < stop.arrive - tol:
            errors.append(f"stop {i} (vertex {v}) starts at {stop.start}, before arriving at {stop.arrive}")
        length, full = visit_length(problem, stop), float(problem.service[v])
        shortest = full if problem.service_min is None else float(problem.service_min[v])
        if not shortest - tol <= length <= full + tol:
            errors.append(f"stop {i} (vertex {v}) lasts {length}, outside its {shortest}..{full} visit")
        saved = max(0.0, full - length)
        if not any(o - tol <= stop.start <= c + saved + tol for o, c in problem.windows[k][v]):
            errors.append(f"stop {i} (vertex {v}) starts at {stop.start}, outside {problem.windows[k][v]}")
        ends = stop.start + length
        if stop.depart < ends - tol:
            errors.append(f"stop {i} (vertex {v}) leaves at {stop.depart}, before the visit ends at {ends}")
        place, free_at = v, stop.depart
    need = earliest_arrival(problem, place, tour.end, free_at)
    if plan.back < need - tol:
        errors.append(f"returns at {plan.back}, cannot be back before {need}")
    if plan.back > tour.close + tol:
        errors.append(f"returns at {plan.back}, after the tour closes at {tour.close}")
    errors.extend(_check_lunch(problem, k, plan, tol))
    return errors


def _check_lunch(problem: Problem, k: int, plan: TourPlan, tol: float) -> list[str]:
    lunch = problem.tours[k].lunch
    if lunch is None:
        return []
    if plan.lunch_start is None or plan.lunch_after is None:
        return ["has no lunch break"]
    errors: list[str] = []
    start, end = plan.lunch_start, plan.lunch_start + lunch.duration
    if not lunch.earliest_start - tol <= start <= lunch.latest_start + tol:
        errors.append(f"lunch starts at {start}, outside {lunch.earliest_start}..{lunch.latest_start}")
    after = plan.lunch_after
    if not -1 <= after < len(plan.stops):
        return [*errors, f"lunch after stop {after}, but the tour has {len(plan.stops)} stops"]
    tour = problem.tours[k]
    # eaten at the place just left: between the end of that visit and leaving it
    if after == -1:
        left_place, left_free, left_depart = tour.start, tour.open, plan.leave
    else:
        stop = plan.stops[after]
        left_place = stop.vertex
        left_free, left_depart = stop.start + visit_length(problem, stop), stop.depart
    # eaten on arrival at the next place: between arriving there and starting the visit
    if after + 1 < len(plan.stops):
        nxt = plan.stops[after + 1]
        next_place, next_arrive, next_start = nxt.vertex, nxt.arrive, nxt.start
    else:
        next_place, next_arrive, next_start = tour.end, plan.back, tour.close
    at_left = left_place == plan.lunch_vertex and start >= left_free - tol and end <= left_depart + tol
    if after >= 0 and lunch.during_visit_min is not None:  # on site, within a long enough visit
        visit = plan.stops[after]
        service = visit_length(problem, visit)
        long_enough = service >= lunch.during_visit_min - tol
        inside = visit.start - tol <= start and end <= visit.start + service + tol
        at_left |= left_place == plan.lunch_vertex and long_enough and inside
    at_next = next_place == plan.lunch_vertex and start >= next_arrive - tol and end <= next_start + tol
    if not (at_left or at_next):
        errors.append(
            f"lunch {start}..{end} at vertex {plan.lunch_vertex} does not fit after stop {after}"
        )
    return errors
