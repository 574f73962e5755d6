"""The recipe's catalog and plan stages: the catalog of the published articles, then every page as data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from newsgen import urls
from newsgen.build.memo import Memo
from newsgen.build.options import BuildOptions, refuse_if_strict, spread
from newsgen.errors import Diagnostics
from newsgen.build.pictures import survey_pictures
from newsgen.plan.pages import PageGroup, Paging, plan_groups
from newsgen.plan.views import Link, SiteView, ViewMaker
from newsgen.site.catalog import Catalog, build_catalog, compute_now
from newsgen.site.config import SiteConfig
from newsgen.site.schedule import Schedule
from newsgen.text.collation import collation_key
from newsgen.urls import SiteURLs


@dataclass(frozen=True, slots=True)
class SitePlan:
    """Every page of the site as data, and what the render stage makes them with."""

    catalog: Catalog
    site_urls: SiteURLs
    views: ViewMaker  # each article's view, made when a page shows it
    groups: list[PageGroup]  # the pages, in groups the memo recalls
    picture_files: dict[str, bytes]  # the pictures' narrower copies: {output path: bytes}


def catalog_site(config: SiteConfig, options: BuildOptions, memo: Memo | None, schedule: Schedule) -> Catalog:
    """Tags, archives, authors, sections and related articles of the published articles (a --strict build
    neither reads nor writes the memo before it passes)."""
    recall = memo.recall if memo and not options.strict else compute_now
    return build_catalog(schedule.published, collation_key(config.language), recall, spread(options),
                         config.newsroom, language=config.language)


def plan_site(config: SiteConfig, options: BuildOptions, memo: Memo | None, catalog: Catalog, schedule: Schedule,
              stamps: dict[str, str], now: datetime.datetime, diagnostics: Diagnostics) -> SitePlan:
    """The pictures measured (a missing one is a warning), the article views keyed, the pages planned."""
    site_urls = SiteURLs(config.base_url)
    site = SiteView(
        title=config.title, description=config.description, lang=config.language,
        publisher=config.publication or config.title, home_href=site_urls.href("/"), base_url=config.base_url,
        sections=tuple(Link(s.name, site_urls.href(urls.section_route(s.slug))) for s in config.sections),
    )
    pictures, picture_files, picture_problems = survey_pictures(
        catalog.articles, config.static_dir, memo.pictures if memo and not options.strict else None, spread(options))
    for problem in picture_problems:
        diagnostics.add(problem)
    refuse_if_strict(options, diagnostics.items)
    views = ViewMaker(catalog, site_urls, stamps, pictures, scheduled=schedule.shown_early_at)
    views.key_every_article()  # before processes fork to key the page groups
    groups = plan_groups(catalog, site, site_urls, Paging(config.per_page), views, with_search=config.search,
                         now=now)
    return SitePlan(catalog, site_urls, views, groups, picture_files)

