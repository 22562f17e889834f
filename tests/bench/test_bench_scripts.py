"""The hardening benchmarks run end to end in bounded small runs and end with their JSON line.

The full runs (``bench/fuzz.py --requests 10000``, ``bench/load.py --users 50 --seconds 60``)
are for a person to start; these check that the scripts work and report what they should.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def last_json_line(*args: str) -> dict:
    """Return the JSON object on the last line a bench script prints."""
    result = subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=900,
                            check=False)
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr[-2000:]
    return json.loads(lines[-1])


def test_fuzz_script_reports_no_server_error_and_no_schema_violation() -> None:
    summary = last_json_line("bench/fuzz.py", "--requests", "150")
    assert set(summary) == {"requests", "server_errors", "schema_violations", "seconds"}
    assert summary["requests"] >= 150
    assert summary["server_errors"] == 0 and summary["schema_violations"] == 0


def test_load_script_drives_the_production_server_without_failures() -> None:
    summary = last_json_line("bench/load.py", "--users", "3", "--seconds", "8", "--workers", "1", "--threads", "4")
    assert set(summary) == {"users", "seconds", "requests", "failures", "p95_ms", "rps"}
    assert summary["users"] == 3 and summary["requests"] > 0 and summary["failures"] == 0
    assert all(isinstance(ms, int) for ms in summary["p95_ms"].values())
