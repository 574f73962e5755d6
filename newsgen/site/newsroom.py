"""A newsroom's archive: its authors and sections (desks), and which story leads a list. Pure.

newsgen.yaml may describe authors (``authors:`` slug -> name, bio, photo, links) and
name the sections in navigation order (``sections:`` slug -> display name). Articles
name their authors and section as written; ``index_authors`` and ``index_sections``
settle who and what each name is, once, for the whole archive, with slugs that are
unique and stable (the same input gives the same pages).
"""

from __future__ import annotations

import datetime
import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from newsgen.errors import SourceError
from newsgen.records import Article
from newsgen.text.slugs import numbered, slugify
from newsgen.urls import section_slug_problem
from newsgen.yamlmap import Entry

SLUG_MAX_LENGTH = 60
SECTIONS_FROM = ("front_matter", "folders")


@dataclass(frozen=True, slots=True)
class AuthorProfile:
    """An author: from newsgen.yaml's `authors:`, or only a name met in bylines."""

    slug: str  # the URL segment under /authors/
    name: str
    bio: str = ""
    photo: str = ""  # a site path (/static/authors/olena.jpg) or a full URL
    links: tuple[tuple[str, str], ...] = ()  # (label, URL): the author's own pages elsewhere


@dataclass(frozen=True, slots=True)
class Section:
    """A desk (Politics, Economy): its page is /<slug>/."""

    slug: str
    name: str  # as shown in the navigation and above headlines


@dataclass(frozen=True, slots=True)
class Newsroom:
    """The settings that put articles under bylines and in sections."""

    language: str = "uk"
    slug_style: str = "translit"
    authors: tuple[AuthorProfile, ...] = ()
    sections: tuple[Section, ...] = ()  # in navigation order
    sections_from: str = "front_matter"  # or "folders": the first folder under content/ names the section


@dataclass(frozen=True, slots=True)
class AuthorEntry:
    """One author page: the author and their articles, newest first."""

    author: AuthorProfile
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class SectionEntry:
    """One section page: the section and its articles, newest first."""

    section: Section
    articles: tuple[Article, ...]


def name_key(name: str) -> str:
    """What makes two spellings of a name one author: NFC, case and spacing folded."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def index_authors(ordered: Sequence[Article], newsroom: Newsroom, sort_key: Callable[[str], object]
                  ) -> tuple[tuple[AuthorEntry, ...], dict[str, AuthorProfile]]:
    """The author pages in the site's alphabetical order, and the author of every byline (by ``name_key``).

    A byline that names a configured author by name or slug is that author; any other name gets a
    slug of its own, -2, -3 added in name order when two would share one.
    """
    configured: dict[str, AuthorProfile] = {}
    for profile in newsroom.authors:
        configured.setdefault(name_key(profile.slug), profile)
        configured.setdefault(name_key(profile.name), profile)
    spelling: dict[str, str] = {}  # byline key -> its newest spelling
    for article in ordered:
        for name in article.authors:
            spelling.setdefault(name_key(name), name)
    taken = {profile.slug for profile in newsroom.authors}
    author_of: dict[str, AuthorProfile] = {}
    for key in sorted(spelling):
        profile = configured.get(key)
        if profile is None:
            profile = AuthorProfile(numbered(_slug(spelling[key], newsroom), taken, first=2), spelling[key])
        author_of[key] = profile
    by_slug: dict[str, list[Article]] = defaultdict(list)
    profiles: dict[str, AuthorProfile] = {}
    for article in ordered:
        for profile in dict.fromkeys(author_of[name_key(name)] for name in article.authors):
            by_slug[profile.slug].append(article)
            profiles[profile.slug] = profile
    entries = [AuthorEntry(profiles[slug], tuple(articles)) for slug, articles in by_slug.items()]
    entries.sort(key=lambda entry: (sort_key(entry.author.name), entry.author.name, entry.author.slug))
    return tuple(entries), author_of


def index_sections(ordered: Sequence[Article], newsroom: Newsroom
                   ) -> tuple[tuple[SectionEntry, ...], dict[str, Section]]:
    """The section pages (the configured ones in navigation order, even empty, then the others by slug), and
    the section of every article that has one (by article id)."""
    configured: dict[str, Section] = {}
    for section in newsroom.sections:
        configured.setdefault(name_key(section.slug), section)
        configured.setdefault(name_key(section.name), section)
    found: dict[str, Section] = {}  # the sections only articles name, by slug
    section_of: dict[str, Section] = {}
    members: dict[str, list[Article]] = defaultdict(list)
    for article in reversed(ordered):  # oldest first: the first spelling of a section names it
        written = written_section(article, newsroom.sections_from)
        if written is None:
            continue
        section = configured.get(name_key(written))
        if section is None:
            slug = _slug(written, newsroom)
            if section_slug_problem(slug):  # a folder such as 2026/ is not a section
                continue
            section = found.setdefault(slug, Section(slug, written))
        section_of[article.id] = section
        members[section.slug].append(article)
    sections = [*newsroom.sections, *(found[slug] for slug in sorted(found) if slug not in
                                      {section.slug for section in newsroom.sections})]
    entries = tuple(SectionEntry(section, tuple(reversed(members.get(section.slug, ())))) for section in sections)
    return entries, section_of


def written_section(article: Article, sections_from: str) -> str | None:
    """The article's `section:`, else (with ``sections_from: folders``) the first folder under content/."""
    if article.editorial.section:
        return article.editorial.section
    if sections_from == "folders" and article.source_format != "seed" and article.placement.sections:
        return article.placement.sections[0]
    return None


