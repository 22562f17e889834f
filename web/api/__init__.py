"""The JSON API under ``/api/v1``: places, routes, travel matrices and itineraries.

``views`` holds the blueprint; ``request_body`` reads and checks a JSON body. Answers
have the shapes of the CLI's ``--format json``; errors are turned into 400/404 JSON by
:mod:`web.errors`. ``openapi`` builds the OpenAPI 3.1 description from the app's routes
and ``schemas`` (JSON Schemas of requests and answers); ``docs`` serves it
(``/api/v1/openapi.json``) and the reference page ``/api/docs``. May import
:mod:`web.planning`, :mod:`web.events`, :mod:`web.params`, :mod:`web.state`.
"""
