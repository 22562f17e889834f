"""When things happen: the Vietnamese lunar calendar and the dated events of the places.

Modules: ``lunar`` (:class:`LunarDate`, conversions with ``lunar-vn`` on UTC+7),
``events`` (event rules read and validated from ``geodata/data/events.json``, each with
its source), ``occurrences`` (rules expanded over a span of dates, pure) and ``cli``
(``craftroute calendar``). Imports only from ``geodata``; never ``planner`` or ``web``.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
