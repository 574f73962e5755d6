"""An article's records: as parsed from its source, as derived and published, and the parts they share.

Frozen dataclasses, no I/O. A record's shape is fixed here, never by the keys of an input
file: unknown front-matter keys land in ``Article.extra``. How they pickle: pickling.py.
"""

from __future__ import annotations

import datetime
import hashlib
import operator
from collections.abc import Iterator, Mapping
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


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an article's URL comes from beyond its date and slug, and its old URLs (imported archives)."""

    categories: tuple[str, ...] = ()  # Jekyll categories, for :categories in a permalink
    sections: tuple[str, ...] = ()  # the folders above the source file (Hugo sections), for :section
    permalink: str | None = None  # the article's own URL or pattern, from `permalink:` or `url:`
    aliases: tuple[str, ...] = ()  # old URLs that get a redirect page; absolute once placed
    bundle: Path | None = None  # a Hugo page bundle whose files are copied beside the article's page


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
    translation_key: str | None = None  # `translation_key:`: the same on every language's version of the story
    translation_key_line: int = 0  # where it is written, for the error of two versions in one language


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

    @property
    def digest(self) -> str:
        """The text's SHA-1 (hex): tells two articles' texts apart without holding them."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


class UnreadText(LookupError):
    """A template asked for the text of an article whose text the render stage did not read (it reads
    only what the built-in templates show); the render stage then reads every text the page holds."""


class BodyReference(Protocol):
    """Where an article's text is kept instead (build/bodies.StoredBody): data only. The stages that
    need the text are handed a reader for it (build/bodies.BodyReader)."""

    @property
    def word_count(self) -> int: ...

    @property
    def digest(self) -> str: ...


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
    body: Body | BodyReference  # the text; a reference when it waits in the memo (build/bodies.py)
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

    @property
    def body_html(self) -> str:
        """Trusted HTML produced by newsgen from the source (a Body's: a reference is read by a BodyReader)."""
        return self.body.html  # type: ignore[union-attr]

    @property
    def body_text(self) -> str:
        """Plain text of the body, paragraphs separated by blank lines."""
        return self.body.text  # type: ignore[union-attr]

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
    dialect: str = "newsgen"  # whose conventions the file follows (sources/foreign.py): its headings' ids
    expires: datetime.datetime | None = None  # timezone-aware, after ``published``


@dataclass(frozen=True, slots=True)
class Derivation:
    """The settings that decide what is derived from an article's text (articles.derive_article)."""

    language: str  # the site language; an article's own `lang` overrides it
    slug_style: str = "translit"
    max_tags: int = 8
    raw_html: str = "sanitize"
    derive_tags: str = "untagged"  # untagged | always | never: which articles get tags derived from their text
    # The site's languages, its first first: an article without `lang:` is told among them (language_guess.py).
    languages: tuple[str, ...] = ()
