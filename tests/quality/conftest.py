"""Sites for the quality checks: the sample site and a generated 1,000-article corpus, built once per run.

Each build is made lazily, the first time a test asks for it, and timed; the
times are printed at the end of the run (`quality: ...` lines), so a slow
corpus build shows in CI's log.
"""

from __future__ import annotations

import datetime
import importlib.util
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import build_project
from tests.quality.tools import Built

REPO = Path(__file__).parents[2]
HERE = Path(__file__).parent
CORPUS_SIZE = 1000
SUB_PATH = "https://archive.example.net/news/archive/"  # a host the corpus text never links to
# The corpus runs to 2025-12-14: a build "made" on 2025-12-15 has a non-empty news sitemap.
BUILD_EPOCH = str(int(datetime.datetime(2025, 12, 15, 12, tzinfo=datetime.UTC).timestamp()))
# The sample site runs to 2026-02-12: built the next day, it publishes every article (none is scheduled).
SAMPLE_EPOCH = str(int(datetime.datetime(2026, 2, 13, 12, tzinfo=datetime.UTC).timestamp()))
_timings: list[tuple[str, float]] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "quality: third-party checkers (Nu Html Checker, axe-core in Chromium, feedparser) on the sample "
        "site and a 1,000-article corpus; `-m 'not quality'` leaves them out of a quick run",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.quality)


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001 - pytest's reporter
    for name, seconds in _timings:
        terminalreporter.write_line(f"quality: {name} took {seconds:.1f} s")


def _build(name: str, site: Path, output: Path, base_url: str, epoch: str = BUILD_EPOCH) -> Built:
    started = time.perf_counter()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        report = build_project(site, base_url=base_url, output_dir=str(output))
    _timings.append((f"building {name} ({report.articles} articles, {report.pages} pages)",
                     time.perf_counter() - started))
    assert report.errors == [], f"{name} has source errors: {[str(d) for d in report.errors]}"
    assert report.articles > 0
    return Built(name, output, base_url)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("sample")
    for name in ("seeds", "content", "templates", "static"):  # the sample site's own templates and files too
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "newsgen.yaml", site / "newsgen.yaml")
    return site


@pytest.fixture(scope="session")
def sample_root(sample_site: Path) -> Built:
    return _build("the sample site at /", sample_site, sample_site / "build-root", "https://example.org/", SAMPLE_EPOCH)


@pytest.fixture(scope="session")
def sample_sub_path(sample_site: Path) -> Built:
    return _build("the sample site under a sub-path", sample_site, sample_site / "build-archive", SUB_PATH,
                  SAMPLE_EPOCH)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bench/corpus.py's 1,000 articles, as a seed site (OUT/seed) and a Markdown site (OUT/markdown)."""
    spec = importlib.util.spec_from_file_location("newsgen_bench_corpus", REPO / "bench" / "corpus.py")
    assert spec and spec.loader, "bench/corpus.py is missing"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("corpus")
    started = time.perf_counter()
    module.generate(CORPUS_SIZE, out, formats=("seed", "markdown"), seed=42)
    _timings.append((f"generating the {CORPUS_SIZE}-article corpus", time.perf_counter() - started))
    return out


@pytest.fixture(scope="session")
def corpus_markdown_root(corpus: Path) -> Built:
    site = corpus / "markdown"
    return _build("the Markdown corpus at /", site, site / "build-root", "https://bench.example.org/")


@pytest.fixture(scope="session")
def corpus_seed_sub_path(corpus: Path) -> Built:
    site = corpus / "seed"
    return _build("the seed corpus under a sub-path", site, site / "build-archive", SUB_PATH)


@pytest.fixture
def built(request: pytest.FixtureRequest) -> Built:
    """A site fixture chosen by name: ``@pytest.mark.parametrize("built", ["sample_root"], indirect=True)``."""
    return request.getfixturevalue(request.param)
