"""The package layout: imports flow geodata -> planner -> web -> craftroute, with no cycles.

Every ``import`` statement of the project's modules is read with :mod:`ast` (including
those inside functions and under ``TYPE_CHECKING``) and resolved to a project module.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Each layer, and the layers it may import.
LAYERS: dict[str, set[str]] = {
    "geodata": set(),
    "planner": {"geodata"},
    "web": {"geodata", "planner"},
    "craftroute": {"geodata", "planner", "web"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(path): path for layer in LAYERS for path in (ROOT / layer).rglob("*.py")}


def imported_names(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Return the project modules that the module ``name`` at ``path`` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> nx.DiGraph:
    modules = project_modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        graph.add_edges_from((name, target) for target in imported_names(name, path, modules))
    return graph


def test_the_graph_sees_the_known_imports() -> None:
    graph = import_graph()
    assert graph.has_edge("planner.itinerary.plan", "planner.optimiser")
    assert graph.has_edge("web.planning", "planner.itinerary.map")
    assert graph.has_edge("planner.routing.router", "planner.routing.graph")


def test_no_module_imports_one_that_imports_it_back() -> None:
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == []


@pytest.mark.parametrize("layer", LAYERS)
def test_imports_point_one_way_between_layers(layer: str) -> None:
    wrong = sorted((source, target) for source, target in import_graph().edges
                   if source.split(".")[0] == layer and target.split(".")[0] not in LAYERS[layer] | {layer})
    assert wrong == []


def test_no_flask_below_the_web_layer() -> None:
    for layer in ("geodata", "planner"):
        for path in (ROOT / layer).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                     for alias in node.names}
            names |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                      if isinstance(node, ast.ImportFrom) and not node.level}
            assert "flask" not in names, path


@pytest.mark.parametrize("package", ["geodata", "planner", "planner.routing", "planner.geocode", "planner.itinerary",
                                     "web"])
def test_every_public_name_of_a_package_top_resolves(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None, f"{package}.{name}"


@pytest.mark.parametrize("package", sorted(
    module_name(path) for layer in LAYERS for path in (ROOT / layer).rglob("__init__.py")))
def test_every_package_says_what_it_owns(package: str) -> None:
    doc = importlib.import_module(package).__doc__
    assert doc and len(doc.split()) >= 8, package
