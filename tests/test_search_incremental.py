"""The search index of an incremental build equals a clean build's, whatever happened in between.

A hypothesis state machine adds, edits, redates and deletes articles on a small site
whose index is cut into shards of a few articles, so a change reaches one shard, its
neighbour, or a new one, while the others come from the memo (this process's last
build, or the shard cache on disk when a new process builds), and an edited shard is
patched (at most two edited or added articles each here, pagefind_patch.py) or indexed whole. After
every step the incremental build's index must answer every query as a clean build's does
(no cache, no memo, fresh folder): the same pages with the same text, metadata and
filters, the same pages for every indexed word, each shard in the same order; where no
shard is patched, the same bytes. It must also hold every article exactly once.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, initialize, invariant, multiple, rule

from newsgen.build import memo as cache_module
from newsgen.build.builder import BuildOptions, build
from newsgen.search import bundle_files, pagefind_bundle, index as search
from newsgen.site.config import load_config
from tests.search_answers import assert_same_answers

WORDS = ["Москві", "Києва", "Львові", "зебра", "Рютте", "війни", "економіка", "культурою", "Одесі", "НАТО"]
DAYS = ["2025-12-31", "2026-01-01", "2026-01-31", "2026-02-01", "2026-02-02", "2026-02-03"]
SMALL_SHARDS = search.Sharding(least=1, mean=4, most=4, patch_most=2)


def index_files(output: Path) -> dict[str, bytes]:
    bundle = output / search.BUNDLE
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


def indexed_pages(files: dict[str, bytes]) -> int:
    shards = json.loads(files[f"{search.BUNDLE}/{bundle_files.SHARDS}"])["shards"]
    return sum(info["page_count"] for shard in shards for info in
               json.loads(files[f"{search.BUNDLE}/{shard}/pagefind-entry.json"])["languages"].values())


class SearchIndexBuilds(RuleBasedStateMachine):
    articles = Bundle("articles")

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="newsgen-search-incremental-"))
        self.site = self.root / "site"
        (self.site / "content").mkdir(parents=True)
        (self.site / "newsgen.yaml").write_text("title: Архів\nbase_url: https://example.org/a/\n", encoding="utf-8")
        self.counter = 0

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _write(self, path: Path, day: str, words: list[str]) -> None:
        path.write_text(f"---\ntitle: Стаття {path.stem} {words[0]}\ndate: {day}\n---\n{' '.join(words)}.\n",
                        encoding="utf-8")

    @initialize(target=articles)
    def archive(self) -> object:
        """Six articles to start with: two shards or more."""
        paths = []
        for number, day in enumerate(DAYS):
            paths.append(self.site / "content" / f"0{number}.md")
            self._write(paths[-1], day, [WORDS[number], WORDS[-number]])
        return multiple(*paths)

    @rule(target=articles, day=st.sampled_from(DAYS), words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    def add_article(self, day: str, words: list[str]) -> Path:
        self.counter += 1
        path = self.site / "content" / f"{self.counter:03d}.md"
        self._write(path, day, words)
        return path

    @rule(target=articles, words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    def add_newest_article(self, words: list[str]) -> Path:
        """A newsroom's everyday change: an article newer than all, which joins the newest shard as a patch."""
        self.counter += 1
        path = self.site / "content" / f"{self.counter:03d}.md"
        self._write(path, f"2026-02-{min(3 + self.counter, 11):02d}", words)  # (published: before SOURCE_DATE_EPOCH)
        return path

    @rule(path=articles, words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    def edit_article(self, path: Path, words: list[str]) -> None:
        if path.exists():
            day = path.read_text(encoding="utf-8").split("date: ", 1)[1].split("\n", 1)[0]
            self._write(path, day, words + ["редаговано"])

    @rule(path=articles, day=st.sampled_from(DAYS))
    def redate_article(self, path: Path, day: str) -> None:
        """A new date moves the article to another place in the order, maybe another shard."""
        if path.exists():
            text = path.read_text(encoding="utf-8")
            old = text.split("date: ", 1)[1].split("\n", 1)[0]
            path.write_text(text.replace(f"date: {old}", f"date: {day}", 1) + "\nПеренесено.\n", encoding="utf-8")

    @rule(path=consumes(articles))
    def delete_article(self, path: Path) -> None:
        path.unlink(missing_ok=True)

    @rule()
    def new_process(self) -> None:
        """The next build runs in a new process (the command line): only the shard cache on disk remains."""
        pagefind_bundle._recent.clear()
        pagefind_bundle._bases.clear()

    @invariant()
    def index_equals_a_clean_builds(self) -> None:
        articles = len(list((self.site / "content").glob("*.md")))
        if not articles:
            return
        build(load_config(self.site, {"output_dir": str(self.root / "incremental")}), BuildOptions(jobs=1))
        pagefind_bundle._recent.clear()  # the clean build indexes every shard itself
        pagefind_bundle._bases.clear()
        clean_dir = self.root / "clean"
        shutil.rmtree(clean_dir, ignore_errors=True)
        build(load_config(self.site, {"output_dir": str(clean_dir)}), BuildOptions(jobs=1, cache=False))
        incremental, clean = index_files(self.root / "incremental"), index_files(clean_dir)
        assert_same_answers(incremental, clean)
        if not json.loads(incremental[f"{search.BUNDLE}/{bundle_files.SHARDS}"])["edits"]:
            assert incremental == clean
        assert indexed_pages(clean) == articles
        shards = json.loads(clean[f"{search.BUNDLE}/{bundle_files.SHARDS}"])["shards"]
        assert len(shards) >= -(-articles // SMALL_SHARDS.most)  # no shard holds more than ``most``
        assert bundle_files.missing_files(clean) == []


@pytest.fixture(autouse=True)
def small_shards(monkeypatch) -> None:
    monkeypatch.setattr(search, "SHARDING", SMALL_SHARDS)
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)  # every edit here changes the file's size
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770854400")
    monkeypatch.setattr(pagefind_bundle, "_recent", {})
    monkeypatch.setattr(pagefind_bundle, "_bases", {})


SearchIndexBuilds.TestCase.settings = settings(
    max_examples=4, stateful_step_count=6, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
test_search_index_of_incremental_builds_equals_clean_builds = SearchIndexBuilds.TestCase
