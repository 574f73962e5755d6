"""The archives: a page per year, month and day, and the archive's index of years. Pure."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from newsgen import urls
from newsgen.plan.lists import ListPlans, list_route
from newsgen.plan.specs import PageGroup, PageSpec
from newsgen.plan.views import Link
from newsgen.records import Article
from newsgen.site.catalog import Catalog, Period
from newsgen.text.dates import format_day_heading, format_month_heading, format_month_name


@dataclass(frozen=True, slots=True)
class MonthBar:
    """One bar of a year's articles-per-month chart."""

    name: str  # full month name, for the text alternative
    label: str  # abbreviated, under the bar
    count: int
    href: str | None
    height: float  # 0..100, share of the year's busiest month


def period_groups(catalog: Catalog, plans: ArchivePlans) -> Iterator[PageGroup]:
    """A group per year, month and day, given the periods around it and below it (with their
    counts), not their headings and links: those come from the settings, and formatting
    thousands of localised dates is left to the groups that are planned."""
    below = {"year": defaultdict(list), "month": defaultdict(list), "day": defaultdict(list)}
    for p, a in catalog.months.items():
        below["year"][p.year].append((p.month, len(a)))
    for p, a in catalog.days.items():
        below["month"][(p.year, p.month)].append((p.day, len(a)))
    for kind, groups in (("year", catalog.years), ("month", catalog.months), ("day", catalog.days)):
        periods = list(groups)
        for index, period in enumerate(periods):
            earlier = periods[index - 1] if index > 0 else None
            later = periods[index + 1] if index + 1 < len(periods) else None
            children = tuple(below[kind].get((period.year, period.month) if kind == "month" else period.year, ()))
            yield PageGroup(plans.period_pages, (kind, period, earlier, later, children, groups[period]))


def archive_group(catalog: Catalog, plans: ArchivePlans) -> PageGroup:
    """The archive's index: each year (newest first) with its count and its months' counts."""
    months: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for p, a in catalog.months.items():
        months[p.year].append((p.month, len(a)))
    years = tuple((p.year, len(a), tuple(months[p.year])) for p, a in reversed(catalog.years.items()))
    return PageGroup(plans.archive_page, (years,))


class ArchivePlans(ListPlans):
    """The plan and context functions of the archives."""

    def period_pages(self, kind: str, period: Period, earlier: Period | None, later: Period | None,
                     children: tuple[tuple[int, int], ...], articles: tuple[Article, ...]) -> list[PageSpec]:
        child_links = tuple(
            (self._child_link(kind, period, number), count) for number, count in children
        ) if kind != "day" else ()
        neighbours = (
            ("earlier", self._period_link(kind, earlier)),
            ("later", self._period_link(kind, later)),
            ("children", child_links),
        )
        total = max(1, math.ceil(len(articles) / self.per_page))
        return self.list_pages(kind, self._heading(kind, period), (kind, period), articles, total, 1, "period.html",
                               neighbours, False)

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

    def archive_page(self, years: tuple[tuple[int, int, tuple[tuple[int, int], ...]], ...]) -> list[PageSpec]:
        charts = tuple((Link(str(year), self.urls.href(urls.year_route(year))), count, self._chart(year, dict(months)))
                       for year, count, months in years)
        return [self.page(urls.ARCHIVE_INDEX, "archive.html", self.archive_context, charts)]

    def archive_context(self, charts: tuple) -> dict:
        meta = self.meta("archive", self.labels["archive"], urls.ARCHIVE_INDEX)
        return {"site": self.site, "page": meta, "years": charts}

    def _chart(self, year: int, counts: dict[int, int]) -> tuple[MonthBar, ...]:
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
