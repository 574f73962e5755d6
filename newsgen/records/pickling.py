"""How records go to the build cache and come back: compactly, and copied quickly (``with_field``).

A build with something to do loads every article the cache remembers, one small pickle per
source file. Loading pays for every class a pickle names (an import look-up per pickle;
build/memo.py names these loaders by number) and every object made by a Python call, so an
Article pickles as plain values (str, int, tuples) that one function turns back into the
record: its day as a number, its times as numbers and a zone name, its path as text, its tags
and placement shared with equal ones loaded before. A value not of the expected type (a zone
without a name, say) pickles as itself. The reducers are registered with copyreg when
newsgen.records is imported, so no record pickles any other way.
"""

from __future__ import annotations

import copyreg
import dataclasses
import datetime
import operator
from pathlib import Path
from zoneinfo import ZoneInfo

from newsgen.records.article import NO_EDITORIAL, Article, Body, BodyReference, Editorial, FrozenMapping, Placement, Tag
from newsgen.records.source_file import child_path

_article_fields = operator.attrgetter(*Article.__dataclass_fields__)
_ARTICLE_FIELD_AT = {name: index for index, name in enumerate(Article.__dataclass_fields__)}


# The twin an article is loaded and copied in: Article's slots, and an __init__ that stores them
# directly. Article's frozen __init__ calls object.__setattr__ per field (a good part of loading
# one); a record built in the twin becomes an Article by __class__ assignment, which
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


def _reduce_article(article: Article) -> tuple:
    return (_loaded_article, _article_state(article))


def _reduce_tag(tag: Tag) -> tuple:
    return (_loaded_tag, (_tag_state(tag),))


def _reduce_placement(placement: Placement) -> tuple:
    return (_loaded_placement, (_placement_state(placement),))


copyreg.pickle(Article, _reduce_article)
copyreg.pickle(Tag, _reduce_tag)
copyreg.pickle(Placement, _reduce_placement)
