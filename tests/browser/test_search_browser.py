"""A reader searches the archive: Chromium against the built site on a plain static server.

The site is served by the standard library's http.server on 127.0.0.1, at the root and
under a sub-path (/archive/), as any static host would serve it: no newsgen code runs
while searching. The sub-path build cuts the sample archive into several index shards,
the root build keeps it in one; the 1,000-article corpus is built once, in three shards.

What a query must find is worked out here from the built article pages, with the same
dictionary (pymorphy3) but none of search.js: a word in no article, in no form, finds
nothing; a dictionary form finds every article with one of its forms, those with the
word as written first.
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
from typing import Any, NamedTuple
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from newsgen.search import index as search
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


class Deployed(NamedTuple):
    urls: dict[str, str]  # {"/" or "/archive/": the site's URL}
    texts: dict[str, str]  # {article route: headline and text}, from the root build


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> Iterator[Deployed]:
    """The sample archive built twice, at the root and under /archive/."""
    site = tmp_path_factory.mktemp("sample")
    for name in ("seeds", "content", "templates", "static"):
        if (REPO / name).is_dir():
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
    yield Deployed({"/": servers[0].url, "/archive/": servers[1].url + "archive/"}, _article_texts(root, "uk"))
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

    home = deployed.urls[prefix]
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
    assert "москва " not in excerpt and "москва:" not in excerpt  # the dictionary forms never show
    result.locator("a").first.click()
    reader.wait_for_url(home + SEED_ROUTE, timeout=TIMEOUT)
    expect(reader.locator("h1")).to_contain_text(SEED_TITLE)
    assert reader.errors == []


def test_results_narrow_by_tag_and_year_and_the_address_keeps_them(deployed, reader) -> None:
    from playwright.sync_api import expect

    home = deployed.urls["/archive/"]
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


def test_an_inflected_form_widens_to_every_form_of_its_word(deployed, reader) -> None:
    from playwright.sync_api import expect

    reader.goto(deployed.urls["/"] + "search/?q=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D1%96")  # "Москві"
    result = reader.locator(".search-result", has_text=SEED_TITLE)
    expect(result).to_be_visible(timeout=TIMEOUT)
    expect(reader.locator(".search-status")).to_contain_text("«москва»")  # says it widened, and to what
    assert set(result.locator(".search-excerpt mark").all_inner_texts()) <= {"Москві", "Москвою"}


# Words in no article of the sample, in no form; some start with a word that is there
# ("з", "у", "НАТО"), which Pagefind alone would match instead; "Моск" and "—" are no words.
SAMPLE_ABSENT = ("зебра", "Берлін", "кит", "Вашингтоні", "узбережжя", "натовський", "Моск", "—")
# Dictionary forms the sample has only inflected: "у Москві", "з Москвою", "у Львові".
SAMPLE_INFLECTED = ("Москва", "Львів")


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
def test_a_word_in_no_article_in_no_form_finds_nothing_and_says_so(deployed, reader, prefix) -> None:
    for word in SAMPLE_ABSENT:
        assert not _found_in(deployed.texts, word), word  # the list is right: the word is in no form there
        status, routes = _ask(reader, deployed.urls[prefix], word)
        assert routes == [] and status == f"За запитом «{word}» нічого не знайдено.", (word, status, routes)
    assert reader.errors == []


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
def test_a_dictionary_form_finds_exactly_the_articles_with_its_forms(deployed, reader, prefix) -> None:
    for word in SAMPLE_INFLECTED:
        expected = _found_in(deployed.texts, word)
        assert expected and not _written_in(deployed.texts, word), word  # only inflected there
        status, routes = _ask(reader, deployed.urls[prefix], word)
        assert sorted(routes) == sorted(expected), (word, status)
        assert _count(status) == len(expected)
    assert reader.errors == []


def test_an_english_site_finds_stems_but_never_a_word_in_no_article(tmp_path, reader) -> None:
    """Pagefind stems English itself: "sanction" finds "sanctions"; "apple" does not find "A"."""
    from playwright.sync_api import expect

    site = tmp_path / "en"
    (site / "content").mkdir(parents=True)
    (site / "newsgen.yaml").write_text("title: Archive\nlanguage: en\n", encoding="utf-8")
    (site / "content/a.md").write_text("---\ntitle: Sanctions against exporters\ndate: 2026-02-01\n---\n"
                                       "The ministers discussed new sanctions in Brussels.\n", encoding="utf-8")
    (site / "content/b.md").write_text("---\ntitle: Zoo news\ndate: 2026-02-02\n---\n"
                                       "A zebra was born in the city zoo.\n", encoding="utf-8")
    assert build_project(site).errors == []
    server = StaticSite(site / "build")
    try:
        for query, title in (("sanction", "Sanctions against exporters"), ("apple", None), ("zebr", None)):
            reader.goto(server.url + "search/?q=" + query)
            status = reader.locator(".search-status")
            expect(status).to_have_text(re.compile(r"found|Nothing"), timeout=TIMEOUT)
            if title is None:
                expect(status).to_have_text(f"Nothing found for “{query}”.")
                assert reader.locator(".search-result").count() == 0
            else:
                expect(reader.locator(".search-result-title")).to_have_text([title], timeout=TIMEOUT)
                assert reader.locator(".search-excerpt mark").all_inner_texts() == ["sanctions"]
    finally:
        server.close()
    assert reader.errors == []


def test_an_edited_old_article_is_found_by_its_new_words_and_keeps_its_place(tmp_path, reader) -> None:
    """The edit patches the old article's shard (pagefind_patch.py): its old page is left out
    of every answer, its new version found and listed where it stood."""
    from playwright.sync_api import expect

    site = tmp_path / "edited"
    (site / "content").mkdir(parents=True)
    (site / "newsgen.yaml").write_text("title: Архів\nbase_url: https://example.org/\n", encoding="utf-8")
    cities = ["Житомир", "Рівне", "Вінниця", "Черкаси", "Суми", "Чернігів"]
    for day, city in enumerate(cities, start=1):
        (site / f"content/{day}.md").write_text(f"---\ntitle: Новини дня {day}\ndate: 2026-01-0{day}\n---\n"
                                                f"Сьогодні {city} святкує.\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARDING", search.Sharding(least=2, mean=3, most=3, patch_most=2))
        assert build_project(site).errors == []
        text = (site / "content/2.md").read_text(encoding="utf-8")
        (site / "content/2.md").write_text(text.replace("Рівне", "Полтава"), encoding="utf-8")
        assert build_project(site).errors == []
    assert json.loads((site / "build/pagefind/shards.json").read_text())["edits"]  # patched, not re-indexed
    server = StaticSite(site / "build")
    try:
        for query, expected in (("Полтава", ["/2026/01/02/"]), ("Рівне", []), ("Житомир", ["/2026/01/01/"])):
            status, routes = _ask(reader, server.url, query)
            assert [route[:12] for route in routes] == expected, (query, status)
            assert _count(status) == len(expected) and (expected or status == f"За запитом «{query}» нічого не знайдено.")
        reader.goto(server.url + "search/?year=2026&sort=newest")
        expect(reader.locator(".search-result-title")).to_have_count(6, timeout=TIMEOUT)
        assert reader.locator(".search-result-title").all_inner_texts() == [f"Новини дня {d}" for d in range(6, 0, -1)]
        expect(reader.locator(".search-result", has_text="Новини дня 2")).to_contain_text("Полтава")
    finally:
        server.close()
    assert reader.errors == []


def test_an_added_article_is_found_and_listed_first_and_its_shard_is_patched(tmp_path, reader) -> None:
    """A new newest article joins the newest shard as a patch (pagefind_patch.py): it alone is
    indexed, found by its words, and listed first "newest first"; the older articles stay found."""
    from playwright.sync_api import expect

    site = tmp_path / "added"
    (site / "content").mkdir(parents=True)
    (site / "newsgen.yaml").write_text("title: Архів\nbase_url: https://example.org/\n", encoding="utf-8")
    cities = ["Житомир", "Рівне", "Вінниця", "Ужгород"]
    for day, city in enumerate(cities, start=1):
        (site / f"content/{day}.md").write_text(f"---\ntitle: Новини дня {day}\ndate: 2026-01-0{day}\n---\n"
                                                f"Сьогодні {city} святкує.\n", encoding="utf-8")
        if day == 3:  # three articles first, then one added
            assert build_project(site).errors == []
    assert build_project(site).errors == []
    listing = json.loads((site / "build/pagefind/shards.json").read_text())
    assert listing["edits"] == [listing["shards"][-1] + "+edits"]
    server = StaticSite(site / "build")
    try:
        for query, expected in (("Ужгород", ["/2026/01/04/"]), ("Житомир", ["/2026/01/01/"]), ("Полтава", [])):
            status, routes = _ask(reader, server.url, query)
            assert [route[:12] for route in routes] == expected, (query, status)
        reader.goto(server.url + "search/?year=2026&sort=newest")
        expect(reader.locator(".search-result-title")).to_have_count(4, timeout=TIMEOUT)
        assert reader.locator(".search-result-title").all_inner_texts() == [f"Новини дня {d}" for d in range(4, 0, -1)]
    finally:
        server.close()
    assert reader.errors == []


def _ask(reader: Any, home: str, query: str) -> tuple[str, list[str]]:
    """The search page's answer to ``query``: its status line and the routes of the results shown."""
    from playwright.sync_api import expect

    reader.goto(home + "search/?q=" + quote(query))
    status = reader.locator(".search-status")
    expect(status).not_to_have_text(re.compile(r"^$|Шукаємо"), timeout=TIMEOUT)
    # The count is said first, then the first ten results are shown.
    expect(reader.locator(".search-result")).to_have_count(min(_count(status.inner_text()), 10), timeout=TIMEOUT)
    base = "/" + home.split("/", 3)[3]
    routes = ["/" + href.removeprefix(base) for href in
              reader.locator(".search-result-title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")]
    return status.inner_text(), routes


