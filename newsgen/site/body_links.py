"""`newsgen check`: links in article bodies that point nowhere, with the file and line they are written on.

An in-page link (``#the-timetable``) must name an id of its own article (heading ids:
sources/heading_ids.py); a link to another page of the site (``/2019/11/07/ferry-strike/``,
``../harbour-reopens/``, ``/static/map.png``) must name an article, an old URL that
redirects, a page the site makes itself (archives, tags, sections, authors, feeds), a file of
static/ or a file copied from a page bundle. Links to other sites are not followed.

The bodies are newsgen's own HTML, so their attributes are found with patterns, not a parser:
``check`` reads every article of the archive.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsgen.errors import WARNING, Diagnostic
from newsgen.records import Article
from newsgen.site.newsroom import Newsroom, index_sections
from newsgen.sources.foreign import bundle_assets
from newsgen.urls import SiteURLs, is_site_route, section_route, static_route

_ID = re.compile(r'\sid="([^"]*)"')
_LINK = re.compile(r'<(?:a|img|source)\s[^>]*?(?:href|src)="([^"]*)"')


def body_link_problems(articles: Sequence[Article], base_url: str, static_dir: Path,
                       newsroom: Newsroom = Newsroom()) -> list[Diagnostic]:
    """A warning for every link of an article body that names no page, file or id of the site."""
    base_path = SiteURLs(base_url).base_path
    ids = {article.route: set(_ID.findall(article.body_html)) for article in articles}
    known = _known_routes(articles, static_dir)
    known.update(section_route(entry.section.slug) for entry in index_sections(articles, newsroom)[0])
    problems = []
    for article in articles:
        for written in dict.fromkeys(_LINK.findall(article.body_html)):
            reason = _problem(html.unescape(written), article.route, base_path, ids, known)
            if reason:
                problems.append(_located(article, html.unescape(written), reason))
    return problems


def _known_routes(articles: Iterable[Article], static_dir: Path) -> set[str]:
    known: set[str] = set()
    for article in articles:
        known.add(article.route)
        known.update(article.placement.aliases)
        known.update(f"/tags/{tag.slug}/" for tag in article.tags)
        if article.placement.bundle is not None:
            folder = posixpath.dirname(article.route.rstrip("/")) if not article.route.endswith("/") else (
                article.route.rstrip("/"))
            known.update(f"{folder}/{name}" for name, _ in bundle_assets(article.placement.bundle))
    if static_dir.is_dir():
        known.update(static_route(path.relative_to(static_dir).as_posix())
                     for path in static_dir.rglob("*") if path.is_file())
    return known


def _problem(link: str, route: str, base_path: str, ids: dict[str, set[str]], known: set[str]) -> str | None:
    """Why ``link`` on the page at ``route`` points nowhere, or None."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not (parts.path or parts.fragment):
        return None  # another site, mail, or a bare "?query"
    target = route
    if parts.path:
        path = unquote(parts.path)
        if path.startswith(base_path):
            path = "/" + path[len(base_path):]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(route) if not route.endswith("/")
                                                   else route, path)) + ("/" if path.endswith("/") else "")
        target = target.replace("//", "/")
        if target not in known and f"{target}/" not in known and not _made_by_the_site(target):
            return f"no page or file of the site is at {target}"
    fragment = unquote(parts.fragment)
    if fragment and target in ids and fragment not in ids[target]:
        return f"no heading or element has the id {fragment!r}" + (f" on {target}" if target != route else "")
    return None


def _made_by_the_site(route: str) -> bool:
    """A page the site makes itself; a tag's page or a static file only when known (checked above)."""
    return is_site_route(route) and not route.startswith(("/static/", "/tags/")) or route == "/tags/"


def _located(article: Article, link: str, reason: str) -> Diagnostic:
    """The warning, on the line of the source file where the link is written (the article's, if not found)."""
    line = article.source_line
    try:
        text = article.source_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    for form in (link, unquote(link)):
        if (at := text.find(form)) >= 0:
            line = text.count("\n", 0, at) + 1
            break
    return Diagnostic(article.source_path, line, None, f"the link {link} points nowhere: {reason}", WARNING)
