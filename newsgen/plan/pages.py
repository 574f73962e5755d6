"""The page plan: every HTML file the site will have, as data. Pure.

``plan_groups`` decides routes, templates and template contexts; rendering and
writing happen later, elsewhere, possibly in parallel.
"""

from __future__ import annotations

import datetime
import functools
import math
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from newsgen import urls
from newsgen.plan.desks import DeskPlanning, FeedLink, lead_first
from newsgen.plan.views import Link, PageLink, SiteView, ViewMaker, breadcrumb_ld, json_ld, make_pager, tag_link
from newsgen.records import TAG_KINDS, Article
from newsgen.site.catalog import Catalog, Period
from newsgen.text.dates import format_day_heading, format_month_heading, format_month_name
from newsgen.text.labels import labels_for
from newsgen.urls import SiteURLs


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


class PageGroup(NamedTuple):
    """Pages planned together: fifty pages of the front page or of a tag, a period's pages, one
    month's articles, or one single page.

    ``inputs()`` stands for everything the group's pages are made of besides the
    settings, articles as their views' keys: equal inputs give the same pages with
    the same signatures, so a build can recall them from the last one without
    planning the group (build/page_memo.py). Only ``plan`` makes the group's PageSpecs.
    Both are made on demand: a build works the inputs out in several processes.
    """

    inputs: Callable[[], tuple]
    plan: Callable[[], list[PageSpec]]


# A list's pages are planned in runs of this many (_Planner.paginated_groups).
LIST_PAGES_PER_GROUP = 50


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


def _plain(period: Period) -> tuple[int, int, int]:
    """A period as a group's input: a plain tuple is spelled out faster than a record."""
    return (period.year, period.month, period.day)


def list_route(place: tuple, number: int = 1) -> str:
    """The route of page ``number`` of a list: ("front",), ("tag"|"author"|"section", slug), or (kind, Period)."""
    kind = place[0]
    if kind == "front":
        return urls.front_route(number)
    if kind == "tag":
        return urls.tag_route(place[1], number)
    if kind == "author":
        return urls.author_route(place[1], number)
    if kind == "section":
        return urls.section_route(place[1], number)
    period = place[1]
    if kind == "year":
        return urls.year_route(period.year, number)
    if kind == "month":
        return urls.month_route(period.year, period.month, number)
    return urls.day_route(period.first_day, number)


def plan_groups(
    catalog: Catalog, site: SiteView, site_urls: SiteURLs, paging: Paging, views: ViewMaker | None = None,
    with_search: bool = True, now: datetime.datetime | None = None,
) -> list[PageGroup]:
    """Every page of the site in groups, in a stable order; no search page when the site has no search.
    ``now`` (the build's clock) decides which pinned stories still lead their lists."""
    views = views or ViewMaker(catalog, site_urls)
    planner = _Planner(catalog, site, site_urls, paging.per_page, views, now or datetime.datetime.now(datetime.UTC))
    groups = [*planner.front(), *planner.articles(), *planner.tags(), *planner.authors(), *planner.sections(),
              *planner.periods(), *planner.singles(with_search)]
    if any(article.placement.aliases for article in catalog.articles):  # imported archives: old URLs
        # A redirect may not take a page's route, so every group is planned here: once, not again later.
        groups = [group._replace(plan=functools.partial(list, group.plan())) for group in groups]
        taken = {spec.route for group in groups for spec in group.plan()}
        groups.append(planner.redirects(taken))
    return groups


