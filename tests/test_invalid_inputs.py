"""Broken inputs as data: each folder under tests/invalid/ is a site with one problem.

``expected.txt`` holds the exact `path:line[:column]: message` lines (paths relative
to the site). Every case also has a good article, which must still be built.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsgen.cli.main import main

CASES = sorted(p for p in (Path(__file__).parent / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_named_and_the_rest_is_built(case: Path, tmp_path: Path, capsys) -> None:
    site = tmp_path / case.name
    shutil.copytree(case, site)
    expected = (site / "expected.txt").read_text(encoding="utf-8").splitlines()
    status = main(["build", str(site), "--base-url", "https://example.org/"])  # else a warning says it is missing
    captured = capsys.readouterr()
    problems = [line.replace(f"{site.resolve()}/", "").split(" (")[0] for line in captured.err.splitlines()]
    assert problems == expected
    assert status == 1
    assert "Добра стаття" in (site / "build/index.html").read_text(encoding="utf-8")
    assert (site / "build/2026/01/05/dobra-stattia/index.html").is_file()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_strict_writes_nothing(case: Path, tmp_path: Path, capsys) -> None:
    site = tmp_path / case.name
    shutil.copytree(case, site)
    assert main(["build", str(site), "--strict"]) == 1
    assert "--strict" in capsys.readouterr().err
    assert not (site / "build").exists()
