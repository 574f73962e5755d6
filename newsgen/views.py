"""What templates see: small frozen views with ready-made links and localised dates. Pure.

Templates never get records directly, so they cannot reach ``source_path`` or
build URLs by hand: every href comes from ``SiteURLs``.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass

from markupsafe import Markup

from newsgen import urls
from newsgen.catalog import Catalog
from newsgen.records import Article, Tag
from newsgen.text.dates import format_dateline
from newsgen.urls import SiteURLs

WORDS_PER_MINUTE = 200


@dataclass(frozen=True, slots=True)
class SiteView:
    title: str
    description: str
    lang: str
    publisher: str
    home_href: str
    base_url: str


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class TagLink:
    name: str
    href: str
    kind: str
    count: int = 0


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: str
    title: str
    title_is_derived: bool
    href: str
    url: str  # absolute, for canonical links and sharing
    lang: str
    published_iso: str
    dateline: str
    updated_iso: str | None
    updated_dateline: str | None
    summary: str
    body_html: Markup
    tags: tuple[TagLink, ...]
    author: str | None
    reading_minutes: int
    word_count: int


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a paginated list is: its number, and links to its neighbours and every page."""

    number: int
    total: int
    prev_href: str | None
    next_href: str | None
    pages: tuple[Link, ...]  # a window around this page; a Link with an empty href is a gap


def tag_link(tag: Tag, site_urls: SiteURLs, count: int = 0) -> TagLink:
    return TagLink(tag.name, site_urls.href(urls.tag_route(tag.slug)), tag.kind, count)


class ViewMaker:
    """Builds (and remembers) the view of each article for one site build."""

    def __init__(self, catalog: Catalog, site_urls: SiteURLs) -> None:
        self._catalog = catalog
        self._urls = site_urls
        self._views: dict[str, ArticleView] = {}

    def article(self, article: Article) -> ArticleView:
        view = self._views.get(article.id)
        if view is None:
            view = self._views[article.id] = self._make(article)
        return view

    def articles(self, articles: tuple[Article, ...] | list[Article]) -> tuple[ArticleView, ...]:
        return tuple(self.article(a) for a in articles)

    def _make(self, article: Article) -> ArticleView:
        route = urls.article_route(article.date, article.slug, article.route)
        canonical_tags = dict.fromkeys(self._catalog.tag_for_key[tag.key] for tag in article.tags)
        updated = article.updated
        return ArticleView(
            id=article.id,
            title=article.title,
            title_is_derived=article.title_is_derived,
            href=self._urls.href(route),
            url=self._urls.absolute(route),
            lang=article.lang,
            published_iso=article.published.isoformat(),
            dateline=format_dateline(article.date, article.lang),
            updated_iso=updated.isoformat() if updated else None,
            updated_dateline=format_dateline(updated.date(), article.lang) if updated else None,
            summary=article.summary,
            body_html=Markup(article.body_html),  # produced by newsgen: escaped or sanitised
            tags=tuple(tag_link(tag, self._urls) for tag in canonical_tags),
            author=article.author,
            reading_minutes=max(1, math.ceil(article.word_count / WORDS_PER_MINUTE)),
            word_count=article.word_count,
        )


def make_pager(route_of_page, number: int, total: int, site_urls: SiteURLs) -> Pager | None:  # noqa: ANN001
    """Pagination links; None when everything fits on one page."""
    if total <= 1:
        return None
    return Pager(
        number=number,
        total=total,
        prev_href=site_urls.href(route_of_page(number - 1)) if number > 1 else None,
        next_href=site_urls.href(route_of_page(number + 1)) if number < total else None,
        pages=tuple(
            Link(str(n), site_urls.href(route_of_page(n))) if n else Link("…", "")
            for n in page_window(number, total)
        ),
    )


def page_window(number: int, total: int, around: int = 2) -> list[int]:
    """Page numbers to link: the first, the last and those near ``number``; 0 marks a gap.

    Linking every page would make each list page O(pages) and the archive O(pages²).
    """
    shown = sorted({1, total, *range(max(1, number - around), min(total, number + around) + 1)})
    window: list[int] = []
    for n in shown:
        if window and n - window[-1] > 1:
            window.append(0)
        window.append(n)
    return window


def json_ld(view: ArticleView, site: SiteView, image_url: str | None = None) -> Markup:
    """NewsArticle structured data, safe inside <script>: '<', '>' and '&' are escaped."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": view.title,
        "datePublished": view.published_iso,
        "dateModified": view.updated_iso or view.published_iso,
        "inLanguage": view.lang,
        "url": view.url,
        "mainEntityOfPage": view.url,
        "description": view.summary,
        "keywords": [tag.name for tag in view.tags],
        "publisher": {"@type": "Organization", "name": site.publisher},
        "author": {"@type": "Person", "name": view.author}
        if view.author
        else {"@type": "Organization", "name": site.publisher},
        "wordCount": view.word_count,
    }
    if image_url:
        data["image"] = image_url
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


_view_digests: dict[str, tuple[ArticleView, str]] = {}


def view_digest(view: ArticleView) -> str:
    """A stable digest of everything a template can read from an article view."""
    known = _view_digests.get(view.id)
    if known is not None and known[0] is view:
        return known[1]
    value = hashlib.blake2b(repr(view).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    _view_digests[view.id] = (view, value)
    return value


def page_inputs(context: dict) -> dict:
    """A page's context with each article view replaced by its digest: what a page signature hashes."""
    return {key: _digested(value) for key, value in context.items()}


def _digested(value: object) -> object:
    if isinstance(value, ArticleView):
        return view_digest(value)
    if isinstance(value, tuple) and value and isinstance(value[0], ArticleView):
        return tuple(view_digest(item) for item in value)
    return value
