"""Fixtures of the itinerary tests: the small validated place set and the estimate-only router."""

from __future__ import annotations

import geopandas as gpd
import pytest
from trip_places import trip_places

from planner.routing.router import Router


@pytest.fixture(scope="module")
def places() -> gpd.GeoDataFrame:
    """Return the small set of real Hanoi places of :mod:`trip_places`."""
    return trip_places()


@pytest.fixture(scope="module")
def router() -> Router:
    """The estimate-only router: straight-line times, no road data needed."""
    return Router("motorbike", None)
