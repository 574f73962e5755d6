"""The page plan's newsroom pages: authors (/authors/, /authors/<slug>/) and sections (/<slug>/). Pure.

``DeskPlanning`` is part of pages._Planner; it reads the same catalog, settings and views.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgen import urls
from newsgen.plan.views import Link, TagLink, script_json
from newsgen.records import Article
from newsgen.site.newsroom import AuthorProfile, choose_lead

if TYPE_CHECKING:
    from newsgen.plan.pages import PageGroup


@dataclass(frozen=True, slots=True)
class FeedLink:
    title: str
    href: str
    type: str  # MIME type for <link rel="alternate">


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


class DeskPlanning:
    """Author and section pages, planned as the other lists are (pages._Planner)."""

    def authors(self) -> Iterator[PageGroup]:
        index = []
        for entry in self.catalog.authors:  # type: ignore[attr-defined]
            author, articles = entry.author, entry.articles
            page = self._author_page(author, len(articles))
            feed = FeedLink(author.name, self.urls.href(urls.author_feed_route(author.slug)),  # type: ignore[attr-defined]
                            "application/atom+xml")
            index.append(TagLink(author.name, page.href, "author", len(articles)))
            yield from self.paginated_groups(  # type: ignore[attr-defined]
                "author", author.name, ("author", author.slug), articles, "author.html",
                (("author", page), ("author_feed", feed.href), ("feeds", (feed,)),
                 ("person_ld", self._person_ld(author))),
            )
        yield self.single(urls.AUTHOR_INDEX, "authors.html", self.authors_context,  # type: ignore[attr-defined]
                          _by_initial(index))

    def authors_context(self, groups: tuple) -> dict:
        meta = self.meta("authors", self.labels["authors"], urls.AUTHOR_INDEX)  # type: ignore[attr-defined]
        return {"site": self.site, "page": meta, "groups": groups}  # type: ignore[attr-defined]

    def sections(self) -> Iterator[PageGroup]:
        """Each section's page, its lead story (featured within the section) over the others."""
        for entry in self.catalog.sections:  # type: ignore[attr-defined]
            section = entry.section
            feed = FeedLink(section.name, self.urls.href(urls.section_feed_route(section.slug)),  # type: ignore[attr-defined]
                            "application/atom+xml")
            link = Link(section.name, self.urls.href(urls.section_route(section.slug)))  # type: ignore[attr-defined]
            yield from self.paginated_groups(  # type: ignore[attr-defined]
                "section", section.name, ("section", section.slug), lead_first(entry.articles, self.now),  # type: ignore[attr-defined]
                "section.html", (("section", link), ("section_feed", feed.href), ("feeds", (feed,))), with_lead=True,
            )

    def _author_page(self, author: AuthorProfile, count: int) -> AuthorPage:
        site_urls = self.urls  # type: ignore[attr-defined]
        photo = site_urls.href(author.photo) if author.photo.startswith("/") else author.photo
        return AuthorPage(author.name, site_urls.href(urls.author_route(author.slug)), author.bio, photo,
                          tuple(Link(label, url) for label, url in author.links), count)

    def _person_ld(self, author: AuthorProfile) -> str:
        site_urls = self.urls  # type: ignore[attr-defined]
        data: dict[str, object] = {"@context": "https://schema.org", "@type": "Person", "name": author.name,
                                   "url": site_urls.absolute(urls.author_route(author.slug))}
        if author.bio:
            data["description"] = author.bio
        if author.photo:
            data["image"] = site_urls.absolute(author.photo) if author.photo.startswith("/") else author.photo
        if author.links:
            data["sameAs"] = [url for _, url in author.links]
        return script_json(data)


def _by_initial(links: list[TagLink]) -> tuple[tuple[str, tuple[TagLink, ...]], ...]:
    """Authors under their initial, in the order given (the site's alphabet)."""
    groups: dict[str, list[TagLink]] = {}
    for link in links:
        groups.setdefault(link.name[:1].upper(), []).append(link)
    return tuple((initial, tuple(members)) for initial, members in groups.items())
