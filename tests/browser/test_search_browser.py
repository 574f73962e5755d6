"""A reader searches the archive: Chromium against the built site on a plain static server.

The site is served by the standard library's http.server on 127.0.0.1, at the root and
under a sub-path (/archive/), as any static host would serve it: no newsgen code runs
while searching. The sub-path build cuts the sample archive into several index shards,
the root build keeps it in one. The 1,000-article corpus test (three shards) queries
the same Pagefind index through Pagefind's own search API in the page.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from newsgen import search
from tests.conftest import build_project

pytestmark = pytest.mark.browser

REPO = Path(__file__).parents[2]
SEED_ROUTE = "2026/02/11/heneralnyi-sekretar-nato-mark-riutte-zaiavyv-shcho/"
SEED_TITLE = "Генеральний секретар НАТО Марк Рютте заявив"
TIMEOUT = 20_000


class StaticSite:
    """A folder served by http.server on 127.0.0.1 in a thread, as a static host would."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> Iterator[dict[str, str]]:
    """The sample archive built twice, at the root and under /archive/: {prefix: its URL}."""
    site = tmp_path_factory.mktemp("sample")
    for name in ("seeds", "content"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "newsgen.yaml", site / "newsgen.yaml")
    root, parent = site / "root", site / "host"
    parent.mkdir()
    assert build_project(site, output_dir=str(root)).errors == []
    with pytest.MonkeyPatch.context() as patch:  # a shard or two an article: "newest first" across shards
        patch.setattr(search, "SHARDING", search.Sharding(least=1, mean=2, most=2))
        assert build_project(site, output_dir=str(parent / "archive"),
                             base_url="https://example.org/archive/").errors == []
    assert len(json.loads((parent / "archive/pagefind/shards.json").read_text())["shards"]) >= 3
    servers = [StaticSite(root), StaticSite(parent)]
    yield {"/": servers[0].url, "/archive/": servers[1].url + "archive/"}
    for server in servers:
        server.close()


@pytest.fixture
def reader(page: Any) -> Any:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    return page


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
@pytest.mark.parametrize(("query", "marked"), [("Москва", {"Москвою", "Москві"}), ("Рютте", {"Рютте"})])
def test_reader_types_a_name_and_opens_the_seed_article(deployed, reader, prefix, query, marked) -> None:
    from playwright.sync_api import expect

    home = deployed[prefix]
    reader.goto(home)
    box = reader.locator("header form.site-search input[name=q]")
    box.fill(query)
    box.press("Enter")
    reader.wait_for_url(re.compile(re.escape(home) + r"search/\?q="), timeout=TIMEOUT)
    result = reader.locator(".search-result", has_text=SEED_TITLE)
    expect(result).to_be_visible(timeout=TIMEOUT)
    expect(reader.locator(".search-status")).to_contain_text("Знайдено")
    expect(result.locator(".dateline time")).to_have_text("11 лютого 2026")
    highlighted = set(result.locator(".search-excerpt mark").all_inner_texts())
    assert highlighted and highlighted <= marked, highlighted
    excerpt = result.locator(".search-excerpt").inner_text()
    assert search.LEMMA_MARK not in excerpt and "москва " not in excerpt  # the lemma list never shows
    result.locator("a").first.click()
    reader.wait_for_url(home + SEED_ROUTE, timeout=TIMEOUT)
    expect(reader.locator("h1")).to_contain_text(SEED_TITLE)
    assert reader.errors == []


def test_results_narrow_by_tag_and_year_and_the_address_keeps_them(deployed, reader) -> None:
    from playwright.sync_api import expect

    home = deployed["/archive/"]
    reader.goto(home + "search/?q=%D0%9B%D1%8C%D0%B2%D1%96%D0%B2")  # "Львів": the text says "у Львові"
    expect(reader.locator(".search-result-title")).to_have_text(["Різдвяний ярмарок у Львові: що варто знати"],
                                                                  timeout=TIMEOUT)
    assert reader.locator("#search-year option").all_text_contents() == ["Усі роки"]  # not counted until asked
    reader.locator(".search-options summary").click()
    expect(reader.locator("#search-year option")).to_have_text(["Усі роки", "2025 (1)"], timeout=TIMEOUT)
    reader.goto(home + "search/?year=2026&sort=newest")  # filters alone list their articles, newest first
    expect(reader.locator(".search-result").first).to_contain_text(SEED_TITLE, timeout=TIMEOUT)
    titles = reader.locator(".search-result-title").all_inner_texts()
    assert len(titles) == 3 and not any("Львові" in title for title in titles), titles
    assert reader.locator("#search-year").input_value() == "2026"
    reader.select_option("#search-tag", "Київ")
    expect(reader.locator(".search-result-title")).to_have_count(1, timeout=TIMEOUT)
    expect(reader.locator(".search-result-title")).to_contain_text("метро")
    assert "tag=%D0%9A%D0%B8%D1%97%D0%B2" in reader.url and "year=2026" in reader.url
    reader.go_back()
    expect(reader.locator(".search-result-title")).to_have_count(3, timeout=TIMEOUT)
    assert reader.errors == []


