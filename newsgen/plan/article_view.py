"""An article as templates see it: ``make_view`` of the article and the facts the catalog settles about it. Pure.

A view is made of exactly three things: the article (which its stamp stands for),
its ``ViewFacts`` (what the catalog and the build settle about it: canonical tags,
author profiles, section, pictures, the scheduled mark) and ``ViewLinks`` (the
site's URLs, which the settings hold). Its key is derived from the first two
(views.ViewMaker), so a fact a view comes to show is in its key by being a field here.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import NamedTuple

from markupsafe import Markup

from newsgen import urls
from newsgen.plan.figures import BodyLinks, ImageView, image_view
from newsgen.plan.images import Picture
from newsgen.records import Article, Body, BodyReference, Tag, UnreadText
from newsgen.site.newsroom import AuthorProfile, Section
from newsgen.text.dates import format_dateline, format_moment
from newsgen.urls import SiteURLs

WORDS_PER_MINUTE = 200


@dataclass(frozen=True, slots=True)
class TagLink:
    name: str
    href: str
    kind: str
    count: int = 0


@dataclass(frozen=True, slots=True)
class PageLink:
    """A page of the site by name: an author's or a section's."""

    name: str
    href: str
    url: str  # absolute, for structured data and feeds


@dataclass(frozen=True, slots=True)
class CorrectionView:
    iso: str
    dateline: str  # the date in the article's language
    text: str


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: str
    title: str
    title_is_derived: bool
    href: str
    url: str  # absolute, for canonical links and sharing
    lang: str
    published_iso: str
    dateline: str
    updated_iso: str | None
    updated_dateline: str | None
    summary: str
    body: Body | BodyReference  # read only by pages that show the text (``body_html``)
    tags: tuple[TagLink, ...]
    authors: tuple[PageLink, ...]  # each links to the author's page
    section: PageLink | None
    corrections: tuple[CorrectionView, ...]  # oldest first
    reading_minutes: int
    word_count: int
    image: ImageView | None = None  # the lead image
    links: BodyLinks | None = None  # the body's pictures and root links, when it has any to write out
    scheduled_iso: str | None = None  # shown before it goes live (a --future preview): when it does
    scheduled_for: str | None = None  # the same moment for people, in the site's time zone

    @property
    def body_html(self) -> Markup:
        html = self._text().html  # produced by newsgen: escaped or sanitised
        return Markup(self.links.page_html(html) if self.links else html)

    @property
    def feed_html(self) -> str:
        """The body for feeds: its links and pictures absolute."""
        html = self._text().html
        return self.links.feed_html(html) if self.links else html

    def _text(self) -> Body:
        if not isinstance(self.body, Body):
            raise UnreadText(self.id)  # not an AttributeError: Jinja would take that for an undefined value
        return self.body

    @property
    def author(self) -> str | None:
        """The byline as text ("Олена Коваль, Петро Мельник"), for templates written before `authors`."""
        return ", ".join(author.name for author in self.authors) or None


class ViewFacts(NamedTuple):
    """What an article's view shows besides the article itself, as the catalog and the build settle it
    (a tag's name or an author's slug may depend on other articles, a picture on a file).

    (A named tuple: every build makes one for each article of the archive, to key its view.)
    """

    tags: tuple[Tag, ...]  # canonical, each once, in the article's order
    authors: tuple[AuthorProfile, ...]  # each once, in the byline's order
    section: Section | None
    pictures: tuple[tuple[str, Picture], ...]  # the article's pictures that were found, by src as written
    scheduled: datetime.datetime | None  # when it goes live, for an article shown before (marked)



def tag_link(tag: Tag, site_urls: SiteURLs, count: int = 0) -> TagLink:
    return TagLink(tag.name, site_urls.href(urls.tag_route(tag.slug)), tag.kind, count)


class ViewLinks:
    """The links views hold, made from the site's URLs alone; each tag's link made once (a few hundred
    tags, each on thousands of articles)."""

    def __init__(self, site_urls: SiteURLs) -> None:
        self.urls = site_urls
        self.moved = site_urls.href("/") != "/"  # a sub-path: bodies' root links are written out
        self._tags: dict[str, TagLink] = {}

    def tag(self, tag: Tag) -> TagLink:
        link = self._tags.get(tag.key)
        if link is None:
            link = self._tags[tag.key] = tag_link(tag, self.urls)
        return link

    def page(self, name: str, route: str) -> PageLink:
        return PageLink(name, self.urls.href(route), self.urls.absolute(route))


def make_view(article: Article, facts: ViewFacts, links: ViewLinks) -> ArticleView:
    """The view of ``article``, given what the catalog settled about it and the site's links."""
    route = urls.article_route(article.date, article.slug, article.route)
    site_urls, section, lead, release = links.urls, facts.section, article.editorial.image, facts.scheduled
    updated = article.updated
    words = article.word_count
    return ArticleView(
        id=article.id,
        title=article.title,
        title_is_derived=article.title_is_derived,
        href=site_urls.href(route),
        url=site_urls.absolute(route),
        lang=article.lang,
        published_iso=article.published.isoformat(),
        dateline=format_dateline(article.date, article.lang),
        updated_iso=updated.isoformat() if updated else None,
        updated_dateline=format_dateline(updated.date(), article.lang) if updated else None,
        summary=article.summary,
        body=article.body,
        tags=tuple(map(links.tag, facts.tags)),
        authors=tuple(links.page(p.name, urls.author_route(p.slug)) for p in facts.authors),
        section=links.page(section.name, urls.section_route(section.slug)) if section else None,
        corrections=tuple(CorrectionView(c.moment.isoformat(), format_dateline(c.moment.date(), article.lang),
                                         c.text) for c in article.editorial.corrections),
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
        word_count=words,
        image=image_view(lead, dict(facts.pictures).get(lead.src), site_urls) if lead else None,
        links=BodyLinks(facts.pictures, site_urls) if facts.pictures or links.moved else None,
        scheduled_iso=release.isoformat() if release else None,
        scheduled_for=format_moment(release, article.lang) if release else None,
    )
