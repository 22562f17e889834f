"""What exists and where: Hanoi's craft villages and tourist destinations as GeoDataFrames.

Modules: ``schema`` (the fields and vocabularies), ``settings`` (paths and limits),
``errors`` (the exception family every layer raises), ``error_codes`` (its codes and
English messages), ``crafts`` (words for crafts), ``text`` (accent folding),
``hours`` (opening hours), ``area`` (is a point in Hanoi), ``location`` (the light
point type), ``loader`` (read and validate place files), ``landmarks`` (hotels and stations travellers
start from, sourced), ``place_text`` (a place's texts and lists in the interface language),
``osm_places`` (village positions from OSM place nodes), ``osm_streets`` (or from streets
named after the village, a proxy), ``query`` (search, filter,
nearest, resolve a name), ``export`` (records and GeoJSON), ``boundaries``
(communes and districts, spatial joins) and ``cli`` (``craftroute villages``); the
``calendar`` subpackage holds lunar dates and the places' dated events (``craftroute calendar``).
The bottom layer: imports nothing from ``planner`` or ``web``.

The public names below are importable from here; they load on first use, so
``import geodata.errors`` does not pull in GeoPandas.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
