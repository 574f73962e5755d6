"""What templates see: small frozen views with ready-made links and localised dates. Pure.

Templates never get records directly, so they cannot reach ``source_path`` or
build URLs by hand: every href comes from ``SiteURLs``.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from newsgen import urls
from newsgen.digests import text_digest
from newsgen.plan.figures import BodyLinks, ImageView, image_view
from newsgen.plan.images import Picture, picture_key
from newsgen.records import NO_EDITORIAL, Article, Body, BodyReference, Tag
from newsgen.site.catalog import Catalog
from newsgen.site.newsroom import name_key
from newsgen.text.dates import format_dateline, format_moment
from newsgen.urls import SiteURLs

WORDS_PER_MINUTE = 200
VIEWS_KEPT = 20_000  # views a process remembers (each is shown on about ten pages)


@dataclass(frozen=True, slots=True)
class SiteView:
    title: str
    description: str
    lang: str
    publisher: str
    home_href: str
    base_url: str
    sections: tuple[Link, ...] = ()  # the masthead's sections (newsgen.yaml's `sections:`), in order


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
class PageLink:
    """A page of the site by name: an author's or a section's."""

    name: str
    href: str
    url: str  # absolute, for structured data and feeds


@dataclass(frozen=True, slots=True)
class CorrectionView:
    iso: str
    dateline: str  # the date in the article's language
    text: str


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
    body: Body | BodyReference  # read only by pages that show the text (``body_html``)
    tags: tuple[TagLink, ...]
    authors: tuple[PageLink, ...]  # each links to the author's page
    section: PageLink | None
    corrections: tuple[CorrectionView, ...]  # oldest first
    reading_minutes: int
    word_count: int
    image: ImageView | None = None  # the lead image
    links: BodyLinks | None = None  # the body's pictures and root links, when it has any to write out
    scheduled_iso: str | None = None  # shown before it goes live (a --future preview): when it does
    scheduled_for: str | None = None  # the same moment for people, in the site's time zone

    @property
    def body_html(self) -> Markup:
        html = self.body.html  # produced by newsgen: escaped or sanitised
        return Markup(self.links.page_html(html) if self.links else html)

    @property
    def feed_html(self) -> str:
        """The body for feeds: its links and pictures absolute."""
        html = self.body.html
        return self.links.feed_html(html) if self.links else html

    @property
    def author(self) -> str | None:
        """The byline as text ("Олена Коваль, Петро Мельник"), for templates written before `authors`."""
        return ", ".join(author.name for author in self.authors) or None


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


@dataclass(frozen=True, slots=True)
class Deferred:
    """A template value made only if the page is rendered; ``key`` stands for it in the page's signature.

    Most files of an incremental build are unchanged: their signatures are
    compared, and the article views they would show are never made.
    """

    key: object  # equal keys promise equal values
    make: Callable[[], object]


class ViewMaker:
    """Builds (and remembers) the view of each article for one site build.

    ``stamps`` (article id -> a text that changes whenever the article does,
    collect.LoadedSite) give each view a cheap key; without them the key is the view itself.
    """

    def __init__(self, catalog: Catalog, site_urls: SiteURLs, stamps: Mapping[str, str] | None = None,
                 pictures: Mapping[tuple[str, str], Picture] | None = None,
                 scheduled: Mapping[str, datetime.datetime] | None = None) -> None:
        self._catalog = catalog
        self._urls = site_urls
        self._stamps = stamps
        self._pictures = pictures or {}
        self._moved = site_urls.href("/") != "/"  # a sub-path: bodies' root links are written out
        self._scheduled = scheduled or {}  # article id -> when it goes live, for those shown before (marked)
        self._views: dict[str, ArticleView] = {}
        self._keys: dict[int, str] | None = None
        self._tag_links: dict[str, TagLink] = {}  # a few hundred tags, each on thousands of articles

    def key(self, article: Article) -> object:
        """What the article's view is made of: its stamp and its tags as the catalog names them.

        The site's URLs are not in it: they come from the settings, which every signature holds.
        """
        if self._stamps is None:
            return self.article(article)
        return self._key_table()[id(article)]

    def keys(self, articles: tuple[Article, ...] | list[Article]) -> tuple[object, ...]:
        """``key`` of each article (a page lists twenty; an archive has many thousand pages)."""
        if self._stamps is None:
            return self.articles(articles)
        return tuple(map(self._key_table().__getitem__, map(id, articles)))

    def key_every_article(self) -> None:
        """Make every article's key now rather than on first use: processes forked later share them."""
        if self._stamps is not None:
            self._key_table()

    def _key_table(self) -> dict[int, str]:
        """Every catalogued article's key, by object identity: made once, looked up without Python calls."""
        if self._keys is None:
            stamps = self._stamps or {}
            # Each canonical tag spelled out once: an archive mentions a few hundred tags 40,000 times.
            tag_text = {key: repr(tag) for key, tag in self._catalog.tag_for_key.items()}
            self._keys = {
                id(article): text_digest(
                    "\n".join((stamps[article.id], *dict.fromkeys(tag_text[tag.key] for tag in article.tags),
                               self._desk_text(article)))
                )
                for article in self._catalog.articles
            }
        return self._keys

    def _desk_text(self, article: Article) -> str:
        """The article's authors and section as the catalog settled them (a slug may depend on other articles)."""
        section = self._catalog.section_of.get(article.id)
        editorial = article.editorial
        if not article.authors and section is None and not editorial.image and not editorial.inline_images:
            return ""
        author_of = self._catalog.author_of
        return repr((tuple(author_of[name_key(name)] for name in article.authors), section,
                     self._article_pictures(article)))

    def _article_pictures(self, article: Article) -> tuple[tuple[str, Picture], ...]:
        """The article's pictures that were found, by src as written (what the view shows of each file)."""
        editorial = article.editorial
        named = [src for src, _ in editorial.inline_images] + ([editorial.image.src] if editorial.image else [])
        found = ((src, self._pictures.get(picture_key(article, src))) for src in dict.fromkeys(named))
        return tuple((src, picture) for src, picture in found if picture is not None)

    def current_keys(self) -> set[str]:
        """The key of every catalogued article's view."""
        return set(self._key_table().values()) if self._stamps is not None else set()

    def deferred_list(self, articles: tuple[Article, ...] | list[Article]) -> Deferred:
        chosen = tuple(articles)
        return Deferred(self.keys(chosen), lambda: self.articles(chosen))

    def article(self, article: Article) -> ArticleView:
        view = self._views.get(article.id)
        if view is None:
            if len(self._views) >= VIEWS_KEPT:  # bounded memory in a big archive: start afresh
                self._views.clear()
            view = self._views[article.id] = self._make(article)
        return view

    def articles(self, articles: tuple[Article, ...] | list[Article]) -> tuple[ArticleView, ...]:
        return tuple(self.article(a) for a in articles)

    def listed(self, articles: tuple[Article, ...]) -> tuple[ListedArticle, ...] | tuple[ArticleView, ...]:
        """The articles of a list page: each with its key, its view made only if a template reads it."""
        if self._stamps is None:
            return self.articles(articles)
        return tuple(map(ListedArticle, self.keys(articles), articles, (self,) * len(articles)))  # type: ignore[arg-type]

    def _tag_link(self, tag: Tag) -> TagLink:
        link = self._tag_links.get(tag.key)
        if link is None:
            link = self._tag_links[tag.key] = tag_link(tag, self._urls)
        return link

    def _page_link(self, name: str, route: str) -> PageLink:
        return PageLink(name, self._urls.href(route), self._urls.absolute(route))

    def _authors(self, article: Article) -> tuple[PageLink, ...]:
        profiles = dict.fromkeys(self._catalog.author_of[name_key(name)] for name in article.authors)
        return tuple(self._page_link(p.name, urls.author_route(p.slug)) for p in profiles)

    def _make(self, article: Article) -> ArticleView:
        route = urls.article_route(article.date, article.slug, article.route)
        section = self._catalog.section_of.get(article.id)
        pictures = self._article_pictures(article) if article.editorial is not NO_EDITORIAL else ()
        lead = article.editorial.image
        canonical_tags = dict.fromkeys(self._catalog.tag_for_key[tag.key] for tag in article.tags)
        updated = article.updated
        words = article.word_count
        release = self._scheduled.get(article.id)
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
            body=article.body,
            tags=tuple(map(self._tag_link, canonical_tags)),
            authors=self._authors(article) if article.authors else (),
            section=self._page_link(section.name, urls.section_route(section.slug)) if section else None,
            corrections=tuple(CorrectionView(c.moment.isoformat(), format_dateline(c.moment.date(), article.lang),
                                             c.text) for c in article.editorial.corrections),
            reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
            word_count=words,
            image=image_view(lead, dict(pictures).get(lead.src), self._urls) if lead else None,
            links=BodyLinks(pictures, self._urls) if pictures or self._moved else None,
            scheduled_iso=release.isoformat() if release else None,
            scheduled_for=format_moment(release, article.lang) if release else None,
        )