class _Planner(DeskPlanning):
    """Plans pages as recipes: a context function of the planner and its arguments.

    A context function reads only its arguments and what the settings make
    (site, URLs, labels, page size, article views), so a page's inputs are the
    function's name and its arguments, each article standing as its view's key.
    """

    def __init__(self, catalog: Catalog, site: SiteView, site_urls: SiteURLs, per_page: int, views: ViewMaker,
                 now: datetime.datetime):
        self.catalog, self.site, self.urls, self.per_page, self.views = catalog, site, site_urls, per_page, views
        self.now = now
        self.labels = labels_for(site.lang)
        self.site_feeds = (
            FeedLink(f"{site.title} (Atom)", site_urls.href(urls.ATOM_FEED), "application/atom+xml"),
            FeedLink(f"{site.title} (RSS)", site_urls.href(urls.RSS_FEED), "application/rss+xml"),
            FeedLink(f"{site.title} (JSON Feed)", site_urls.href(urls.JSON_FEED), "application/feed+json"),
        )

    def single(self, route: str, template: str, make: Callable[..., dict], *args: object, in_sitemap: bool = True
               ) -> PageGroup:
        """A group of one page."""
        spec = self.page(route, template, make, *args, in_sitemap=in_sitemap)
        return PageGroup(lambda: ("page", route, template, spec.inputs, in_sitemap), lambda: [spec])

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
    def paginated_groups(
        self, kind: str, title: str, place: tuple, items: Sequence[Article], template: str, extra: tuple = (),
        with_lead: bool = False,
    ) -> Iterator[PageGroup]:
        """``paginated`` as groups of up to LIST_PAGES_PER_GROUP pages. A page is made of the list's
        arguments, its number, the number of pages and its own articles: those, articles as keys,
        are a group's inputs. An edit then plans the run of pages that shows its article, not
        the whole list (5,000 pages for the front page of 100,000 articles)."""
        total = max(1, math.ceil(len(items) / self.per_page))
        for first in range(1, total + 1, LIST_PAGES_PER_GROUP):
            numbers = range(first, min(total, first + LIST_PAGES_PER_GROUP - 1) + 1)
            shown = items[(first - 1) * self.per_page : numbers[-1] * self.per_page]
            yield PageGroup(
                functools.partial(self._list_inputs, kind, title, place, template, extra, total, first, shown,
                                  with_lead),
                functools.partial(self._list_pages, kind, title, place, items, template, extra, numbers, with_lead),
            )

    def _list_inputs(self, kind: str, title: str, place: tuple, template: str, extra: tuple, total: int, first: int,
                     shown: Sequence[Article], with_lead: bool) -> tuple:
        return ("list", kind, title, place, template, extra, total, first, self.views.keys(shown), with_lead)

    def _list_pages(self, kind: str, title: str, place: tuple, items: Sequence[Article], template: str, extra: tuple,
                    numbers: range, with_lead: bool = False) -> list[PageSpec]:
        return list(self.paginated(kind, title, place, items, template, extra, numbers, with_lead))

    def paginated(
        self, kind: str, title: str, place: tuple, items: Sequence[Article], template: str, extra: tuple = (),
        numbers: range | None = None, with_lead: bool = False,
    ) -> Iterator[PageSpec]:
        """A list in pages of ``per_page`` (those of ``numbers``, or all); ``place`` names the list for
        ``list_route``, ``extra`` holds further (name, value) pairs for the template; ``with_lead``: the
        first item is shown as the lead story."""
        total = max(1, math.ceil(len(items) / self.per_page))
        for number in numbers or range(1, total + 1):
            chunk = tuple(items[(number - 1) * self.per_page : number * self.per_page])
            yield self.page(list_route(place, number), template, self.list_context, kind, title, place, number, total,
                            chunk, extra, with_lead and number == 1)

    def list_context(self, kind: str, title: str, place: tuple, number: int, total: int,
                     chunk: tuple[Article, ...], extra: tuple, with_lead: bool = False) -> dict:
        context = dict(extra)
        lead = chunk[0] if with_lead and chunk else None
        chunk = chunk[1:] if lead else chunk
        feeds = context.pop("feeds", ())
        route = list_route(place, number)
        description = self.site.description if kind == "front" and number == 1 else ""  # what search engines quote
        meta = self.meta(kind, title if number == 1 else f"{title} — {number}", route, feeds=feeds,
                         description=description)
        return {"site": self.site, "page": meta, "articles": self.views.listed(chunk),
                "lead": self.views.article(lead) if lead else None,
                "pager": make_pager(functools.partial(list_route, place), number, total, self.urls), **context}

    def front(self) -> Iterator[PageGroup]:
        """The front page: the lead story (pinned, featured or the newest) over the others, newest first."""
        yield from self.paginated_groups("front", self.site.title, ("front",),
                                         lead_first(self.catalog.articles, self.now), "index.html", with_lead=True)

    # articles -------------------------------------------------------------------------
    def articles(self) -> Iterator[PageGroup]:
        """A group per month: an edit re-plans the pages of a few months, not of the whole archive."""
        for members in reversed(self.catalog.months.values()):  # newest first, as everywhere
            yield PageGroup(functools.partial(self._article_inputs, members),
                            functools.partial(self._article_pages, members))

    def _article_entries(self, members: tuple[Article, ...]
                         ) -> Iterator[tuple[Article, Article | None, Article | None, tuple[Article, ...]]]:
        """Each article with the articles its page shows: the older one, the newer one, the related ones."""
        older, newer, related = self.catalog.older.get, self.catalog.newer.get, self.catalog.related.get
        return ((a, older(a.id), newer(a.id), related(a.id, ())) for a in members)

    def _article_inputs(self, members: tuple[Article, ...]) -> tuple:
        key, keys = self.views.key, self.views.keys
        return ("articles", tuple((key(a), o and key(o), n and key(n), keys(r))
                                  for a, o, n, r in self._article_entries(members)))

    def _article_pages(self, members: tuple[Article, ...]) -> list[PageSpec]:
        return [
            self.page(urls.article_route(a.date, a.slug, a.route), "article.html", self.article_context, a, o, n, r)
            for a, o, n, r in self._article_entries(members)
        ]

    def article_context(self, article: Article, older: Article | None, newer: Article | None,
                        related: tuple[Article, ...]) -> dict:
        view = self.views.article(article)
        route = urls.article_route(article.date, article.slug, article.route)
        trail = (PageLink(self.labels["home"], self.urls.href("/"), self.urls.absolute("/")),
                 *((view.section,) if view.section else ()), PageLink(view.title, view.href, view.url))
        return {
            "site": self.site, "page": self.meta("article", article.title, route, description=article.summary),
            "article": view,
            "older": self.views.article(older) if older else None,
            "newer": self.views.article(newer) if newer else None,
            "related": self.views.articles(related),
            "json_ld": json_ld(view, self.site),
            "breadcrumb": trail if view.section else (),
            "breadcrumb_ld": breadcrumb_ld(trail) if view.section else None,
        }

    # tags -----------------------------------------------------------------------------
    def tags(self) -> Iterator[PageGroup]:
        groups = {kind: [] for kind in TAG_KINDS}
        for entry in self.catalog.tags:
            link = tag_link(entry.tag, self.urls, len(entry.articles))
            groups[entry.tag.kind].append(link)
            feed = FeedLink(entry.tag.name, self.urls.href(urls.tag_feed_route(entry.tag.slug)), "application/atom+xml")
            yield from self.paginated_groups(
                "tag", entry.tag.name, ("tag", entry.tag.slug), entry.articles, "tag.html",
                (("tag", link), ("tag_feed", feed.href), ("feeds", (feed,)), ("spellings", entry.spellings)),
            )
        yield self.single(urls.TAG_INDEX, "tags.html", self.tags_context,
                          tuple((k, tuple(v)) for k, v in groups.items() if v))
        if self.catalog.tag_redirects:
            yield self.tag_redirects()

    def tag_redirects(self) -> PageGroup:
        """A redirect at the page of each tag that is now named on another topic's page."""
        names = {entry.tag.slug: entry.tag.name for entry in self.catalog.tags}
        specs = [self.page(urls.tag_route(slug), "redirect.html", self.redirect_context, urls.tag_route(slug),
                           names[target], self.site.lang, urls.tag_route(target), in_sitemap=False)
                 for slug, target in self.catalog.tag_redirects.items()]
        return PageGroup(lambda: ("tag redirects", tuple((spec.route, spec.inputs) for spec in specs)), lambda: specs)

    def tags_context(self, groups: tuple) -> dict:
        return {"site": self.site, "page": self.meta("tags", self.labels["tags"], urls.TAG_INDEX), "groups": groups}

    # archives -------------------------------------------------------------------------
    def periods(self) -> Iterator[PageGroup]:
        """A group per year, month and day. Its inputs name the periods around it and below it
        (with their counts) instead of their headings and links: those come from the settings,
        and formatting thousands of localised dates is left to the groups that are planned."""
        below = {"year": defaultdict(list), "month": defaultdict(list), "day": defaultdict(list)}
        for p, a in self.catalog.months.items():
            below["year"][p.year].append((p.month, len(a)))
        for p, a in self.catalog.days.items():
            below["month"][(p.year, p.month)].append((p.day, len(a)))
        for kind, groups in (("year", self.catalog.years), ("month", self.catalog.months), ("day", self.catalog.days)):
            periods = list(groups)
            for index, period in enumerate(periods):
                earlier = periods[index - 1] if index > 0 else None
                later = periods[index + 1] if index + 1 < len(periods) else None
                children = tuple(below[kind].get((period.year, period.month) if kind == "month" else period.year, ()))
                articles = groups[period]
                yield PageGroup(functools.partial(self._period_inputs, kind, period, earlier, later, children, articles),
                                functools.partial(self._period_pages, kind, period, earlier, later, children, articles))

    def _period_inputs(self, kind: str, period: Period, earlier: Period | None, later: Period | None,
                       children: tuple[tuple[int, int], ...], articles: tuple[Article, ...]) -> tuple:
        return ("period", kind, _plain(period), earlier and _plain(earlier), later and _plain(later), children,
                self.views.keys(articles))

    def _period_pages(self, kind: str, period: Period, earlier: Period | None, later: Period | None,
                      children: tuple[tuple[int, int], ...], articles: tuple[Article, ...]) -> list[PageSpec]:
        child_links = tuple(
            (self._child_link(kind, period, number), count) for number, count in children
        ) if kind != "day" else ()
        neighbours = (
            ("earlier", self._period_link(kind, earlier)),
            ("later", self._period_link(kind, later)),
            ("children", child_links),
        )
        return list(self.paginated(kind, self._heading(kind, period), (kind, period), articles, "period.html",
                                   neighbours))

    def _heading(self, kind: str, period: Period) -> str:
        if kind == "year":
            return str(period.year)
        if kind == "month":
            return format_month_heading(period.year, period.month, self.site.lang)
        return format_day_heading(period.first_day, self.site.lang)

    def _period_link(self, kind: str, period: Period | None) -> Link | None:
        if period is None:
            return None
        return Link(self._heading(kind, period), self.urls.href(list_route((kind, period), 1)))

    def _child_link(self, kind: str, period: Period, number: int) -> Link:
        """A year's month or a month's day, as the archive lists it under its parent."""
        if kind == "year":
            month = format_month_name(number, self.site.lang)
            return Link(month, self.urls.href(urls.month_route(period.year, number)))
        day = Period(period.year, period.month, number)
        return Link(str(number), self.urls.href(urls.day_route(day.first_day)))

    # single pages ---------------------------------------------------------------------
    def singles(self, with_search: bool) -> Iterator[PageGroup]:
        charts = tuple((Link(str(p.year), self.urls.href(urls.year_route(p.year))), len(a), self._chart(p.year))
                       for p, a in reversed(self.catalog.years.items()))
        yield self.single(urls.ARCHIVE_INDEX, "archive.html", self.archive_context, charts)
        if with_search:  # newsgen/search.py writes the index into /pagefind/; search.js reads it
            yield self.single(urls.SEARCH, "search.html", self.search_context, in_sitemap=False)
        yield self.single(urls.NOT_FOUND, "404.html", self.not_found_context, in_sitemap=False)

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

    def redirects(self, taken: set[str]) -> PageGroup:
        """A small page at each old URL of an imported article (`aliases`), unless the site has a page there."""
        specs = []
        for article in self.catalog.articles:
            target = urls.article_route(article.date, article.slug, article.route)
            for alias in article.placement.aliases:
                if alias in taken:
                    continue
                taken.add(alias)
                specs.append(self.page(alias, "redirect.html", self.redirect_context, alias, article.title,
                                       article.lang, target, in_sitemap=False))
        return PageGroup(lambda: ("redirects", tuple((spec.route, spec.inputs) for spec in specs)), lambda: specs)

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

