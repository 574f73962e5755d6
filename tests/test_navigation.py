"""Archive navigation on small projects: exact tag, archive and pagination structure."""

from __future__ import annotations

import json
from xml.etree import ElementTree
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_project, read


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(read(path), "html.parser")


def card_titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in page.select("main .article-list .card-title a")]


def md(title: str, date: str, tags: str = "", extra: str = "") -> str:
    tag_line = f"tags: [{tags}]\n" if tags else ""
    return f"---\ntitle: {title}\ndate: {date}\n{tag_line}{extra}---\nТекст статті «{title}».\n"


@pytest.fixture
def archive(make_project) -> Path:
    files = {
        "newsgen.yaml": "per_page: 2\nbase_url: https://example.org/\nlanguage: uk\n",
        "content/a.md": md("Альфа", "2025-11-30", "Київ, Їжак"),
        "content/b.md": md("Бета", "2026-01-15", "Київ, Ірпінь"),
        "content/c.md": md("Гамма", "2026-02-10T08:00:00+00:00", "Київ, Ґудзик, Євро"),
        "content/d.md": md("Дельта", "2026-02-10T09:00:00+00:00", "Київ, Арсенал"),
        "content/e.md": md("Епсилон", "2026-02-10T10:00:00+00:00", "Київ, Ірпінь"),
    }
    site = make_project(files)
    report = build_project(site)
    assert report.errors == []
    return site / "build"


def test_tag_pages_paginated_newest_first_with_feed(archive: Path) -> None:
    first, second, third = (soup(archive / p) for p in ("tags/kyiv/index.html", "tags/kyiv/page/2/index.html",
                                                          "tags/kyiv/page/3/index.html"))
    assert card_titles(first) == ["Епсилон", "Дельта"]
    assert card_titles(second) == ["Гамма", "Бета"]
    assert card_titles(third) == ["Альфа"]
    assert second.select_one('link[rel="prev"]')["href"] == "/tags/kyiv/"
    assert second.select_one('link[rel="next"]')["href"] == "/tags/kyiv/page/3/"
    feed = feedparser.parse(read(archive / "tags/kyiv/feed.xml"))
    assert not feed.bozo and [e.title for e in feed.entries] == ["Епсилон", "Дельта", "Гамма", "Бета", "Альфа"]
    assert first.select_one('link[rel="alternate"][href="/tags/kyiv/feed.xml"]') is not None


def test_tag_index_in_ukrainian_alphabetical_order_with_counts(archive: Path) -> None:
    page = soup(archive / "tags/index.html")
    entries = [(li.a.get_text(), li.select_one(".count").get_text()) for li in page.select(".tag-index li")]
    assert entries == [("Арсенал", "1"), ("Ґудзик", "1"), ("Євро", "1"), ("Ірпінь", "2"), ("Їжак", "1"),
                       ("Київ", "5")]


def test_date_archives_with_periods_and_pagination(archive: Path) -> None:
    year = soup(archive / "2026/index.html")
    assert year.h1.get_text() == "2026"
    assert card_titles(year) == ["Епсилон", "Дельта"]
    assert [a.get_text() for a in year.select(".period-children a")] == ["Січень", "Лютий"]
    assert [a["href"] for a in year.select(".period-nav a")] == ["/2025/"]
    month = soup(archive / "2026/02/index.html")
    assert month.h1.get_text() == "Лютий 2026"
    assert [a["href"] for a in month.select(".period-nav a")] == ["/2026/01/"]
    assert card_titles(soup(archive / "2026/02/page/2/index.html")) == ["Гамма"]
    day = soup(archive / "2026/02/10/index.html")
    assert "10 лютого 2026" in day.h1.get_text()
    assert [a["href"] for a in day.select(".period-nav a")] == ["/2026/01/15/"]
    january = soup(archive / "2026/01/index.html")
    assert [a["href"] for a in january.select(".period-nav a")] == ["/2025/11/", "/2026/02/"]


def test_archive_front_draws_a_chart_per_year_with_a_text_alternative(archive: Path) -> None:
    page = soup(archive / "archive/index.html")
    years = page.select(".archive-year")
    assert [y.h2.a.get_text() for y in years] == ["2026", "2025"]
    chart = years[0].select_one("svg")
    assert chart["role"] == "img" and len(chart.select("rect.bar")) == 12
    assert "Лютий 3" in chart.title.get_text() and "Березень 0" in chart.title.get_text()
    assert [a["href"] for a in years[0].select(".month-links a")] == ["/2026/01/", "/2026/02/"]
    assert page.select("script") == []


