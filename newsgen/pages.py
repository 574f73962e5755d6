"""The page plan: every HTML file the site will have, as data. Pure.

``plan_pages`` decides routes, templates and template contexts; rendering and
writing happen later, elsewhere, possibly in parallel.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from newsgen import urls
from newsgen.catalog import Catalog, Period
from newsgen.labels import labels_for
from newsgen.records import TAG_KINDS, Article
from newsgen.text.dates import format_day_heading, format_month_heading, format_month_name
from newsgen.urls import SiteURLs
from newsgen.views import Link, SiteView, ViewMaker, json_ld, make_pager, tag_link


@dataclass(frozen=True, slots=True)
class FeedLink:
    title: str
    href: str
    type: str  # MIME type for <link rel="alternate">


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What every page template knows about the page itself."""

    kind: str  # front, article, tag, tags, year, month, day, archive, search, not-found
    title: str  # the <title> and the main heading
    lang: str
    href: str  # this page's own link (sub-path included)
    canonical: str  # absolute URL
    description: str = ""
    feeds: tuple[FeedLink, ...] = ()
    noindex: bool = False


class PageSpec(NamedTuple):
    """One HTML file to render: where it goes, with which template, and what its context is made of.

    ``inputs`` stands for everything the context is made from besides the settings:
    equal inputs (under equal settings and templates) give an equal page, so an
    unchanged page is recognised without making its context. (A named tuple: an
    archive plans hundreds of thousands of pages, and tuples are made fastest.)
    """

    route: str
    template: str
    inputs: tuple
    make_context: Callable[[], dict]
    in_sitemap: bool = True


@dataclass(frozen=True, slots=True)
class Paging:
    per_page: int


@dataclass(frozen=True, slots=True)
class MonthBar:
    """One bar of a year's articles-per-month chart."""

    name: str  # full month name, for the text alternative
    label: str  # abbreviated, under the bar
    count: int
    href: str | None
    height: float  # 0..100, share of the year's busiest month


def list_route(place: tuple, number: int = 1) -> str:
    """The route of page ``number`` of a list: ("front",), ("tag", slug), or (kind, Period)."""
    kind = place[0]
    if kind == "front":
        return urls.front_route(number)
    if kind == "tag":
        return urls.tag_route(place[1], number)
    period = place[1]
    if kind == "year":
        return urls.year_route(period.year, number)
    if kind == "month":
        return urls.month_route(period.year, period.month, number)
    return urls.day_route(period.first_day, number)


def plan_pages(
    catalog: Catalog, site: SiteView, site_urls: SiteURLs, paging: Paging, views: ViewMaker | None = None
) -> list[PageSpec]:
    """Every page of the site, in a stable order."""
    views = views or ViewMaker(catalog, site_urls)
    planner = _Planner(catalog, site, site_urls, paging.per_page, views)
    specs = [*planner.front(), *planner.articles(), *planner.tags(), *planner.periods(), *planner.singles()]
    return [*specs, *planner.redirects({spec.route for spec in specs})]


