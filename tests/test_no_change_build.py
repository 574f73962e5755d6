"""A build with nothing to do stays light by module boundaries: it imports neither Markdown, Jinja nor the
morphology (builder.py imports the recipe only when there is work; test_architecture holds that no
module imports another round a loop)."""

from __future__ import annotations

import subprocess
import sys
import time


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
