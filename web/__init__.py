"""How people see it: CraftRoute's web application, Flask pages and a JSON API over Folium maps.

Create the app with :func:`create_app` (:mod:`web.app`); ``craftroute serve`` runs it.

Subpackages: ``pages`` (the HTML pages), ``api`` (``/api/v1``), ``packages`` (tour
operators' saved packages), ``maps`` (pure Folium map builders) and ``exports``
(GeoJSON, GPX and iCalendar of a plan). Shared modules: ``settings`` (defaults),
``state`` (places, routers and matrices loaded once per app), ``planning`` (the one
bridge to :mod:`planner`), ``params`` (request parameters), ``i18n`` and
``hours_text`` (English and Vietnamese text), ``errors`` (error handlers and the server's own
error codes), ``error_text`` (error codes worded in the interface language), ``security``
(security headers, script nonces, cookie flags, body size limit), ``limits`` (rate
limits of plans and matrices), ``compression`` (compressed answers), ``vendor`` (map
JavaScript and Swagger UI from npm) and ``cli`` (``craftroute serve``). The API's
OpenAPI description is ``api.openapi`` (schemas in ``api.schemas``), served by ``api.docs``. The top layer: imports
:mod:`planner` and :mod:`geodata`, is imported by neither.

Production serving (each process loads the places and road graph once and keeps
its own travel-matrix cache)::

    waitress-serve --listen 127.0.0.1:5000 --threads 8 --call web:create_app
    gunicorn --workers 3 --threads 4 --bind 127.0.0.1:5000 "web:create_app()"
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
