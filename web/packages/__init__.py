"""Tour operators' saved packages: the SQLite store, its pages and its JSON API.

``store`` is plain sqlite3 with no Flask; ``db`` gives each request its connection;
``pages`` (``/packages``) and ``api`` (``/api/v1/packages``) are the blueprints. May
import :mod:`web.planning`, :mod:`web.params`, :mod:`web.i18n`, :mod:`web.state` and
the plan form of :mod:`web.pages`.
"""
