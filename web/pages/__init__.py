"""The HTML pages: plan a trip, explore places, the planners' dashboard, plan downloads.

One blueprint per page module (``plan``, ``explore``, ``dashboard``, ``downloads``,
``calendar_page``: festivals, markets, closures and shows by month, and their ICS);
``plan_form`` reads the plan form, ``plan_notes`` and ``timeline`` turn a plan into
what the result page shows, ``rendering`` puts Folium maps into templates. May import
:mod:`web.maps`, :mod:`web.exports`, :mod:`web.planning`, :mod:`web.i18n`,
:mod:`web.params` and :mod:`web.state`; not :mod:`web.api` or :mod:`web.packages`.
"""
