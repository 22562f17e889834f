"""Trip plans: from a request to a day-by-day plan, its reasons, JSON and map.

Data flows one way: ``request`` (validate the fields of ``craftroute plan`` and the
API) -> ``problem`` (candidates, scores and opening windows as an optimiser
:class:`~planner.optimiser.Problem`) -> ``plan`` (solve, then build the
:mod:`.model` dataclasses; ``reasons`` explains what was left out) -> ``serialise``
(JSON) and ``map`` (a Folium map); clock times come from :mod:`planner.clock`.
``events`` applies the calendar (:mod:`geodata.calendar`: closures, sessions, festival and
market days) to the problem and the reasons; ``flexible`` gives the start dates and budget
with which ``plan`` compares start dates.
May import :mod:`planner.settings`, :mod:`planner.routing`, :mod:`planner.optimiser`
and :mod:`geodata`; never the web layer.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
