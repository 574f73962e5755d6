"""Search: dictionary forms, the documents Pagefind indexes, the bundle in the output, the page and box.

Queries themselves run in Chromium: tests/browser/test_search_browser.py.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from newsgen.errors import BuildError
from newsgen.records import Article, Body, Tag
from newsgen.search import pagefind_bundle, index as search
from newsgen.text.labels import labels_for
from tests.conftest import build_project, read

UK = search.SearchSettings("uk")


def article(body: str, title: str = "Заголовок", *, lang: str = "uk", tags: tuple[str, ...] = (),
            date: datetime.date = datetime.date(2026, 2, 11), slug: str = "stattia") -> Article:
    published = datetime.datetime.combine(date, datetime.time(9, 30), tzinfo=datetime.UTC)
    return Article(
        id=f"{date}/{slug}", date=date, published=published, updated=None, slug=slug, slug_is_derived=False,
        title=title, title_is_derived=False, summary=body[:40], summary_is_derived=True, body=Body(f"<p>{body}</p>", body),
        tags=tuple(Tag(name.casefold(), name, "topic", f"t{i}") for i, name in enumerate(tags)),
        lang=lang, authors=(), draft=False, source_path=Path("a.md"), source_line=1, source_format="markdown",
    )


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(read(path), "html.parser")


def lemmas(text: str, lang: str = "uk") -> dict[str, tuple[str, ...]]:
    return dict(search.lemma_pairs(text, lang))


# ------------------------------------------------------------------ dictionary forms


def test_inflected_forms_bring_their_dictionary_forms() -> None:
    found = lemmas("Дипломатичний радник перебував у Москві, а потім говорив із Москвою про кінець війни.")
    assert found["москва"] == ("москві", "москвою")
    assert found["війна"] == ("війни",)
    assert "перебувати" not in found and "війнути" not in found  # verbs: nobody searches "перебувати"


def test_every_inflected_word_brings_its_dictionary_form_even_one_the_text_has() -> None:
    # A query word matches whole words: "Путін" finds "Путіна" only through the dictionary form,
    # and "Москві" widens to "Москва" through the pair, though "Москва" is in the text.
    assert lemmas("Переговори з Путіним і радник Путіна.") == {"путін": ("путіним", "путіна")}
    assert lemmas("Москва і Москві.") == {"москва": ("москві",)}


def test_function_words_abbreviations_and_other_scripts_add_nothing() -> None:
    found = lemmas("Його бачили в НАТО. Reuters 2022 року.")
    assert "йога" not in found and "він" not in found and "ната" not in found
    assert all(lemma[0] >= "а" for lemma in found)  # Cyrillic only
    assert lemmas("He was in Moscow with the Putins.", "en") == {}


def test_apostrophes_are_looked_up_as_the_dictionary_writes_them() -> None:
    assert lemmas("Це пов’язане з війною.")["пов'язаний"] == ("пов'язане",)


# ------------------------------------------------------------------ documents


def test_document_holds_the_text_then_lemmas_at_low_weight_and_metadata() -> None:
    document = search.search_document(
        article("Марк Рютте був у Москві.\n\nДругий абзац про війни.", "Рютте у Москві", tags=("НАТО", "Київ")), UK, 7,
    )
    page = BeautifulSoup(document.html, "html.parser")
    assert document.path == "2026/02/11/stattia/index.html"
    body = page.select_one("[data-pagefind-body]")
    assert body.h1.get_text() == "Рютте у Москві" and body.h1["data-pagefind-meta"] == "title"
    assert [p.get_text() for p in body.select("p:not([data-pagefind-weight])")][:2] == [
        "Марк Рютте був у Москві.", "Другий абзац про війни."]
    indexed = " ".join(element.get_text() for element in body.find_all(["h1", "p"], recursive=False))
    assert "Москві" in indexed and "москва" not in indexed.lower()  # the text as written, no dictionary forms
    forms = dict(pair.split(":") for pair in page.select_one('[data-pagefind-meta="forms"]').get_text().split())
    assert forms["москва"] == "москві" and forms["війна"] == "війни"
    ignored = page.select_one("[data-pagefind-ignore]")
    assert ignored.select_one('[data-pagefind-meta="date"]').get_text() == "11 лютого 2026"
    assert ignored.select_one('[data-pagefind-meta="published"]').get_text() == "2026-02-11"
    assert [s.get_text() for s in ignored.select('[data-pagefind-filter="tag"]')] == ["Київ", "НАТО"]
    assert ignored.select_one('[data-pagefind-filter="year"]').get_text() == "2026"
    assert ignored.select_one('[data-pagefind-sort="date"]').get_text() == "7"


def test_hostile_text_stays_text_in_the_document() -> None:
    hostile = '</p><script>alert(1)</script> "a, tag:x" <b>'
    document = search.search_document(article(hostile, title=hostile, tags=(hostile,)), UK)
    page = BeautifulSoup(document.html, "html.parser")
    assert page.select("script") == [] and page.select("b") == []
    assert page.h1.get_text() == hostile
    assert page.select_one('[data-pagefind-filter="tag"]').get_text() == hostile


def test_newest_first_ranks_never_tie() -> None:
    day = datetime.date(2026, 2, 11)
    items = [article("Текст.", slug=s, date=day) for s in ("b", "a", "c")]
    documents = search.search_documents(items, UK)
    ranks = [BeautifulSoup(d.html, "html.parser").select_one("[data-pagefind-sort]").get_text() for d in documents]
    assert ranks == ["2", "1", "3"]  # same moment: ordered by id


# ------------------------------------------------------------------ the bundle in a build


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("search-site")
    files = {
        "newsgen.yaml": "language: uk\nbase_url: https://example.org/archive/\n",
        "content/a.md": "---\ntitle: Рютте у Москві\ndate: 2026-02-11\ntags: [НАТО, Москва]\n---\n"
                        "Генсек НАТО Марк Рютте говорив про переговори з Москвою.\n",
        "content/b.md": "---\ntitle: Нічне метро\ndate: 2025-12-20\ntags: [Київ, транспорт]\n---\n"
                        "У Києві метро працює вночі.\n",
        "seeds/c.txt": "date 2024-05-01 Путін заявив про війну. Після війни Путіна не чекають.\n",
    }
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    report = build_project(site)
    assert report.errors == []
    return site / "build"


def bundle_of(output: Path) -> dict[str, bytes]:
    return {f"pagefind/{p.relative_to(output / 'pagefind').as_posix()}": p.read_bytes()
            for p in (output / "pagefind").rglob("*") if p.is_file()}


def test_build_writes_a_complete_pagefind_bundle(built: Path) -> None:
    bundle = bundle_of(built)
    assert search.missing_files(bundle) == []
    [shard] = json.loads(bundle["pagefind/shards.json"])["shards"]  # three articles: one shard
    assert shard == "20240501-" + shard.split("-")[1]  # named after its oldest article
    entry = json.loads(bundle[f"pagefind/{shard}/pagefind-entry.json"])
    assert entry["languages"]["uk"]["page_count"] == 3
    assert len([name for name in bundle if name.endswith(".pf_fragment")]) == 3
    assert "pagefind/pagefind.js" in bundle and f"pagefind/{shard}/pagefind-worker.js" in bundle
    assert not any(name.endswith(("pagefind-ui.js", "pagefind-highlight.js")) for name in bundle)


def test_search_page_is_noindex_with_a_no_javascript_fallback(built: Path) -> None:
    page = soup(built / "search/index.html")
    assert page.html["lang"] == "uk" and page.h1.get_text() == "Пошук"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    config = json.loads(page.select_one("script#search-config").string)
    assert config["bundle"] == "/archive/pagefind/" and config["base"] == "/archive/"
    assert config["labels"]["search_none"].startswith("За запитом")
    assert page.select_one('script[type="module"]')["src"] == "/archive/static/search.js"
    form = page.select_one("form.search-form")
    assert form["action"] == "/archive/search/" and form.select_one("input[name=q]")["id"] == "search-q"
    assert page.select_one('label[for="search-q"]').get_text() == "Пошук в архіві"
    fallback = page.select_one("noscript")
    assert "потрібен JavaScript" in fallback.get_text()
    assert [a["href"] for a in fallback.select("a")] == ["/archive/tags/", "/archive/archive/"]
    assert page.select("form.site-search") == []  # the page's own form is the search box here
    assert "search" not in read(built / "sitemap.xml")


def test_every_other_page_has_a_labelled_search_box(built: Path) -> None:
    pages = [p for p in built.rglob("*.html") if p.parent.name != "search"]
    assert len(pages) > 10
    for path in pages:
        [box] = soup(path).select("header form.site-search[role=search]")
        assert box["action"] == "/archive/search/" and box["method"] == "get"
        field = box.select_one("input[name=q]")
        assert box.select_one(f'label[for="{field["id"]}"]').get_text() == "Пошук в архіві"


def test_two_builds_write_byte_identical_bundles(make_project, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770800000")
    tags = ["Київ", "Львів", "Одеса", "Харків", "Дніпро", "НАТО", "США", "ЄС"]
    files = {f"content/{i}.md": f"---\ntitle: Новина {i}\ndate: 202{i % 4}-0{1 + i % 9}-1{i % 9}\n"
                                f"tags: [{tags[i % 8]}, {tags[(i * 3) % 8]}]\n---\nТекст новини номер {i} про Москві.\n"
             for i in range(24)}
    site = make_project(files)
    bundles = []
    for name in ("one", "two"):
        monkeypatch.setattr(pagefind_bundle, "_recent", {})  # really run Pagefind twice
        build_project(site, output_dir=str(site / name))
        bundles.append({p.relative_to(site / name): p.read_bytes() for p in (site / name / "pagefind").rglob("*")
                        if p.is_file()})
    assert bundles[0] == bundles[1] and len(bundles[0]) > 24


def test_a_process_that_builds_again_reuses_an_unchanged_bundle(monkeypatch) -> None:
    monkeypatch.setattr(pagefind_bundle, "_recent", {})
    documents = search.search_documents([article("Марк Рютте був у Москві.")], UK)
    first = search.index_files(documents, UK)
    monkeypatch.setattr(pagefind_bundle, "_run_pagefind", None)  # would fail if called again
    assert search.index_files(documents, UK) == first
    changed = search.search_documents([article("Марк Рютте був у Києві.")], UK)
    with pytest.raises(search.SearchUnavailable):
        search.index_files(changed, UK)


def test_stable_bundle_leaves_an_unknown_format_alone() -> None:
    files = {"pagefind/pagefind-entry.json": b'{"languages":{"uk":{"hash":"uk_1"}}}',
             "pagefind/pagefind.uk_1.pf_meta": b"not a pagefind file"}
    assert search.stable_bundle(files) == files


def test_missing_pagefind_stops_the_build_and_keeps_the_old_site(make_project, monkeypatch) -> None:
    site = make_project({"seeds/a.txt": "date 2026-02-11 Текст про Москву.\n"})
    build_project(site)
    before = read(site / "build/index.html")
    monkeypatch.setitem(sys.modules, "pagefind.service", None)  # import fails as if not installed
    with pytest.raises(BuildError, match=r"Pagefind is not available.*pip install 'pagefind\[bin\].*search: false"):
        build_project(site, output_dir=str(site / "build"))
    assert read(site / "build/index.html") == before


def test_a_missing_binary_is_named(monkeypatch) -> None:
    import pagefind.service

    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    with pytest.raises(search.SearchUnavailable, match="binary was not found"):
        search.index_files([], UK)


def test_search_off_means_no_index_no_page_and_no_box(make_project) -> None:
    site = make_project({"newsgen.yaml": "search: false\n", "seeds/a.txt": "date 2026-02-11 Текст.\n"})
    build_project(site)
    assert not (site / "build/pagefind").exists() and not (site / "build/search").exists()
    assert soup(site / "build/index.html").select("form.site-search") == []


def test_search_labels_exist_in_every_language_with_plural_forms() -> None:
    english, ukrainian = labels_for("en"), labels_for("uk")
    keys = {key for key in english if key.startswith("search_")}
    assert {"search_count_one", "search_count_few", "search_count_many", "search_count_other"} <= keys
    assert keys <= set(ukrainian) and all(ukrainian[k] != english[k] for k in keys if k != "search")
    assert ukrainian["search_count_few"].replace("{n}", "3") == "Знайдено 3 статті"


def test_scratch_folders_of_killed_builds_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    import subprocess

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    abandoned = tmp_path / f"newsgen-search-{gone.pid}-x1"
    alive = tmp_path / f"newsgen-search-{os.getppid()}-x2"
    stranger = tmp_path / "newsgen-search-notapid"
    for folder in (abandoned, alive, stranger):
        (folder / "documents").mkdir(parents=True)
    pagefind_bundle._remove_abandoned(tmp_path)
    assert not abandoned.exists() and alive.exists() and stranger.exists()


def test_a_build_that_fails_abandons_its_search_index(make_project, monkeypatch) -> None:
    """Pagefind indexes while pages render; a render error must not leave it running on behind the build."""
    abandoned: list[object] = []
    monkeypatch.setattr(pagefind_bundle.PendingIndex, "abandon", lambda index: abandoned.append(index))
    site = make_project({
        "content/a.md": "---\ntitle: Одна\ndate: 2026-02-01\n---\nТекст.\n",
        "templates/article.html": '{% extends "builtin/article.html" %}{% block content %}{{ no_such_value }}{% endblock %}',
    })
    with pytest.raises(BuildError):
        build_project(site)
    assert len(abandoned) == 1