def choose_lead(articles: Sequence[Article], now: datetime.datetime) -> Article | None:
    """The story in a list's lead slot (``articles`` newest first): the newest one pinned until after
    ``now``, else the newest featured one, else the newest."""
    featured = None
    for article in articles:
        editorial = article.editorial
        if editorial.pinned_until is not None and editorial.pinned_until > now:
            return article
        if featured is None and editorial.featured:
            featured = article
    return featured or (articles[0] if articles else None)


def next_unpinning(articles: Sequence[Article], now: datetime.datetime) -> datetime.datetime | None:
    """When the next pinned story leaves its lead slot: the page plan changes then."""
    moments = [a.editorial.pinned_until for a in articles
               if a.editorial.pinned_until is not None and a.editorial.pinned_until > now]
    return min(moments, default=None)


def _slug(name: str, newsroom: Newsroom) -> str:
    slug = slugify(name, lang=newsroom.language, style=newsroom.slug_style, max_length=SLUG_MAX_LENGTH)
    return slug or f"n-{hashlib.sha1(name_key(name).encode()).hexdigest()[:8]}"


# --- newsgen.yaml: `authors:`, `sections:`, `sections_from:` -------------------------------------

def read_sections(entry: Entry, path: object) -> tuple[Section, ...]:
    """`sections:` slug -> display name, in navigation order; a bad slug names its line."""
    sections = []
    for slug, name, line in _slugged_entries(entry, path, "sections", "polityka",
                                             "one line per section under it, such as `polityka: Політика`"):
        if problem := section_slug_problem(slug):
            raise SourceError(path, line, f"'sections' {problem}")
        if not isinstance(name, str) or not name.strip():
            raise SourceError(path, line, f"'sections' {slug}: the display name must be text, such as Політика")
        sections.append(Section(slug, name.strip()))
    return tuple(sections)


def read_authors(entry: Entry, path: object) -> tuple[AuthorProfile, ...]:
    """`authors:` slug -> {name, bio, photo, links}; a bad author names its line."""
    profiles = []
    for slug, fields, line in _slugged_entries(entry, path, "authors", "olena-koval",
                                               "a slug per author under it, with `name: Олена Коваль` under the slug"):
        if isinstance(fields, str):
            fields = {"name": fields}
        if not isinstance(fields, dict) or not isinstance(fields.get("name"), str) or not fields["name"].strip():
            raise SourceError(path, line, f"'authors' {slug}: needs a name, such as `name: Олена Коваль`")
        unknown = sorted(set(fields) - {"name", "bio", "photo", "links"})
        if unknown:
            raise SourceError(path, line, f"'authors' {slug}: unknown key {unknown[0]!r} (known: name, bio, photo, links)")
        for key in ("bio", "photo"):
            if not isinstance(fields.get(key, ""), str):
                raise SourceError(path, line, f"'authors' {slug}: '{key}' must be text")
        profiles.append(AuthorProfile(slug, fields["name"].strip(), fields.get("bio", "").strip(),
                                      fields.get("photo", "").strip(), _links(fields.get("links"), slug, path, line)))
    return tuple(profiles)


def _slugged_entries(entry: Entry, path: object, key: str, example: str, hint: str
                     ) -> Iterator[tuple[str, object, int]]:
    """(slug, value, line) of each entry of a setting that maps slugs to values; a bad slug names its line."""
    if not isinstance(entry.value, dict):
        what = "each section's slug to its name" if key == "sections" else "each author's slug to their name, bio, photo, links"
        raise SourceError(path, entry.line, f"'{key}' must map {what}", column=entry.column, hint=hint)
    for index, (slug, value) in enumerate(entry.value.items()):
        line = entry.line_of(index)
        if problem := _slug_problem(slug, example):
            raise SourceError(path, line, f"'{key}' {problem}")
        yield str(slug), value, line


def _slug_problem(slug: object, example: str) -> str | None:
    text = str(slug)
    if not isinstance(slug, str) or not text or any(not (c.isalnum() or c in "-_") for c in text):
        return f"{text!r} is not a slug: use letters, digits and -, such as {example}"
    return None


def _links(value: object, slug: str, path: object, line: int) -> tuple[tuple[str, str], ...]:
    """Links as a list of URLs, or a mapping label -> URL."""
    if value is None:
        return ()
    pairs: Mapping | list = value if isinstance(value, (dict, list)) else []
    items = list(pairs.items()) if isinstance(pairs, dict) else [(url, url) for url in pairs]
    if not items and value not in ({}, []):
        raise SourceError(path, line, f"'authors' {slug}: 'links' must be a list of URLs or label: URL lines")
    for label, url in items:
        if not isinstance(url, str) or not url.startswith(("https://", "http://", "mailto:")):
            raise SourceError(path, line, f"'authors' {slug}: link {url!r} must start with https://, http:// or mailto:")
    return tuple((str(label), url) for label, url in items)