class _Planner:
    """Plans pages as recipes: a context function of the planner and its arguments.

    A context function reads only its arguments and what the settings make
    (site, URLs, labels, page size, article views), so a page's inputs are the
    function's name and its arguments, each article standing as its view's key.
    """

    def __init__(self, catalog: Catalog, site: SiteView, site_urls: SiteURLs, per_page: int, views: ViewMaker):
        self.catalog, self.site, self.urls, self.per_page, self.views = catalog, site, site_urls, per_page, views
        self.labels = labels_for(site.lang)
        self.site_feeds = (
            FeedLink(f"{site.title} (Atom)", site_urls.href(urls.ATOM_FEED), "application/atom+xml"),
            FeedLink(f"{site.title} (RSS)", site_urls.href(urls.RSS_FEED), "application/rss+xml"),
        )

    def page(self, route: str, template: str, make: Callable[..., dict], *args: object, in_sitemap: bool = True
             ) -> PageSpec:
        inputs = (make.__name__, *map(self._input, args))
        return PageSpec(route, template, inputs, functools.partial(make, *args), in_sitemap)

    def _input(self, value: object) -> object:
        kind = type(value)  # not isinstance: called for every argument of every page, and records are not subclassed
        if kind is Article:
            return self.views.key(value)  # type: ignore[arg-type]
        if kind is tuple and value and type(value[0]) is Article:  # type: ignore[index]
            return self.views.keys(value)  # type: ignore[arg-type]
        return value

    def meta(self, kind: str, title: str, route: str, **extra: object) -> PageMeta:
        feeds = extra.pop("feeds", ())
        return PageMeta(
            kind=kind, title=title, lang=self.site.lang, href=self.urls.href(route),
            canonical=self.urls.absolute(route), feeds=(*self.site_feeds, *feeds), **extra,  # type: ignore[arg-type]
        )

    # list pages -----------------------------------------------------------------------
    def paginated(
        self, kind: str, title: str, place: tuple, items: Sequence[Article], template: str, extra: tuple = (),
    ) -> Iterator[PageSpec]:
        """A list in pages of ``per_page``; ``place`` names the list for ``list_route``, ``extra``
        holds further (name, value) pairs for the template."""
        total = max(1, math.ceil(len(items) / self.per_page))
        for number in range(1, total + 1):
            chunk = tuple(items[(number - 1) * self.per_page : number * self.per_page])
            yield self.page(list_route(place, number), template, self.list_context, kind, title, place, number, total,
                            chunk, extra)

    def list_context(self, kind: str, title: str, place: tuple, number: int, total: int,
                     chunk: tuple[Article, ...], extra: tuple) -> dict:
        context = dict(extra)
        feeds = context.pop("feeds", ())
        route = list_route(place, number)
        meta = self.meta(kind, title if number == 1 else f"{title} — {number}", route, feeds=feeds)
        return {"site": self.site, "page": meta, "articles": self.views.articles(chunk),
                "pager": make_pager(functools.partial(list_route, place), number, total, self.urls), **context}

    def front(self) -> Iterator[PageSpec]:
        yield from self.paginated("front", self.site.title, ("front",), self.catalog.articles, "index.html")

    # articles -------------------------------------------------------------------------
    def articles(self) -> Iterator[PageSpec]:
        older, newer, related = self.catalog.older.get, self.catalog.newer.get, self.catalog.related.get
        for article in self.catalog.articles:
            yield self.page(urls.article_route(article.date, article.slug, article.route), "article.html",
                            self.article_context, article, older(article.id), newer(article.id),
                            related(article.id, ()))

    def article_context(self, article: Article, older: Article | None, newer: Article | None,
                        related: tuple[Article, ...]) -> dict:
        view = self.views.article(article)
        route = urls.article_route(article.date, article.slug, article.route)
        return {
            "site": self.site, "page": self.meta("article", article.title, route, description=article.summary),
            "article": view,
            "older": self.views.article(older) if older else None,
            "newer": self.views.article(newer) if newer else None,
            "related": self.views.articles(related),
            "json_ld": json_ld(view, self.site),
        }

    # tags -----------------------------------------------------------------------------
    def tags(self) -> Iterator[PageSpec]:
        groups = {kind: [] for kind in TAG_KINDS}
        for entry in self.catalog.tags:
            link = tag_link(entry.tag, self.urls, len(entry.articles))
            groups[entry.tag.kind].append(link)
            feed = FeedLink(entry.tag.name, self.urls.href(urls.tag_feed_route(entry.tag.slug)), "application/atom+xml")
            yield from self.paginated(
                "tag", entry.tag.name, ("tag", entry.tag.slug), entry.articles, "tag.html",
                (("tag", link), ("tag_feed", feed.href), ("feeds", (feed,))),
            )
        yield self.page(urls.TAG_INDEX, "tags.html", self.tags_context,
                        tuple((k, tuple(v)) for k, v in groups.items() if v))

    def tags_context(self, groups: tuple) -> dict:
        return {"site": self.site, "page": self.meta("tags", self.labels["tags"], urls.TAG_INDEX), "groups": groups}

    # archives -------------------------------------------------------------------------
    def periods(self) -> Iterator[PageSpec]:
        lang = self.site.lang
        months_of: dict[int, list] = {}
        days_of: dict[tuple[int, int], list] = {}
        for p, a in self.catalog.months.items():
            months_of.setdefault(p.year, []).append(
                (Link(format_month_name(p.month, lang), self.urls.href(urls.month_route(p.year, p.month))), len(a)))
        for p, a in self.catalog.days.items():
            days_of.setdefault((p.year, p.month), []).append(
                (Link(str(p.day), self.urls.href(urls.day_route(p.first_day))), len(a)))
        levels = (
            ("year", self.catalog.years, lambda p: str(p.year), lambda p: tuple(months_of.get(p.year, ()))),
            ("month", self.catalog.months, lambda p: format_month_heading(p.year, p.month, lang),
             lambda p: tuple(days_of.get((p.year, p.month), ()))),
            ("day", self.catalog.days, lambda p: format_day_heading(p.first_day, lang), lambda p: ()),
        )
        for kind, groups, heading, children in levels:
            periods = list(groups)
            headings = [heading(period) for period in periods]
            for index, period in enumerate(periods):
                neighbours = (
                    ("earlier", self._period_link(kind, periods, headings, index - 1)),
                    ("later", self._period_link(kind, periods, headings, index + 1)),
                    ("children", children(period)),
                )
                yield from self.paginated(kind, headings[index], (kind, period), groups[period], "period.html",
                                          neighbours)

    def _period_link(self, kind: str, periods: list[Period], headings: list[str], index: int) -> Link | None:
        if 0 <= index < len(periods):
            return Link(headings[index], self.urls.href(list_route((kind, periods[index]), 1)))
        return None

    # single pages ---------------------------------------------------------------------
    def singles(self) -> Iterator[PageSpec]:
        charts = tuple((Link(str(p.year), self.urls.href(urls.year_route(p.year))), len(a), self._chart(p.year))
                       for p, a in reversed(self.catalog.years.items()))
        yield self.page(urls.ARCHIVE_INDEX, "archive.html", self.archive_context, charts)
        # search (newsgen/search.py writes the index into /pagefind/; search.js reads it)
        yield self.page(urls.SEARCH, "search.html", self.search_context, in_sitemap=False)
        yield self.page(urls.NOT_FOUND, "404.html", self.not_found_context, in_sitemap=False)

    def archive_context(self, charts: tuple) -> dict:
        meta = self.meta("archive", self.labels["archive"], urls.ARCHIVE_INDEX)
        return {"site": self.site, "page": meta, "years": charts}

    def search_context(self) -> dict:
        return {
            "site": self.site, "page": self.meta("search", self.labels["search"], urls.SEARCH, noindex=True),
            "search": {"bundle": self.urls.href("/pagefind/"), "base": self.urls.href("/"),
                       "labels": {k: v for k, v in self.labels.items() if k.startswith("search_")}},
        }

    def not_found_context(self) -> dict:
        meta = self.meta("not-found", self.labels["not_found"], urls.NOT_FOUND, noindex=True)
        return {"site": self.site, "page": meta}

    def redirects(self, taken: set[str]) -> Iterator[PageSpec]:
        """A small page at each old URL of an imported article (`aliases`), unless the site has a page there."""
        for article in self.catalog.articles:
            target = urls.article_route(article.date, article.slug, article.route)
            for alias in article.placement.aliases:
                if alias in taken:
                    continue
                taken.add(alias)
                yield self.page(alias, "redirect.html", self.redirect_context, alias, article.title, article.lang,
                                target, in_sitemap=False)

    def redirect_context(self, alias: str, title: str, lang: str, target: str) -> dict:
        meta = PageMeta(kind="redirect", title=title, lang=lang, href=self.urls.href(alias),
                        canonical=self.urls.absolute(target), noindex=True)
        return {"site": self.site, "page": meta, "target": Link(title, self.urls.href(target))}

    def _chart(self, year: int) -> tuple[MonthBar, ...]:
        counts = {p.month: len(a) for p, a in self.catalog.months.items() if p.year == year}
        busiest = max(counts.values(), default=1)
        return tuple(
            MonthBar(
                name=format_month_name(month, self.site.lang),
                label=format_month_name(month, self.site.lang, width="abbreviated"),
                count=counts.get(month, 0),
                href=self.urls.href(urls.month_route(year, month)) if month in counts else None,
                height=round(100 * counts.get(month, 0) / busiest, 1),
            )
            for month in range(1, 13)
        )

