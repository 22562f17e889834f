"""Fixtures shared by all tests: the real shared data, skipped with a reason if absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geodata import settings as geodata_settings


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    """Return ``../shared/data``; skip the test with a clear reason when it is absent."""
    found = geodata_settings.find_shared_data_dir()
    if found is None:
        pytest.skip("shared OSM/boundary data not found: put it in ../shared/data "
                    "or set CRAFTROUTE_SHARED_DATA")
    return found


@pytest.fixture(scope="session", autouse=True)
def isolated_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the road-graph and matrix caches at a session folder, never the user's own."""
    from planner import settings as planner_settings

    cache_dir = tmp_path_factory.mktemp("craftroute-cache")
    patch = pytest.MonkeyPatch()
    patch.setattr(planner_settings, "cache_dir", cache_dir)
    patch.setenv("CRAFTROUTE_CACHE_DIR", str(cache_dir))
    yield cache_dir
    patch.undo()
