"""sitemap.xml (an index beyond 50,000 URLs), the Google News sitemap and robots.txt. Pure."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsgen.plan.views import ArticleView
from newsgen.render.feeds import xml_text
from newsgen.urls import SITEMAP

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_URLS = 50_000  # the sitemap protocol's limit per file
NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1_000
_XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'


XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str  # absolute
    lastmod: str | None = None  # W3C datetime
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, absolute URL) of each language version


def sitemap_layout(count: int, part_route: Callable[[int], str]) -> list[tuple[str, slice]]:
    """Where ``count`` URLs go, as (route, which of them): all in /sitemap.xml, or 50,000 a part
    (then /sitemap.xml is the ``sitemap_index`` of the parts)."""
    if count <= MAX_URLS:
        return [(SITEMAP, slice(0, count))]
    return [(part_route(number), slice(start, start + MAX_URLS))
            for number, start in enumerate(range(0, count, MAX_URLS), start=1)]


def urlset(entries: Sequence[SitemapEntry]) -> bytes:
    """A sitemap; an entry with versions in other languages lists them as Google asks (xhtml:link)."""
    urls = "".join(
        f"<url><loc>{xml_text(e.url)}</loc>{f'<lastmod>{e.lastmod}</lastmod>' if e.lastmod else ''}"
        + "".join(f'<xhtml:link rel="alternate" hreflang="{xml_text(lang)}" href="{xml_text(url)}"/>'
                  for lang, url in e.alternates)
        + "</url>\n"
        for e in entries
    )
    xhtml = f' xmlns:xhtml="{XHTML_NS}"' if any(e.alternates for e in entries) else ""
    return f'{_XML_HEAD}<urlset xmlns="{SITEMAP_NS}"{xhtml}>\n{urls}</urlset>\n'.encode()


def sitemap_index(part_urls: Sequence[str]) -> bytes:
    parts = "".join(f"<sitemap><loc>{xml_text(url)}</loc></sitemap>\n" for url in part_urls)
    return f'{_XML_HEAD}<sitemapindex xmlns="{SITEMAP_NS}">\n{parts}</sitemapindex>\n'.encode()


def news_window_start(now: datetime.datetime) -> datetime.datetime:
    """Two days before ``now``, or the calendar's first moment when that is sooner."""
    first = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return now - NEWS_WINDOW if now - first > NEWS_WINDOW else first


def recent_for_news(published: Sequence[tuple[datetime.datetime, object]], now: datetime.datetime) -> list:
    """The items published in the two days before ``now``, at most 1,000, in the given order."""
    since = news_window_start(now)
    return [item for moment, item in published if since <= moment <= now][:NEWS_LIMIT]


def news_sitemap(articles: Sequence[ArticleView], *, publication: str, lang: str) -> bytes:
    """The Google News sitemap of already selected recent articles."""
    items = "".join(
        f"<url><loc>{xml_text(a.url)}</loc><news:news><news:publication><news:name>{xml_text(publication)}</news:name>"
        f"<news:language>{xml_text(lang.split('-')[0])}</news:language></news:publication>"
        f"<news:publication_date>{a.published_iso}</news:publication_date>"
        f"<news:title>{xml_text(a.title)}</news:title></news:news></url>\n"
        for a in articles
    )
    return f'{_XML_HEAD}<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n{items}</urlset>\n'.encode()


def robots_txt(sitemap_urls: Sequence[str]) -> bytes:
    lines = ["User-agent: *", "Allow: /", ""] + [f"Sitemap: {url}" for url in sitemap_urls]
    return ("\n".join(lines) + "\n").encode("utf-8")
