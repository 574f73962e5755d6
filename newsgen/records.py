"""Frozen records passed between the pipeline stages. No I/O, no newsgen imports.

A record's shape is fixed here, never by the keys of an input file: unknown
front-matter keys land in ``Article.extra``.
"""

from __future__ import annotations

import dataclasses
import datetime
import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

TAG_KINDS = ("person", "place", "organisation", "topic")


class FrozenMapping(Mapping[str, object]):
    """A read-only mapping that, unlike MappingProxyType, can travel between processes."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, object] | None = None) -> None:
        self._data = dict(data or {})

    def __getitem__(self, key: str) -> object:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._data)))

    def __reduce__(self) -> tuple:
        return (FrozenMapping, (self._data,))


# ``folder / name`` for a name from a folder listing (no separator, not "." or ".."): pathlib's
# own join of one such name, as in its folder walks, skips parsing it again, at a fifth of the
# cost. Loading and discovering make one Path per article; Pythons without it join as usual.
child_path: Callable[[Path, str], Path] = getattr(Path, "_make_child_relpath", Path.joinpath)


def pickled_by_fields(cls: type) -> type:
    """Pickle a record as its class and field values.

    Loading then makes one __init__ call instead of the dataclass __setstate__
    that walks fields() per object: a tenth of an incremental build went there.
    """
    values = operator.attrgetter(*cls.__dataclass_fields__)

    def __reduce__(self: object) -> tuple:
        return (cls, values(self))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@dataclass(frozen=True, slots=True)
class Tag:
    """A topic an article belongs to; articles sharing ``key`` share one tag page."""

    key: str  # normalised identity: NFC + casefold of the name, e.g. "нато"
    name: str  # display form, as the author wrote it or the dictionary form
    kind: str  # one of TAG_KINDS
    slug: str  # URL segment under /tags/, never empty

    def __reduce__(self) -> tuple:
        return (_loaded_tag, (_tag_state(self),))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an article's URL comes from beyond its date and slug, and its old URLs (imported archives)."""

    categories: tuple[str, ...] = ()  # Jekyll categories, for :categories in a permalink
    sections: tuple[str, ...] = ()  # the folders above the source file (Hugo sections), for :section
    permalink: str | None = None  # the article's own URL or pattern, from `permalink:` or `url:`
    aliases: tuple[str, ...] = ()  # old URLs that get a redirect page; absolute once placed
    bundle: Path | None = None  # a Hugo page bundle whose files are copied beside the article's page

    def __reduce__(self) -> tuple:
        return (_loaded_placement, (_placement_state(self),))


@dataclass(frozen=True, slots=True)
class Correction:
    """A dated correction appended to a story (news ethics codes require it to be visible)."""

    moment: datetime.datetime  # timezone-aware; midnight in the site's zone when only a date is written
    text: str  # plain text, shown escaped


@dataclass(frozen=True, slots=True)
class LeadImage:
    """The picture that stands for a story: on its page, in lists, in feeds and social cards."""

    src: str  # as written: a file of the article's bundle, a path under /static/, or a full URL
    alt: str  # "" when the author gave none (a warning names the line)
    caption: str = ""
    credit: str = ""
    line: int = 1  # the `image:` line, for diagnostics


@dataclass(frozen=True, slots=True)
class Editorial:
    """What a newsroom adds to a story besides its text: its desk, its place on the front page, corrections."""

    section: str | None = None  # as written in `section:` (a slug or a display name), or the content folder
    featured: bool = False  # `featured: true`: a candidate for the lead slot of the front and section pages
    pinned_until: datetime.datetime | None = None  # kept in the lead slot until then (timezone-aware)
    corrections: tuple[Correction, ...] = ()  # oldest first
    image: LeadImage | None = None
    inline_images: tuple[tuple[str, int], ...] = ()  # (src, source line) of each local image in the body


NO_EDITORIAL = Editorial()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Body:
    """An article's text, in memory."""

    html: str  # trusted HTML produced by newsgen from the source
    text: str  # plain text, paragraphs separated by blank lines

    @property
    def word_count(self) -> int:
        return len(self.text.split())


