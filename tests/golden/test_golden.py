"""One small golden site, compared page by page as HTML structure.

Regenerate with `python -m tests.golden` after an intended change, and review the diff.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import build_project
from tests.golden.structure import html_structure, render_structure

HERE = Path(__file__).parent
SITE = HERE / "site"
EXPECTED = HERE / "expected"
BUILD_EPOCH = "1770854400"  # 2026-02-12T00:00:00Z
GOLDEN_PAGES = [
    "index.html",
    "2026/02/11/heneralnyi-sekretar-nato-mark-riutte-zaiavyv-shcho/index.html",
    "2026/02/10/nichne-metro-v-kyievi/index.html",
    "tags/index.html",
    "tags/kyiv/index.html",
    "2026/02/index.html",
    "archive/index.html",
    "404.html",
]


def build_golden_site() -> Path:
    workdir = Path(tempfile.mkdtemp(prefix="newsgen-golden-"))
    site = workdir / "site"
    shutil.copytree(SITE, site)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    try:
        report = build_project(site)
    finally:  # the clock is this build's only: left set, it held back later tests' articles as scheduled
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    assert report.errors == [], report.errors
    return site / "build"


@pytest.fixture(scope="module")
def golden_output() -> Path:
    output = build_golden_site()
    yield output
    shutil.rmtree(output.parent.parent, ignore_errors=True)


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_page_structure_matches_golden(golden_output: Path, page: str) -> None:
    expected = render_structure(html_structure((EXPECTED / page).read_text(encoding="utf-8")))
    actual_file = golden_output / page
    assert actual_file.is_file(), f"{page} was not built"
    actual = render_structure(html_structure(actual_file.read_text(encoding="utf-8")))
    assert actual == expected, f"{page} differs from tests/golden/expected; regenerate with `python -m tests.golden`"


def test_structure_comparison_sees_a_changed_attribute() -> None:
    assert html_structure('<a href="/x/">x</a>') != html_structure('<a href="/y/">x</a>')
    assert html_structure("<p>a   b\n</p>") == html_structure("<p>a b</p>")
