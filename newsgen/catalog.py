"""The archive's indexes, computed once before anything is rendered. Pure.

Sort order is total everywhere: newest first by publication time, then by id,
so two builds of the same input list the same pages in the same order.
"""

from __future__ import annotations

import bisect
import datetime
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from newsgen.records import TAG_KINDS, Article, Tag

RELATED_LIMIT = 5
# Related stories are looked for among the articles nearest in time on each
# shared tag: news is related to news of its period, and the cost per article
# stays constant instead of growing with the size of its tags.
RELATED_WINDOW = 12


@dataclass(frozen=True, slots=True)
class TagEntry:
    """One tag page: the tag in its display form and its articles, newest first."""

    tag: Tag
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class Period:
    """A year, month or day that has articles. ``month``/``day`` are 0 when not part of it."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything the page plan needs: ordered articles, tags, periods and neighbours."""

    articles: tuple[Article, ...]  # newest first
    tags: tuple[TagEntry, ...]  # in the site language's alphabetical order
    tag_for_key: dict[str, Tag]  # canonical display tag for every tag key
    years: dict[Period, tuple[Article, ...]]  # each period's articles, newest first
    months: dict[Period, tuple[Article, ...]]
    days: dict[Period, tuple[Article, ...]]
    older: dict[str, Article]  # article id -> the article published just before it
    newer: dict[str, Article]
    related: dict[str, tuple[Article, ...]]


def newest_first(articles: Iterable[Article]) -> list[Article]:
    ordered = sorted(articles, key=lambda a: a.id)
    ordered.sort(key=lambda a: a.published, reverse=True)
    return ordered


def build_catalog(articles: Iterable[Article], sort_key: Callable[[str], object]) -> Catalog:
    """Index published articles. ``sort_key`` orders tag names alphabetically."""
    ordered = tuple(newest_first(articles))
    tags, tag_for_key = _index_tags(ordered, sort_key)
    older = {a.id: b for a, b in zip(ordered, ordered[1:])}
    newer = {b.id: a for a, b in zip(ordered, ordered[1:])}
    return Catalog(
        articles=ordered,
        tags=tags,
        tag_for_key=tag_for_key,
        years=_group(ordered, lambda d: Period(d.year)),
        months=_group(ordered, lambda d: Period(d.year, d.month)),
        days=_group(ordered, lambda d: Period(d.year, d.month, d.day)),
        older=older,
        newer=newer,
        related=_related(ordered, tags, tag_for_key),
    )


def _group(ordered: Sequence[Article], period_of: Callable[[datetime.date], Period]) -> dict[Period, tuple]:
    groups: dict[Period, list[Article]] = defaultdict(list)
    for article in ordered:
        groups[period_of(article.date)].append(article)
    return {period: tuple(groups[period]) for period in sorted(groups, key=lambda p: (p.year, p.month, p.day))}


def _index_tags(ordered: Sequence[Article], sort_key: Callable[[str], object]) -> tuple[tuple[TagEntry, ...], dict]:
    members: dict[str, list[Article]] = defaultdict(list)
    spellings: dict[str, Counter[Tag]] = defaultdict(Counter)
    alias = _surname_aliases(tag for article in ordered for tag in article.tags)
    for article in ordered:
        for tag in dict.fromkeys(article.tags):
            key = alias.get(tag.key, tag.key)
            bucket = members[key]
            if not bucket or bucket[-1] is not article:  # identity: comparing records field by field is slow
                bucket.append(article)
            if key == tag.key:
                spellings[key][tag] += 1
    canonical = {key: _canonical(counter) for key, counter in spellings.items()}
    canonical = _unique_tag_slugs(canonical)
    canonical.update({bare: canonical[full] for bare, full in alias.items()})
    keys = sorted(spellings, key=lambda key: (sort_key(canonical[key].name), canonical[key].name, key))
    entries = tuple(TagEntry(canonical[key], tuple(members[key])) for key in keys)
    return entries, canonical


def _surname_aliases(tags: Iterable[Tag]) -> dict[str, str]:
    """Bare surnames that belong to exactly one full name in the archive: "путін" -> "володимир путін".

    Within an article the tagger already joins "Путін" to "Володимир Путін";
    across articles, one that only ever says "Путін" should share the page.
    """
    people = {tag.key for tag in tags if tag.kind == "person"}
    full_names: dict[str, set[str]] = defaultdict(set)
    for key in people:
        words = key.split()
        if len(words) > 1:
            full_names[words[-1]].add(key)
    return {key: next(iter(full_names[key])) for key in people if len(full_names.get(key, ())) == 1}


def _canonical(counter: Counter[Tag]) -> Tag:
    """The most used spelling names the tag; the most specific kind seen describes it."""
    name_counts: Counter[str] = Counter()
    for tag, count in counter.items():
        name_counts[tag.name] += count
    name = min(name_counts, key=lambda n: (-name_counts[n], n))
    kinds = {tag.kind for tag in counter if tag.kind != "topic"}
    kind = min(kinds, key=TAG_KINDS.index) if kinds else "topic"
    slug = min(tag.slug for tag in counter if tag.name == name)
    key = next(iter(counter)).key
    return Tag(key=key, name=name, kind=kind, slug=slug)


def _unique_tag_slugs(canonical: dict[str, Tag]) -> dict[str, Tag]:
    """Two tags whose names transliterate alike ("Київ", "Kyiv") get -2, -3 by key order."""
    by_slug: dict[str, list[str]] = defaultdict(list)
    for key in sorted(canonical):
        by_slug[canonical[key].slug].append(key)
    result = dict(canonical)
    for slug, keys in by_slug.items():
        for number, key in enumerate(keys[1:], start=2):
            tag = canonical[key]
            result[key] = Tag(key=tag.key, name=tag.name, kind=tag.kind, slug=f"{slug}-{number}")
    return result


def _related(
    ordered: Sequence[Article], tags: Sequence[TagEntry], tag_for_key: dict[str, Tag]
) -> dict[str, tuple[Article, ...]]:
    """Up to five articles sharing tags with each article; rarer tags weigh more, ties newest first."""
    total = len(ordered)
    position = {article.id: index for index, article in enumerate(ordered)}
    weight = {entry.tag.key: math.log(1 + total / len(entry.articles)) for entry in tags}
    members = {entry.tag.key: [position[a.id] for a in entry.articles] for entry in tags}
    related: dict[str, tuple[Article, ...]] = {}
    for index, article in enumerate(ordered):
        scores: dict[int, float] = {}
        get = scores.get
        for key in {tag_for_key[tag.key].key for tag in article.tags}:
            positions, tag_weight = members[key], weight[key]
            at = bisect.bisect_left(positions, index)
            for other in positions[max(0, at - RELATED_WINDOW) : at + RELATED_WINDOW + 1]:
                scores[other] = get(other, 0.0) + tag_weight
        scores.pop(index, None)
        # Best score first, then the newest (lowest position); negated scores sort as plain tuples.
        best = sorted([(-score, other) for other, score in scores.items()])[:RELATED_LIMIT]
        related[article.id] = tuple(ordered[other] for _, other in best)
    return related
