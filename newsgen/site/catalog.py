"""The archive's indexes, computed once before anything is rendered. Pure.

Sort order is total everywhere: newest first by publication time, then by id,
so two builds of the same input list the same pages in the same order.
"""

from __future__ import annotations

import datetime
import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from itertools import filterfalse, islice
from operator import attrgetter
from typing import Any

from newsgen.digests import digest
from newsgen.records import TAG_KINDS, Article, Tag
from newsgen.site.newsroom import AuthorEntry, AuthorProfile, Newsroom, Section, SectionEntry, index_authors, index_sections
from newsgen.text.scripts import written_in

RELATED_LIMIT = 5
# Related stories are looked for among the articles nearest in time on each
# shared tag: news is related to news of its period, and the cost per article
# stays constant instead of growing with the size of its tags.
RELATED_WINDOW = 12
# The ranking's version, in the key its results are remembered under: a build never recalls lists
# ranked another way. 2: each article's weights summed in a fixed order.
RELATED_RANKING = 2


@dataclass(frozen=True, slots=True)
class TagEntry:
    """One tag page: the tag in its display form and its articles, newest first."""

    tag: Tag
    articles: tuple[Article, ...]
    spellings: tuple[str, ...] = ()  # the topic's other names, e.g. ("Kyiv",) on the page of "Київ"


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
    authors: tuple[AuthorEntry, ...] = ()  # in the site language's alphabetical order
    author_of: dict[str, AuthorProfile] = field(default_factory=dict)  # byline (newsroom.name_key) -> author
    sections: tuple[SectionEntry, ...] = ()  # in navigation order
    section_of: dict[str, Section] = field(default_factory=dict)  # article id -> its section
    # /tags/<slug>/ of a tag that is named on another topic's page ("Путін" on "Володимир Путін"'s):
    # that slug -> the topic's slug, so the page it had still leads there.
    tag_redirects: dict[str, str] = field(default_factory=dict)


# Sort keys and tag values read in C: the sorts and counts below run over every article.
_ID = attrgetter("id")
_PUBLISHED = attrgetter("published")
_TAG_KEY = attrgetter("key")
_TAG_VALUES = attrgetter(*(field.name for field in fields(Tag)))  # as Tag() takes them
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def newest_first(articles: Iterable[Article]) -> list[Article]:
    ordered = sorted(articles, key=_ID)
    ordered.sort(key=_publication_order(ordered), reverse=True)
    return ordered


def _publication_order(articles: Sequence[Article]) -> Callable[[Article], object]:
    """A sort key that orders articles as their publication times compare, cheaply when it can.

    Two times in different zone objects (every "+02:00" read from a file is one) compare by
    asking both for their UTC offsets, at each of a sort's many comparisons; the time since
    the epoch, a timedelta, compares in C. The two orders agree unless one zone object gives
    two offsets (summer and winter time): times in one zone object compare by their clocks.
    """
    offsets: dict[int, datetime.timedelta] = {}
    for moment in map(_PUBLISHED, articles):
        offset = moment.utcoffset()
        if offset is None or offsets.setdefault(id(moment.tzinfo), offset) != offset:
            return _PUBLISHED
    return _since_epoch


def _since_epoch(article: Article) -> datetime.timedelta:
    return article.published - _EPOCH


# (step, key, compute) -> compute()'s value, or the value remembered under ``key`` (build/memo.Memo.recall)
Recall = Callable[[str, str, Callable[[], Any]], Any]


# (function, shared, items) -> [function(shared, item) for item in items], wherever it is worked out
Spread = Callable[[Callable[[Any, int], Any], Any, Sequence[int]], list[Any]]


def compute_now(step: str, key: str, compute: Callable[[], Any]) -> Any:
    """A ``Recall`` without memory."""
    return compute()


def spread_here(function: Callable[[Any, int], Any], shared: Any, items: Sequence[int]) -> list[Any]:
    """A ``Spread`` that stays in this process."""
    return [function(shared, item) for item in items]