def test_inflected_query_falls_back_to_its_stem(deployed, reader) -> None:
    from playwright.sync_api import expect

    reader.goto(deployed["/"] + "search/?q=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B8")  # "Москви": not in the text
    expect(reader.locator(".search-result", has_text=SEED_TITLE)).to_be_visible(timeout=TIMEOUT)
    expect(reader.locator(".search-status")).to_contain_text("Москв")


def test_without_javascript_the_search_page_says_so_and_links_topics_and_archive(deployed, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        home = deployed["/archive/"]
        page.goto(home)
        page.fill("header form.site-search input[name=q]", "Москва")
        page.press("header form.site-search input[name=q]", "Enter")
        page.wait_for_url(re.compile(re.escape(home) + r"search/\?q="), timeout=TIMEOUT)
        assert "Для пошуку потрібен JavaScript" in page.locator("main").inner_text()
        page.get_by_role("link", name="Теми").last.click()
        page.wait_for_url(home + "tags/", timeout=TIMEOUT)
    finally:
        context.close()


# ------------------------------------------------------------------ 1,000 generated articles

QUERIES = ("київ", "одеса", "львів", "харків", "україна")  # the corpus mostly declines these names


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)  # type: ignore[union-attr]
    out = tmp_path_factory.mktemp("corpus")
    generator.generate(1000, out, formats=("markdown",), seed=42)
    site = out / "markdown"
    with pytest.MonkeyPatch.context() as patch:  # ranking holds across merged shards
        patch.setattr(search, "SHARDING", search.Sharding(least=200, mean=350, most=700))
        report = build_project(site, base_url="/")
    assert report.articles == 1000
    assert len(json.loads((site / "build/pagefind/shards.json").read_text())["shards"]) >= 2
    server = StaticSite(site / "build")
    yield server.url, site / "build"
    server.close()


def _article_texts(output: Path) -> dict[str, str]:
    """{article URL path: headline and text}, read back from the built article pages."""
    texts = {}
    for path in output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        body = page.select_one(".story-body")
        if body is not None:
            route = "/" + path.parent.relative_to(output).as_posix() + "/"
            texts[route] = page.select_one(".story-title").get_text() + "\n" + body.get_text("\n")
    return texts


def test_dictionary_forms_find_inflected_text_in_a_thousand_articles(corpus, page) -> None:
    url, output = corpus
    texts = _article_texts(output)
    assert len(texts) == 1000
    page.goto(url + "search/")
    found: dict[str, list[str]] = page.evaluate(
        """async (queries) => {
            const module = await import("/pagefind/pagefind.js");
            const { shards } = await (await fetch("/pagefind/shards.json")).json();
            const pagefind = module.createInstance({ basePath: `/pagefind/${shards[0]}/`, baseUrl: "/" });
            await pagefind.init();
            for (const shard of shards.slice(1)) await pagefind.mergeIndex(`/pagefind/${shard}/`, { baseUrl: "/" });
            const found = {};
            for (const query of queries) {
                const response = await pagefind.search(query);
                found[query] = await Promise.all(response.results.map(async (r) => (await r.data()).url));
            }
            return found;
        }""",
        list(QUERIES),
    )
    for lemma in QUERIES:
        words = {route: set(re.findall(r"[\w'’ʼ-]+", text.lower())) for route, text in texts.items()}
        inflected_only = {route for route, text in texts.items()
                          if lemma in dict(search.lemma_pairs(text, "uk"))
                          and not any(word.startswith(lemma) for word in words[route])}
        prefixed = {route for route in texts if any(word.startswith(lemma) for word in words[route])}
        exact = {route for route in texts if lemma in words[route]}
        assert len(inflected_only) >= 20, (lemma, len(inflected_only))  # the corpus declines these names
        assert inflected_only <= set(found[lemma]), (lemma, sorted(inflected_only - set(found[lemma]))[:5])
        assert prefixed <= set(found[lemma])
        ranked = found[lemma]
        if exact:  # articles with the word as typed rank above every article with only its forms
            assert max(ranked.index(r) for r in exact) < min(ranked.index(r) for r in inflected_only), lemma
    assert "україна" in re.findall(r"\w+", texts[found["україна"][0]].lower())  # exact first
