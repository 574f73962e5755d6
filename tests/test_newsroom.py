"""A newsroom's archive: authors, sections, lead stories, corrections and the JSON Feed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from newsgen.build import memo as cache_module
from newsgen.build.builder import BuildOptions, build
from newsgen.cli.main import main
from newsgen.site.config import load_config
from tests.conftest import build_project, read
from tests.test_incremental import tree

CONFIG = """\
base_url: https://example.org/news/
sections:
  polityka: Політика
  ekonomika: Економіка
  kultura: Культура
authors:
  olena-koval:
    name: Олена Коваль
    bio: Кореспондентка відділу політики.
    photo: /static/olena.jpg
    links:
      Сторінка: https://example.org/olena
"""


def article(title: str, date: str, body: str = "Текст.", **keys: str) -> str:
    lines = "".join(f"{key}: {value}\n" for key, value in keys.items())
    return f"---\ntitle: {title}\ndate: {date}\n{lines}---\n{body}\n"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(read(path), "html.parser")


def json_ld(page: BeautifulSoup, kind: str) -> dict:
    found = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    return next(data for data in found if data["@type"] == kind)


def titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in page.select("main .lead-title a, main .card-title a")]


@pytest.fixture
def newsroom(make_project):  # noqa: ANN201
    return make_project({
        "newsgen.yaml": CONFIG,
        "content/a.md": article("Вибори", "2026-02-01", authors="[Олена Коваль, Петро Мельник]", section="polityka"),
        "content/b.md": article("Бюджет", "2026-02-03", author="Петро Мельник", section="Економіка"),
        "content/c.md": article("Театр", "2026-02-05", author="олена коваль", section="Театр"),
        "content/d.md": article("Без автора", "2026-02-06"),
    })


# --- authors ---------------------------------------------------------------------------------

def test_every_author_has_a_page_newest_first_with_a_feed(newsroom: Path) -> None:
    report = build_project(newsroom, search=False)
    assert report.errors == [] and report.warnings == []
    out = newsroom / "build"
    olena = soup(out / "authors/olena-koval/index.html")
    assert titles(olena) == ["Театр", "Вибори"]  # "олена коваль" is the configured author too
    assert olena.select_one(".author-bio").get_text() == "Кореспондентка відділу політики."
    assert olena.select_one(".author-photo")["src"] == "/news/static/olena.jpg"
    assert olena.select_one('.author-links a[href="https://example.org/olena"]').get_text() == "Сторінка"
    person = json_ld(olena, "Person")
    assert person["url"] == "https://example.org/news/authors/olena-koval/"
    assert person["sameAs"] == ["https://example.org/olena"]
    feed = read(out / "authors/olena-koval/feed.xml")
    assert feed.index("Театр") < feed.index("Вибори") and "Бюджет" not in feed
    assert olena.select_one('link[type="application/atom+xml"][href="/news/authors/olena-koval/feed.xml"]')
    assert titles(soup(out / "authors/petro-melnyk/index.html")) == ["Бюджет", "Вибори"]


def test_bylines_link_to_author_pages_and_structured_data_names_persons(newsroom: Path) -> None:
    build_project(newsroom, search=False)
    page = soup(newsroom / "build/2026/02/01/vybory/index.html")
    byline = [(a.get_text(), a["href"]) for a in page.select(".byline a")]
    assert byline == [("Олена Коваль", "/news/authors/olena-koval/"), ("Петро Мельник", "/news/authors/petro-melnyk/")]
    authors = json_ld(page, "NewsArticle")["author"]
    assert authors == [
        {"@type": "Person", "name": "Олена Коваль", "url": "https://example.org/news/authors/olena-koval/"},
        {"@type": "Person", "name": "Петро Мельник", "url": "https://example.org/news/authors/petro-melnyk/"},
    ]
    unsigned = soup(newsroom / "build/2026/02/06/bez-avtora/index.html")
    assert not unsigned.select(".byline") and json_ld(unsigned, "NewsArticle")["author"]["@type"] == "Organization"


def test_the_author_index_lists_everyone_in_the_site_alphabet_with_counts(make_project) -> None:
    site = make_project({
        "content/a.md": article("Один", "2026-02-01", authors="[Ярослав Бондар, Євген Ткач]"),
        "content/b.md": article("Два", "2026-02-02", authors="[Єва Гнатюк, Ігор Лис, Ґанна Біла]"),
        "content/c.md": article("Три", "2026-02-03", author="Ігор Лис"),
    })
    build_project(site, search=False)
    index = soup(site / "build/authors/index.html")
    listed = [(a.get_text(), a.find_next_sibling("span").get_text()) for a in index.select("main li a")]
    # Ukrainian order: Ґ after Г, Є after Е, І after И, Я last (code points would put Є and І first)
    assert listed == [("Ґанна Біла", "1"), ("Єва Гнатюк", "1"), ("Євген Ткач", "1"), ("Ігор Лис", "2"),
                      ("Ярослав Бондар", "1")]


def test_a_site_without_bylines_has_an_empty_author_index_and_no_author_pages(make_project) -> None:
    site = make_project({"seeds/a.txt": "date 2026-02-11 Новина без автора.\n"})
    build_project(site, search=False)
    index = soup(site / "build/authors/index.html")
    assert index.select_one("main .empty") and not index.select("main li a")
    assert [p.name for p in (site / "build/authors").iterdir()] == ["index.html"]


# --- sections --------------------------------------------------------------------------------

def test_sections_have_pages_feeds_and_navigation_in_the_configured_order(newsroom: Path) -> None:
    build_project(newsroom, search=False)
    out = newsroom / "build"
    nav = [(a.get_text(), a["href"]) for a in soup(out / "index.html").select(".site-nav a")]
    assert nav[1:4] == [("Політика", "/news/polityka/"), ("Економіка", "/news/ekonomika/"), ("Культура", "/news/kultura/")]
    assert titles(soup(out / "polityka/index.html")) == ["Вибори"]
    assert titles(soup(out / "ekonomika/index.html")) == ["Бюджет"]  # named by its display name
    assert "Статей поки немає" in read(out / "kultura/index.html")  # configured, in the navigation: never a 404
    assert titles(soup(out / "teatr/index.html")) == ["Театр"]  # a section only an article names gets a page
    assert "Театр" not in [text for text, _ in nav]
    assert "Бюджет" in read(out / "ekonomika/feed.xml") and "Вибори" not in read(out / "ekonomika/feed.xml")
    current = soup(out / "polityka/index.html").select_one('.site-nav a[aria-current="page"]')
    assert current.get_text() == "Політика"


def test_an_article_shows_its_section_above_the_headline_and_in_its_breadcrumb(newsroom: Path) -> None:
    build_project(newsroom, search=False)
    page = soup(newsroom / "build/2026/02/01/vybory/index.html")
    assert page.select_one(".story-header .kicker a")["href"] == "/news/polityka/"
    assert [li.get_text() for li in page.select(".breadcrumb li")] == ["Головна", "Політика", "Вибори"]
    trail = json_ld(page, "BreadcrumbList")["itemListElement"]
    assert [(step["position"], step["item"]) for step in trail] == [
        (1, "https://example.org/news/"), (2, "https://example.org/news/polityka/"),
        (3, "https://example.org/news/2026/02/01/vybory/")]
    assert json_ld(page, "NewsArticle")["articleSection"] == "Політика"
    unsectioned = soup(newsroom / "build/2026/02/06/bez-avtora/index.html")
    assert not unsectioned.select(".breadcrumb, .story-header .kicker")
    assert all(data["@type"] != "BreadcrumbList" for data in map(
        json.loads, (s.string for s in unsectioned.select('script[type="application/ld+json"]'))))


def test_sections_from_folders_take_the_first_folder_and_front_matter_wins(make_project) -> None:
    site = make_project({
        "newsgen.yaml": "sections_from: folders\nsections:\n  polityka: Політика\n",
        "content/polityka/a.md": article("Вибори", "2026-02-01"),
        "content/polityka/b.md": article("Бюджет", "2026-02-02", section="ekonomika"),
        "content/2026/c.md": article("Архівна", "2026-02-03"),  # a year folder is not a section
    })
    report = build_project(site, search=False)
    assert report.errors == []
    out = site / "build"
    assert titles(soup(out / "polityka/index.html")) == ["Вибори"]
    assert titles(soup(out / "ekonomika/index.html")) == ["Бюджет"]
    assert not soup(out / "2026/02/03/arkhivna/index.html").select(".kicker")


def test_without_sections_from_folders_a_folder_is_not_a_section(make_project) -> None:
    site = make_project({"content/polityka/a.md": article("Вибори", "2026-02-01")})
    build_project(site, search=False)
    assert not (site / "build/polityka").exists()


# --- incremental: an edit moves an article between authors and sections ------------------------

def test_changing_an_author_and_section_updates_old_and_new_pages_as_a_clean_build(newsroom: Path, monkeypatch,
                                                                                    tmp_path: Path) -> None:
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    build(load_config(newsroom), BuildOptions(jobs=1))
    (newsroom / "content/c.md").write_text(article("Театр", "2026-02-05", author="Ірина Бойко", section="kultura"),
                                           encoding="utf-8")
    build(load_config(newsroom), BuildOptions(jobs=1))
    clean = tmp_path / "clean"
    build(load_config(newsroom, {"output_dir": str(clean)}), BuildOptions(jobs=1, cache=False))
    assert tree(newsroom / "build") == tree(clean)
    out = newsroom / "build"
    assert titles(soup(out / "authors/olena-koval/index.html")) == ["Вибори"]
    assert titles(soup(out / "authors/iryna-boiko/index.html")) == ["Театр"]
    assert titles(soup(out / "kultura/index.html")) == ["Театр"]
    assert not (out / "teatr").exists(), "a section no article names any more has no page"


# --- lead stories ----------------------------------------------------------------------------

def test_the_newest_featured_story_leads_the_front_page_until_a_newer_one_is_featured(make_project) -> None:
    site = make_project({
        "content/a.md": article("Старе головне", "2026-02-01", featured="true"),
        "content/b.md": article("Нове головне", "2026-02-02", featured="true"),
        "content/c.md": article("Найновіше", "2026-02-03"),
    })
    build_project(site, search=False)
    front = soup(site / "build/index.html")
    assert front.select_one(".lead-story .lead-title").get_text() == "Нове головне"
    assert titles(front) == ["Нове головне", "Найновіше", "Старе головне"]  # the rest newest first, none twice


def test_without_a_featured_story_the_newest_leads(make_project) -> None:
    site = make_project({"content/a.md": article("Перша", "2026-02-01"), "content/b.md": article("Друга", "2026-02-02")})
    build_project(site, search=False)
    assert soup(site / "build/index.html").select_one(".lead-title").get_text() == "Друга"


def test_a_pinned_story_leads_until_its_time_and_then_gives_way(make_project, monkeypatch) -> None:
    site = make_project({
        "content/a.md": article("Закріплене", "2026-02-01", pinned_until="2026-02-10T12:00:00+02:00"),
        "content/b.md": article("Головне", "2026-02-02", featured="true"),
    })
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770540000")  # 2026-02-08
    build_project(site, search=False)
    assert soup(site / "build/index.html").select_one(".lead-title").get_text() == "Закріплене"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770800000")  # 2026-02-11: the pin has expired
    build_project(site, search=False)  # nothing changed on disk: the clock alone re-plans the front page
    assert soup(site / "build/index.html").select_one(".lead-title").get_text() == "Головне"


def test_section_pages_lead_with_their_own_featured_story(make_project) -> None:
    site = make_project({
        "newsgen.yaml": "sections:\n  polityka: Політика\n",
        "content/a.md": article("Головне в політиці", "2026-02-01", section="polityka", featured="true"),
        "content/b.md": article("Свіже в політиці", "2026-02-02", section="polityka"),
        "content/c.md": article("Головне деінде", "2026-02-03", featured="true"),
    })
    build_project(site, search=False)
    section = soup(site / "build/polityka/index.html")
    assert section.select_one(".lead-title").get_text() == "Головне в політиці"
    assert titles(section) == ["Головне в політиці", "Свіже в політиці"]
    assert soup(site / "build/index.html").select_one(".lead-title").get_text() == "Головне деінде"


# --- corrections -----------------------------------------------------------------------------

CORRECTED = """\
---
title: Виправлена
date: 2026-02-01T10:00:00+02:00
updated: 2026-02-02
corrections:
  - date: 2026-02-04T09:00:00+02:00
    text: Виправлено прізвище міністра.
  - date: 2026-02-03
    text: Уточнено суму <b>бюджету</b>.
