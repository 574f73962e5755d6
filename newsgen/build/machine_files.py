"""The machine-readable files of the plan: feeds, sitemaps, robots.txt, each made only if it changed. Pure.

Each file is a ``Deferred``: its key holds what the file is made of (the settings aside),
so a build compares keys and makes only the files whose key changed.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping, Sequence

from newsgen import urls
from newsgen.build.bodies import BodyReader
from newsgen.digests import bytes_digest
from newsgen.plan.languages import Edition, language_alternates
from newsgen.plan.views import ArticleView, Deferred, ViewMaker
from newsgen.records import Body
from newsgen.render import feeds, sitemap
from newsgen.site.catalog import Catalog
from newsgen.site.config import SiteConfig
from newsgen.site.newsroom import next_unpinning
from newsgen.site.translations import Versions
from newsgen.urls import SiteURLs

_LAST_MOMENT = datetime.datetime.max.replace(tzinfo=datetime.UTC)


def read_views(views: tuple[ArticleView, ...], bodies: BodyReader) -> tuple[ArticleView, ...]:
    """The article views, each holding its text: read before a template or feed shows it."""
    return tuple(view if isinstance(view.body, Body) else dataclasses.replace(view, body=bodies.body(view.body))
                 for view in views)


def machine_files(
    config: SiteConfig, catalog: Catalog, in_sitemap: list[str], site_urls: SiteURLs, views: ViewMaker,
    now: datetime.datetime, bodies: BodyReader, lang: str = "",
) -> dict[str, Deferred]:
    """Feeds, sitemaps and robots.txt: {output path: bytes to be made, and what they are made of}.

    Every key holds what its file is made of besides the settings (which the caller adds). ``lang``: the
    feeds' language, when it is not the site's first (a language edition's, placed by ``site_urls``).
    """
    lang = lang or config.language
    latest = views.deferred_list(catalog.articles[: config.feed_size])
    home = site_urls.absolute("/")
    files = {
        urls.ATOM_FEED: Deferred(("atom", latest.key), lambda: feeds.atom_feed(
            title=config.title, feed_url=site_urls.absolute(urls.ATOM_FEED), site_url=home,
            lang=lang, author=config.publication, articles=read_views(latest.make(), bodies),
        )),
        urls.RSS_FEED: Deferred(("rss", latest.key), lambda: feeds.rss_feed(
            title=config.title, description=config.description, feed_url=site_urls.absolute(urls.RSS_FEED),
            site_url=home, lang=lang, articles=read_views(latest.make(), bodies),
        )),
        urls.JSON_FEED: Deferred(("json", latest.key), lambda: feeds.json_feed(
            title=config.title, description=config.description, feed_url=site_urls.absolute(urls.JSON_FEED),
            site_url=home, lang=lang, author=config.publication,
            articles=read_views(latest.make(), bodies),
        )),
    }
    lists = [(urls.tag_feed_route(e.tag.slug), e.tag.name, urls.tag_route(e.tag.slug), e.articles) for e in catalog.tags]
    lists += [(urls.author_feed_route(e.author.slug), e.author.name, urls.author_route(e.author.slug), e.articles)
              for e in catalog.authors]
    lists += [(urls.section_feed_route(e.section.slug), e.section.name, urls.section_route(e.section.slug),
               e.articles) for e in catalog.sections]
    for route, name, page, members in lists:
        articles = views.deferred_list(members[: config.feed_size])
        files[route] = Deferred((name, page, articles.key), lambda name=name, page=page, route=route, articles=articles: (
            feeds.atom_feed(
                title=f"{name} — {config.title}", feed_url=site_urls.absolute(route),
                site_url=site_urls.absolute(page), lang=lang,
                author=config.publication, articles=articles.make(),
                full_content=False,  # hundreds of tag feeds: summaries keep them small
            )
        ))
    files.update(_sitemap_files(catalog, in_sitemap, site_urls))
    made: dict[str, bytes] = {}
    recent = views.deferred_list(sitemap.recent_for_news([(a.published, a) for a in catalog.articles], now))
    files[urls.NEWS_SITEMAP] = Deferred(("news", recent.key), lambda: sitemap.news_sitemap(
        recent.make(), publication=config.publication, lang=lang
    ))
    made[urls.ROBOTS] = sitemap.robots_txt(
        [site_urls.absolute(urls.SITEMAP), site_urls.absolute(urls.NEWS_SITEMAP)]
    )
    files.update({route: Deferred(bytes_digest(data), lambda data=data: data) for route, data in made.items()})
    return {SiteURLs.output_path(site_urls.placed(route)).as_posix(): deferred for route, deferred in files.items()}


def edition_files(config: SiteConfig, editions: Sequence[Edition], catalog: Catalog, in_sitemap: list[str],
                  versions: Versions, now: datetime.datetime, bodies: BodyReader) -> dict[str, Deferred]:
    """``machine_files`` of each language edition (plan/languages.py): its feeds and news sitemap; the
    site's one sitemap.xml, with each translated article's alternates, and robots.txt naming them all."""
    first = editions[0]
    if len(editions) == 1:
        return machine_files(config, catalog, in_sitemap, first.urls, first.views, now, bodies)
    files = {}
    for edition in editions[1:]:  # the first edition's sitemap.xml and robots.txt are written over theirs
        files.update(machine_files(config, edition.catalog, [], edition.urls, edition.views, now, bodies, edition.lang))
    files.update(machine_files(config, first.catalog, in_sitemap, first.urls, first.views, now, bodies, first.lang))
    site_maps = _sitemap_files(catalog, in_sitemap, first.urls, language_alternates(versions, first.urls))
    files.update({SiteURLs.output_path(route).as_posix(): deferred for route, deferred in site_maps.items()})
    news = [first.urls.absolute(edition.urls.placed(urls.NEWS_SITEMAP)) for edition in editions]
    robots = sitemap.robots_txt([first.urls.absolute(urls.SITEMAP), *news])
    files[SiteURLs.output_path(urls.ROBOTS).as_posix()] = Deferred(bytes_digest(robots), lambda: robots)
    return files


def _sitemap_files(catalog: Catalog, in_sitemap: list[str], site_urls: SiteURLs,
                   alternates: Mapping[str, tuple[tuple[str, str], ...]] | None = None) -> dict[str, Deferred]:
    """sitemap.xml, or its parts and their index: each made only when its routes or their dates changed;
    ``alternates``: each translated article's versions (plan/languages.language_alternates)."""
    lastmod = {urls.article_route(a.date, a.slug, a.route): (a.updated or a.published).isoformat()
               for a in catalog.articles}
    alternates = alternates or {}
    pages = [(route, lastmod.get(route), alternates.get(route, ())) for route in in_sitemap]
    layout = sitemap.sitemap_layout(len(pages), lambda number: f"/sitemaps/sitemap-{number}.xml")
    files = {}
    for route, which in layout:
        chosen = tuple(pages[which])
        files[route] = Deferred(("sitemap", chosen), lambda chosen=chosen: sitemap.urlset(
            [sitemap.SitemapEntry(site_urls.absolute(page), modified, links) for page, modified, links in chosen]
        ))
    if len(layout) > 1:
        part_urls = [site_urls.absolute(route) for route, _ in layout]
        files[urls.SITEMAP] = Deferred(("sitemap index", tuple(part_urls)), lambda: sitemap.sitemap_index(part_urls))
    return files


def next_news_change(catalog: Catalog, now: datetime.datetime) -> datetime.datetime:
    """When the news sitemap's two-day window next gains or loses an article, or a pinned story leaves its
    lead slot (the clock's inputs)."""
    unpinned = next_unpinning(catalog.articles, now)
    moments = [unpinned] if unpinned else []
    for article in catalog.articles:  # newest first: older articles have left the window for good
        if article.published <= sitemap.news_window_start(now):
            break
        if article.published > now:
            moments.append(article.published)
        elif article.published < _LAST_MOMENT - sitemap.NEWS_WINDOW:  # else it never leaves the window
            moments.append(article.published + sitemap.NEWS_WINDOW)
    return min(moments, default=_LAST_MOMENT)
