"""The package's imports form no cycle, function-level imports included; a build with nothing to do
stays light by module boundaries (it imports neither Markdown, Jinja nor the morphology)."""

from __future__ import annotations

import ast
import subprocess
import sys
import time
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "newsgen"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.Module, name: str, is_package: bool, known: set[str]) -> set[str]:
    """The package's modules that a module imports anywhere in it (in functions too), but for type
    checking only (``if TYPE_CHECKING:``)."""
    checking_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                     and "TYPE_CHECKING" in ast.unparse(block.test) for node in ast.walk(block)}
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in checking_only:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(max(0, node.level - 1)):
                base = base.rpartition(".")[0]
            module = (f"{base}.{node.module}" if node.module else base) if node.level else node.module or ""
            names = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(other for other in names if other in known and other != name)
    return found


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: imported(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py", set(paths))
            for name, path in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        while work:
            node, edges = work[-1]
            following = next((other for other in edges if other not in index or other in stack), None)
            if following is not None and following not in index:
                index[following] = low[following] = len(index)
                stack.append(following)
                work.append((following, iter(sorted(graph[following]))))
                continue
            if following is not None:
                low[node] = min(low[node], index[following])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = stack[stack.index(node):]
                del stack[stack.index(node):]
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_module_of_the_package_imports_itself_through_others() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import() -> None:
    tree = ast.parse("def later():\n    from newsgen.b import thing\n")
    graph = {"newsgen.a": imported(tree, "newsgen.a", False, {"newsgen.a", "newsgen.b"}),
             "newsgen.b": {"newsgen.c"}, "newsgen.c": {"newsgen.a"}, "newsgen.d": {"newsgen.a"}}
    assert cycles(graph) == [["newsgen.a", "newsgen.b", "newsgen.c"]]
    checking = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from newsgen.b import thing\n")
    assert imported(checking, "newsgen.a", False, {"newsgen.b"}) == set()


def test_a_build_with_nothing_to_do_imports_no_heavy_module(make_project) -> None:
    site = make_project({"content/a.md": "---\ntitle: Перша\ndate: 2026-02-01\n---\nТекст статті.\n",
                         "newsgen.yaml": "search: false\n"})
    written = time.time()
    script = (
        "import sys; from pathlib import Path; from newsgen.build.builder import BuildOptions, build; "
        "from newsgen.site.config import load_config; report = build(load_config(Path(sys.argv[1])), "
        "BuildOptions(jobs=1)); print(report.rendered, *(m for m in ('markdown', 'jinja2', 'pymorphy3') "
        "if m in sys.modules))"
    )
    time.sleep(max(0.0, 2.1 - (time.time() - written)))  # the sources' signatures are trusted from now on
    first = subprocess.run([sys.executable, "-c", script, str(site)], capture_output=True, text=True, check=True)
    assert first.stdout.split()[0] != "0" and "jinja2" in first.stdout.split(), "the first build renders the site"
    again = subprocess.run([sys.executable, "-c", script, str(site)], capture_output=True, text=True, check=True)
    assert again.stdout.split() == ["0"]
