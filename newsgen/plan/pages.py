"""The page plan: every HTML file the site will have, as data. Pure.

``plan_groups`` reads the catalog and the clock and makes the page groups: each a
plan function of ``PagePlans`` (which holds only the settings) and the arguments
it is given, so a group's key is derived from the two (keys.py). Routes,
templates and template contexts are decided here; rendering and writing happen
later, elsewhere, possibly in parallel.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping

from newsgen import urls
from newsgen.plan.archives import ArchivePlans, archive_group, period_groups
from newsgen.plan.desks import DeskPlans, author_groups, lead_first, section_groups
from newsgen.plan.lists import list_groups
from newsgen.plan.specs import FeedLink, PageGroup, PageMeta, PageSpec, Paging
from newsgen.plan.translation_links import TopicVersion, Version, translation_ld, version_links
from newsgen.plan.views import Link, PageLink, SiteView, ViewMaker, breadcrumb_ld, json_ld, tag_link
from newsgen.records import TAG_KINDS, Article
from newsgen.site.catalog import Catalog
from newsgen.site.translations import Versions
from newsgen.text.labels import labels_for
from newsgen.urls import SiteURLs

__all__ = ["PageGroup", "PageMeta", "PagePlans", "PageSpec", "Paging", "plan_groups"]


def plan_groups(
    catalog: Catalog, site: SiteView, site_urls: SiteURLs, paging: Paging, views: ViewMaker | None = None,
    with_search: bool = True, now: datetime.datetime | None = None, versions: Versions | None = None,
    topics: Mapping[str, tuple[TopicVersion, ...]] | None = None,
) -> list[PageGroup]:
    """Every page of the site in groups, in a stable order; no search page when the site has no search.
    ``now`` (the build's clock) decides which pinned stories still lead their lists; ``versions``: each
    translated article's versions (site/translations.py), ``topics`` each topic's pages in other languages
    (by tag slug). In a site of several languages, one language's pages: ``site_urls`` places them
    (urls.SiteURLs.edition), plan/languages.py gathers them."""
    plans = PagePlans(site, site_urls, paging.per_page, views or ViewMaker(catalog, site_urls))
    now = now or datetime.datetime.now(datetime.UTC)
    groups = [
        *list_groups(plans, "front", site.title, ("front",), lead_first(catalog.articles, now), "index.html",
                     with_lead=True),
        *article_groups(catalog, plans, versions or {}), *tag_groups(catalog, plans, topics or {}),
        *author_groups(catalog, plans),
        *section_groups(catalog, plans, now), *period_groups(catalog, plans), archive_group(catalog, plans),
        *single_groups(plans, with_search),
    ]
    if any(article.placement.aliases for article in catalog.articles):  # imported archives: old URLs
        # A redirect may not take a page's route, so every group is planned here: once, not again later.
        groups = [group._replace(planned=group.pages()) for group in groups]
        taken = {spec.route for group in groups for spec in group.pages()}
        groups.append(redirect_group(catalog, plans, taken))
    return groups


def article_groups(catalog: Catalog, plans: PagePlans, versions: Versions) -> Iterator[PageGroup]:
    """A group per month, given its articles and, for each, the ones its page shows (the older one,
    the newer one, the related ones) and the links to its story's versions in other languages: an
    edit re-plans the pages of a few months, not of the whole archive."""
    older, newer, related = catalog.older.get, catalog.newer.get, catalog.related.get

    def linked(article: Article) -> tuple[Version, ...]:
        story = versions.get(article.id)
        return version_links(article, story, plans.urls, plans.site.labels) if story else ()

    for members in reversed(catalog.months.values()):  # newest first, as everywhere
        ids = [a.id for a in members]
        yield PageGroup(plans.article_pages, (members, tuple(map(older, ids)), tuple(map(newer, ids)),
                                              tuple(related(i, ()) for i in ids), tuple(map(linked, members))))


def tag_groups(catalog: Catalog, plans: PagePlans, topics: Mapping[str, tuple[TopicVersion, ...]]
               ) -> Iterator[PageGroup]:
    """Each tag's pages, the index of tags, and redirects from the pages of tags named on another topic's."""
    groups: dict[str, list] = {kind: [] for kind in TAG_KINDS}
    for entry in catalog.tags:
        link = tag_link(entry.tag, plans.urls, len(entry.articles))
        groups[entry.tag.kind].append(link)
        feed = FeedLink(entry.tag.name, plans.urls.href(urls.tag_feed_route(entry.tag.slug)), "application/atom+xml")
        other_languages = topics.get(entry.tag.slug)  # the same topic's pages in other languages
        yield from list_groups(
            plans, "tag", entry.tag.name, ("tag", entry.tag.slug), entry.articles, "tag.html",
            (("tag", link), ("tag_feed", feed.href), ("feeds", (feed,)), ("spellings", entry.spellings),
             *((("topic_versions", other_languages),) if other_languages else ())),
        )
    yield PageGroup(plans.tags_index, (tuple((k, tuple(v)) for k, v in groups.items() if v),))
    if catalog.tag_redirects:
        names = {entry.tag.slug: entry.tag.name for entry in catalog.tags}
        moved = tuple((slug, names[target], target) for slug, target in catalog.tag_redirects.items())
        yield PageGroup(plans.tag_redirect_pages, (moved,))


def single_groups(plans: PagePlans, with_search: bool) -> Iterator[PageGroup]:
    if with_search:  # newsgen/search writes the index into /pagefind/; search.js reads it
        yield PageGroup(plans.search_page, ())
    if not plans.urls.edition:  # one 404 page for the whole site, in its first language
        yield PageGroup(plans.not_found_page, ())


def redirect_group(catalog: Catalog, plans: PagePlans, taken: set[str]) -> PageGroup:
    """A small page at each old URL of an imported article (`aliases`), unless the site has a page there."""
    moved = []
    for article in catalog.articles:
        target = urls.article_route(article.date, article.slug, article.route)
        for alias in article.placement.aliases:
            if alias not in taken:
                taken.add(alias)
                moved.append((alias, article.title, article.lang, target))
    return PageGroup(plans.redirect_pages, (tuple(moved),))


class PagePlans(ArchivePlans, DeskPlans):
    """Every plan and context function of the site's pages; holds only the settings (specs.Plans)."""

    def article_pages(self, members: tuple[Article, ...], older: tuple[Article | None, ...],
                      newer: tuple[Article | None, ...], related: tuple[tuple[Article, ...], ...],
                      versions: tuple[tuple[Version, ...], ...]) -> list[PageSpec]:
        """Each article's page, in the article's language (its labels, its dates, its versions' links)."""
        return [
            self.page(urls.article_route(a.date, a.slug, a.route), "article.html", self.article_context, a, o, n, r, v,
                      lang=a.lang)
            for a, o, n, r, v in zip(members, older, newer, related, versions, strict=True)
        ]

    def article_context(self, article: Article, older: Article | None, newer: Article | None,
                        related: tuple[Article, ...], versions: tuple[Version, ...] = ()) -> dict:
        view = self.views.article(article)
        route = urls.article_route(article.date, article.slug, article.route)
        home = self.labels["home"] if article.lang == self.site.lang else labels_for(article.lang, self.site.labels)["home"]
        trail = (PageLink(home, self.urls.href("/"), self.urls.absolute("/")),
                 *((view.section,) if view.section else ()), PageLink(view.title, view.href, view.url))
        return {
            "site": self.site,
            "page": self.meta("article", article.title, route, description=article.summary, lang=article.lang),
            "article": view,
            "versions": versions,
            "older": self.views.article(older) if older else None,
            "newer": self.views.article(newer) if newer else None,
            "related": self.views.articles(related),
            "json_ld": json_ld(view, self.site, translation_ld(versions)),
            "breadcrumb": trail if view.section else (),
            "breadcrumb_ld": breadcrumb_ld(trail) if view.section else None,
        }

    def tags_index(self, groups: tuple) -> list[PageSpec]:
        return [self.page(urls.TAG_INDEX, "tags.html", self.tags_context, groups)]

    def tags_context(self, groups: tuple) -> dict:
        return {"site": self.site, "page": self.meta("tags", self.labels["tags"], urls.TAG_INDEX), "groups": groups}

    def tag_redirect_pages(self, moved: tuple[tuple[str, str, str], ...]) -> list[PageSpec]:
        """A redirect at the page of each tag (slug) now named on another topic's page (name, slug)."""
        return [self.page(urls.tag_route(slug), "redirect.html", self.redirect_context, urls.tag_route(slug), name,
                          self.site.lang, urls.tag_route(target), in_sitemap=False)
                for slug, name, target in moved]

    def search_page(self) -> list[PageSpec]:
        return [self.page(urls.SEARCH, "search.html", self.search_context, in_sitemap=False)]

    def search_context(self) -> dict:
        return {
            "site": self.site, "page": self.meta("search", self.labels["search"], urls.SEARCH, noindex=True),
            "search": {"bundle": self.urls.href("/pagefind/"), "base": self.urls.root.href("/"),  # articles' root
                       "labels": {k: v for k, v in self.labels.items() if k.startswith("search_")}},
        }

    def not_found_page(self) -> list[PageSpec]:
        return [self.page(urls.NOT_FOUND, "404.html", self.not_found_context, in_sitemap=False)]

    def not_found_context(self) -> dict:
        meta = self.meta("not-found", self.labels["not_found"], urls.NOT_FOUND, noindex=True)
        return {"site": self.site, "page": meta}

    def redirect_pages(self, moved: tuple[tuple[str, str, str, str], ...]) -> list[PageSpec]:
        """A redirect page at each (old URL, title, language, new route)."""
        return [self.page(alias, "redirect.html", self.redirect_context, alias, title, lang, target, in_sitemap=False)
                for alias, title, lang, target in moved]

    def redirect_context(self, alias: str, title: str, lang: str, target: str) -> dict:
        meta = PageMeta(kind="redirect", title=title, lang=lang, href=self.urls.href(alias),
                        canonical=self.urls.absolute(target), noindex=True)
        return {"site": self.site, "page": meta, "target": Link(title, self.urls.href(target))}
