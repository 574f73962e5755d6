"""sitemap.xml (an index beyond 50,000 URLs), the Google News sitemap and robots.txt. Pure."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from newsgen.views import ArticleView

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_URLS = 50_000  # the sitemap protocol's limit per file
NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1_000


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str  # absolute
    lastmod: str | None = None  # W3C datetime


def sitemap_files(entries: Sequence[SitemapEntry], part_route: Callable[[int], str], absolute: Callable[[str], str]) -> dict[str, bytes]:
    """{route: bytes}: one /sitemap.xml, or an index pointing at numbered parts."""
    if len(entries) <= MAX_URLS:
        return {"/sitemap.xml": _urlset(entries)}
    files: dict[str, bytes] = {}
    index = ET.Element("sitemapindex", {"xmlns": SITEMAP_NS})
    for number, start in enumerate(range(0, len(entries), MAX_URLS), start=1):
        route = part_route(number)
        files[route] = _urlset(entries[start : start + MAX_URLS])
        ET.SubElement(ET.SubElement(index, "sitemap"), "loc").text = absolute(route)
    files["/sitemap.xml"] = _serialise(index)
    return files


def _urlset(entries: Sequence[SitemapEntry]) -> bytes:
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for entry in entries:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = entry.url
        if entry.lastmod:
            ET.SubElement(url, "lastmod").text = entry.lastmod
    return _serialise(urlset)


def news_sitemap(
    articles: Sequence[ArticleView], *, publication: str, lang: str, now: datetime.datetime
) -> bytes:
    """Articles published in the two days before ``now`` (at most 1,000), Google News format."""
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
    recent = [a for a in articles if now - NEWS_WINDOW <= datetime.datetime.fromisoformat(a.published_iso) <= now]
    for article in recent[:NEWS_LIMIT]:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = article.url
        news = ET.SubElement(url, "news:news")
        publication_element = ET.SubElement(news, "news:publication")
        ET.SubElement(publication_element, "news:name").text = publication
        ET.SubElement(publication_element, "news:language").text = lang.split("-")[0]
        ET.SubElement(news, "news:publication_date").text = article.published_iso
        ET.SubElement(news, "news:title").text = article.title
    return _serialise(urlset)


def robots_txt(sitemap_urls: Sequence[str]) -> bytes:
    lines = ["User-agent: *", "Allow: /", ""] + [f"Sitemap: {url}" for url in sitemap_urls]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _serialise(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
