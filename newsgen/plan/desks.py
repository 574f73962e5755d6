"""The page plan's newsroom pages: authors (/authors/, /authors/<slug>/) and sections (/<slug>/). Pure."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsgen import urls
from newsgen.plan.lists import ListPlans, list_groups
from newsgen.plan.specs import FeedLink, PageGroup, PageSpec
from newsgen.plan.views import Link, TagLink, script_json
from newsgen.records import Article
from newsgen.site.catalog import Catalog
from newsgen.site.newsroom import AuthorProfile, choose_lead


@dataclass(frozen=True, slots=True)
class AuthorPage:
    """What an author's page shows about them (newsgen.yaml's `authors:`)."""

    name: str
    href: str
    bio: str
    photo: str  # a link to the photo, or ""
    links: tuple[Link, ...]
    count: int


def lead_first(articles: Sequence[Article], now: datetime.datetime) -> Sequence[Article]:
    """A list (newest first) with its lead story (newsroom.choose_lead) moved to the top: the list's
    first page shows it in the lead slot, and no page shows it twice."""
    lead = choose_lead(articles, now)
    if lead is None or lead is articles[0]:
        return articles
    return (lead, *(article for article in articles if article is not lead))


def author_groups(catalog: Catalog, plans: DeskPlans) -> Iterator[PageGroup]:
    """Each author's pages, then the index of authors."""
    index = []
    for entry in catalog.authors:
        author, articles = entry.author, entry.articles
        page = plans.author_page(author, len(articles))
        feed = FeedLink(author.name, plans.urls.href(urls.author_feed_route(author.slug)), "application/atom+xml")
        index.append(TagLink(author.name, page.href, "author", len(articles)))
        yield from list_groups(
            plans, "author", author.name, ("author", author.slug), articles, "author.html",
            (("author", page), ("author_feed", feed.href), ("feeds", (feed,)), ("person_ld", plans.person_ld(author))),
        )
    yield PageGroup(plans.authors_index, (_by_initial(index),))


def section_groups(catalog: Catalog, plans: DeskPlans, now: datetime.datetime) -> Iterator[PageGroup]:
    """Each section's page, its lead story (featured within the section) over the others."""
    for entry in catalog.sections:
        section = entry.section
        feed = FeedLink(section.name, plans.urls.href(urls.section_feed_route(section.slug)), "application/atom+xml")
        link = Link(section.name, plans.urls.href(urls.section_route(section.slug)))
        yield from list_groups(
            plans, "section", section.name, ("section", section.slug), lead_first(entry.articles, now),
            "section.html", (("section", link), ("section_feed", feed.href), ("feeds", (feed,))), with_lead=True,
        )


class DeskPlans(ListPlans):
    """The plan and context functions of the authors' index, and what author pages show of their author."""

    def authors_index(self, groups: tuple) -> list[PageSpec]:
        return [self.page(urls.AUTHOR_INDEX, "authors.html", self.authors_context, groups)]

    def authors_context(self, groups: tuple) -> dict:
        meta = self.meta("authors", self.labels["authors"], urls.AUTHOR_INDEX)
        return {"site": self.site, "page": meta, "groups": groups}

    def author_page(self, author: AuthorProfile, count: int) -> AuthorPage:
        photo = self.urls.href(author.photo) if author.photo.startswith("/") else author.photo
        return AuthorPage(author.name, self.urls.href(urls.author_route(author.slug)), author.bio, photo,
                          tuple(Link(label, url) for label, url in author.links), count)

    def person_ld(self, author: AuthorProfile) -> str:
        data: dict[str, object] = {"@context": "https://schema.org", "@type": "Person", "name": author.name,
                                   "url": self.urls.absolute(urls.author_route(author.slug))}
        if author.bio:
            data["description"] = author.bio
        if author.photo:
            data["image"] = self.urls.absolute(author.photo) if author.photo.startswith("/") else author.photo
        if author.links:
            data["sameAs"] = [url for _, url in author.links]
        return script_json(data)


def _by_initial(links: list[TagLink]) -> tuple[tuple[str, tuple[TagLink, ...]], ...]:
    """Authors under their initial, in the order given (the site's alphabet)."""
    groups: dict[str, list[TagLink]] = {}
    for link in links:
        groups.setdefault(link.name[:1].upper(), []).append(link)
    return tuple((initial, tuple(members)) for initial, members in groups.items())
