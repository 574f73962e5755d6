"""The import rules and size limits of the package, checked on the source of every module.

Layers, lowest first: the core modules at the top of the package (errors, records, yamlmap,
digests and newsgen/__init__.py) import nothing of newsgen but each other; then
text < urls < sources < site < plan < render < search < build < serve < cli, each importing
only the core, its own package and the packages before it. No two modules import each other,
directly or round a longer loop. Every import counts, at the top or inside a function; one under
``if TYPE_CHECKING`` counts for the layers (a type from a higher layer is a dependency on it
too) but not for cycles (it is never run: two records may name each other's types).
"""

from __future__ import annotations

import ast
import itertools
import warnings
from pathlib import Path

import pytest

import newsgen

PACKAGE_ROOT = Path(newsgen.__file__).parent
CORE = frozenset({"newsgen", "newsgen.errors", "newsgen.records", "newsgen.yamlmap", "newsgen.digests"})
LAYERS = ("text", "urls", "sources", "site", "plan", "render", "search", "build", "serve", "cli")
TOP_LEVEL_ENTRY = "newsgen.__main__"  # `python -m newsgen`: the command line's own door
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# Known breaks, each waiting for the helper whose work removes it (issue 21). Only these pass:
# any other break fails, and so does a listed one that grows (a longer cycle, say).
KNOWN_LAYER_BREAKS: set[tuple[str, str]] = set()
KNOWN_CYCLES: set[frozenset[str]] = set()
KNOWN_LONG_MODULES: set[str] = set()
KNOWN_LONG_FUNCTIONS: set[str] = set()


# --- reading the package ----------------------------------------------------------------------

