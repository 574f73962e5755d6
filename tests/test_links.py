"""Every internal link and asset resolves, at the root and under a sub-path."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from newsgen.build import memo as cache_module
from tests.conftest import build_project, read
from tests.support.links import broken_links

REPO = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("sample")
    for name in ("seeds", "content"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "newsgen.yaml", site / "newsgen.yaml")
    return site


@pytest.mark.parametrize("base_url", ["https://example.org/", "https://example.org/archive/", "/news/2026/"])
def test_every_internal_link_resolves(sample_site: Path, tmp_path: Path, base_url: str) -> None:
    output = tmp_path / "out"
    report = build_project(sample_site, base_url=base_url, output_dir=str(output))
    assert report.errors == []
    broken, checked = broken_links(output, base_url)
    assert broken == []
    assert checked > 100


def test_the_link_walker_catches_a_broken_link(sample_site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    build_project(sample_site, base_url="https://example.org/archive/", output_dir=str(output))
    page = output / "tags/index.html"
    page.write_text(read(page).replace("</main>", '<a href="/archive/tags/nowhere/">x</a>'
                                       '<img src="/archive/static/missing.png" alt="">'
                                       '<a href="/elsewhere/">outside the deploy</a></main>'), encoding="utf-8")
    broken, _ = broken_links(output, "https://example.org/archive/")
    assert sorted(b.target for b in broken) == ["/archive/static/missing.png", "/archive/tags/nowhere/", "/elsewhere/"]


def test_sub_path_reaches_feeds_sitemaps_and_structured_data(sample_site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    build_project(sample_site, base_url="https://example.org/archive/", output_dir=str(output))
    assert "<loc>https://example.org/archive/</loc>" in read(output / "sitemap.xml")
    assert 'href="https://example.org/archive/feed.xml"' in read(output / "feed.xml")
    assert "Sitemap: https://example.org/archive/sitemap.xml" in read(output / "robots.txt")
    front = BeautifulSoup(read(output / "index.html"), "html.parser")
    assert front.select_one('link[rel="canonical"]')["href"] == "https://example.org/archive/"
    assert front.select_one('link[rel="stylesheet"]')["href"] == "/archive/static/newsgen.css"


def test_news_sitemap_holds_the_last_two_days(make_project, monkeypatch) -> None:
    build_at = datetime.datetime(2026, 2, 12, 12, 0, tzinfo=datetime.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(build_at.timestamp())))
    site = make_project({
        "newsgen.yaml": "base_url: https://example.org/\npublication_name: Тестові новини\n",
        "content/new.md": "---\ntitle: Свіжа\ndate: 2026-02-11T09:00:00+00:00\nslug: fresh\n---\nТекст.\n",
        "content/old.md": "---\ntitle: Давня\ndate: 2026-02-01\nslug: old\n---\nТекст.\n",
        "content/future.md": "---\ntitle: Майбутня\ndate: 2026-02-13\nslug: future\n---\nТекст.\n",
    })
    build_project(site)
    news = read(site / "build/news-sitemap.xml")
    assert "<loc>https://example.org/2026/02/11/fresh/</loc>" in news
    assert "/old/" not in news and "/future/" not in news
    assert "<news:name>Тестові новини</news:name>" in news and "<news:language>uk</news:language>" in news


def test_news_sitemap_follows_the_clock_without_source_changes(make_project, monkeypatch) -> None:
    """An unchanged site is rebuilt when an article enters or leaves the two-day window, and only then."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)  # fresh files: else every build reads everything
    site = make_project({
        "newsgen.yaml": "base_url: https://example.org/\n",
        "content/new.md": "---\ntitle: Свіжа\ndate: 2026-02-11T09:00:00+00:00\nslug: fresh\n---\nТекст.\n",
        "content/future.md": "---\ntitle: Майбутня\ndate: 2026-02-13T06:00:00+00:00\nslug: future\n---\nТекст.\n",
        "content/old.md": "---\ntitle: Давня\ndate: 2026-02-01\nslug: old\n---\nТекст.\n",
    })

    rendered: list[int] = []

    def news_at(moment: datetime.datetime) -> str:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
        rendered.append(build_project(site).rendered)
        return read(site / "build/news-sitemap.xml")

    day = datetime.datetime(2026, 2, 12, 12, 0, tzinfo=datetime.UTC)
    assert "/fresh/" in news_at(day) and "/future/" not in news_at(day)
    later_that_day = news_at(day + datetime.timedelta(hours=12))  # 13 Feb 00:00: nothing entered or left
    assert "/fresh/" in later_that_day and "/future/" not in later_that_day
    assert rendered[1:] == [0, 0], "nothing to do while the window keeps the same articles"
    published = news_at(datetime.datetime(2026, 2, 13, 7, 0, tzinfo=datetime.UTC))
    assert "/fresh/" in published and "/future/" in published
    expired = news_at(datetime.datetime(2026, 2, 13, 10, 0, tzinfo=datetime.UTC))  # fresh is 49 hours old
    assert "/fresh/" not in expired and "/future/" in expired and "/old/" not in expired
