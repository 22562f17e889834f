"""The ``craftroute`` command answers help and usage errors without the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

#: Libraries that take most of a second to import; none is needed to parse arguments.
HEAVY_MODULES = ("geopandas", "pandas", "shapely", "pyproj", "osmnx", "networkx", "scipy", "folium", "flask")

SUBCOMMANDS = ("villages", "crafts", "register", "build-graph", "route", "matrix", "coverage", "plan", "serve",
               "operator", "db", "packages", "calendar")


def imported_modules(*argv: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """Return the top-level modules ``python -X importtime -m craftroute *argv`` imported, and the run."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "craftroute", *argv],
                            capture_output=True, text=True, check=False, timeout=120)
    names = {line.split("|")[-1].strip().split(".")[0]
             for line in result.stderr.splitlines() if line.startswith("import time:")}
    return names, result


@pytest.mark.parametrize("argv", [("--help",), *((command, "--help") for command in SUBCOMMANDS)],
                         ids=lambda argv: " ".join(argv))
def test_help_imports_no_heavy_library(argv: tuple[str, ...]) -> None:
    names, result = imported_modules(*argv)
    assert result.returncode == 0
    assert "usage: craftroute" in result.stdout
    assert names.isdisjoint(HEAVY_MODULES), sorted(names & set(HEAVY_MODULES))


@pytest.mark.parametrize(("argv", "option"), [
    (("plan", "--interests", "nope", "--start", "x", "--days", "1"), "--interests"),
    (("plan", "--start", "Hoan Kiem Lake", "--days", "0"), "--days"),
    (("plan", "--start", "Hoan Kiem Lake", "--day-start", "25:00"), "--day-start"),
    (("route", "a"), "TO"),
    (("villages", "--format", "xml"), "--format"),
    (("nope",), "COMMAND"),
])
def test_usage_errors_answer_before_loading_data(argv: tuple[str, ...], option: str) -> None:
    names, result = imported_modules(*argv)
    assert result.returncode == 2
    error_lines = [line for line in result.stderr.splitlines() if not line.startswith("import time:")]
    assert len(error_lines) == 1 and option in error_lines[0], error_lines
    assert names.isdisjoint(HEAVY_MODULES), sorted(names & set(HEAVY_MODULES))


def test_a_real_command_still_loads_what_it_needs() -> None:
    """The guard above must not pass because nothing is ever imported: a real query loads GeoPandas."""
    names, result = imported_modules("villages", "--search", "bat trang", "--format", "json")
    assert result.returncode == 0, result.stderr[-500:]
    assert "Bát Tràng" in result.stdout
    assert "geopandas" in names