def find_modules(root: Path) -> dict[str, Path]:
    """Every module under ``root`` (a package folder) by its dotted name."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imported_modules(name: str, path: Path, modules: dict[str, Path], type_only: bool = True) -> set[str]:
    """The package's modules that module ``name`` imports, wherever the import statement is
    (with ``type_only`` False, not those under ``if TYPE_CHECKING:``)."""
    package_name = name.split(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skipped = set() if type_only else {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                                       and "TYPE_CHECKING" in ast.unparse(block.test) for node in ast.walk(block)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, path.name == "__init__.py", node)
            # `from package import name`: the submodule when there is one, else the package itself
            found.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names)
    return {target for target in found if target.split(".")[0] == package_name and target != name}


def _absolute(name: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = name.split(".") if is_package else name.split(".")[:-1]
    parts = parts[:len(parts) - node.level + 1]
    return ".".join([*parts, node.module] if node.module else parts)


def import_graph(root: Path, type_only: bool = True) -> dict[str, set[str]]:
    """Each module's imports of the package's modules; ``type_only`` False leaves out those for type checkers."""
    modules = find_modules(root)
    return {name: imported_modules(name, path, modules, type_only) & modules.keys() for name, path in modules.items()}


# --- the rules ---------------------------------------------------------------------------------

def layer_of(module: str) -> int:
    """-1 for the core; the index in LAYERS for a module of a sub-package."""
    if module in CORE or module.startswith("newsgen.records."):
        return -1
    if module == TOP_LEVEL_ENTRY:
        return len(LAYERS) - 1
    package = module.split(".")[1]
    if package not in LAYERS:
        raise AssertionError(f"{module} is in no layer: add its package to LAYERS, where it belongs in the order")
    return LAYERS.index(package)


def layer_breaks(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    """(importer, imported) for each import of a higher layer."""
    return {(module, target) for module, targets in graph.items() for target in targets
            if layer_of(target) > layer_of(module)}


def import_cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The groups of modules that import each other round a loop (Tarjan's strongly connected components)."""
    order, low, stack, on_stack, cycles = {}, {}, [], set(), set()
    counter = itertools.count()

    def visit(module: str) -> None:
        order[module] = low[module] = next(counter)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.add(frozenset(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return cycles


def long_modules(root: Path) -> dict[str, int]:
    """Modules over MAX_MODULE_LINES, by their path from the package's parent folder."""
    sizes = {_shown(path, root): len(path.read_text(encoding="utf-8").splitlines()) for path in root.rglob("*.py")}
    return {path: lines for path, lines in sizes.items() if lines > MAX_MODULE_LINES}


def long_functions(root: Path) -> dict[str, int]:
    """Functions and methods over MAX_FUNCTION_LINES (from `def` to their last line), as path:name."""
    found = {}
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if lines > MAX_FUNCTION_LINES:
                    found[f"{_shown(path, root)}:{node.name}"] = lines
    return found


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root.parent).as_posix()


def _unexpected(found: set | dict, known: set, what: str) -> list:
    stale = known - set(found)
    if stale:  # fixed: the lead engineer deletes its line (a warning, so a helper's merge never fails on it)
        warnings.warn(f"{what} no longer found, remove from the known list: {sorted(map(str, stale))}", stacklevel=2)
    return sorted((item, found[item]) if isinstance(found, dict) else item for item in set(found) - known)


# --- the package as it is ----------------------------------------------------------------------

def test_no_module_imports_a_higher_layer() -> None:
    breaks = _unexpected(layer_breaks(import_graph(PACKAGE_ROOT)), KNOWN_LAYER_BREAKS, "layer breaks")
    assert not breaks, "a lower layer imports a higher one (see the order in this file's docstring): " + \
        "; ".join(f"{module} imports {target}" for module, target in breaks)


def test_no_import_cycle_between_modules() -> None:
    cycles = _unexpected(import_cycles(import_graph(PACKAGE_ROOT, type_only=False)), KNOWN_CYCLES, "import cycles")
    assert not cycles, "modules that import each other: " + "; ".join(" <-> ".join(sorted(c)) for c in cycles)


def test_modules_and_functions_stay_short() -> None:
    modules = _unexpected(long_modules(PACKAGE_ROOT), KNOWN_LONG_MODULES, "long modules")
    functions = _unexpected(long_functions(PACKAGE_ROOT), KNOWN_LONG_FUNCTIONS, "long functions")
    assert not modules, f"modules over {MAX_MODULE_LINES} lines (split them by what they do): {modules}"
    assert not functions, f"functions over {MAX_FUNCTION_LINES} lines (name their steps): {functions}"


def test_every_module_is_in_a_layer() -> None:
    for module in find_modules(PACKAGE_ROOT):
        layer_of(module)  # raises for a package the rules do not know


# --- the checks themselves, on a small made-up package ----------------------------------------

def make_package(root: Path, files: dict[str, str]) -> Path:
    """A package called newsgen under ``root`` with the layers' folders and ``files`` (path: source)."""
    package = root / "newsgen"
    for folder in ("", *LAYERS):
        (package / folder).mkdir(parents=True, exist_ok=True)
        (package / folder / "__init__.py").touch()
    for relative, source in files.items():
        (package / relative).write_text(source, encoding="utf-8")
    return package


def test_an_import_of_a_higher_layer_is_found_wherever_it_is(tmp_path: Path) -> None:
    package = make_package(tmp_path, {
        "errors.py": "def f():\n    from newsgen.site import config\n",  # the core, inside a function
        "site/config.py": "from newsgen.text import slugs\n",  # allowed: a lower layer
        "text/slugs.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from newsgen.cli import main\n",
        "cli/main.py": "from newsgen import errors\nfrom newsgen.build import builder\nimport newsgen.serve.server\n",
        "build/builder.py": "from ..site import config\nfrom . import output\n",  # relative imports, allowed
        "build/output.py": "", "serve/server.py": "",
    })
    assert layer_breaks(import_graph(package)) == {
        ("newsgen.errors", "newsgen.site.config"), ("newsgen.text.slugs", "newsgen.cli.main"),
    }


def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    package = make_package(tmp_path, {
        "build/builder.py": "def build():\n    from newsgen.build import pipeline\n",
        "build/pipeline.py": "from newsgen.build.memo import Memo\n",
        "build/memo.py": "from newsgen.build.builder import build\nclass Memo: ...\n",
        "build/output.py": "from newsgen.build import memo\n",  # imports the loop, is not in it
        "plan/pages.py": "from newsgen.plan.desks import Desk\nclass Group: ...\n",
        "plan/desks.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from newsgen.plan.pages import Group\n",
    })
    assert import_cycles(import_graph(package, type_only=False)) == {
        frozenset({"newsgen.build.builder", "newsgen.build.pipeline", "newsgen.build.memo"}),
    }, "a loop closed only for type checkers is none"
    assert frozenset({"newsgen.plan.pages", "newsgen.plan.desks"}) in import_cycles(import_graph(package))


def test_a_package_without_cycles_or_breaks_passes(tmp_path: Path) -> None:
    package = make_package(tmp_path, {
        "text/slugs.py": "import re\n", "urls/routes.py": "from newsgen.text.slugs import re\n",
        "cli/main.py": "from newsgen.urls import routes\nfrom newsgen.text import slugs\n",
    })
    graph = import_graph(package)
    assert graph["newsgen.cli.main"] == {"newsgen.urls.routes", "newsgen.text.slugs"}
    assert layer_breaks(graph) == set() and import_cycles(graph) == set()


def test_long_modules_and_functions_are_found(tmp_path: Path) -> None:
    lines = [f"        x{n} = {n}\n" for n in range(MAX_FUNCTION_LINES)]
    package = make_package(tmp_path, {
        "site/long.py": "\n" * MAX_MODULE_LINES + "X = 1\n",
        "site/short.py": "\n" * (MAX_MODULE_LINES - 1) + "X = 1\n",  # just at the limit
        "plan/pages.py": "class Plan:\n    def plan(self):\n" + "".join(lines)  # its def and 60 lines: too long
                         + "    def brief(self):\n" + "".join(lines[1:]),  # just at the limit
    })
    assert long_modules(package) == {"newsgen/site/long.py": MAX_MODULE_LINES + 1}
    assert long_functions(package) == {"newsgen/plan/pages.py:plan": MAX_FUNCTION_LINES + 1}


def test_a_fixed_known_break_is_reported_for_removal() -> None:
    with pytest.warns(UserWarning, match="no longer found"):
        assert _unexpected({"a"}, {"a", "b"}, "layer breaks") == []
