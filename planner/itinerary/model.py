"""What a plan is: its days, stops, legs, lunch and the places left out (plain dataclasses).

Every other itinerary module builds or reads these; this one imports none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from geodata.location import Location

from .request import PlanRequest
from .why import Reason


@dataclass(frozen=True)
class PlanStop:
    """A visit: the place and its clock times in minutes after midnight.

    ``visit_min`` is the visit length chosen (it may be shortened down to the place's
    shortest worthwhile visit), ``typical_min`` the place's typical visit at this pace;
    ``why`` holds the reasons the stop is in the plan (:class:`.why.Reason`; "matches
    ceramics", "market day" in English); ``events`` the day's events at the place
    (records of :class:`geodata.calendar.Occurrence`).
    """

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
    typical_min: float = 0.0
    why: tuple[Reason, ...] = ()
    events: tuple[Mapping[str, Any], ...] = ()

    @property
    def visit_end_min(self) -> float:
        """Return when the visit ends; ``depart_min`` is later when lunch follows at the same place."""
        return self.start_min + self.visit_min


@dataclass(frozen=True)
class PlanLeg:
    """A journey between two consecutive points of a day (``geometry``: (lon, lat) points, if fetched).

    ``depart_min`` is when it leaves and ``band`` the time band it leaves in (its
    figures are those of that departure; ``None`` when the matrix has no bands).
    """

    from_id: str
    to_id: str
    distance_m: float
    duration_s: float
    estimated: bool
    geometry: tuple[tuple[float, float], ...] = ()
    #: Metres of the leg that are estimated, when the plan knows them (``None``: read
    #: from the road shape when there is one, else unknown).
    estimated_m: float | None = None
    depart_min: float | None = None
    band: str | None = None

    @property
    def estimated_length_m(self) -> float | None:
        """Return the metres of the leg that are estimated (0 when fully routed, ``None`` if unknown)."""
        if self.estimated_m is not None or not self.estimated:
            return self.estimated_m if self.estimated_m is not None else 0.0
        if not self.geometry:
            return None
        from planner.routing.results import shape_estimated_m

        return shape_estimated_m(self.geometry, estimated=self.estimated, distance_m=self.distance_m)


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
    """A candidate left out and why: ``reason`` is ``closed``, ``opening hours``, ``lunch``,
    ``too far`` or ``no time``; ``detail`` says what blocks it in English and ``why`` holds
    the same as a :class:`.why.Reason` (a code and its figures)."""

    id: str
    name: str
    reason: str
    detail: str
    must: bool = False
    why: Reason | None = None


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
        Value of the plan (:mod:`planner.itinerary.value`): not a plain sum of stop scores.
    unvisited
        Candidates left out, with reasons (must-visit places first).
    estimated
        Whether any leg uses the straight-line estimate instead of a routed path.
    warnings
        Must-visit places that could not be included, and why; lunch breaks that could
        not be placed (English).
    notes
        The lunch warnings as :class:`.why.Reason` values (codes with figures).
    checker_findings
        What the independent checker found wrong with the optimiser's answer (never
        expected; logged as errors when it happens).
    """

    request: PlanRequest
    days: tuple[PlanDay, ...]
    score: float
    unvisited: tuple[Unvisited, ...]
    estimated: bool
    warnings: tuple[str, ...] = ()
    notes: tuple[Reason, ...] = ()
    checker_findings: tuple[str, ...] = ()
    #: With flexible dates: the value of the plan of each start date compared.
    date_choices: tuple[tuple[dt.date, float], ...] = ()

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


def _stop_location(stop: PlanStop) -> Location:
    return Location(stop.id, stop.name, stop.lat, stop.lon, stop.kind)


def stop_points(day: PlanDay) -> Sequence[Location]:
    """Return the day's points in order: start place, stops, end place."""
    return [day.start, *(_stop_location(stop) for stop in day.stops), day.end]
