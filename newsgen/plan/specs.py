"""What the page plan is made of: pages to render, the groups they are planned in, and ``Plans``,
the settings every plan function may read besides its arguments. Pure.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from newsgen import urls
from newsgen.plan.keys import StandIn, function_name, stand_in_for
from newsgen.plan.views import SiteView, ViewMaker
from newsgen.text.labels import labels_for
from newsgen.urls import SiteURLs


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

    ``inputs`` stands for everything the context is made from besides the settings: the
    context function's name and its arguments (keys.stand_in_for), so equal inputs (under
    equal settings and templates) give an equal page, and an unchanged page is recognised
    without making its context. (A named tuple: an archive plans hundreds of thousands of
    pages, and tuples are made fastest.)
    """

    route: str
    template: str
    inputs: tuple
    make_context: Callable[[], dict]
    in_sitemap: bool = True
    lang: str = ""  # the language it is written in: its labels, dates and links (an article's may differ)


class PageGroup(NamedTuple):
    """Pages planned together: fifty pages of the front page or of a tag, a period's pages, one
    month's articles, or one single page.

    A group is its plan function and the arguments it is given: the function reads nothing
    else but the settings (``Plans``), so its key is derived from the two (keys.group_inputs)
    and a build recalls an unchanged group from the last one without planning it
    (build/page_memo.py). ``planned`` holds the pages when they were made already.
    """

    plan: Callable[..., list[PageSpec]]
    args: tuple
    planned: list[PageSpec] | None = None

    def pages(self) -> list[PageSpec]:
        return self.plan(*self.args) if self.planned is None else self.planned


@dataclass(frozen=True, slots=True)
class Paging:
    per_page: int


class Plans:
    """The settings a plan function reads besides its arguments: the site, its URLs and labels, the
    page size, and the article views (each stands in a key as its view's key).

    Plan functions are methods of this class (or module-level functions) and are given every
    catalog fact they use as arguments: a ``Plans`` holds no catalog and no clock.
    """

    def __init__(self, site: SiteView, site_urls: SiteURLs, per_page: int, views: ViewMaker) -> None:
        self.site, self.urls, self.per_page, self.views = site, site_urls, per_page, views
        self.labels = labels_for(site.lang, site.labels)
        self.stand_in: StandIn = stand_in_for(views)
        self.site_feeds = (
            FeedLink(f"{site.title} (Atom)", site_urls.href(urls.ATOM_FEED), "application/atom+xml"),
            FeedLink(f"{site.title} (RSS)", site_urls.href(urls.RSS_FEED), "application/rss+xml"),
            FeedLink(f"{site.title} (JSON Feed)", site_urls.href(urls.JSON_FEED), "application/feed+json"),
        )

    @property
    def edition(self) -> str:
        """The language whose pages these are, under /<edition>/; "" for the site's first (keys.function_name)."""
        return self.urls.edition

    def page(self, route: str, template: str, make: Callable[..., dict], *args: object, in_sitemap: bool = True,
             lang: str = "") -> PageSpec:
        """A page whose context is ``make(*args)``; its inputs are derived from the two. Its route is placed
        in its language's edition (urls.SiteURLs.placed); ``lang``: when not the site view's."""
        inputs = (function_name(make), *map(self.stand_in, args))
        return PageSpec(self.urls.placed(route), template, inputs, functools.partial(make, *args), in_sitemap,
                        lang or self.site.lang)

    def meta(self, kind: str, title: str, route: str, **extra: object) -> PageMeta:
        feeds = extra.pop("feeds", ())
        return PageMeta(
            kind=kind, title=title, lang=extra.pop("lang", self.site.lang), href=self.urls.href(route),  # type: ignore[arg-type]
            canonical=self.urls.absolute(route), feeds=(*self.site_feeds, *feeds), **extra,  # type: ignore[arg-type]
        )
