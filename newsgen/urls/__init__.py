"""Every URL and output path of a site, in one place, sub-path aware. Pure.

Routes are site-relative paths that start with "/" ("/2026/02/11/slug/").
``SiteURLs`` turns them into links (with the deploy's sub-path), absolute URLs
(for feeds, sitemaps, canonical links) and output file paths.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

# Segments an article slug may not take: they would shadow archive pages (the site's own URLs: is_site_route).
RESERVED_SLUGS = frozenset({"page", "feed.xml", "index.html"})


def article_route(date: datetime.date, slug: str, route: str = "") -> str:
    """An article's route: the one its permalink gave it (``Article.route``), else /YYYY/MM/DD/slug/."""
    return route or f"{day_route(date)}{slug}/"


def paged(route: str, number: int) -> str:
    """The route of page ``number`` of a paginated list; page 1 is the list itself."""
    return route if number <= 1 else f"{route}page/{number}/"


def front_route(number: int = 1) -> str:
    return paged("/", number)


def tag_route(slug: str, number: int = 1) -> str:
    return paged(f"/tags/{slug}/", number)


def tag_feed_route(slug: str) -> str:
    return f"/tags/{slug}/feed.xml"


def author_route(slug: str, number: int = 1) -> str:
    return paged(f"/authors/{slug}/", number)


def author_feed_route(slug: str) -> str:
    return f"/authors/{slug}/feed.xml"


def section_route(slug: str, number: int = 1) -> str:
    return paged(f"/{slug}/", number)


def section_feed_route(slug: str) -> str:
    return f"/{slug}/feed.xml"


# The route of page N of each kind of list the plan pages by a key (plan/lists.list_route), called with
# the list's key, if any, and the page number: a new kind of list page gets its route here.
LIST_ROUTES: dict[str, Callable[..., str]] = {
    "front": front_route, "tag": tag_route, "author": author_route, "section": section_route,
}


def year_route(year: int, number: int = 1) -> str:
    return paged(f"/{year:04d}/", number)


def month_route(year: int, month: int, number: int = 1) -> str:
    return paged(f"/{year:04d}/{month:02d}/", number)


def day_route(date: datetime.date, number: int = 1) -> str:
    return paged(f"/{date.year:04d}/{date.month:02d}/{date.day:02d}/", number)  # not strftime: it is slow


def static_route(name: str) -> str:
    return f"/static/{name}"


TAG_INDEX = "/tags/"
AUTHOR_INDEX = "/authors/"
ARCHIVE_INDEX = "/archive/"
SEARCH = "/search/"
ATOM_FEED = "/feed.xml"
RSS_FEED = "/rss.xml"
JSON_FEED = "/feed.json"
SITEMAP = "/sitemap.xml"
NEWS_SITEMAP = "/news-sitemap.xml"
ROBOTS = "/robots.txt"
NOT_FOUND = "/404.html"


# --- The site's own URL space: no article, section or redirect may take it ----------------
# Folders the site fills with its own files: no article or redirect may be written inside.
SITE_FOLDERS = ("tags", "static", "sitemaps", "pagefind", "page", "authors")
SITE_PAGES = frozenset({TAG_INDEX, AUTHOR_INDEX, ARCHIVE_INDEX, SEARCH, ATOM_FEED, RSS_FEED, JSON_FEED,
                        SITEMAP, NEWS_SITEMAP, ROBOTS, NOT_FOUND})
ARCHIVE_ROUTES = re.compile(r"/(?:\d{4}/(?:\d{2}/(?:\d{2}/)?)?)?(?:page/\d+/)?\Z")  # front page, year, month, day


def is_site_route(route: str) -> bool:
    """True for a URL the site uses for its own pages: the front page, archives, tags, feeds, ..."""
    first = route.split("/", 2)[1] if route.count("/") > 1 else ""
    return route in SITE_PAGES or first in SITE_FOLDERS or ARCHIVE_ROUTES.match(route) is not None


def section_slug_problem(name: str) -> str | None:
    """Why a section (its slug, or a name that is its own slug) may not have /<slug>/: a folder or page the
    site fills itself (/tags/, /archive/, a year), or a file of the site (feed.xml). None when it may."""
    slug = "-".join(name.casefold().split())
    if slug in (".", "..") or is_site_route(f"/{slug}/") or f"/{slug}" in SITE_PAGES:
        return f"{name!r} is a folder the site fills itself (/{slug}/): choose another section slug"
    return None


# Routes every language of a site shares: its files, the search index, and the pages there are one of.
SHARED_PREFIXES = ("/static/", "/pagefind/")
SHARED_ROUTES = frozenset({"/sitemap.xml", "/robots.txt", "/404.html"})


@dataclass(frozen=True, slots=True)
class SiteURLs:
    """Turns routes into hrefs, absolute URLs and output paths for one deploy.

    A site in several languages has an edition of its lists for each (plan/languages.py): the
    routes of one under ``/<edition>/`` ("/en/tags/kyiv/"), except the ``shared`` ones (every
    article's page, which keeps its URL, and its old URLs) and SHARED_PREFIXES and SHARED_ROUTES.
    """

    base_url: str  # "https://example.org/archive/" or a bare path "/archive/"
    edition: str = ""  # "" for the site's first language, at the root; "en" for /en/
    shared: frozenset[str] = frozenset()

    @property
    def root(self) -> SiteURLs:
        """The first language's URLs: where routes shared by every edition are."""
        return SiteURLs(self.base_url) if self.edition else self

    def placed(self, route: str) -> str:
        """Where a route of this edition is: "/en/tags/kyiv/" for "/tags/kyiv/" in the English one."""
        if not self.edition or route in self.shared or route in SHARED_ROUTES or route.startswith(SHARED_PREFIXES):
            return route
        return f"/{self.edition}{route}"

    @property
    def base_path(self) -> str:
        return _base_path(self.base_url)

    @property
    def origin(self) -> str:
        """Scheme and host ("https://example.org"), or "" when the base URL is a bare path."""
        return _origin(self.base_url)

    def href(self, route: str) -> str:
        """A link for use inside the site: root-relative, with the sub-path, percent-encoded."""
        path = _base_path(self.base_url) + (self.placed(route) if self.edition else route).lstrip("/")
        return path if _NOTHING_TO_QUOTE.match(path) else quote(path, safe="/-._~%")

    def absolute(self, route: str) -> str:
        """A full URL for feeds, sitemaps and canonical links."""
        return self.origin + self.href(route)

    @staticmethod
    def output_path(route: str) -> PurePosixPath:
        """Where a route is written inside the output folder; directory routes get index.html."""
        return PurePosixPath(output_file(route))


# What quote(..., safe="/-._~%") leaves as it is: most routes, so they skip it (it is slow).
_NOTHING_TO_QUOTE = re.compile(r"[A-Za-z0-9/._~%-]*\Z")


@functools.lru_cache(maxsize=16)
def _base_path(base_url: str) -> str:
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else f"{path}/"


@functools.lru_cache(maxsize=16)
def _origin(base_url: str) -> str:
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""


def output_file(route: str) -> str:
    """``output_path`` as a plain string: called for every page, so kept cheap."""
    parts = [part for part in route.split("/") if part and part != "."]
    if ".." in parts or "\x00" in route:
        raise ValueError(f"route leaves the site: {route!r}")
    if route.endswith("/"):
        parts.append("index.html")
    return "/".join(parts)
