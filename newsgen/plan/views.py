"""What templates see: small frozen views with ready-made links and localised dates. Pure.

Templates never get records directly, so they cannot reach ``source_path`` or
build URLs by hand: every href comes from ``SiteURLs``.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import attrgetter

from markupsafe import Markup

from newsgen import urls
from newsgen.digests import text_digest
from newsgen.plan.article_view import (
    ArticleView, CorrectionView, PageLink, TagLink, ViewFacts, ViewLinks, make_view, tag_link,
)
from newsgen.plan.images import Picture, picture_key
from newsgen.records import NO_EDITORIAL, Article
from newsgen.site.catalog import Catalog
from newsgen.site.newsroom import name_key
from newsgen.text.labels import SiteLabels
from newsgen.urls import SiteURLs

__all__ = ["ArticleView", "CorrectionView", "Deferred", "Link", "ListedArticle", "PageLink", "Pager", "SiteView",
           "TagLink", "ViewMaker", "breadcrumb_ld", "json_ld", "make_pager", "script_json", "tag_link"]

_TAG_KEY = attrgetter("key")
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
    labels: SiteLabels = ()  # the site's own labels (labels/<lang>.yaml), over newsgen's


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a paginated list is: its number, and links to its neighbours and every page."""

    number: int
    total: int
    prev_href: str | None
    next_href: str | None
    pages: tuple[Link, ...]  # a window around this page; a Link with an empty href is a gap


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
    collect.LoadedSite) give each view a cheap key: the stamp and the article's
    ``ViewFacts``, every field spelled out; without stamps the key is the view itself.
    """

    def __init__(self, catalog: Catalog, site_urls: SiteURLs, stamps: Mapping[str, str] | None = None,
                 pictures: Mapping[tuple[str, str], Picture] | None = None,
                 scheduled: Mapping[str, datetime.datetime] | None = None) -> None:
        self._catalog = catalog
        self._links = ViewLinks(site_urls)
        self._stamps = stamps
        self._pictures = pictures or {}
        self._scheduled = scheduled or {}  # article id -> when it goes live, for those shown before (marked)
        self._views: dict[str, ArticleView] = {}
        self._keys: dict[int, str] | None = None

    def key(self, article: Article) -> object:
        """What the article's view is made of: its stamp and its facts.

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
            stamps, facts, spelled = self._stamps or {}, self.facts, FactSpelling()
            self._keys = {id(article): text_digest(f"{stamps[article.id]}\n{spelled(facts(article))}")
                          for article in self._catalog.articles}
        return self._keys

    def facts(self, article: Article) -> ViewFacts:
        """What the catalog and the build settle about the article that its view shows."""
        catalog, editorial = self._catalog, article.editorial
        tags = tuple(map(catalog.tag_for_key.__getitem__, map(_TAG_KEY, article.tags)))
        if len(tags) > 1 and len(set(map(id, tags))) < len(tags):  # two spellings of one topic: shown once
            tags = tuple({tag.key: tag for tag in tags}.values())
        return ViewFacts(
            tags=tags,
            authors=tuple(dict.fromkeys(catalog.author_of[name_key(name)] for name in article.authors))
            if article.authors else (),
            section=catalog.section_of.get(article.id),
            pictures=self._article_pictures(article) if editorial is not NO_EDITORIAL else (),
            scheduled=self._scheduled.get(article.id),
        )

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
            view = self._views[article.id] = make_view(article, self.facts(article), self._links)
        return view

    def articles(self, articles: tuple[Article, ...] | list[Article]) -> tuple[ArticleView, ...]:
        return tuple(self.article(a) for a in articles)

    def listed(self, articles: tuple[Article, ...]) -> tuple[ListedArticle, ...] | tuple[ArticleView, ...]:
        """The articles of a list page: each with its key, its view made only if a template reads it."""
        if self._stamps is None:
            return self.articles(articles)
        return tuple(map(ListedArticle, self.keys(articles), articles, (self,) * len(articles)))  # type: ignore[arg-type]


class FactSpelling:
    """``ViewFacts`` as text for a key: every field in order, each record by its repr, and each record
    that many articles share (a tag, an author, a section) spelled out once."""

    def __init__(self) -> None:
        self._kept: list[object] = [None, ()]  # what ``_texts`` names by id lives as long as it
        self._texts: dict[int, str] = {id(value): repr(value) for value in self._kept}

    def __call__(self, facts: ViewFacts) -> str:
        """Every field, in order: a field added to ViewFacts is in every key at once."""
        texts = list(map(self._texts.get, map(id, facts)))  # None, (), a section: known without a Python call
        for number, text in enumerate(texts):
            if text is None:
                texts[number] = self._spelled(facts[number])
        return "\x1f".join(texts)  # type: ignore[arg-type]

    def _spelled(self, value: object) -> str:
        if type(value) is tuple:
            try:  # most tuples hold only records spelled before: looked up without Python calls
                return "(" + "\x1e".join(map(self._texts.__getitem__, map(id, value))) + ")"  # type: ignore[arg-type]
            except KeyError:
                return "(" + "\x1e".join(map(self._spelled, value)) + ")"  # type: ignore[arg-type]
        text = self._texts.get(id(value))
        if text is None:
            self._kept.append(value)
            text = self._texts[id(value)] = repr(value)
        return text


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


def json_ld(view: ArticleView, site: SiteView, translations: Mapping[str, object] | None = None) -> Markup:
    """NewsArticle structured data, safe inside <script>: '<', '>' and '&' are escaped; ``translations``:
    how it links to its versions in other languages (plan/translation_links.py)."""
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
    data.update(translations or {})
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
