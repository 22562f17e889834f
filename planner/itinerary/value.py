"""What a visit is worth to the traveller: the value model of plans, with its reasons (pure).

The optimiser maximises the value of a whole plan, which is not a sum of per-stop
scores. The model (figures in :mod:`planner.settings`):

1. **Interests first.** A place whose craft the traveller asked for scores by its
   standing: a World Craft City (10) above a candidate (8), above a city-recognised
   traditional village (6), above a village without a verified title (5). A museum or
   show about a requested craft (4) and a village that practises it on the side (4)
   count *as part of that craft*. Everything else scores 1 (plus a little for the
   city's recognised highlights): it fills gaps, it never displaces a requested craft.
2. **No interests: a craft-village trip.** Villages score by standing: the World Craft
   Cities (14) lead, well ahead of the candidates (8); the city's sights (3-5) rank above other
   villages (recognised 4, others 3) and fill the gaps around the flagships.
3. **Diminishing returns within a craft.** The places of one craft are ranked by
   score; the second counts half (``CRAFT_DECAY``), the third a quarter. Sights that
   are about no craft share a milder decay (``SIGHT_DECAY``). A second pottery village
   therefore rarely beats the first silk village; a museum next to Bát Tràng adds little.
4. **Flexible visits.** Every place has a typical visit (``visit_min``) and a shortest
   worthwhile one (``visit_short_min``); the pace scales both. A visit shortened to
   ``length`` keeps ``(length / typical) ** 0.5`` of its value: half the time keeps
   about 71 %, so shortening pays only when it lets a better place in.

The optimiser (:mod:`planner.optimiser`) receives the scores, one group per craft
(plus one for sights), the group decays and the visit bounds as arrays and optimises
that value inside its search; its checker recomputes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geodata.schema import CRAFTS

from .. import settings
from .why import TITLES, Reason

#: Group of the sights that are about no craft.
SIGHTS = "sights"

@dataclass(frozen=True)
class PlaceValue:
    """What one place is worth and why.

    Attributes
    ----------
    score
        Value of a typical-length visit before diminishing returns.
    group
        The craft (or :data:`SIGHTS`) whose diminishing returns it shares; ``None``: none.
    reasons
        Why it may be chosen (codes ``match``, ``title``...; :mod:`.why`), e.g. "matches
        ceramics", "World Craft City" in English.
    related
        Whether it matches a requested craft (always True without interests for villages).
    """

    score: float
    group: str | None
    reasons: tuple[Reason, ...]
    related: bool


def place_value(row: pd.Series, interests: Sequence[str], *, must: bool = False) -> PlaceValue:
    """Return the value of the place ``row`` (a record of the places table) for ``interests``."""
    craft = str(row.get("craft") or "")
    others = [c for c in _as_list(row.get("other_crafts")) if c in CRAFTS]
    recognition = str(row.get("recognition") or "none")
    standing = settings.CRAFT_SCORE.get(recognition, settings.CRAFT_SCORE_OTHER)
    title = [Reason.of("title", title=recognition)] if recognition in TITLES else []
    must_reason = (Reason.of("must"),) if must else ()
    if not interests:
        if craft:
            score = settings.VILLAGE_SCORE.get(recognition, settings.VILLAGE_SCORE_OTHER)
            return PlaceValue(score, craft, (*must_reason, *title, Reason.of("craft", craft=craft)), True)
        score = settings.HIGHLIGHT_SCORE.get(recognition, settings.HIGHLIGHT_SCORE_OTHER)
        group = others[0] if others else SIGHTS
        reasons = (Reason.of("highlight"), *([Reason.of("title", title=recognition)] if recognition != "none" else []))
        reasons = (Reason.of("museum", craft=others[0]),) if others else reasons
        return PlaceValue(score, group, (*must_reason, *reasons), bool(others))
    if craft in interests:
        return PlaceValue(standing, craft, (*must_reason, Reason.of("match", craft=craft), *title), True)
    matched = [c for c in others if c in interests]
    if matched:
        if craft:
            reason, score = Reason.of("side", craft=matched[0]), settings.CRAFT_SIDE_SCORE
        else:
            reason, score = Reason.of("museum", craft=matched[0]), settings.CRAFT_MUSEUM_SCORE
        return PlaceValue(score, matched[0], (*must_reason, reason), True)
    score = settings.UNRELATED_SCORE + settings.UNRELATED_BONUS.get(recognition, 0.0)
    reasons = (Reason.of("highlight"),) if recognition in settings.UNRELATED_BONUS else ()
    return PlaceValue(score, craft or SIGHTS, (*must_reason, *reasons), False)


def place_values(places: pd.DataFrame, interests: Sequence[str], must: Sequence[str] = ()) -> list[PlaceValue]:
    """Return :func:`place_value` of every row of ``places`` (ids in the index)."""
    return [place_value(row, interests, must=place_id in must) for place_id, row in places.iterrows()]


def value_groups(values: Sequence[PlaceValue]) -> tuple[np.ndarray, tuple[float, ...], list[str]]:
    """Return the optimiser's group arrays: each place's group id, each group's decay, the group names."""
    names = sorted({v.group for v in values if v.group is not None})
    ids = np.array([names.index(v.group) if v.group is not None else -1 for v in values], dtype=np.intp)
    decay = tuple(settings.SIGHT_DECAY if name == SIGHTS else settings.CRAFT_DECAY for name in names)
    return ids, decay, names


def _as_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return [str(item) for item in value]
    return []
