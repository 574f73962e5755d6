"""Frozen records passed between the pipeline stages. No I/O, no newsgen imports.

A record's shape is fixed here, never by the keys of an input file: unknown
front-matter keys land in ``Article.extra``.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

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


def pickled_by_fields(cls: type) -> type:
    """Pickle a record as its class and field values.

    Loading then makes one __init__ call instead of the dataclass __setstate__
    that walks fields() per object: a tenth of an incremental build went there.
    """
    return _reduced(cls, lambda values: (cls, values))


def _shared_when_loaded(cls: type) -> type:
    """Pickle a small record so that loading it gives one shared instance per distinct value.

    A 100,000-article archive has a few hundred tags and 400,000 tag mentions:
    loaded one by one from the cache, every mention was its own object.
    """
    return _reduced(cls, lambda values: (_shared_record, (cls, values)))


def _reduced(cls: type, reduction: Callable[[tuple], tuple]) -> type:
    """``cls`` pickling as ``reduction`` of its field values."""
    values = operator.attrgetter(*cls.__dataclass_fields__)

    def __reduce__(self: object) -> tuple:
        return reduction(values(self))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


_SHARED_RECORDS: dict[tuple, object] = {}
_SHARED_LIMIT = 200_000  # distinct values kept; beyond that, start afresh (only sharing is lost)


def _shared_record(cls: type, values: tuple) -> object:
    record = _SHARED_RECORDS.get((cls, values))
    if record is None:
        if len(_SHARED_RECORDS) >= _SHARED_LIMIT:
            _SHARED_RECORDS.clear()
        record = _SHARED_RECORDS[(cls, values)] = cls(*values)
    return record


@_shared_when_loaded
@dataclass(frozen=True, slots=True)
class Tag:
    """A topic an article belongs to; articles sharing ``key`` share one tag page."""

    key: str  # normalised identity: NFC + casefold of the name, e.g. "нато"
    name: str  # display form, as the author wrote it or the dictionary form
    kind: str  # one of TAG_KINDS
    slug: str  # URL segment under /tags/, never empty


@_shared_when_loaded
@dataclass(frozen=True, slots=True)
class Placement:
    """Where an article's URL comes from beyond its date and slug, and its old URLs (imported archives)."""

    categories: tuple[str, ...] = ()  # Jekyll categories, for :categories in a permalink
    sections: tuple[str, ...] = ()  # the folders above the source file (Hugo sections), for :section
    permalink: str | None = None  # the article's own URL or pattern, from `permalink:` or `url:`
    aliases: tuple[str, ...] = ()  # old URLs that get a redirect page; absolute once placed
    bundle: Path | None = None  # a Hugo page bundle whose files are copied beside the article's page


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


@pickled_by_fields
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
    body: Body | BodyReference  # the text; a reference when it waits in the build cache (bodies.py)
    tags: tuple[Tag, ...]
    lang: str  # BCP 47 language of the article, e.g. "uk"
    author: str | None
    draft: bool
    source_path: Path  # for diagnostics only; templates never see it
    source_line: int  # 1-based line where this article starts in its source
    source_format: str  # "seed", "markdown" or "html"
    extra: Mapping[str, object] = field(default_factory=FrozenMapping)
    placement: Placement = field(default_factory=Placement)
    route: str = ""  # the URL path from the site's permalink (see permalinks.py); "" before placing

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
    published: datetime.datetime  # timezone-aware
    body: str  # seed: plain paragraphs separated by blank lines; markdown: Markdown
    body_line: int  # 1-based line where the body starts, for diagnostics
    title: str | None = None
    updated: datetime.datetime | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    slug: str | None = None
    draft: bool = False
    lang: str | None = None
    author: str | None = None
    extra: Mapping[str, object] = field(default_factory=FrozenMapping)
    placement: Placement = field(default_factory=Placement)
