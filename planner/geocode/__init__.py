"""Where a traveller starts: addresses, street names and place names to points, and back.

Data flows one way: ``address`` (split "36 Hàng Bạc, Hoàn Kiếm" into a house number
and a street text; pure) -> ``streets`` (the street index: each named road of the
road file as one point, plus its segments for reverse lookups; pure builder and its
versioned ``.npz`` cache) -> ``store`` (build the index from the road file beside the
graph cache, load it once per process) -> ``search`` (rank places and streets for a
text, suggestions while typing, the nearest street of a point; pure over the index
and the places) -> ``online`` (optional Nominatim through geopy, off by default) ->
``resolve`` (a start field's text to a :class:`geodata.location.Location`, the name
the traveller chose kept).
May import :mod:`planner.settings`, :mod:`planner.routing` (the road file reader and
the cache's source checksum) and :mod:`geodata`; never the itinerary or web layers.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