def _count(status: str) -> int:
    """The number in "Знайдено 123 статті"; 0 for "нічого не знайдено"."""
    found = re.match(r"Знайдено ([\d\s]+)", status)
    return int(re.sub(r"\D", "", found.group(1))) if found else 0


def _words(text: str) -> set[str]:
    text = re.sub(r"[’ʼ‘`]", "'", text.lower())
    return {word.replace("'", "") for word in re.findall(r"[\w'-]+", text) for word in [word, *word.split("-")]}


def _written_in(texts: dict[str, str], word: str) -> set[str]:
    """The routes whose text has ``word`` as written (in any case)."""
    key = word.lower().replace("’", "").replace("'", "")
    return {route for route, text in texts.items() if key in _words(text)}


def _found_in(texts: dict[str, str], word: str) -> set[str]:
    """The routes a query for ``word`` must find: the word as written, or one of its
    dictionary forms as written or as the dictionary form of a word of the text."""
    key = word.lower()
    lemmas = {key, *search.word_lemmas(key, "uk")}
    return {route for route, text in texts.items()
            if lemmas & _words(text) or lemmas & {lemma for lemma, _ in search.lemma_pairs(text, "uk")}}


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
def test_each_languages_search_page_finds_its_articles_only(deployed, reader, prefix) -> None:
    """The English search page finds the English version of a story, the Ukrainian one the
    Ukrainian version: Pagefind keeps an index per language, and each page reads its own."""
    from playwright.sync_api import expect

    home = deployed.urls[prefix]
    reader.goto(home + "en/search/?q=metro")
    expect(reader.locator(".search-result-title")).to_have_text(["Kyiv metro to run late on weekend nights"],
                                                                timeout=TIMEOUT)
    expect(reader.locator(".search-status")).to_have_text("1 article found")
    href = reader.locator(".search-result-title a").get_attribute("href")
    assert href == "/" + home.split("/", 3)[3] + "2026/02/10/kyiv-metro-to-run-late-on-weekend-nights/"
    status, routes = _ask(reader, home, "метро")  # the Ukrainian page: its version, not the Russian one
    assert routes == ["/2026/02/10/u-kyievi-zapuskaiut-nichni-reisy-metro-na-vykhidnykh/"], status
    reader.goto(home + "ru/search/?q=" + quote("метро"))
    expect(reader.locator(".search-result-title")).to_have_text(["В Киеве запускают ночные рейсы метро по выходным"],
                                                                timeout=TIMEOUT)
    assert reader.errors == []


