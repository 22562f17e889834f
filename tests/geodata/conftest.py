"""Fixtures for geodata tests: the bundled places and files built from them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest

import geodata
from geodata.export import places_to_geojson


@pytest.fixture(scope="session")
def places() -> gpd.GeoDataFrame:
    """Return the bundled places."""
    return geodata.load_places()


@pytest.fixture()
def bundled_features(places: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Return the bundled places as GeoJSON features (a fresh copy per test)."""
    return places_to_geojson(places)["features"]


@pytest.fixture()
def write_places(tmp_path: Path) -> Callable[[list[dict[str, Any]]], Path]:
    """Return a function that writes features to a GeoJSON file and returns its path."""

    def write(features: list[dict[str, Any]]) -> Path:
        path = tmp_path / "places.geojson"
        document = {"type": "FeatureCollection", "features": features}
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return path

    return write
