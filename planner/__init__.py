"""How to get there and in what order: road routing, travel times and trip plans.

Subpackages, each importing only those listed before it (and :mod:`geodata`):

- :mod:`planner.settings`: every default (speeds by road class, day windows, scores).
- :mod:`planner.clock`: ``HH:MM`` clock times read and written, for routing and itineraries.
- :mod:`planner.routing`: the road graph from OpenStreetMap, snapping, legs and travel
  matrices (routed or labelled straight-line estimates).
- :mod:`planner.geocode`: addresses, street names and places to start points (the
  street index of the road file, optional Nominatim) and a point's nearest street.
- :mod:`planner.optimiser`: the pure TOPTW solver over arrays and its independent checker.
- :mod:`planner.itinerary`: trip requests, the day-by-day plan and its JSON and map.
- :mod:`planner.cli`: the ``build-graph``, ``route``, ``matrix``, ``coverage`` and
  ``plan`` subcommands.

The public names below are importable from here (``from planner import plan_trip``);
they load on first use, so importing :mod:`planner` costs nothing until then.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