def build_catalog(articles: Iterable[Article], sort_key: Callable[[str], object], recall: Recall = compute_now,
                  spread: Spread = spread_here, newsroom: Newsroom = Newsroom(), language: str = "") -> Catalog:
    """Index published articles. ``sort_key`` orders tag names alphabetically; a topic spelled
    several ways is named in the script of ``language``, the site's (see ``_topic_keys``).

    Article ids are unique (``permalinks.place_articles`` makes them so). The related stories,
    two thirds of the work, are a function of each tag's articles (as positions) alone: ``recall``
    may give them from an earlier build with the same, as after an edit that changed a text only,
    and ``spread`` may rank the articles in several processes (workers.parallel_map).
    """
    ordered = tuple(newest_first(articles))
    tags, tag_for_key, members, tag_redirects = _index_tags(ordered, sort_key, written_in(language))
    ids = list(map(_ID, ordered))
    years, months, days = _periods(ordered)
    canonical_key = {key: tag.key for key, tag in tag_for_key.items()}
    related = recall(
        "related", digest(RELATED_RANKING, RELATED_LIMIT, RELATED_WINDOW, len(ordered), sorted(members.items())),
        lambda: spread(_RelatedRanking.rank, _RelatedRanking(ordered, members, canonical_key), range(len(ordered))),
    )
    article_at = ordered.__getitem__
    authors, author_of = index_authors(ordered, newsroom, sort_key)
    sections, section_of = index_sections(ordered, newsroom)
    return Catalog(
        articles=ordered,
        tags=tags,
        tag_for_key=tag_for_key,
        years=years,
        months=months,
        days=days,
        older=dict(zip(ids, ordered[1:])),
        newer=dict(zip(ids[1:], ordered)),
        related=dict(zip(ids, (tuple(map(article_at, positions)) for positions in related))),
        authors=authors,
        author_of=author_of,
        sections=sections,
        section_of=section_of,
        tag_redirects=tag_redirects,
    )


def _periods(ordered: Sequence[Article]) -> tuple[dict[Period, tuple], dict[Period, tuple], dict[Period, tuple]]:
    """Each year's, month's and day's articles, newest first, the periods in calendar order."""
    years: dict[tuple, list[Article]] = defaultdict(list)
    months: dict[tuple, list[Article]] = defaultdict(list)
    days: dict[tuple, list[Article]] = defaultdict(list)
    run_date = None
    # Newest first, a day's articles mostly come one after another: the day's, month's and year's
    # lists are looked up once per such run, by plain tuples (a Period per article was the cost).
    for article in ordered:
        date = article.date
        if date != run_date:
            run_date = date
            in_year = years[(date.year,)]
            in_month = months[date.year, date.month]
            in_day = days[date.year, date.month, date.day]
        in_year.append(article)
        in_month.append(article)
        in_day.append(article)
    return tuple({Period(*key): tuple(groups[key]) for key in sorted(groups)} for groups in (years, months, days))


