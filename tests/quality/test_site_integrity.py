"""Links, feeds and sitemaps of whole built sites: the sample site and the 1,000-article corpus.

Every internal href and src resolves to a built file (at the root and under a
sub-path), every feed parses with feedparser, every sitemap URL maps to a file.
The last test breaks a built site on purpose and shows each check failing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.quality.site_checks import (
    feed_files,
    feed_problems,
    hreflang_problems,
    page_alternates,
    pages_missing_from_sitemap,
    sitemap_problems,
    sitemap_urls,
)
from tests.quality.tools import Built
from tests.support.links import broken_links

# Root and sub-path each on a small and a large site; the Markdown and the seed corpus differ in
# their pages (titles given or derived, tags chosen or found), so each is built once, not twice.
ALL_BUILDS = ("sample_root", "sample_sub_path", "corpus_markdown_root", "corpus_seed_sub_path")
FEED_BUILDS = ("sample_sub_path", "corpus_markdown_root", "corpus_seed_sub_path")


def _listing(problems: list[str], limit: int = 40) -> str:
    more = f"\n... and {len(problems) - limit} more" if len(problems) > limit else ""
    return "\n".join(map(str, problems[:limit])) + more


@pytest.mark.parametrize("built", ALL_BUILDS, indirect=True)
def test_every_internal_link_resolves(built: Built) -> None:
    broken, checked = broken_links(built.output, built.base_url)
    assert len(broken) == 0, f"{len(broken)} broken link(s) in {built.name}:\n{_listing(broken)}"
    pages = sum(1 for _ in built.output.rglob("*.html"))
    assert checked > 10 * pages, f"only {checked} links checked on {pages} pages: is the walker blind?"


@pytest.mark.parametrize("built", FEED_BUILDS, indirect=True)
def test_every_feed_parses_and_links_to_built_pages(built: Built) -> None:
    feeds = feed_files(built.output)
    assert {"feed.xml", "rss.xml"} <= {f.relative_to(built.output).as_posix() for f in feeds}
    assert any(f.parent.parent.name == "tags" for f in feeds), "no tag feeds were built"
    problems = feed_problems(built.output, built.base_url, feeds)
    assert len(problems) == 0, f"{len(problems)} feed problem(s) in {built.name}:\n{_listing(problems)}"


@pytest.mark.parametrize("built", ALL_BUILDS, indirect=True)
def test_every_sitemap_url_maps_to_a_built_file(built: Built) -> None:
    problems = sitemap_problems(built.output, built.base_url)
    assert len(problems) == 0, f"{len(problems)} sitemap problem(s) in {built.name}:\n{_listing(problems)}"


@pytest.mark.parametrize("built", ("sample_root", "corpus_markdown_root"), indirect=True)
def test_every_indexable_page_is_in_the_sitemap(built: Built) -> None:
    missing = pages_missing_from_sitemap(built.output, built.base_url)
    assert len(missing) == 0, (
        f"{len(missing)} page(s) of {built.name} are neither in sitemap.xml nor marked noindex:\n{_listing(missing)}"
    )


@pytest.mark.parametrize("built", ("sample_root", "sample_sub_path"), indirect=True)
def test_every_language_version_points_back(built: Built) -> None:
    """The sample site's stories in several languages: each version names every other, and is named back."""
    pages = page_alternates(built.output)
    assert len(pages) >= 7, f"only {len(pages)} pages with language versions in {built.name}"
    assert {lang for lang, _, _ in pages.values()} == {"uk", "en", "ru"}
    problems = hreflang_problems(built.output, built.base_url)
    assert len(problems) == 0, f"{len(problems)} hreflang problem(s) in {built.name}:\n{_listing(problems)}"


def test_the_news_sitemap_is_checked_with_articles_in_it(corpus_markdown_root: Built) -> None:
    """The corpus is built "on" the day after its last article, so the news sitemap is not vacuous."""
    news = (corpus_markdown_root.output / "news-sitemap.xml").read_text(encoding="utf-8")
    assert news.count("<loc>") >= 1


def test_each_check_fails_on_a_broken_site(sample_root: Built, tmp_path: Path) -> None:
    output = tmp_path / "broken"
    shutil.copytree(sample_root.output, output)
    base = sample_root.base_url
    listed, _ = sitemap_urls(output, base)
    article = next(url for url in listed if url.count("/") >= 7)  # https://host/YYYY/MM/DD/slug/
    victim = output / article.removeprefix(base) / "index.html"
    victim.unlink()  # an article that every list, feed and sitemap still points at
    (output / "tags" / "orphan").mkdir()
    (output / "tags" / "orphan" / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    tag_feed = next(f for f in feed_files(output) if f.parent.parent.name == "tags")
    translated = next(file for file, (lang, _, _) in page_alternates(output).items() if lang == "en")
    text = translated.read_text(encoding="utf-8")
    translated.write_text(re.sub(r'<link rel="alternate" hreflang="uk"[^>]*>', "", text), encoding="utf-8")
    tag_feed.write_text('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</titl></feed>',
                        encoding="utf-8")

    broken, _ = broken_links(output, base)
    assert any(article.removeprefix(base.rstrip("/")) == b.target.removeprefix(base.rstrip("/")) for b in broken)
    feed_report = feed_problems(output, base)
    assert any("not a well-formed feed" in p and tag_feed.parent.name in p for p in feed_report)
    assert any("which was not built" in p for p in feed_report)
    assert any(article in p for p in sitemap_problems(output, base))
    assert "tags/orphan/index.html" in pages_missing_from_sitemap(output, base)
    hreflang_report = hreflang_problems(output, base)
    assert any("does not name it back as uk" in p for p in hreflang_report)
    assert any(p.startswith("sitemap.xml:") for p in hreflang_report)