---
Текст.
"""


def test_corrections_are_shown_dated_and_move_the_updated_date(make_project) -> None:
    site = make_project({"newsgen.yaml": "timezone: Europe/Kyiv\n", "content/a.md": CORRECTED})
    build_project(site, search=False)
    page = soup(site / "build/2026/02/01/vypravlena/index.html")
    section = page.select_one("section.corrections")
    assert section.h2.get_text() == "Виправлення"
    items = [(li.time["datetime"], li.get_text()) for li in section.select("li")]
    assert items == [("2026-02-03T00:00:00+02:00", "3 лютого 2026: Уточнено суму <b>бюджету</b>."),
                     ("2026-02-04T09:00:00+02:00", "4 лютого 2026: Виправлено прізвище міністра.")]
    data = json_ld(page, "NewsArticle")
    assert data["dateModified"] == "2026-02-04T09:00:00+02:00"
    assert [c["@type"] for c in data["correction"]] == ["CorrectionComment", "CorrectionComment"]
    assert page.select_one('meta[property="article:modified_time"]')["content"] == "2026-02-04T09:00:00+02:00"


def test_an_english_article_is_corrected_under_an_english_heading(make_project) -> None:
    site = make_project({"newsgen.yaml": "language: en\n", "content/a.md": CORRECTED})
    build_project(site, search=False)
    page = soup(next((site / "build/2026/02/01").glob("*/index.html")))
    assert page.select_one("section.corrections h2").get_text() == "Correction"


def test_an_article_without_corrections_has_no_corrections_section(make_project) -> None:
    site = make_project({"content/a.md": article("Точна", "2026-02-01")})
    build_project(site, search=False)
    assert "corrections" not in read(site / "build/2026/02/01/tochna/index.html")


# --- JSON Feed -------------------------------------------------------------------------------

def test_a_json_feed_is_written_and_every_page_points_to_it(newsroom: Path) -> None:
    build_project(newsroom, search=False)
    out = newsroom / "build"
    feed = json.loads(read(out / "feed.json"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://example.org/news/feed.json"
    assert [item["title"] for item in feed["items"]] == ["Без автора", "Театр", "Бюджет", "Вибори"]
    first_signed = feed["items"][1]
    assert first_signed["authors"] == [{"name": "Олена Коваль", "url": "https://example.org/news/authors/olena-koval/"}]
    assert first_signed["content_html"] == "<p>Текст.</p>" and first_signed["id"].startswith("urn:uuid:")
    for page in out.rglob("*.html"):
        assert '<link rel="alternate" type="application/feed+json"' in read(page) or 'http-equiv="refresh"' in read(
            page), page


# --- bad newsgen.yaml values: each case names its line and stops the build (exit 2) ---------------

CONFIG_CASES = sorted(p for p in (Path(__file__).parent / "invalid_config").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CONFIG_CASES, ids=[c.name for c in CONFIG_CASES])
def test_a_bad_setting_names_its_line(case: Path, tmp_path: Path, capsys) -> None:
    site = tmp_path / case.name
    shutil.copytree(case, site)
    (site / "seeds").mkdir()
    (site / "seeds/a.txt").write_text("date 2026-01-05 Добра стаття.\n", encoding="utf-8")
    expected = (site / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert main(["build", str(site)]) == 2
    problems = [line.removeprefix(f"{site.resolve()}/").split(" (")[0] for line in capsys.readouterr().err.splitlines()]
    assert problems == expected
    assert not (site / "build").exists()


def test_configured_authors_accept_a_name_alone(make_project) -> None:
    site = make_project({"newsgen.yaml": "authors:\n  ok: Олена Коваль\n",
                         "content/a.md": article("Стаття", "2026-02-01", author="Олена Коваль")})
    build_project(site, search=False)
    assert (site / "build/authors/ok/index.html").is_file()
    assert re.search(r'href="/authors/ok/"', read(site / "build/2026/02/01/stattia/index.html"))