class ListedArticle:
    """An article in a list: the key of its view at once, the view itself (every ArticleView
    attribute) when a template first reads one.

    A list page shows cards, which are remembered from earlier builds by that key
    (theme.FragmentCache): an addition renders every list page behind the new article
    again, and making the views of their cards took half of that work.
    """

    __slots__ = ("key", "_article", "_maker")

    def __init__(self, key: str, article: Article, maker: ViewMaker) -> None:
        self.key, self._article, self._maker = key, article, maker

    def __getattr__(self, name: str) -> object:  # called only for names that are not slots
        if name.startswith("_"):  # __html__ and the like: asked of every value, never an ArticleView field
            raise AttributeError(name)
        return getattr(self.made(), name)

    def made(self) -> ArticleView:
        """The view itself (a card template reads a dozen of its fields)."""
        return self._maker.article(self._article)

    def __repr__(self) -> str:
        return f"ListedArticle({self._article.id!r})"


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


def json_ld(view: ArticleView, site: SiteView) -> Markup:
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
        "author": [{"@type": "Person", "name": author.name, "url": author.url} for author in view.authors]
        or {"@type": "Organization", "name": site.publisher},
        "wordCount": view.word_count,
    }
    if view.section:
        data["articleSection"] = view.section.name
    if view.corrections:
        data["correction"] = [{"@type": "CorrectionComment", "text": c.text, "datePublished": c.iso}
                              for c in view.corrections]
    if view.image:
        data["image"] = [view.image.url]
    return script_json(data)


def breadcrumb_ld(trail: tuple[PageLink, ...]) -> Markup:
    """BreadcrumbList structured data for a page's trail (home, section, the page itself)."""
    return script_json({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": number, "name": step.name, "item": step.url}
                            for number, step in enumerate(trail, start=1)],
    })


def script_json(data: object) -> Markup:
    """JSON safe inside <script>: '<', '>' and '&' are escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
