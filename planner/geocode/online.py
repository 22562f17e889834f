"""Optional online geocoding: OpenStreetMap's Nominatim through geopy, within its usage policy.

Off unless :data:`planner.settings.online_geocoding` is on. The policy
(https://operations.osmfoundation.org/policies/nominatim/) asks for an identifying
User-Agent (:data:`planner.settings.NOMINATIM_USER_AGENT`), at most one request a
second (geopy's ``RateLimiter``) and caching of answers: each text is asked once per
process. Answers outside Hanoi are dropped; a network failure is logged and answers
nothing, so the offline answers stand.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from geodata.area import check_in_hanoi
from geodata.errors import CraftRouteError

from .. import settings
from .search import Suggestion

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _geocoder() -> Callable[..., Any]:
    """Return the rate-limited Nominatim search (one per process, so the limit holds across requests)."""
    try:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim
    except ImportError:  # pragma: no cover - depends on the installation
        msg = "online geocoding needs geopy: pip install 'geopy>=2.4' (or turn planner.settings.online_geocoding off)"
        raise ImportError(msg) from None
    nominatim = Nominatim(user_agent=settings.NOMINATIM_USER_AGENT, timeout=settings.NOMINATIM_TIMEOUT_S)
    return RateLimiter(nominatim.geocode, min_delay_seconds=settings.NOMINATIM_MIN_DELAY_S, max_retries=0,
                       swallow_exceptions=False)


@functools.lru_cache(maxsize=1024)
def _ask(key: str, limit: int) -> tuple[tuple[str, float, float], ...]:
    """Return Nominatim's ``(name, lat, lon)`` answers for a text inside Hanoi (cached; failures are not)."""
    south, west, north, east = settings.NOMINATIM_VIEWBOX
    answers = _geocoder()(key, exactly_one=False, limit=limit, viewbox=[(south, west), (north, east)],
                          bounded=True, country_codes="vn") or []
    found = []
    for answer in answers:
        try:
            check_in_hanoi(answer.latitude, answer.longitude, field="start")
        except CraftRouteError:
            continue
        name = str(answer.address).split(",", 1)[0].strip() or key
        found.append((name, float(answer.latitude), float(answer.longitude)))
    return tuple(found)


def nominatim_suggestions(text: str, *, limit: int = 5) -> list[Suggestion]:
    """Return Nominatim's answers for ``text`` inside Hanoi (empty when switched off or offline)."""
    if not settings.online_geocoding:
        return []
    from geopy.exc import GeopyError

    try:
        answers = _ask(" ".join(text.split()), limit)
    except (GeopyError, OSError) as error:  # offline or refused: the offline answers stand
        logger.warning("Nominatim did not answer %r: %s", text, error)
        return []
    return [Suggestion("online", name, name, lat, lon, 3) for name, lat, lon in answers]
