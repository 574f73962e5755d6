"""The page plan: every HTML file the site will have, as data. Pure.

``plan_pages`` decides routes, templates and template contexts; rendering and
writing happen later, elsewhere, possibly in parallel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

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


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One HTML file to render: where it goes, with which template and context."""

    route: str
    template: str
    context: dict = field(hash=False, compare=False)
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


def plan_pages(
    catalog: Catalog, site: SiteView, site_urls: SiteURLs, paging: Paging, views: ViewMaker | None = None
) -> list[PageSpec]:
    """Every page of the site, in a stable order."""
    views = views or ViewMaker(catalog, site_urls)
    planner = _Planner(catalog, site, site_urls, paging.per_page, views)
    specs = [*planner.front(), *planner.articles(), *planner.tags(), *planner.periods(), *planner.singles()]
    return [*specs, *planner.redirects({spec.route for spec in specs})]


class _Planner:
    def __init__(self, catalog: Catalog, site: SiteView, site_urls: SiteURLs, per_page: int, views: ViewMaker):
        self.catalog, self.site, self.urls, self.per_page, self.views = catalog, site, site_urls, per_page, views
        self.labels = labels_for(site.lang)
        self.site_feeds = (
            FeedLink(f"{site.title} (Atom)", site_urls.href(urls.ATOM_FEED), "application/atom+xml"),
            FeedLink(f"{site.title} (RSS)", site_urls.href(urls.RSS_FEED), "application/rss+xml"),
        )

    def meta(self, kind: str, title: str, route: str, **extra: object) -> PageMeta:
        feeds = extra.pop("feeds", ())
        return PageMeta(
            kind=kind, title=title, lang=self.site.lang, href=self.urls.href(route),
            canonical=self.urls.absolute(route), feeds=(*self.site_feeds, *feeds), **extra,  # type: ignore[arg-type]
        )

    def paginated(
        self, kind: str, title: str, route_of: Callable[[int], str], items: Sequence[Article],
        template: str, **context: object,
    ) -> Iterator[PageSpec]:
        chunks = [items[i : i + self.per_page] for i in range(0, len(items), self.per_page)] or [[]]
        for number, chunk in enumerate(chunks, start=1):
            page_title = title if number == 1 else f"{title} — {number}"
            extra = dict(context)
            meta = self.meta(kind, page_title, route_of(number), feeds=extra.pop("feeds", ()))
            yield PageSpec(route_of(number), template, {
                "site": self.site, "page": meta, "articles": self.views.articles(chunk),
                "pager": make_pager(route_of, number, len(chunks), self.urls), **extra,
            })

    def front(self) -> Iterator[PageSpec]:
        yield from self.paginated("front", self.site.title, urls.front_route, self.catalog.articles, "index.html")

    def articles(self) -> Iterator[PageSpec]:
        for article in self.catalog.articles:
            view = self.views.article(article)
            route = urls.article_route(article.date, article.slug, article.route)
            older, newer = self.catalog.older.get(article.id), self.catalog.newer.get(article.id)
            meta = self.meta("article", article.title, route, description=article.summary)
            yield PageSpec(route, "article.html", {
                "site": self.site, "page": meta, "article": view,
                "older": self.views.article(older) if older else None,
                "newer": self.views.article(newer) if newer else None,
                "related": self.views.articles(self.catalog.related.get(article.id, ())),
                "json_ld": json_ld(view, self.site),
            })

    def tags(self) -> Iterator[PageSpec]:
        groups = {kind: [] for kind in TAG_KINDS}
        for entry in self.catalog.tags:
            groups[entry.tag.kind].append(tag_link(entry.tag, self.urls, len(entry.articles)))
            feed = FeedLink(entry.tag.name, self.urls.href(urls.tag_feed_route(entry.tag.slug)), "application/atom+xml")
            yield from self.paginated(
                "tag", entry.tag.name, lambda n, slug=entry.tag.slug: urls.tag_route(slug, n),
                entry.articles, "tag.html", tag=tag_link(entry.tag, self.urls, len(entry.articles)),
                tag_feed=feed.href, feeds=(feed,),
            )
        meta = self.meta("tags", self.labels["tags"], urls.TAG_INDEX)
        yield PageSpec(urls.TAG_INDEX, "tags.html", {
            "site": self.site, "page": meta, "groups": tuple((k, tuple(v)) for k, v in groups.items() if v),
        })

    def periods(self) -> Iterator[PageSpec]:
        lang = self.site.lang
        levels = (
            ("year", self.catalog.years, lambda p: str(p.year), lambda p, n: urls.year_route(p.year, n)),
            ("month", self.catalog.months, lambda p: format_month_heading(p.year, p.month, lang),
             lambda p, n: urls.month_route(p.year, p.month, n)),
            ("day", self.catalog.days, lambda p: format_day_heading(p.first_day, lang),
             lambda p, n: urls.day_route(p.first_day, n)),
        )
        for kind, groups, heading, route in levels:
            periods = list(groups)
            for index, period in enumerate(periods):
                neighbours = {
                    "earlier": self._period_link(periods, index - 1, heading, route),
                    "later": self._period_link(periods, index + 1, heading, route),
                    "children": self._children(kind, period),
                }
                yield from self.paginated(
                    kind, heading(period), lambda n, p=period, r=route: r(p, n), groups[period], "period.html",
                    **neighbours,
                )

    def _period_link(self, periods, index, heading, route) -> Link | None:  # noqa: ANN001
        if 0 <= index < len(periods):
            return Link(heading(periods[index]), self.urls.href(route(periods[index], 1)))
        return None

    def _children(self, kind: str, period: Period) -> tuple[tuple[Link, int], ...]:
        """The months of a year or the days of a month, with their article counts."""
        lang = self.site.lang
        if kind == "year":
            return tuple(
                (Link(format_month_name(p.month, lang), self.urls.href(urls.month_route(p.year, p.month))), len(a))
                for p, a in self.catalog.months.items() if p.year == period.year
            )
        if kind == "month":
            return tuple(
                (Link(str(p.day), self.urls.href(urls.day_route(p.first_day))), len(a))
                for p, a in self.catalog.days.items() if (p.year, p.month) == (period.year, period.month)
            )
        return ()

    def singles(self) -> Iterator[PageSpec]:
        lang = self.site.lang
        charts = tuple((Link(str(p.year), self.urls.href(urls.year_route(p.year))), len(a), self._chart(p.year))
                       for p, a in reversed(self.catalog.years.items()))
        yield PageSpec(urls.ARCHIVE_INDEX, "archive.html", {
            "site": self.site, "page": self.meta("archive", self.labels["archive"], urls.ARCHIVE_INDEX), "years": charts,
        })
        # search (newsgen/search.py writes the index into /pagefind/; search.js reads it)
        yield PageSpec(urls.SEARCH, "search.html", {
            "site": self.site, "page": self.meta("search", self.labels["search"], urls.SEARCH, noindex=True),
            "search": {"bundle": self.urls.href("/pagefind/"), "base": self.urls.href("/"),
                       "labels": {k: v for k, v in self.labels.items() if k.startswith("search_")}},
        }, in_sitemap=False)
        meta = self.meta("not-found", self.labels["not_found"], urls.NOT_FOUND, noindex=True)
        yield PageSpec(urls.NOT_FOUND, "404.html", {"site": self.site, "page": meta}, in_sitemap=False)

    def redirects(self, taken: set[str]) -> Iterator[PageSpec]:
        """A small page at each old URL of an imported article (`aliases`), unless the site has a page there."""
        for article in self.catalog.articles:
            target = urls.article_route(article.date, article.slug, article.route)
            for alias in article.placement.aliases:
                if alias in taken:
                    continue
                taken.add(alias)
                meta = PageMeta(kind="redirect", title=article.title, lang=article.lang, href=self.urls.href(alias),
                                canonical=self.urls.absolute(target), noindex=True)
                yield PageSpec(alias, "redirect.html", {
                    "site": self.site, "page": meta, "target": Link(article.title, self.urls.href(target)),
                }, in_sitemap=False)

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