class BodyReference(Protocol):
    """An article's text kept elsewhere (bodies.StoredBody), read on first use."""

    @property
    def html(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def word_count(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Article:
    """One published news article, ready to be indexed and rendered."""

    id: str  # stable across builds: "YYYY-MM-DD/slug", never the seed file name
    date: datetime.date  # the calendar date the article is filed under
    published: datetime.datetime  # timezone-aware; midnight UTC when only a date is known
    updated: datetime.datetime | None  # timezone-aware, when the source says so
    slug: str  # the last URL segment, unique within its date
    slug_is_derived: bool  # False when the author set it in front matter
    title: str
    title_is_derived: bool  # True when the source had no title (seed format)
    summary: str  # plain text lead, shortened at a sentence boundary
    summary_is_derived: bool
    body: Body | BodyReference  # the text; a reference when it waits in the build cache (build/bodies.py)
    tags: tuple[Tag, ...]
    lang: str  # BCP 47 language of the article, e.g. "uk"
    authors: tuple[str, ...]  # bylines as written, in order; () for none
    draft: bool
    source_path: Path  # for diagnostics only; templates never see it
    source_line: int  # 1-based line where this article starts in its source
    source_format: str  # "seed", "markdown" or "html"
    extra: Mapping[str, object] = field(default_factory=FrozenMapping)
    placement: Placement = field(default_factory=Placement)
    route: str = ""  # the URL path from the site's permalink (see urls/permalinks.py); "" before placing
    editorial: Editorial = NO_EDITORIAL
    expires: datetime.datetime | None = None  # timezone-aware: taken down from this moment on (site/schedule.py)

    def __reduce__(self) -> tuple:
        return (_loaded_article, _article_state(self))

    @property
    def body_html(self) -> str:
        """Trusted HTML produced by newsgen from the source."""
        return self.body.html

    @property
    def body_text(self) -> str:
        """Plain text of the body, paragraphs separated by blank lines."""
        return self.body.text

    @property
    def word_count(self) -> int:
        return self.body.word_count


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """An article as parsed from its source file, before anything is derived."""

    source_path: Path
    source_line: int  # 1-based line where the article starts
    source_format: str  # "seed" (plain paragraphs), "markdown" or "html"
    date: datetime.date
    published: datetime.datetime  # timezone-aware; the later of `date` and an `embargo`: not public before it
    body: str  # seed: plain paragraphs separated by blank lines; markdown: Markdown
    body_line: int  # 1-based line where the body starts, for diagnostics
    title: str | None = None
    updated: datetime.datetime | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    slug: str | None = None
    draft: bool = False
    lang: str | None = None
    authors: tuple[str, ...] = ()
    extra: Mapping[str, object] = field(default_factory=FrozenMapping)
    placement: Placement = field(default_factory=Placement)
    editorial: Editorial = NO_EDITORIAL
    dialect: str = "newsgen"  # whose conventions the file follows (loader/foreign.py): its headings' ids
    expires: datetime.datetime | None = None  # timezone-aware, after ``published``


@dataclass(frozen=True, slots=True)
class Derivation:
    """The settings that decide what is derived from an article's text (articles.derive_article)."""

    language: str  # the site language; an article's own `lang` overrides it
    slug_style: str = "translit"
    max_tags: int = 8
    raw_html: str = "sanitize"
    derive_tags: str = "untagged"  # untagged | always | never: which articles get tags derived from their text


# --- Pickling: how records go to the build cache and come back ------------------------------
#
# A build with something to do loads every article the cache remembers, one small pickle per
# source file: 10,000 pickles for a 10,000-article archive, 50 µs each when every field was
# pickled as itself. Loading pays for every class a pickle names (an import look-up per
# pickle; build/memo.py names these loaders by number) and every object made by a Python call, so
# an Article pickles as plain values (str, int, tuples) that one function turns back into the
# record: its day as a number, its times as numbers and a zone name, its path as text, its
# tags and placement shared with equal ones loaded before. A value not of the expected type
# (a zone without a name, say) pickles as itself.

_article_fields = operator.attrgetter(*Article.__dataclass_fields__)
_ARTICLE_FIELD_AT = {name: index for index, name in enumerate(Article.__dataclass_fields__)}


# The twin an article is loaded and copied in: Article's slots, and an __init__ that stores them
# directly. Article's frozen __init__ calls object.__setattr__ per field, 2 µs an article (a sixth
# of loading one); a record built in the twin becomes an Article by __class__ assignment, which
# Python allows between classes of equal slots.
_UnfrozenArticle = dataclasses.make_dataclass("_UnfrozenArticle", list(Article.__dataclass_fields__), slots=True)


def with_field(article: Article, name: str, value: object) -> Article:
    """``dataclasses.replace(article, **{name: value})`` at a fraction of the cost (replace loops over the
    fields in Python): placing an archive's articles and storing their bodies do it once per article."""
    values = list(_article_fields(article))
    values[_ARTICLE_FIELD_AT[name]] = value
    copy = _UnfrozenArticle(*values)
    copy.__class__ = Article
    return copy


_tag_fields = operator.attrgetter(*Tag.__dataclass_fields__)
_PATH_TYPE = type(Path())  # PosixPath or WindowsPath: the one Path(text) makes again
_NO_EXTRA = FrozenMapping()  # immutable, so one serves every article without extra keys


def _article_state(article: Article) -> tuple:
    (id_, day, published, updated, slug, slug_is_derived, title, title_is_derived, summary, summary_is_derived,
     body, tags, lang, authors, draft, source_path, source_line, source_format, extra, placement,
     route, editorial, expires) = _article_fields(article)
    return (
        id_, _day_state(day), _moment_state(published), _moment_state(updated), slug, slug_is_derived,
        title, title_is_derived, summary, summary_is_derived, body, tuple(map(_tag_state, tags)), lang, authors,
        draft, _path_state(source_path), source_line, source_format, _extra_state(extra),
        _placement_state(placement), route, None if editorial is NO_EDITORIAL else editorial, _moment_state(expires),
    )


def _loaded_article(
    id_: str, day: object, published: object, updated: object, slug: str, slug_is_derived: bool, title: str,
    title_is_derived: bool, summary: str, summary_is_derived: bool, body: Body | BodyReference, tags: tuple,
    lang: str, authors: tuple[str, ...], draft: bool, source_path: object, source_line: int, source_format: str,
    extra: object, placement: tuple, route: str, editorial: Editorial | None, expires: object,
) -> Article:
    article = _UnfrozenArticle(
        id_, _loaded_day(day), _loaded_moment(published), _loaded_moment(updated), slug, slug_is_derived,
        title, title_is_derived, summary, summary_is_derived, body, tuple([_loaded_tag(tag) for tag in tags]),
        lang, authors, draft, _loaded_path(source_path), source_line, source_format, _loaded_extra(extra),
        _loaded_placement(placement), route, editorial or NO_EDITORIAL, _loaded_moment(expires),
    )
    article.__class__ = Article
    return article


def _day_state(day: object) -> object:
    return day.toordinal() if type(day) is datetime.date else day


def _loaded_day(state: object) -> object:
    return datetime.date.fromordinal(state) if type(state) is int else state


def _moment_state(moment: object) -> object:
    """A datetime as its wall time, zone and fold; a ZoneInfo zone by its key."""
    if type(moment) is not datetime.datetime:
        return moment  # None
    zone = moment.tzinfo
    if type(zone) is ZoneInfo and zone.key:
        zone = zone.key
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, moment.microsecond,
            zone, moment.fold)


def _loaded_moment(state: object) -> object:
    """A datetime again; a zone key gives ZoneInfo's shared instance of that zone (as unpickling a ZoneInfo does)."""
    if type(state) is not tuple:
        return state
    year, month, day, hour, minute, second, microsecond, zone, fold = state
    if type(zone) is str:
        zone = ZoneInfo(zone)
    return datetime.datetime(year, month, day, hour, minute, second, microsecond, zone, fold=fold)


def _path_state(path: object) -> object:
    return str(path) if type(path) is _PATH_TYPE else path


_folders: dict[str, Path] = {}  # the folders of the paths loaded so far


def _loaded_path(state: object) -> object:
    """``Path(text)``, made from its folder's Path (parsed once per folder) and its name.

    Parsing every article's path again was a fifth of loading the articles. Texts the
    shortcut could get wrong (no folder, a name that is "." or empty, "//" before the name)
    are parsed as they are.
    """
    if type(state) is not str:
        return state
    folder, _, name = state.rpartition("/")
    if not folder or folder[-1] == "/" or name in ("", "."):
        return Path(state)
    parent = _folders.get(folder)
    if parent is None:
        parent = _remembered(_folders, folder, Path(folder))
    return child_path(parent, name)


def _extra_state(extra: object) -> object:
    return extra._data if type(extra) is FrozenMapping else extra  # noqa: SLF001 - its own module


def _loaded_extra(state: object) -> object:
    if type(state) is not dict:
        return state
    return FrozenMapping(state) if state else _NO_EXTRA


def _placement_state(placement: Placement) -> tuple:
    return (placement.categories, placement.sections, placement.permalink, placement.aliases,
            _path_state(placement.bundle))


# One shared instance per distinct value loaded: a 100,000-article archive has a few hundred
# tags and 400,000 tag mentions, and loaded one by one every mention was its own object.
_tags: dict[bytes | tuple, Tag] = {}
_placements: dict[tuple, Placement] = {}
_SHARED_LIMIT = 200_000  # distinct values kept per kind; beyond that, start afresh (only sharing is lost)


def _tag_state(tag: Tag) -> bytes | tuple:
    """A tag as one bytes object, its fields joined by NUL: loading finds an equal tag by it, decoding nothing.

    A field holding a NUL (or not a str) leaves the tag as its tuple of fields.
    """
    fields = _tag_fields(tag)
    try:
        joined = "\0".join(fields)
    except TypeError:
        return fields
    return joined.encode("utf-8", "surrogatepass") if joined.count("\0") == len(fields) - 1 else fields


def _loaded_tag(state: bytes | tuple) -> Tag:
    tag = _tags.get(state)
    if tag is None:
        fields = state.decode("utf-8", "surrogatepass").split("\0") if type(state) is bytes else state
        tag = _remembered(_tags, state, Tag(*fields))
    return tag


def _loaded_placement(state: tuple) -> Placement:
    placement = _placements.get(state)
    if placement is None:
        categories, sections, permalink, aliases, bundle = state
        placement = Placement(categories, sections, permalink, aliases, _loaded_path(bundle))  # type: ignore[arg-type]
        _remembered(_placements, state, placement)
    return placement


def _remembered(known: dict, key: object, value: object):  # noqa: ANN202 - the value's own type
    if len(known) >= _SHARED_LIMIT:
        known.clear()
    known[key] = value
    return value
