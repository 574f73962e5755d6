"""A site in several languages: an edition of its lists for each language. Pure.

The site's first language has its front page, topics, archives, feeds and search page at the
root; every other language listed in `languages:` has its own under /<lang>/ ("/en/",
"/en/tags/kyiv/", "/en/feed.xml"). An article is listed in the edition of its language (an
article in a language the site does not list, in the first one's) and keeps its URL: article
pages are shared by every edition (urls.SiteURLs.edition). A site in one language has one
edition, the site as it always was.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from newsgen import urls
from newsgen.plan.pages import PageGroup, Paging, plan_groups
from newsgen.plan.translation_links import TopicVersion
from newsgen.plan.views import Link, SiteView, ViewMaker
from newsgen.records import Article
from newsgen.site.catalog import Catalog, Recall
from newsgen.site.translations import Versions
from newsgen.text.language_guess import base_language, listing_language
from newsgen.urls import SiteURLs

# Builds one language's catalog from its articles (site.catalog.build_catalog with the site's settings).
CatalogMaker = Callable[[Sequence[Article], str, Recall], Catalog]


@dataclass(frozen=True, slots=True)
class Edition:
    """One language's pages: its articles' catalog, where its pages are, and how they name the site."""

    lang: str
    catalog: Catalog
    site: SiteView
    urls: SiteURLs
    views: ViewMaker


def site_editions(
    languages: Sequence[str], catalog: Catalog, site: SiteView, site_urls: SiteURLs, views: ViewMaker,
    make_catalog: CatalogMaker, recall: Recall, make_views: Callable[[Catalog, SiteURLs], ViewMaker],
    sections: Sequence[tuple[str, str]] = (),
) -> list[Edition]:
    """Each language's edition, the site's first language first. With one language, the site itself
    (``catalog``, ``site``, ``site_urls`` and ``views``, as they are). ``sections``: (name, slug) of
    each of the masthead's sections."""
    if len(languages) < 2:
        return [Edition(site.lang, catalog, site, site_urls, views)]
    shared = frozenset(
        route for article in catalog.articles
        for route in (urls.article_route(article.date, article.slug, article.route), *article.placement.aliases)
    )
    members: dict[str, list[Article]] = {lang: [] for lang in languages}
    for article in catalog.articles:
        members[listing_language(article.lang, languages)].append(article)
    editions = []
    for index, lang in enumerate(languages):
        edition_urls = SiteURLs(site_urls.base_url, "" if index == 0 else base_language(lang), shared)
        own_catalog = make_catalog(members[lang], lang, _recall_for(recall, lang))
        edition_site = SiteView(
            title=site.title, description=site.description, lang=lang, publisher=site.publisher,
            home_href=edition_urls.href("/"), base_url=site.base_url, labels=site.labels,
            sections=tuple(Link(name, edition_urls.href(urls.section_route(slug))) for name, slug in sections),
        )
        editions.append(Edition(lang, own_catalog, edition_site, edition_urls, make_views(own_catalog, edition_urls)))
    return editions


def plan_editions(editions: Sequence[Edition], paging: Paging, with_search: bool, now: datetime.datetime,
                  versions: Versions) -> list[PageGroup]:
    """Every page of every edition, in groups. A later edition's plan functions are its own plans' methods,
    so its groups' keys name its language (keys.function_name): their pages may be made of what another's
    are (an empty list, the same archive chart)."""
    groups = []
    topics = topic_versions(editions, versions)
    for edition in editions:
        groups += plan_groups(edition.catalog, edition.site, edition.urls, paging, edition.views,
                              with_search=with_search, now=now, versions=versions, topics=topics.get(edition.lang))
    return groups


class EditionKeys:
    """Each article's view key in the edition whose pages show it: what stands for an article in the keys
    of every edition's page groups (keys.stand_in_for reads ``key`` and ``keys``)."""

    def __init__(self, editions: Sequence[Edition]) -> None:
        self._keys = {id(article): edition.views.key(article) for edition in editions
                      for article in edition.catalog.articles}

    def key(self, article: Article) -> object:
        return self._keys[id(article)]

    def keys(self, articles: Sequence[Article]) -> tuple[object, ...]:
        return tuple(map(self._keys.__getitem__, map(id, articles)))


