"""Paginated lists: the front page, a tag's, an author's, a section's and a period's pages. Pure."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Sequence

from newsgen import urls
from newsgen.plan.specs import PageGroup, PageSpec, Plans
from newsgen.plan.views import make_pager
from newsgen.records import Article

# A list's pages are planned in runs of this many (list_groups).
LIST_PAGES_PER_GROUP = 50


def list_route(place: tuple, number: int = 1) -> str:
    """The route of page ``number`` of a list: (kind, its key...) for the kinds in urls.LIST_ROUTES, such as
    ("front",) and ("tag", slug), or ("year"|"month"|"day", Period)."""
    kind = place[0]
    if kind in urls.LIST_ROUTES:
        return urls.LIST_ROUTES[kind](*place[1:], number)
    period = place[1]
    if kind == "year":
        return urls.year_route(period.year, number)
    if kind == "month":
        return urls.month_route(period.year, period.month, number)
    return urls.day_route(period.first_day, number)


def list_groups(plans: ListPlans, kind: str, title: str, place: tuple, items: Sequence[Article], template: str,
                extra: tuple = (), with_lead: bool = False) -> Iterator[PageGroup]:
    """A list in groups of up to LIST_PAGES_PER_GROUP pages, each given only the articles its pages
    show: an edit plans the run of pages that shows its article, not the whole list (5,000 pages
    for the front page of 100,000 articles). ``place`` names the list for ``list_route``, ``extra``
    holds further (name, value) pairs for the template; ``with_lead``: the first item is shown as
    the lead story."""
    per_page = plans.per_page
    total = max(1, math.ceil(len(items) / per_page))
    for first in range(1, total + 1, LIST_PAGES_PER_GROUP):
        last = min(total, first + LIST_PAGES_PER_GROUP - 1)
        shown = tuple(items[(first - 1) * per_page : last * per_page])
        yield PageGroup(plans.list_pages, (kind, title, place, shown, total, first, template, extra, with_lead))


class ListPlans(Plans):
    """The plan and context functions of list pages."""

    def list_pages(self, kind: str, title: str, place: tuple, shown: tuple[Article, ...], total: int, first: int,
                   template: str, extra: tuple, with_lead: bool) -> list[PageSpec]:
        """Pages ``first``, ``first + 1``, ... of a list of ``total`` pages, which show ``shown``."""
        per_page = self.per_page
        count = max(1, math.ceil(len(shown) / per_page))
        return [
            self.page(list_route(place, number), template, self.list_context, kind, title, place, number, total,
                      shown[(number - first) * per_page : (number - first + 1) * per_page], extra,
                      with_lead and number == 1)
            for number in range(first, first + count)
        ]

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
