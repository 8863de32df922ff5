"""The package's imports point down its layers and never loop.

Layers, top to bottom: the adapters (MkDocs, macros, Markdown, command line and its Zensical
staging build), the core (the site, rendering, links, bundles), the kinds
(``kinds/<kind>/``), and the data and formulas beneath them all. A module may import its own
layer or a lower one; an import inside a function counts like any other (it is not a way
around a cycle).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "plugin" / "guidekit"

# (layer, module prefixes), top first; a module is in the layer of its longest prefix.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("adapters", ("guidekit.plugin", "guidekit.config", "guidekit.pages", "guidekit.macros",
                  "guidekit.markdown", "guidekit.standalone", "guidekit.__main__",
                  "guidekit.pdf", "guidekit.staging", "guidekit.__init__")),
    ("core", ("guidekit.core", "guidekit.render", "guidekit.links", "guidekit.printing",
              "guidekit.reading", "guidekit.embeds", "guidekit.bundles", "guidekit.csp",
              "guidekit.export", "guidekit.scaffold")),
    ("kinds", ("guidekit.kinds",)),
    ("data", ("guidekit.data", "guidekit.formulas", "guidekit.composite", "guidekit.load",
              "guidekit.queueing", "guidekit.units",
              "guidekit.text", "guidekit.i18n", "guidekit.names")),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1 and parts != ["guidekit", "__init__"]:
        parts.pop()
    return ".".join(parts)


def package_of(path: Path) -> str:
    """The package relative imports in this file start from."""
    name = module_name(path)
    return name if path.name == "__init__.py" and name != "guidekit.__init__" else (
        "guidekit" if name == "guidekit.__init__" else name.rsplit(".", 1)[0])


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """guidekit modules this file imports (at any depth of its code)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("guidekit"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_of(path).split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("guidekit"):
                continue
            for alias in node.names:  # `from . import calculator` names a module
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in modules else target)
    return {_known(name, modules) for name in found} - {""}


def _known(name: str, modules: set[str]) -> str:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name


def import_graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in files}
    return {module_name(p): imports_of(p, modules) - {module_name(p)} for p in files}


def layer_of(module: str) -> int:
    best, rank = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    return rank


def upward_imports(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """'a -> b' for every import of a higher layer (a smaller rank) than the importer's."""
    return [f"{source} ({LAYERS[layer_of(source)][0]}) -> {target} "
            f"({LAYERS[layer_of(target)][0]})"
            for source, targets in sorted(graph.items()) for target in sorted(targets)
            if layer_of(target) < layer_of(source)]


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every import cycle found by a depth-first walk (each reported once, from its start).

    A package importing its own submodules, and those importing siblings through it, is how
    Python packages work: edges from a package to a module inside it are not counted."""
    def edges(module: str) -> list[str]:
        return sorted(t for t in graph.get(module, ()) if not t.startswith(module + "."))

    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in edges(module):
            if state.get(target) == 1:
                found.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def test_every_module_has_a_layer() -> None:
    graph = import_graph()
    assert len(graph) > 50
    assert [m for m in graph if layer_of(m) < 0] == []


def test_imports_point_down_the_layers() -> None:
    assert upward_imports(import_graph()) == []


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_checks_see_a_cycle_and_an_upward_import() -> None:
    """The walk above can fail: a made-up graph with a loop and an import pointing up."""
    graph = {"guidekit.data.catalog": {"guidekit.kinds.deck.cards"},
             "guidekit.kinds.deck.cards": {"guidekit.data.catalog"}}
    assert upward_imports(graph) == [
        "guidekit.data.catalog (data) -> guidekit.kinds.deck.cards (kinds)"]
    assert cycles(graph) == [["guidekit.data.catalog", "guidekit.kinds.deck.cards",
                              "guidekit.data.catalog"]]


def test_relative_imports_are_resolved() -> None:
    graph = import_graph()
    assert "guidekit.data.catalog" in graph["guidekit.kinds.base"]
    assert "guidekit.kinds.calculator" in graph["guidekit.kinds.flow.check"]
    assert "guidekit.kinds.list" in graph["guidekit.kinds.registry"]
