"""Atom, RSS 2.0 and JSON Feed 1.1 feeds. Pure: views in, XML bytes out.

Feed timestamps come from the articles themselves, never from the clock, so
two builds of the same input give byte-identical feeds. The XML is written as
text with every value escaped: an archive has hundreds of tag feeds, and
ElementTree's serialiser was the slowest part of a build.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
from collections.abc import Iterator, Sequence
from email.utils import format_datetime
from html import escape

from newsgen.plan.views import ArticleView

ATOM_NS = "http://www.w3.org/2005/Atom"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
# Characters XML 1.0 forbids even when escaped; they can arrive in source text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    """Text or an attribute value for XML: escaped, without the characters XML 1.0 forbids."""
    return escape(_NOT_XML.sub("", value), quote=True)


def entry_id(article_url: str) -> str:
    """A permanent id for a feed entry, stable across builds and deploy hosts."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, article_url)}"


def _newest(articles: Sequence[ArticleView]) -> str:
    stamps = [a.updated_iso or a.published_iso for a in articles]
    return max(stamps, key=datetime.datetime.fromisoformat) if stamps else EPOCH.isoformat()


def _rfc822(iso: str) -> str:
    return format_datetime(datetime.datetime.fromisoformat(iso).astimezone(datetime.UTC), usegmt=True)


def atom_feed(
    *, title: str, feed_url: str, site_url: str, lang: str, author: str,
    articles: Sequence[ArticleView], full_content: bool = True,
) -> bytes:
    """An Atom 1.0 feed; with ``full_content`` each entry carries the whole article."""
    head = (
        f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="{ATOM_NS}" xml:lang="{xml_text(lang)}">\n'
        f"<title>{xml_text(title)}</title>\n<id>{entry_id(feed_url)}</id>\n<updated>{_newest(articles)}</updated>\n"
        f'<link rel="self" type="application/atom+xml" href="{xml_text(feed_url)}"/>\n'
        f'<link rel="alternate" type="text/html" href="{xml_text(site_url)}"/>\n'
        f"<author><name>{xml_text(author)}</name></author>\n<generator>newsgen</generator>\n"
    )
    entries = "".join(_atom_entry(article, full_content, lang) for article in articles)
    return f"{head}{entries}</feed>\n".encode()


def _atom_entry(article: ArticleView, full_content: bool, feed_lang: str) -> str:
    # An entry in another language than the feed's says so: readers set its text's language from it.
    own_lang = f' xml:lang="{xml_text(article.lang)}"' if article.lang != feed_lang else ""
    parts = [
        f"<entry{own_lang}>\n<title>{xml_text(article.title)}</title>\n<id>{entry_id(article.url)}</id>\n"
        f'<link rel="alternate" type="text/html" href="{xml_text(article.url)}"/>\n'
        f"<published>{article.published_iso}</published>\n"
        f"<updated>{article.updated_iso or article.published_iso}</updated>\n"
    ]
    parts += [f"<author><name>{xml_text(author.name)}</name><uri>{xml_text(author.url)}</uri></author>\n"
              for author in article.authors]
    parts += [f'<category term="{xml_text(tag.name)}"/>\n' for tag in article.tags]
    parts.append(f"<summary>{xml_text(article.summary)}</summary>\n")
    if full_content:
        parts.append(f'<content type="html">{xml_text(article.feed_html)}</content>\n')
    if article.image and article.image.mime:
        image = article.image
        parts.append(f'<link rel="enclosure" type="{image.mime}" length="{image.length}" href="{xml_text(image.url)}"/>\n')
    parts.append("</entry>\n")
    return "".join(parts)


def rss_feed(
    *, title: str, description: str, feed_url: str, site_url: str, lang: str, articles: Sequence[ArticleView]
) -> bytes:
    """An RSS 2.0 feed; items carry their full content."""
    head = (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:atom="{ATOM_NS}">\n<channel>\n'
        f"<title>{xml_text(title)}</title>\n<link>{xml_text(site_url)}</link>\n"
        f"<description>{xml_text(description or title)}</description>\n<language>{xml_text(lang)}</language>\n"
        f"<generator>newsgen</generator>\n<lastBuildDate>{_rfc822(_newest(articles))}</lastBuildDate>\n"
        f'<atom:link href="{xml_text(feed_url)}" rel="self" type="application/rss+xml"/>\n'
    )
    return f"{head}{''.join(_rss_items(articles))}</channel>\n</rss>\n".encode()


def _rss_items(articles: Sequence[ArticleView]) -> Iterator[str]:
    for article in articles:
        categories = "".join(f"<category>{xml_text(tag.name)}</category>\n" for tag in article.tags)
        yield (
            f"<item>\n<title>{xml_text(article.title)}</title>\n<link>{xml_text(article.url)}</link>\n"
            f'<guid isPermaLink="true">{xml_text(article.url)}</guid>\n<pubDate>{_rfc822(article.published_iso)}</pubDate>\n'
            f"{categories}<description>{xml_text(article.feed_html)}</description>\n{_rss_enclosure(article)}</item>\n"
        )


JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def json_feed(
    *, title: str, description: str, feed_url: str, site_url: str, lang: str, author: str,
    articles: Sequence[ArticleView],
) -> bytes:
    """A JSON Feed 1.1 (https://jsonfeed.org/version/1.1); items carry their full content."""
    feed: dict[str, object] = {
        "version": JSON_FEED_VERSION, "title": _NOT_XML.sub("", title), "home_page_url": site_url,
        "feed_url": feed_url, "language": lang, "authors": [{"name": author}],
    }
    if description:
        feed["description"] = description
    feed["items"] = [_json_item(article) for article in articles]
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode()


def _json_item(article: ArticleView) -> dict[str, object]:
    item: dict[str, object] = {
        "id": entry_id(article.url), "url": article.url, "title": article.title,
        "content_html": article.feed_html, "summary": article.summary,
        "date_published": article.published_iso, "date_modified": article.updated_iso or article.published_iso,
        "language": article.lang,
    }
    if article.authors:
        item["authors"] = [{"name": author.name, "url": author.url} for author in article.authors]
    if article.tags:
        item["tags"] = [tag.name for tag in article.tags]
    if article.image:
        item["image"] = article.image.url
    return item


def _rss_enclosure(article: ArticleView) -> str:
    image = article.image
    if not image or not image.mime:
        return ""
    return f'<enclosure url="{xml_text(image.url)}" length="{image.length}" type="{image.mime}"/>\n'