def test_article_page_navigation_related_and_reading_time(archive: Path) -> None:
    page = soup(archive / "2026/02/10/delta/index.html")
    assert page.select_one('.story-nav a[rel="next"]').get_text() == "Епсилон"
    assert page.select_one('.story-nav a[rel="prev"]').get_text() == "Гамма"
    related = [a.get_text() for a in page.select(".related .card-title a")]
    assert 1 <= len(related) <= 5 and "Дельта" not in related
    assert "хв читання" in page.select_one(".dateline").get_text()
    assert [a.get_text() for a in page.select(".tag-list a")] == ["Київ", "Арсенал"]


def test_feeds_parse_and_are_announced_on_every_page(archive: Path) -> None:
    atom = feedparser.parse(read(archive / "feed.xml"))
    rss = feedparser.parse(read(archive / "rss.xml"))
    assert not atom.bozo and not rss.bozo
    assert [e.title for e in atom.entries] == ["Епсилон", "Дельта", "Гамма", "Бета", "Альфа"]
    assert atom.entries[0].link == "https://example.org/2026/02/10/epsylon/"
    assert "Текст статті" in atom.entries[0].content[0].value
    assert len(rss.entries) == 5 and rss.version == "rss20"
    for page in archive.rglob("*.html"):
        html = soup(page)
        assert html.select_one('link[rel="alternate"][type="application/atom+xml"][href="/feed.xml"]'), page
        assert html.select_one('link[rel="alternate"][type="application/rss+xml"][href="/rss.xml"]'), page


def test_sitemap_urls_map_to_built_files(archive: Path) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in ElementTree.parse(archive / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    assert "https://example.org/" in locs and "https://example.org/2026/02/10/delta/" in locs
    for loc in locs:
        relative = loc.removeprefix("https://example.org/")
        target = archive / relative / "index.html" if loc.endswith("/") else archive / relative
        assert target.is_file(), loc
    assert "404" not in " ".join(locs)
    robots = read(archive / "robots.txt")
    assert "Sitemap: https://example.org/sitemap.xml" in robots
    assert "Sitemap: https://example.org/news-sitemap.xml" in robots


def test_json_ld_survives_hostile_titles(make_project) -> None:
    title = "Він сказав: \\\"</script><script>alert(1)</script>\\\" & 'це' <b>"
    site = make_project({"content/x.md": f'---\ntitle: "{title}"\ndate: 2026-02-10\nslug: x\n---\nТекст.\n'})
    build_project(site)
    page = soup(site / "build/2026/02/10/x/index.html")
    [script] = page.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Він сказав: \"</script><script>alert(1)</script>\" & 'це' <b>"
    for key in ("datePublished", "dateModified", "inLanguage", "keywords", "url", "description", "publisher"):
        assert key in data
    assert page.select_one('meta[property="og:title"]')["content"] == data["headline"]
    assert len(page.select("script")) == 1


def test_article_counts_agree_with_the_number() -> None:
    from newsgen.text.labels import count_label

    assert [count_label(n, "articles", "uk") for n in (1, 3, 5, 21, 112)] == [
        "1 стаття", "3 статті", "5 статей", "21 стаття", "112 статей"]
    assert [count_label(n, "articles", "en") for n in (1, 2)] == ["1 article", "2 articles"]


def test_an_entry_in_another_language_says_so_in_the_feed(make_project) -> None:
    """Atom readers take an entry's language from xml:lang: an English article in a Ukrainian
    feed is marked, the others inherit the feed's."""
    site = make_project({
        "newsgen.yaml": "base_url: https://example.org/\nlanguage: uk\n",
        "content/a.md": md("Альфа", "2026-01-15", "Київ"),
        "content/b.md": md("Grain record", "2026-01-31", "Київ", extra="lang: en\n"),
    })
    build_project(site)
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in ("feed.xml", "tags/kyiv/feed.xml"):
        root = ElementTree.parse(site / "build" / feed).getroot()
        assert root.get(xml_lang) == "uk"
        entries = {entry.findtext(f"{atom}title"): entry.get(xml_lang) for entry in root.findall(f"{atom}entry")}
        assert entries == {"Grain record": "en", "Альфа": None}, feed