def _index_tags(
    ordered: Sequence[Article], sort_key: Callable[[str], object], in_site_script: Callable[[str], bool],
) -> tuple[tuple[TagEntry, ...], dict[str, Tag], dict[str, list[int]], dict[str, str]]:
    """The tag pages in alphabetical order, the display tag of every key, each page's articles
    as positions in ``ordered`` (for ``_RelatedRanking``), and the slugs that redirect."""
    by_own_key: dict[str, list[int]] = defaultdict(list)  # positions of the articles naming each key
    mentions: list[Tag] = []  # every article's tags, each once
    for position, article in enumerate(ordered):
        tags = article.tags
        if len(tags) > 1 and len(set(map(_TAG_KEY, tags))) < len(tags):
            # A key named twice (a tag repeated, or two spellings): the article counts once per
            # tag and per key. Tags hash in Python, so only such articles pay for dict.fromkeys.
            tags = tuple(dict.fromkeys(tags))
            for key in dict.fromkeys(map(_TAG_KEY, tags)):
                by_own_key[key].append(position)
        else:
            for tag in tags:
                by_own_key[tag.key].append(position)
        mentions += tags
    # Each distinct tag once, with the number of articles that name it; field values hash in C.
    counts = Counter(map(_TAG_VALUES, mentions))
    distinct = [Tag(*values) for values in counts]  # in the order first named
    alias = _surname_aliases(distinct)
    spellings: dict[str, Counter[Tag]] = defaultdict(Counter)
    for tag, count in zip(distinct, counts.values()):
        if tag.key not in alias:
            spellings[tag.key][tag] += count
    own = {key: _canonical(counter) for key, counter in spellings.items()}
    topic_of = _topic_keys(own, {key: len(by_own_key[key]) for key in own}, in_site_script)
    in_topic: dict[str, list[str]] = defaultdict(list)
    for key in sorted(own):
        in_topic[topic_of[key]].append(key)
    for bare, full in alias.items():  # "Путін" alone is on the page of "Володимир Путін"
        in_topic[topic_of[full]].append(bare)
    canonical = {head: _topic_tag(head, [own[key] for key in keys if key in own]) for head, keys in in_topic.items()}
    members = {head: _positions(by_own_key, keys) for head, keys in in_topic.items()}
    tag_for_key = {key: canonical[topic_of[key]] for key in own}  # in the order first named, then the aliases
    tag_for_key.update({bare: canonical[topic_of[full]] for bare, full in alias.items()})
    heads = sorted(in_topic, key=lambda key: (sort_key(canonical[key].name), canonical[key].name, key))
    article_at = ordered.__getitem__
    entries = tuple(TagEntry(canonical[head], tuple(map(article_at, members[head])),
                             _other_names(canonical[head], [own[key] for key in in_topic[head] if key in own]))
                    for head in heads)
    return entries, tag_for_key, members, _tag_redirects(distinct, tag_for_key)


def _positions(by_own_key: dict[str, list[int]], keys: list[str]) -> list[int]:
    """The positions of the articles naming any of ``keys``, in order, each once."""
    if len(keys) == 1:
        return by_own_key[keys[0]]
    return sorted(set().union(*(by_own_key[key] for key in keys)))


def _topic_keys(own: dict[str, Tag], uses: dict[str, int], in_site_script: Callable[[str], bool]) -> dict[str, str]:
    """Tags whose slugs are equal are one topic, with one page at that slug ("Київ" and "Kyiv"
    at /tags/kyiv/, whichever came first): each key -> the key whose spelling names the topic.

    The name is one written in the site language's script, then the one named by the most
    articles, then the first in code-point order: it depends on what the archive holds,
    never on the order articles are read in.
    """
    by_slug: dict[str, list[str]] = defaultdict(list)
    for key, tag in own.items():
        by_slug[tag.slug].append(key)
    topic_of = {}
    for keys in by_slug.values():
        head = keys[0] if len(keys) == 1 else min(
            keys, key=lambda k: (not in_site_script(own[k].name), -uses[k], own[k].name, k))
        for key in keys:
            topic_of[key] = head
    return topic_of


def _topic_tag(head: str, tags: list[Tag]) -> Tag:
    """A topic's tag: the name of its ``head`` key, the most specific kind of all its spellings."""
    named = next(tag for tag in tags if tag.key == head)
    if len(tags) == 1:
        return named
    kinds = {tag.kind for tag in tags if tag.kind != "topic"}
    kind = min(kinds, key=TAG_KINDS.index) if kinds else "topic"
    return Tag(key=head, name=named.name, kind=kind, slug=named.slug)


def _other_names(topic: Tag, tags: list[Tag]) -> tuple[str, ...]:
    """The topic's names besides its own, one per key ("Kyiv" beside "Київ"), in code-point order."""
    return tuple(sorted({tag.name for tag in tags if tag.key != topic.key}))