def test_without_javascript_the_search_page_says_so_and_links_topics_and_archive(deployed, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        home = deployed.urls["/archive/"]
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


def _article_texts(output: Path, lang: str | None = None) -> dict[str, str]:
    """{article URL path: headline and text}, read back from the built article pages (those in ``lang``
    when given: a site in several languages searches each language's articles on its own search page)."""
    texts = {}
    for path in output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        body = page.select_one(".story-body")
        if body is not None and lang in (None, page.html.get("lang")):
            route = "/" + path.parent.relative_to(output).as_posix() + "/"
            texts[route] = page.select_one(".story-title").get_text() + "\n" + body.get_text("\n")
    return texts


# Words in no article of the generated corpus, in no form; "украї" and "київс" start words that are.
CORPUS_ABSENT = ("зебра", "Мадрид", "кит", "жирафа", "пінгвіни", "украї", "київс", "ксилофоном")


def test_dictionary_forms_find_inflected_text_in_a_thousand_articles(corpus, reader) -> None:
    url, output = corpus
    texts = _article_texts(output)
    assert len(texts) == 1000
    for lemma in QUERIES:
        expected = _found_in(texts, lemma)
        exact = _written_in(texts, lemma)
        inflected_only = expected - exact
        assert len(inflected_only) >= 20, (lemma, len(inflected_only))  # the corpus declines these names
        status, shown = _ask(reader, url, lemma)
        assert _count(status) == len(expected), (lemma, status, len(expected))
        assert shown and set(shown) <= expected
        if exact:  # articles with the word as typed come first
            assert shown[0] in exact, lemma
    assert reader.errors == []


def test_a_word_in_no_article_of_a_thousand_finds_nothing(corpus, reader) -> None:
    url, output = corpus
    texts = _article_texts(output)
    for word in CORPUS_ABSENT:
        assert not _found_in(texts, word), word
        status, shown = _ask(reader, url, word)
        assert shown == [] and status == f"За запитом «{word}» нічого не знайдено.", (word, status)
    assert reader.errors == []
