"""CraftRoute's own base map, drawn when OpenStreetMap's tiles cannot be reached.

``build`` turns the road graph the app already loads (roads, their classes), road names
read from the OSM file (``names``) and the boundary polygons into simplified GeoJSON,
one file per zoom band; ``store`` caches those files, gzip-compressed, in the cache
folder. May import geodata and planner; no Flask here (``web.pages.basemap`` serves them).
"""
