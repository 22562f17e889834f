"""Google OR-Tools routing as a reference solver for ``bench/optw.py --ortools`` (optional).

The TOPTW as a vehicle routing model: one vehicle per tour, a time dimension whose
cumul is the start of each visit (waiting is slack), every customer optional with a
drop penalty of its score (times a large factor, so score comes before travel).
Times are scaled to integers (Solomon travel times have one decimal).
"""

from __future__ import annotations

from planner.optimiser import Problem, Solution, schedule_route

SCALE = 100
SCORE_WEIGHT = 10**6


def solve_with_ortools(problem: Problem, *, time_limit_s: float) -> Solution | None:
    """Return OR-Tools' best solution within ``time_limit_s``, or ``None`` if it found none.

    Raises
    ------
    ImportError
        If OR-Tools is not installed (``pip install ortools``).
    """
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    n, tours = problem.n_vertices, problem.tours
    depot = tours[0].start
    manager = pywrapcp.RoutingIndexManager(n, len(tours), depot)
    routing = pywrapcp.RoutingModel(manager)
    travel = [[round(float(problem.travel[i, j]) * SCALE) for j in range(n)] for i in range(n)]
    service = [round(float(s) * SCALE) for s in problem.service]

    def transit(from_index: int, to_index: int) -> int:
        i, j = manager.IndexToNode(from_index), manager.IndexToNode(to_index)
        return service[i] + travel[i][j]

    callback = routing.RegisterTransitCallback(transit)
    routing.SetArcCostEvaluatorOfAllVehicles(callback)
    horizon = round(max(tour.close for tour in tours) * SCALE)
    routing.AddDimension(callback, horizon, horizon, False, "time")
    time = routing.GetDimensionOrDie("time")
    for vertex in problem.candidates:
        (opens, closes), = problem.windows[0][vertex]
        time.CumulVar(manager.NodeToIndex(vertex)).SetRange(round(opens * SCALE), round(closes * SCALE))
        routing.AddDisjunction([manager.NodeToIndex(vertex)], int(problem.score[vertex]) * SCORE_WEIGHT)
    for k, tour in enumerate(tours):
        time.CumulVar(routing.Start(k)).SetRange(round(tour.open * SCALE), round(tour.close * SCALE))
        time.CumulVar(routing.End(k)).SetRange(round(tour.open * SCALE), round(tour.close * SCALE))
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    parameters.time_limit.FromMilliseconds(int(time_limit_s * 1000))
    found = routing.SolveWithParameters(parameters)
    if found is None:
        return None
    plans = []
    for k in range(len(tours)):
        route, index = [], found.Value(routing.NextVar(routing.Start(k)))
        while not routing.IsEnd(index):
            route.append(manager.IndexToNode(index))
            index = found.Value(routing.NextVar(index))
        plan = schedule_route(problem, k, route)
        if plan is None:
            return None
        plans.append(plan)
    score = float(sum(problem.score[v] for plan in plans for v in plan.vertices))
    return Solution(tuple(plans), score)