def _tag_redirects(distinct: Iterable[Tag], tag_for_key: dict[str, Tag]) -> dict[str, str]:
    """Slugs articles name that are not a topic's page -> the slug of the topic they are on."""
    pages = {tag.slug for tag in tag_for_key.values()}
    redirects: dict[str, str] = {}
    for tag in distinct:
        if tag.slug not in pages:
            target = tag_for_key[tag.key].slug
            redirects[tag.slug] = min(target, redirects.get(tag.slug, target))
    return dict(sorted(redirects.items()))


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


class _RelatedRanking:
    """Up to five articles sharing tags with an article, as positions in ``ordered``; rarer tags
    weigh more, ties newest first.

    ``members`` holds each tag's articles as positions in ``ordered``, and ``canonical_key``
    maps every tag key to the key of its page. Each process that ranks has its own copy (the
    scores below are written as it goes): ``build_catalog`` spreads the articles over processes.
    """

    def __init__(self, ordered: Sequence[Article], members: dict[str, list[int]], canonical_key: dict[str, str]
                 ) -> None:
        total = len(ordered)
        self.ordered = ordered
        # A tag's articles and its weight, found with one look-up per article and tag.
        self.tag_data = {key: (positions, math.log(1 + total / len(positions))) for key, positions in members.items()}
        # About a hundred candidates per article: the loop works on positions (ints), never on the
        # records, and ranks only the few candidates that can make the top five. Scores live in two
        # lists indexed by position and shared by all articles: ``score[p]`` is the current article's
        # while ``scored_for[p]`` is its position. A list index costs less than a dict entry, and
        # nothing has to be cleared between articles.
        self.score = [0.0] * total
        self.scored_for = [-1] * total
        self.page_key = canonical_key.__getitem__
        # Each candidate's weights are added lightest first (then by key): a float sum's last bit depends
        # on the order of its terms, and equal scores must come out equal to tie, newest first. (A set's
        # order of strings changes with the process's hash seed: two builds of one archive differed.)
        self.weight_order = {key: rank for rank, key in enumerate(sorted(self.tag_data,
                                                                         key=lambda k: (self.tag_data[k][1], k)))}

    def rank(self, index: int) -> tuple[int, ...]:
        tag_data, score, scored_for = self.tag_data, self.score, self.scored_for
        in_several = {index}  # candidates in more than one tag's window: their score is a sum
        windows: dict[float, list[list[int]]] = {}  # by the weight of their tag
        tag_keys = set(map(self.page_key, map(_TAG_KEY, self.ordered[index].tags)))
        for key in sorted(tag_keys, key=self.weight_order.__getitem__):
            positions, tag_weight = tag_data[key]
            at = bisect_left(positions, index)
            window = positions[at - RELATED_WINDOW if at > RELATED_WINDOW else 0 : at + RELATED_WINDOW + 1]
            for other in window:
                if scored_for[other] == index:
                    score[other] += tag_weight
                    in_several.add(other)
                else:
                    scored_for[other] = index
                    score[other] = tag_weight
            windows.setdefault(tag_weight, []).append(window)
        by_score: dict[float, list[int]] = {}
        for other in in_several:
            if other != index:
                by_score.setdefault(score[other], []).append(other)
        # Everyone else is in one window and scores its tag's weight. A window is newest first, so
        # its first five such are all the top five can take from it, and only the windows of the
        # best weights are looked at: ranking these few candidates ranks them all.
        best: list[int] = []
        for level in sorted(by_score.keys() | windows.keys(), reverse=True):  # best score first
            tied = by_score.get(level, [])
            for window in windows.get(level, ()):
                tied += islice(filterfalse(in_several.__contains__, window), RELATED_LIMIT)
            best += sorted(tied)  # then the newest
            if len(best) >= RELATED_LIMIT:
                break
        return tuple(best[:RELATED_LIMIT])
