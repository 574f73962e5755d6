"""Where every article goes: the URL it was first published under (ledger.py), else its permalink's
(urls/permalinks.py). Pure: the ledger is read and written by the build, at its edges.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgen.errors import Diagnostic
from newsgen.records import Article, with_field
from newsgen.site.ledger import (
    Entry, Found, Settled, lost_warnings, recorded_entries, reserved_routes, settle_all, unchanged,
)
from newsgen.site.ledger_matching import match_entries
from newsgen.urls.permalinks import Permalink, natural_routes, place_articles, with_old_urls


@dataclass(frozen=True, slots=True)
class Ledger:
    """urls.tsv as a build read it (builder.read_ledger)."""

    path: Path  # <site>/urls.tsv
    site_dir: Path  # sources are named relative to it
    text: str  # "" when there is none yet
    entries: tuple[Entry, ...]
    clock: datetime.datetime | None = None  # an article dated after it is not published yet: never recorded


@dataclass(frozen=True, slots=True)
class FileArticle:
    """An article of a source file, shown in this build or not (a draft without --drafts)."""

    article: Article
    place: int  # its number in its file, from 1
    shown: bool


@dataclass(frozen=True, slots=True)
class Placed:
    articles: list[Article]  # the articles shown, in source order, with their routes
    problems: list[Diagnostic]
    urls: list[Entry] | None  # the ledger after this build; None without a ledger, or when it is unchanged


def place_site(found: Sequence[FileArticle], permalink: str | None, ledger: Ledger | None, unread: set[str],
               old: Callable[[Article], Permalink | None] | None = None) -> Placed:
    """Every shown article with its URL: the one the ledger records for it, else its permalink's
    (``old`` and a ``permalink`` of None: see ``permalinks.place_articles``).

    ``unread`` names the files (as paths) that had errors: their lines the ledger keeps as they are.
    """
    if ledger is None:
        articles, problems = place_articles([item.article for item in found if item.shown], permalink, old)
        return Placed(articles, problems, None)
    if old is not None:  # an imported archive's articles: their old site's URLs, first
        found = [FileArticle(article, item.place, item.shown)
                 for item, article in zip(found, with_old_urls([item.article for item in found], permalink, old))]
    items = _as_found(found, natural_routes([item.article for item in found], permalink), str(ledger.site_dir))
    matched, unclaimed = match_entries(items, ledger.entries)
    settled = settle_all(items, matched)
    kept = {_source_name(path, str(ledger.site_dir)) for path in unread}
    clock = ledger.clock
    shown = [index for index, item in enumerate(found) if item.shown]
    articles, problems = place_articles(
        [found[index].article if not settled[index].former else _with_former(found[index].article, settled[index])
         for index in shown], permalink,
        routes=[settled[index].route for index in shown],
        rank=[0 if settled[index].recorded else 1 if _published(found[index].article, clock) else 2 for index in shown],
        reserved=reserved_routes(settled, unclaimed),
    )
    routes: list[str | None] = [None] * len(found)
    for index, article in zip(shown, articles, strict=True):
        if not article.draft and (clock is None or article.published <= clock):  # _published, inline: 100,000 times
            routes[index] = article.route
    problems += lost_warnings(items, matched, unclaimed, ledger.path, kept)
    urls = recorded_entries(items, settled, routes, unclaimed, kept)
    return Placed(articles, problems, None if unchanged(ledger.entries, urls) else urls)


def _as_found(found: Sequence[FileArticle], routes: Sequence[str], site: str) -> list[Found]:
    """Each article as the ledger sees it: its file relative to the site, its number, its URL now, its
    author's choice of URL. (One loop, no calls per article: a big archive has 100,000.)"""
    prefix, new = site + os.sep, tuple.__new__
    cut = len(prefix)
    items = []
    for item, route in zip(found, routes, strict=True):
        article = item.article
        path = str(article.source_path)
        source = path[cut:] if path.startswith(prefix) and os.sep == "/" else _source_name(path, site)
        chosen = article.placement.permalink or ("" if article.slug_is_derived else article.slug)
        items.append(new(Found, (source, item.place, route, chosen)))
    return items


def _source_name(path: str, site: str) -> str:
    """A source file as the ledger names it: relative to the site, "/"-separated (a file outside the
    site, an imported archive's, climbs there with ..)."""
    return Path(os.path.relpath(path, site)).as_posix()


def _published(article: Article, clock: datetime.datetime | None) -> bool:
    """Published for good, so its URL is recorded: not a draft, and not dated after the build."""
    return not article.draft and (clock is None or article.published <= clock)


def _with_former(article: Article, settled: Settled) -> Article:
    """The article with its earlier URLs (an explicit new slug moved it) as old URLs to redirect."""
    if not settled.former:
        return article
    aliases = tuple(dict.fromkeys((*article.placement.aliases, *settled.former)))
    return with_field(article, "placement", dataclasses.replace(article.placement, aliases=aliases))
