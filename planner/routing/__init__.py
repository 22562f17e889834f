"""Roads and travel times: from an OpenStreetMap file to legs and travel matrices.

Data flows one way through the modules: ``osmfile`` (read .osm/.osm.gz/.osm.bz2/.osm.pbf
files, merged and clipped, into OSMnx's graph builder) -> ``compact`` (the graph as
arrays, with ``access``: who may use each road) -> ``graph`` (build from files or a
download, cache on disk, load) -> ``weights`` (one mode's travel
times, the snapping index) -> ``paths`` (Dijkstra trees, lengths and shapes along
them) -> ``router`` (snap places, search, route one leg) -> ``assemble`` and
``matrix`` (whole matrices, the bundled places' matrix cached on disk) ->
``coverage`` (which places are routed). ``estimate`` (straight-line estimates) and
``results`` (the result types and their JSON) and ``cachefile`` (atomic, locked cache
files) are leaves used along the way.
May import :mod:`planner.settings` and :mod:`geodata`; never the itinerary or web layers.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
