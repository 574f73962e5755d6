"""A site in several languages, built: each language's pages, articles wholly in their language,
the links between a story's versions, and what a site in one language keeps as it was."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from newsgen.records import Article
from newsgen.search.index import SearchSettings, search_document
from newsgen.serve.live_reload import Snapshot
from newsgen.serve.overlay import live_script, not_found_page, serve_words
from tests.conftest import build_project, read, write_project

UK = """---
title: Метро в Києві вперше працювало всю ніч
date: 2026-01-04
tags: Київ, метро
translation_key: night-metro
---
Київський метрополітен уперше працював усю ніч, повідомила міська рада в неділю.
"""
EN = """---
title: Kyiv metro runs all night for the first time
date: 2026-01-04
tags: Kyiv, metro
translationKey: night-metro
---
The Kyiv metro ran all night for the first time, the city council said on Sunday.
"""
RU = """---
title: Метро в Киеве впервые работало всю ночь
date: 2026-01-05
tags: Киев, метро
translation_key: night-metro
---
Киевский метрополитен впервые работал всю ночь, сообщил городской совет в воскресенье. Всё прошло спокойно.
"""
ALONE = """---
title: Зима в Карпатах
date: 2026-01-06
---
У Карпатах випав перший сніг, синоптики попереджають про хуртовини.
"""
SETTINGS = "title: Архів\nbase_url: https://example.org/\nlanguages: [uk, en, ru]\nsearch: false\n"
UK_PAGE = "2026/01/04/metro-v-kyievi-vpershe-pratsiuvalo-vsiu-nich/index.html"
EN_PAGE = "2026/01/04/kyiv-metro-runs-all-night-for-the-first-time/index.html"
RU_PAGE = "2026/01/05/metro-v-kieve-vpervye-rabotalo-vsiu-noch/index.html"


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_project(tmp_path_factory.mktemp("editions") / "site", {
        "newsgen.yaml": SETTINGS, "content/uk.md": UK, "content/en.md": EN, "content/ru.md": RU,
        "content/alone.md": ALONE,
    })
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767700800")  # 2026-01-06 12:00 UTC: the news sitemaps hold them
        report = build_project(site)
    assert report.errors == [] and report.warnings == []
    return site / "build"


def _alternates(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)


def test_an_article_page_is_wholly_in_its_language(trilingual: Path) -> None:
    english = read(trilingual / EN_PAGE)
    assert '<html lang="en">' in english
    assert "min read" in english and "хв читання" not in english
    assert ">4 January 2026<" in english  # Babel's English date
    assert '<a href="/en/" rel="home">' in english and '<a href="/en/tags/">Topics</a>' in english
    assert 'href="/en/tags/kyiv/" rel="tag"' in english
    assert ' lang="en"' not in english.split("<body", 1)[1]  # nothing marked as foreign in its own page
    russian = read(trilingual / RU_PAGE)
    assert '<html lang="ru">' in russian and "мин чтения" in russian and "5 января 2026" in russian
    ukrainian = read(trilingual / UK_PAGE)
    assert '<html lang="uk">' in ukrainian and "хв читання" in ukrainian and '<a href="/" rel="home">' in ukrainian


def test_every_version_names_every_other_and_itself(trilingual: Path) -> None:
    urls = {lang: f"https://example.org/{page.removesuffix('index.html')}"
            for lang, page in (("uk", UK_PAGE), ("en", EN_PAGE), ("ru", RU_PAGE))}
    expected = [("uk", urls["uk"]), ("en", urls["en"]), ("ru", urls["ru"]), ("x-default", urls["uk"])]
    for page in (UK_PAGE, EN_PAGE, RU_PAGE):
        assert _alternates(read(trilingual / page)) == expected, page
    alone = read(trilingual / "2026/01/06/zyma-v-karpatakh/index.html")
    assert _alternates(alone) == [] and "story-versions" not in alone


def test_the_switch_is_in_the_pages_language(trilingual: Path) -> None:
    ukrainian, english = read(trilingual / UK_PAGE), read(trilingual / EN_PAGE)
    assert 'hreflang="en" rel="alternate">Читати англійською</a>' in ukrainian
    assert 'hreflang="ru" rel="alternate">Читати російською</a>' in ukrainian
    assert 'hreflang="uk" rel="alternate">Read in Ukrainian</a>' in english
    assert "Read in English" not in english  # no link to the page itself
    assert 'aria-label="Цей матеріал іншими мовами"' in ukrainian


def test_structured_data_names_the_original_and_its_translations(trilingual: Path) -> None:
    def data(page: str) -> dict:
        return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', read(trilingual / page)).group(1))

    original, translation = data(UK_PAGE), data(EN_PAGE)  # the Ukrainian one was published first
    assert [t["inLanguage"] for t in original["workTranslation"]] == ["en", "ru"]
    assert "translationOfWork" not in original
    assert translation["translationOfWork"]["@id"].endswith("/metro-v-kyievi-vpershe-pratsiuvalo-vsiu-nich/")
    assert translation["inLanguage"] == "en" and "workTranslation" not in translation


def test_each_language_has_its_own_lists_feeds_and_news_sitemap(trilingual: Path) -> None:
    front, english_front = read(trilingual / "index.html"), read(trilingual / "en/index.html")
    assert "Зима в Карпатах" in front and "Kyiv metro" not in front and "Метро в Киеве" not in front
    assert '<html lang="en">' in english_front and "Kyiv metro runs all night" in english_front
    assert "Зима в Карпатах" not in english_front
    assert "Kyiv metro" in read(trilingual / "en/tags/kyiv/index.html")
    assert "Метро в Киеве" in read(trilingual / "ru/tags/kiev/index.html")
    assert not (trilingual / "en/tags/kyiv/page").exists() and not (trilingual / "en/404.html").exists()
    feed = read(trilingual / "en/feed.xml")
    assert 'xml:lang="en"' in feed and "Kyiv metro" in feed and "Зима" not in feed
    assert "https://example.org/en/feed.xml" in feed
    assert "<news:language>ru</news:language>" in read(trilingual / "ru/news-sitemap.xml")
    robots = read(trilingual / "robots.txt")
    assert "Sitemap: https://example.org/en/news-sitemap.xml" in robots and "/ru/news-sitemap.xml" in robots


def test_the_sitemap_lists_each_versions_alternates(trilingual: Path) -> None:
    sitemap = read(trilingual / "sitemap.xml")
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    english = next(line for line in sitemap.splitlines() if "kyiv-metro-runs-all-night" in line.split("</loc>")[0])
    assert english.count("<xhtml:link") == 4 and 'hreflang="x-default"' in english
    assert "https://example.org/en/" in sitemap  # each language's front page is in it


def test_a_site_in_one_language_has_no_editions(make_project) -> None:
    site = make_project({"newsgen.yaml": "base_url: https://example.org/\n", "content/uk.md": UK,
                         "content/en.md": EN.replace("translationKey: night-metro\n", "lang: en\n")})
    assert build_project(site).errors == []
    output = site / "build"
    assert not (output / "en").exists() and "xmlns:xhtml" not in read(output / "sitemap.xml")
    english = read(output / EN_PAGE)
    assert '<html lang="en">' in english and "min read" in english  # an article is still in its own language
    assert _alternates(english) == [] and '<a href="/" rel="home">' in english  # its site's only front page


def test_an_article_in_a_language_the_site_does_not_list_is_in_the_first_ones_lists(make_project) -> None:
    site = make_project({"newsgen.yaml": SETTINGS, "content/de.md": "---\ntitle: Nachtmetro\ndate: 2026-01-04\n"
                         "lang: de\n---\nDie U-Bahn fuhr die ganze Nacht.\n"})
    report = build_project(site)
    assert [w.message.split(":")[0] for w in report.warnings] == ["newsgen has no labels in de"]
    assert "Nachtmetro" in read(site / "build/index.html")
    assert '<html lang="de">' in read(site / "build/2026/01/04/nachtmetro/index.html")


def test_adding_a_translation_updates_both_versions_as_a_clean_build(make_project) -> None:
    site = make_project({"newsgen.yaml": SETTINGS, "content/uk.md": UK, "content/alone.md": ALONE})
    assert build_project(site).errors == []
    assert _alternates(read(site / "build" / UK_PAGE)) == []
    write_project(site, {"content/en.md": EN})
    assert build_project(site).errors == []
    clean = site.parent / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("build", ".newsgen"))
    assert build_project(clean).errors == []
    assert len(_alternates(read(site / "build" / UK_PAGE))) == 3
    assert _files(site / "build") == _files(clean / "build")


def _files(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_search_documents_go_into_their_languages_index() -> None:
    from newsgen.sources.articles import derive_article
    from newsgen.sources.frontmatter import parse_markdown_article
    from newsgen.records import Derivation

    def article(text: str) -> Article:
        return derive_article(parse_markdown_article(text, Path("a.md")), Derivation("uk", languages=("uk", "en")))

    settings = SearchSettings("uk", ("uk", "en"))
    assert settings.index_language == "" and SearchSettings("uk").index_language == "uk"
    english = search_document(article(EN), settings).html
    assert '<html lang="en">' in english and "4 January 2026" in english
    russian = search_document(article(RU), settings).html  # no Russian pages: listed, and found, in Ukrainian
    assert '<html lang="uk">' in russian
    assert '<html lang="uk">' in search_document(article(EN), SearchSettings("uk")).html  # one language: one index


def test_serve_speaks_the_sites_first_language() -> None:
    script = live_script(Snapshot(2, 1, ("a.md:1: bad",)), serve_words("uk")).decode("unicode_escape")
    assert "помилки в останній збірці" in script and "Виправте файл і збережіть" in script
    assert '"lang": "uk"' in script
    assert "error in the last build" in live_script(Snapshot(2, 1, ("x",))).decode()  # English until known
    assert '<html lang="uk">' in not_found_page("uk").decode() and "Сторінку не знайдено" in not_found_page("uk").decode()


def test_topic_pages_of_translated_stories_link_to_each_other(trilingual: Path) -> None:
    kyiv, english_kyiv = read(trilingual / "tags/kyiv/index.html"), read(trilingual / "en/tags/kyiv/index.html")
    assert 'Іншими мовами: <a href="/en/tags/kyiv/" hreflang="en" lang="en">Kyiv</a>' in kyiv
    assert '<a href="/ru/tags/kiev/" hreflang="ru" lang="ru">Киев</a>' in kyiv  # paired by its place: Київ, Киев
    assert 'In other languages: <a href="/tags/kyiv/" hreflang="uk" lang="uk">Київ</a>' in english_kyiv
    untranslated = [page for page in (trilingual / "tags").glob("*/index.html") if "kyiv" not in str(page)
                    and "metro" not in str(page)]
    assert untranslated and not any("Іншими мовами" in read(page) for page in untranslated)


def test_a_bundle_of_several_languages_lists_each_shards_languages() -> None:
    """A language's search page opens only the shards that have its language, so each keeps its code."""
    from newsgen.search.bundle_files import assemble, missing_files

    def shard(languages: list[str]) -> dict[str, bytes]:
        entry = {"version": "1", "languages": {lang: {"hash": f"{lang}_1", "wasm": lang, "page_count": 1}
                                              for lang in languages}}
        return {"pagefind-entry.json": json.dumps(entry).encode(), "pagefind.js": b"//", "pagefind-worker.js": b"//",
                **{f"wasm.{lang}.pagefind": b"w" for lang in languages}}

    several = assemble([("a", shard(["uk"])), ("b", shard(["en", "uk"]))])
    assert json.loads(several["pagefind/shards.json"]) == {"shards": ["a", "b"], "edits": [],
                                                           "languages": {"a": ["uk"], "b": ["en", "uk"]}}
    assert "pagefind/b/pagefind-worker.js" in several and "pagefind/b/wasm.en.pagefind" in several
    one = assemble([("a", shard(["uk"])), ("b", shard(["uk"]))])
    assert json.loads(one["pagefind/shards.json"]) == {"shards": ["a", "b"], "edits": []}  # as before: one language
    assert "pagefind/b/pagefind-worker.js" not in one
    assert "pagefind/b/pagefind-worker.js" in missing_files({k: v for k, v in several.items()
                                                             if k != "pagefind/b/pagefind-worker.js"})