def topic_versions(editions: Sequence[Edition], versions: Versions
                   ) -> dict[str, dict[str, tuple[TopicVersion, ...]]]:
    """Each language's topics that translations show in other languages: {lang: {tag slug: the same
    topic's pages in the other languages, in the site's order}}.

    Two versions of a story name their topics alike ("Київ", "Kyiv"): a tag of one is the same topic as
    the tag of the other with the same slug, else as the one at its place when the rest of their tags
    are as many. Where versions pair a topic with several, the pairing most stories make wins.
    """
    if len(editions) < 2:
        return {}
    by_lang = {edition.lang: edition for edition in editions}
    order = {edition.lang: index for index, edition in enumerate(editions)}
    votes: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    for article_id, story in versions.items():
        own = next(version for version in story if version.id == article_id)
        own_edition = by_lang.get(listing_language(own.lang, list(by_lang)))
        for other in story:
            other_edition = by_lang.get(listing_language(other.lang, list(by_lang)))
            if other is own or own_edition is None or other_edition is None or other_edition is own_edition:
                continue
            for mine, theirs in _paired_tags(_topics(own, own_edition), _topics(other, other_edition)):
                votes[(own_edition.lang, mine)][(other_edition.lang, theirs)] += 1
    names = {edition.lang: {entry.tag.slug: entry.tag.name for entry in edition.catalog.tags} for edition in editions}
    found: dict[str, dict[str, tuple[TopicVersion, ...]]] = defaultdict(dict)
    for (lang, slug), counted in sorted(votes.items()):
        best: dict[str, tuple[str, str]] = {}
        for (other_lang, other_slug), _ in sorted(counted.items(), key=lambda item: (-item[1], item[0])):
            best.setdefault(other_lang, (other_lang, other_slug))
        found[lang][slug] = tuple(
            TopicVersion(other_lang, names[other_lang][other_slug], by_lang[other_lang].urls.href(urls.tag_route(other_slug)))
            for other_lang, other_slug in sorted(best.values(), key=lambda pair: order[pair[0]]))
    return found


def _topics(article: Article, edition: Edition) -> list[tuple[str, str]]:
    """The article's tags as its edition's catalog names them: (slug, name)."""
    tags = (edition.catalog.tag_for_key.get(tag.key) for tag in article.tags)
    return [(tag.slug, tag.name) for tag in tags if tag is not None]


def _paired_tags(mine: list[tuple[str, str]], theirs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(my slug, their slug) of each tag two versions share: same slug, else same place among the rest."""
    their_slugs = {slug for slug, _ in theirs}
    pairs = [(slug, slug) for slug, _ in mine if slug in their_slugs]
    my_rest = [slug for slug, _ in mine if slug not in their_slugs]
    paired = {slug for slug, _ in pairs}
    their_rest = [slug for slug, _ in theirs if slug not in paired]
    if len(my_rest) == len(their_rest):
        pairs += list(zip(my_rest, their_rest, strict=True))
    return pairs


def language_alternates(versions: Versions, site_urls: SiteURLs) -> Mapping[str, tuple[tuple[str, str], ...]]:
    """Each translated article's route -> (hreflang, absolute URL) of every version, "x-default" last
    (the version in the site's first language): the sitemap's xhtml:link alternates."""
    alternates = {}
    for article_id, story in versions.items():
        own = next(version for version in story if version.id == article_id)
        links = tuple((v.lang, site_urls.absolute(_article_route(v))) for v in story)
        alternates[_article_route(own)] = (*links, ("x-default", links[0][1]))
    return alternates


def page_languages(editions: Sequence[Edition]) -> list[str]:
    """Every language a page is written in: each edition's, then each article's (its page is in it)."""
    found = dict.fromkeys(edition.lang for edition in editions)
    for edition in editions:
        found.update(dict.fromkeys(article.lang for article in edition.catalog.articles))
    return list(found)


def _recall_for(recall: Recall, lang: str) -> Recall:
    """``recall`` keeping each language's values apart (it keeps one value per step)."""
    return lambda step, key, compute: recall(f"{step} {lang}", key, compute)


def _article_route(article: Article) -> str:
    return urls.article_route(article.date, article.slug, article.route)
