"""The recipe's catalog and plan stages: the catalog of the published articles, then every page as data."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from newsgen import urls
from newsgen.build.memo import Memo
from newsgen.build.options import BuildOptions, refuse_if_strict, spread
from newsgen.errors import Diagnostics
from newsgen.build.pictures import survey_pictures
from newsgen.build.languages import keyed, language_catalog
from newsgen.plan.languages import Edition, plan_editions, site_editions
from newsgen.plan.pages import PageGroup, Paging
from newsgen.plan.views import Link, SiteView, ViewMaker
from newsgen.site.catalog import Catalog, build_catalog, compute_now
from newsgen.site.config import SiteConfig
from newsgen.site.schedule import Schedule
from newsgen.site.translations import Versions, link_translations
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
    editions: tuple[Edition, ...] = ()  # each language's pages (plan/languages.py), the first's first
    versions: Versions = field(default_factory=dict)  # each translated article's versions


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
        labels=config.labels,
    )
    pictures, picture_files, picture_problems = survey_pictures(
        catalog.articles, config.static_dir, memo.pictures if memo and not options.strict else None, spread(options))
    for problem in picture_problems:
        diagnostics.add(problem)
    refuse_if_strict(options, diagnostics.items)
    views = ViewMaker(catalog, site_urls, stamps, pictures, scheduled=schedule.shown_early_at)
    views.key_every_article()  # before processes fork to key the page groups
    recall = memo.recall if memo and not options.strict else compute_now
    versions = link_translations(catalog.articles, config.site_languages)[0]
    editions = site_editions(
        config.site_languages, catalog, site, site_urls, views,
        functools.partial(language_catalog, config, spread(options)), recall,
        functools.partial(_keyed_views, stamps, pictures, schedule), sections=tuple((s.name, s.slug) for s in config.sections))
    groups = plan_editions(editions, Paging(config.per_page), config.search, now, versions)
    return SitePlan(catalog, site_urls, views, groups, picture_files, tuple(editions), versions)


def _keyed_views(stamps: dict[str, str], pictures: dict, schedule: Schedule, catalog: Catalog, site_urls: SiteURLs
                 ) -> ViewMaker:
    """One language's article views, every key made before processes fork."""
    return keyed(ViewMaker(catalog, site_urls, stamps, pictures, scheduled=schedule.shown_early_at))

