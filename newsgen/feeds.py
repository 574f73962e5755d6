"""Atom and RSS 2.0 feeds. Pure: views in, XML bytes out.

Feed timestamps come from the articles themselves, never from the clock, so
two builds of the same input give byte-identical feeds.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from newsgen.views import ArticleView

ATOM_NS = "http://www.w3.org/2005/Atom"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def entry_id(article_url: str) -> str:
    """A permanent id for a feed entry, stable across builds and deploy hosts."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, article_url)}"


def _newest(articles: Sequence[ArticleView]) -> str:
    stamps = [a.updated_iso or a.published_iso for a in articles]
    return max(stamps, key=datetime.datetime.fromisoformat) if stamps else EPOCH.isoformat()


def atom_feed(
    *, title: str, feed_url: str, site_url: str, lang: str, author: str, articles: Sequence[ArticleView]
) -> bytes:
    """An Atom 1.0 feed with the full content of each article."""
    # Namespaces are written as plain xmlns attributes: ElementTree cannot give
    # Atom a default namespace when attributes are unqualified.
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": lang})
    ET.SubElement(feed, "title").text = title
    ET.SubElement(feed, "id").text = entry_id(feed_url)
    ET.SubElement(feed, "updated").text = _newest(articles)
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": feed_url})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": site_url})
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = author
    ET.SubElement(feed, "generator", {"uri": "https://pypi.org/project/newsgen/"}).text = "newsgen"
    for article in articles:
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "title").text = article.title
        ET.SubElement(entry, "id").text = entry_id(article.url)
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": article.url})
        ET.SubElement(entry, "published").text = article.published_iso
        ET.SubElement(entry, "updated").text = article.updated_iso or article.published_iso
        if article.author:
            ET.SubElement(ET.SubElement(entry, "author"), "name").text = article.author
        for tag in article.tags:
            ET.SubElement(entry, "category", {"term": tag.name})
        ET.SubElement(entry, "summary").text = article.summary
        ET.SubElement(entry, "content", {"type": "html"}).text = str(article.body_html)
    return _serialise(feed)


def rss_feed(
    *, title: str, description: str, feed_url: str, site_url: str, lang: str, articles: Sequence[ArticleView]
) -> bytes:
    """An RSS 2.0 feed; items carry their summary and full content."""
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = site_url
    ET.SubElement(channel, "description").text = description or title
    ET.SubElement(channel, "language").text = lang
    ET.SubElement(channel, "generator").text = "newsgen"
    newest = datetime.datetime.fromisoformat(_newest(articles))
    ET.SubElement(channel, "lastBuildDate").text = format_datetime(newest.astimezone(datetime.UTC), usegmt=True)
    ET.SubElement(channel, "atom:link", {
        "href": feed_url, "rel": "self", "type": "application/rss+xml",
    })
    for article in articles:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = article.title
        ET.SubElement(item, "link").text = article.url
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = article.url
        published = datetime.datetime.fromisoformat(article.published_iso).astimezone(datetime.UTC)
        ET.SubElement(item, "pubDate").text = format_datetime(published, usegmt=True)
        for tag in article.tags:
            ET.SubElement(item, "category").text = tag.name
        ET.SubElement(item, "description").text = str(article.body_html)
    return _serialise(rss)


def _serialise(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
