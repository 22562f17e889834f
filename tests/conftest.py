"""Fixtures shared by all tests: the real shared data, skipped with a reason if absent."""

from __future__ import annotations

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
