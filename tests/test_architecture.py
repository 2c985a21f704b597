"""The import graph of the package has no cycles between modules (issue 13, first step).

Read from the source with ``ast`` (imports under ``TYPE_CHECKING`` count too: a cycle
there is still two modules that cannot be understood one without the other).
"""

from __future__ import annotations

import ast
from pathlib import Path

import saidwho

ROOT = Path(saidwho.__file__).parent


def _modules() -> dict[str, Path]:
    out = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def import_graph() -> dict[str, set[str]]:
    """Module -> the saidwho modules it imports."""
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                # "from . import queries" imports the submodule, not the package's own code
                submodules = [f"{target}.{a.name}" for a in node.names
                              if f"{target}.{a.name}" in modules]
                candidates = submodules if len(submodules) == len(node.names) else [
                    *submodules, target]
            elif isinstance(node, ast.Import):
                candidates = [a.name for a in node.names]
            else:
                continue
            for candidate in candidates:
                if candidate in modules and candidate != name:
                    graph[name].add(candidate)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_between_modules():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# Layers, lowest first (docs/architecture.md): a module may import its own layer and the
# ones below it, never one above.
LAYERS = [
    ("model and reading", ("saidwho.model", "saidwho.schema", "saidwho.errors", "saidwho.io",
                           "saidwho.defaults", "saidwho.language")),
    ("pipeline and entities", ("saidwho.pipeline", "saidwho.entities")),
    ("engine, statements, evaluation", ("saidwho.learn", "saidwho.statements", "saidwho.evaluate",
                                        "saidwho.extract", "saidwho.bench",
                                        "saidwho.highlight", "saidwho.render",
                                        "saidwho.processes")),
    ("store and cluster", ("saidwho.store", "saidwho.spark_job")),
    ("interfaces", ("saidwho.web", "saidwho.cli", "saidwho.__main__")),
]


def layer_of(module: str) -> int | None:
    """The layer of a module: the most specific prefix that names it."""
    best: tuple[int, int] | None = None
    for k, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            named = module == prefix or module.startswith(prefix + ".")
            if named and (best is None or len(prefix) > best[1]):
                best = (k, len(prefix))
    return best[0] if best else None


def test_no_module_imports_a_layer_above_its_own():
    graph = import_graph()
    upward = [(m, t) for m, targets in graph.items() for t in targets
              if layer_of(m) is not None and layer_of(t) is not None
              and layer_of(t) > layer_of(m)]  # type: ignore[operator]
    assert upward == []


def test_every_module_has_a_layer():
    assert [m for m in import_graph() if m != "saidwho" and layer_of(m) is None] == []
