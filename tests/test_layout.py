"""The package's layout rules, read from every module's imports (see STYLE.md, "The layout").

- No import cycles among ``lambdanet_edu`` modules, counting imports under ``TYPE_CHECKING`` and
  inside functions: they are cycles a reader has to follow all the same.
- A private module ``a/b/_x.py`` is imported only from inside ``a/b/``; the model's own private
  modules (``lambdanet_edu/_checks.py``) only by the model, never by the course.
- A private module imports neither its package's ``__init__`` nor a public sibling that imports
  it back: private modules are leaves under the public ones.
- The model never imports the course: it must stay importable and testable on its own.

Each failure prints the import graph, one module a line, so the offending edge can be found.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import lambdanet_edu

PACKAGE_DIR = Path(lambdanet_edu.__file__).parent
ROOT = "lambdanet_edu"
# The course: everything else in the package is the model.
COURSE = ("lambdanet_edu.course",)

# Cycles known and owned elsewhere; each entry must still name existing modules, so a stale entry
# fails. None today: keep it that way.
KNOWN_CYCLES: set[frozenset[str]] = set()


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name; a package is its ``__init__``."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def _imports(module: str) -> Iterator[str]:
    """The package modules ``module`` imports, wherever the import statement is.

    ``from pkg import name`` imports ``pkg`` (its ``__init__`` runs), and ``pkg.name`` too
    when that is a module. Names that are not modules of the package are left out.
    """
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if _is_package(module) else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if source in MODULES:
                yield source
            yield from (f"{source}.{a.name}" for a in node.names
                        if f"{source}.{a.name}" in MODULES)


GRAPH = {module: sorted(set(_imports(module)) - {module}) for module in MODULES}


def _shown() -> str:
    return "\nimport graph (module -> the package modules it imports):\n" + "\n".join(
        f"  {module} -> {', '.join(targets) or '-'}" for module, targets in GRAPH.items())


def _in(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _is_model(module: str) -> bool:
    return not _in(module, COURSE)


def _private_scope(module: str) -> str | None:
    """The package a private module belongs to (None for a public module)."""
    parts = module.split(".")
    for i, part in enumerate(parts):
        if part.startswith("_"):
            return ".".join(parts[:i])
    return None


def _cycles() -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in GRAPH:
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_imports_under_type_checking_and_inside_functions() -> None:
    # cli imports the egress model inside a function; scenario imports the VPC inside one.
    assert "lambdanet_edu.egress" in GRAPH["lambdanet_edu.cli"], _shown()
    assert "lambdanet_edu.network.vpc" in GRAPH["lambdanet_edu.scenario"], _shown()


def test_no_import_cycles() -> None:
    for known in KNOWN_CYCLES:
        assert known <= MODULES.keys(), f"remove the stale KNOWN_CYCLES entry {sorted(known)}"
    cycles = [c for c in _cycles() if frozenset(c) not in KNOWN_CYCLES]
    assert cycles == [], f"import cycles: {cycles}{_shown()}"


def test_private_modules_are_imported_only_inside_their_package() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        for target in targets:
            scope = _private_scope(target)
            if scope is None:
                continue
            outside = not (module == scope or module.startswith(scope + "."))
            # The model's own private modules (lambdanet_edu/_checks.py) serve the model only.
            course_uses_model_private = scope == ROOT and not _is_model(module)
            if outside or course_uses_model_private:
                wrong.append(f"{module} -> {target}")
    assert wrong == [], f"private modules imported from outside their package: {wrong}{_shown()}"


def test_private_modules_are_leaves_under_their_public_siblings() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        package, _, name = module.rpartition(".")
        if not name.startswith("_"):
            continue
        for target in targets:
            if target == package:
                wrong.append(f"{module} -> {target} (its own package's __init__)")
            elif (target.rpartition(".")[0] == package and _private_scope(target) is None
                  and module in GRAPH[target] and frozenset({module, target}) not in KNOWN_CYCLES):
                wrong.append(f"{module} -> {target} (a public sibling that imports it back)")
    assert wrong == [], f"private modules that are not leaves: {wrong}{_shown()}"


def test_the_model_never_imports_the_course() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        if not _is_model(module):
            continue
        wrong += [f"{module} -> {t}" for t in targets if _in(t, COURSE)]
    assert wrong == [], f"the model imports the course: {wrong}{_shown()}"


def test_importing_the_model_loads_no_course_module() -> None:
    model = sorted(m for m in MODULES if _is_model(m))
    code = ("import importlib, json, sys\n"
            f"for name in {model!r}:\n"
            "    importlib.import_module(name)\n"
            "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True,
                         check=True, cwd=PACKAGE_DIR.parent)
    loaded = [m for m in json.loads(out.stdout) if _in(m, COURSE)]
    assert loaded == [], f"importing the model loaded {loaded}{_shown()}"
