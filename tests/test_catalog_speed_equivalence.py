"""The fast catalog and placement give exactly what the plain ones gave.

``catalog.build_catalog`` and ``permalinks.place_articles`` run on every build that has
something to do, over the whole archive; their loops were rewritten for speed. The plain
versions are kept below, verbatim but for their ``old_`` names, and the tests hold the
fast ones to them: same catalog (fields, order, related lists, tags and slugs), same
placed articles, same diagnostics, on generated archives full of the hard cases.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import hashlib
import math
import os
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import count
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgen.errors import WARNING, Diagnostic
from newsgen.records import Article, Body, Placement, Tag
from newsgen.site.catalog import (
    RELATED_LIMIT, RELATED_WINDOW, Catalog, Period, TagEntry, _canonical, _surname_aliases, build_catalog,
)
from newsgen.text.collation import collation_key
from newsgen.text.scripts import written_in
from newsgen.urls import ARCHIVE_ROUTES, SITE_FOLDERS, SITE_PAGES
from newsgen.urls.permalinks import (
    _UNSAFE_IN_CATEGORY, DEFAULT_PERMALINK, Permalink, _collision_warning,
    _segment, _slug_or_file, compile_permalink, file_name, numbered_route, place_articles, resolve_alias,
)

EQUIVALENCE = settings(
    max_examples=int(os.environ.get("EQUIVALENCE_EXAMPLES", 200)),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- The plain catalog, as it was (newsgen/catalog.py) -------------------------------------------


def old_newest_first(articles: Iterable[Article]) -> list[Article]:
    ordered = sorted(articles, key=lambda a: a.id)
    ordered.sort(key=lambda a: a.published, reverse=True)
    return ordered


def old_build_catalog(articles: Iterable[Article], sort_key: Callable[[str], object], language: str = "") -> Catalog:
    """Index published articles. ``sort_key`` orders tag names alphabetically."""
    ordered = tuple(old_newest_first(articles))
    tags, tag_for_key, tag_redirects = old_index_tags(ordered, sort_key, written_in(language))
    older = {a.id: b for a, b in zip(ordered, ordered[1:])}
    newer = {b.id: a for a, b in zip(ordered, ordered[1:])}
    return Catalog(
        articles=ordered,
        tags=tags,
        tag_for_key=tag_for_key,
        years=old_group(ordered, lambda d: Period(d.year)),
        months=old_group(ordered, lambda d: Period(d.year, d.month)),
        days=old_group(ordered, lambda d: Period(d.year, d.month, d.day)),
        older=older,
        newer=newer,
        related=old_related(ordered, tags, tag_for_key),
        tag_redirects=tag_redirects,
    )


def old_group(ordered: Sequence[Article], period_of: Callable[[datetime.date], Period]) -> dict[Period, tuple]:
    groups: dict[Period, list[Article]] = defaultdict(list)
    for article in ordered:
        groups[period_of(article.date)].append(article)
    return {period: tuple(groups[period]) for period in sorted(groups, key=lambda p: (p.year, p.month, p.day))}


def old_index_tags(ordered: Sequence[Article], sort_key: Callable[[str], object], in_site_script: Callable[[str], bool]
                   ) -> tuple[tuple[TagEntry, ...], dict, dict]:
    """The plain tag index: keys, then keys of one slug merged into one topic (the rule of catalog._topic_keys)."""
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
    own = {key: _canonical(counter) for key, counter in spellings.items()}
    naming = {key: sum(any(t.key == key for t in a.tags) for a in ordered) for key in own}
    head_of = {}
    for key in own:
        same_slug = [k for k in own if own[k].slug == own[key].slug]
        head_of[key] = min(same_slug, key=lambda k: (not in_site_script(own[k].name), -naming[k], own[k].name, k))
    canonical, names = {}, {}
    for head in set(head_of.values()):
        group = [own[k] for k in own if head_of[k] == head]
        kinds = [t.kind for t in group if t.kind != "topic"]
        kind = min(kinds, key=["person", "place", "organisation"].index) if kinds else "topic"
        canonical[head] = Tag(key=head, name=own[head].name, kind=kind, slug=own[head].slug)
        names[head] = tuple(sorted({t.name for t in group if t.key != head}))
    tag_for_key = {key: canonical[head_of[key]] for key in own}
    tag_for_key.update({bare: canonical[head_of[full]] for bare, full in alias.items()})
    articles = {head: [a for a in ordered if any(tag_for_key[t.key].key == head for t in a.tags)] for head in canonical}
    keys = sorted(canonical, key=lambda key: (sort_key(canonical[key].name), canonical[key].name, key))
    entries = tuple(TagEntry(canonical[key], tuple(articles[key]), names[key]) for key in keys)
    pages = {tag.slug for tag in canonical.values()}
    redirects: dict[str, set[str]] = defaultdict(set)
    for article in ordered:
        for tag in article.tags:
            if tag.slug not in pages:
                redirects[tag.slug].add(tag_for_key[tag.key].slug)
    return entries, tag_for_key, {slug: min(targets) for slug, targets in sorted(redirects.items())}


def old_related(
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
        # Lightest weight first, then by key (a fixed order for the float sums: catalog._RelatedRanking).
        for key in sorted({tag_for_key[tag.key].key for tag in article.tags}, key=lambda k: (weight[k], k)):
            positions, tag_weight = members[key], weight[key]
            at = bisect.bisect_left(positions, index)
            for other in positions[max(0, at - RELATED_WINDOW) : at + RELATED_WINDOW + 1]:
                scores[other] = get(other, 0.0) + tag_weight
        scores.pop(index, None)
        # Best score first, then the newest (lowest position); negated scores sort as plain tuples.
        best = sorted([(-score, other) for other, score in scores.items()])[:RELATED_LIMIT]
        related[article.id] = tuple(ordered[other] for _, other in best)
    return related


# --- The plain placement, as it was (newsgen/permalinks.py) --------------------------------------


OLD_VALUES: dict[str, Callable[[Article], str]] = {
    "year": lambda a: f"{a.date.year:04d}",
    "short_year": lambda a: f"{a.date.year % 100:02d}",
    "month": lambda a: f"{a.date.month:02d}",
    "i_month": lambda a: str(a.date.month),
    "day": lambda a: f"{a.date.day:02d}",
    "i_day": lambda a: str(a.date.day),
    "y_day": lambda a: f"{a.date.timetuple().tm_yday:03d}",
    "hour": lambda a: f"{a.published.hour:02d}",
    "minute": lambda a: f"{a.published.minute:02d}",
    "second": lambda a: f"{a.published.second:02d}",
    "slug": lambda a: a.slug,
    "title": lambda a: a.slug,  # Jekyll's :title is the file name's slug, or `slug:` when set
    "filename": lambda a: _segment(file_name(a)).lower(),
    "contentbasename": lambda a: _segment(file_name(a)).lower(),
    "slugorfilename": _slug_or_file,
    "slugorcontentbasename": _slug_or_file,
    "categories": lambda a: "/".join(filter(None, (_segment(c, _UNSAFE_IN_CATEGORY).lower()
                                                   for c in a.placement.categories))),
    "section": lambda a: _segment(a.placement.sections[0]).lower() if a.placement.sections else "",
    "sections": lambda a: "/".join(filter(None, (_segment(s).lower() for s in a.placement.sections))),
    "output_ext": lambda a: ".html",
}


def old_route(self: Permalink, article: Article) -> str:  # was the method Permalink.route
    text = "".join(OLD_VALUES[part[1:]](article) if part.startswith(":") else part for part in self.parts)
    return re.sub(r"/{2,}", "/", text)  # an empty :categories leaves no empty folder


def old_is_site_route(route: str) -> bool:
    """True for a URL the site uses for its own pages: the front page, archives, tags, feeds, ..."""
    first = route.split("/")[1] if route.count("/") > 1 else ""
    return route in SITE_PAGES or first in SITE_FOLDERS or ARCHIVE_ROUTES.match(route) is not None


def old_route_for(article: Article, permalink: Permalink) -> str:
    """The article's own `permalink:` when it has one, else the site's pattern."""
    own = article.placement.permalink
    return old_route(compile_permalink(own, own=True), article) if own else old_route(permalink, article)


def old_place_articles(articles: Sequence[Article], pattern: str) -> tuple[list[Article], list[Diagnostic]]:
    """Every article with its route and resolved aliases; the URLs, and the ids, are unique.

    Derived slugs collide by coincidence (two bulletins with one headline) and are simply
    numbered; when two authors chose the URL (a slug, a file name, a `permalink:`) it is a warning.
    """
    permalink = compile_permalink(pattern)
    placed = [dataclasses.replace(a, route=old_route_for(a, permalink)) for a in articles]
    problems: list[Diagnostic] = []
    claims: dict[str, list[int]] = {}
    for index, article in enumerate(placed):
        claims.setdefault(article.route, []).append(index)
    taken = set(claims)
    for route, indexes in claims.items():
        if old_is_site_route(route):  # "/tags/" as a slug, or an explicit "/"
            first = placed[indexes[0]]
            problems.append(Diagnostic(first.source_path, first.source_line, None,
                                       f"the URL {route} is a page of the site itself; the article gets another",
                                       WARNING))
            keep = []
        elif len(indexes) > 1:
            problems += _collision_warning([placed[i] for i in indexes])
            keep = indexes[:1]
        else:
            continue
        ordered = sorted(indexes, key=lambda i: (old_order_key(placed[i]), i))
        for index in ordered[len(keep):]:
            placed[index] = old_renumbered(placed[index], permalink, taken)
            taken.add(placed[index].route)
    placed = old_unique_ids(placed)
    return old_settle_aliases(placed, problems)


def old_order_key(article: Article) -> str:
    """Who keeps a contested URL: the earliest, then by title and text; never the input order."""
    body = hashlib.sha1(article.body_text.encode("utf-8")).hexdigest()
    return f"{article.published.isoformat()}|{article.title}|{body}"


def old_renumbered(article: Article, permalink: Permalink, taken: set[str]) -> Article:
    """The article with -2, -3 ... on its slug (or on its URL, when the URL does not use the slug)."""
    for number in count(2):
        slug = f"{article.slug}-{number}"
        candidate = dataclasses.replace(article, slug=slug, id=f"{article.date.isoformat()}/{slug}")
        route = old_route_for(candidate, permalink)
        if route == article.route or old_is_site_route(route):  # the slug cannot free it: number the URL
            candidate, route = article, numbered_route(article.route, number)
        if route not in taken and not old_is_site_route(route):
            return dataclasses.replace(candidate, route=route)
    raise AssertionError("unreachable")


def old_unique_ids(articles: list[Article]) -> list[Article]:
    """Articles of one date and slug with different URLs (other categories) need different ids too."""
    by_id: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        by_id.setdefault(article.id, []).append(index)
    result = list(articles)
    for indexes in by_id.values():
        for index in sorted(indexes, key=lambda i: articles[i].route)[1:]:
            result[index] = dataclasses.replace(articles[index], id=f"{articles[index].id}@{articles[index].route}")
    return result


def old_settle_aliases(articles: list[Article], problems: list[Diagnostic]) -> tuple[list[Article], list[Diagnostic]]:
    """Aliases resolved to routes; one that is another page's URL, or already claimed, is dropped with a warning."""
    owners = {article.route: article for article in articles}
    claimed: dict[str, Article] = {}
    result = []
    for article in articles:
        if not article.placement.aliases:  # nearly every article: nothing to settle
            result.append(article)
            continue
        kept = []
        for alias in article.placement.aliases:
            route = resolve_alias(alias, article.route)
            other = owners.get(route) or claimed.get(route)
            if route == article.route or other is article:  # its own URL, or an alias given twice
                continue
            if other is not None or old_is_site_route(route):
                whose = f"{other.source_path}:{other.source_line}" if other else "the site itself"
                problems.append(Diagnostic(article.source_path, article.source_line, None,
                                           f"the old URL {route} is also used by {whose}: no redirect is written",
                                           WARNING))
                continue
            claimed[route] = article
            kept.append(route)
        placement = dataclasses.replace(article.placement, aliases=tuple(kept))
        result.append(dataclasses.replace(article, placement=placement))
    return result, problems


# --- Generated archives ---------------------------------------------------------------------------

# Spellings that share a key, surnames alone and with first names (one unambiguous, one not),
# Cyrillic and Latin names with one slug, and one key under two slugs.
TAG_POOL = [
    ("Володимир Путін", "person", "volodymyr-putin"), ("Путін", "person", "putin"), ("путін", "topic", "putin"),
    ("Мельник", "person", "melnyk"), ("Ірина Мельник", "person", "iryna-melnyk"),
    ("Наталія Мельник", "person", "nataliia-melnyk"), ("Київ", "place", "kyiv"), ("Kyiv", "place", "kyiv"),
    ("київ", "topic", "kyiv"), ("КИЇВ", "organisation", "kyiv-misto"), ("НАТО", "organisation", "nato"),
    ("нато", "topic", "nato"), ("NATO", "organisation", "nato"), ("війна", "topic", "viina"),
    ("Війна", "topic", "viina"), ("економіка", "topic", "ekonomika"), ("Ekonomika", "topic", "ekonomika"),
    ("Зеленський", "person", "zelenskyi"), ("Львів", "place", "lviv"), ("рідкісне", "topic", "ridkisne"),
]
SHARED_TAGS = [Tag(key=name.casefold(), name=name, kind=kind, slug=slug) for name, kind, slug in TAG_POOL]
KYIV = ZoneInfo("Europe/Kyiv")
DAYS = [datetime.date(2025, 10, 26), datetime.date(2025, 10, 27), datetime.date(2025, 12, 31),
        datetime.date(2026, 1, 1), datetime.date(2026, 3, 29), datetime.date(2024, 2, 29)]


def make_article(
    number: int, slug: str, published: datetime.datetime, day: datetime.date, tags: tuple[Tag, ...],
    **changes: object,
) -> Article:
    fields: dict[str, object] = dict(
        id=f"{day.isoformat()}/{slug}", date=day, published=published, updated=None, slug=slug,
        slug_is_derived=False, title=slug, title_is_derived=False, summary="", summary_is_derived=True,
        body=Body("<p>x</p>", f"текст {number % 3}"), tags=tags, lang="uk", authors=(), draft=False,
        source_path=Path(f"{slug}-{number}.md"), source_line=1 + number % 4, source_format="markdown",
    )
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


@st.composite
def moments(draw: st.DrawFn) -> tuple[datetime.datetime, datetime.date]:
    """A publication time (ties; zones shared and not; the hours Kyiv's clocks skip and repeat) and a filing date."""
    day = draw(st.sampled_from(DAYS))
    zone = draw(st.sampled_from([datetime.UTC, KYIV, "+02:00", "+03:00"]))
    if isinstance(zone, str):  # a new zone object each time, as when read from a file
        zone = datetime.timezone(datetime.timedelta(hours=int(zone[1:3])))
    hour = draw(st.sampled_from([0, 3, 3, 9, 23]))
    published = datetime.datetime(day.year, day.month, day.day, hour, draw(st.sampled_from([0, 30])),
                                  tzinfo=zone, fold=draw(st.integers(0, 1)))
    filed = draw(st.sampled_from([day, published.astimezone(datetime.UTC).date(), day + datetime.timedelta(days=1)]))
    return published, filed


@st.composite
def tag_lists(draw: st.DrawFn) -> tuple[Tag, ...]:
    """Up to seven tags, repeats included; some the shared records, some equal copies of them."""
    picks = draw(st.lists(st.integers(0, len(TAG_POOL) - 1), max_size=7))
    copies = draw(st.lists(st.booleans(), min_size=len(picks), max_size=len(picks)))
    return tuple(dataclasses.replace(SHARED_TAGS[i]) if copy else SHARED_TAGS[i] for i, copy in zip(picks, copies))


@st.composite
def archives(draw: st.DrawFn, max_size: int = 70) -> list[Article]:
    """Articles with unique ids (place_articles makes them so), many on one day and one moment."""
    size = draw(st.integers(0, max_size))
    slugs = draw(st.lists(st.sampled_from(["zvit", "novyny", "a", "ya", "Б"]), min_size=size, max_size=size))
    result = []
    for number, slug in enumerate(slugs):
        published, filed = draw(moments())
        result.append(make_article(number, f"{slug}{number}", published, filed, draw(tag_lists())))
    return result


def assert_same_catalog(new: Catalog, old: Catalog) -> None:
    assert [id(a) for a in new.articles] == [id(a) for a in old.articles]
    assert [(entry.tag, [id(a) for a in entry.articles]) for entry in new.tags] == [
        (entry.tag, [id(a) for a in entry.articles]) for entry in old.tags
    ]
    for name in ("tag_for_key", "years", "months", "days", "older", "newer", "related"):
        new_items, old_items = list(getattr(new, name).items()), list(getattr(old, name).items())
        assert new_items == old_items, name
    assert new == old


@EQUIVALENCE
@given(archives(), st.sampled_from([str, collation_key("uk")]), st.sampled_from(["", "uk", "en"]))
def test_the_catalog_is_the_plain_one(articles: list[Article], sort_key: Callable[[str], object], language: str
                                      ) -> None:
    assert_same_catalog(build_catalog(articles, sort_key, language=language),
                        old_build_catalog(articles, sort_key, language))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_catalog_of_a_big_archive_is_the_plain_one(seed: int) -> None:
    """Thousands of articles: tags far longer than the related window, many equal weights."""
    rng = random.Random(seed)
    extra_tags = [Tag(key=f"тема {n}", name=f"Тема {n}", kind="topic", slug=f"tema-{n}") for n in range(40)]
    pool = SHARED_TAGS + extra_tags
    articles = []
    start = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    for number in range(2500):
        published = start + datetime.timedelta(hours=rng.randrange(20_000) // 3 * 3)  # many ties
        tags = tuple(rng.choice(pool[: 8 + number % len(pool)]) for _ in range(rng.randrange(7)))
        articles.append(make_article(number, f"s{rng.randrange(10**6)}-{number}", published, published.date(), tags))
    rng.shuffle(articles)
    key = collation_key("uk")
    assert_same_catalog(build_catalog(articles, key), old_build_catalog(articles, key))


# --- Placement ------------------------------------------------------------------------------------

PATTERNS = [
    DEFAULT_PERMALINK, "/:slug/", "/:year/:month/:slug/", "/:categories/:slug/",
    "/:categories/:year/:month/:day/:title.html",
    "pretty", "none", "/:section/:slugorfilename/", "/news/:year/:i_month/:i_day/:filename.htm",
    "/:year/:y_day/:hour:minute-:slug.html", "/{x}/:slug/", "/:short_year/:i_month/:i_day/:second/:sections/:slug/",
    "/:section/:contentbasename:output_ext", "/:year/:i_month/:i_day/:hour-:minute-:second-:title.html",
]


@st.composite
def placements(draw: st.DrawFn) -> Placement:
    return Placement(
        categories=tuple(draw(st.lists(st.sampled_from(["news", "Static", "local news", "", "sport", "tags"]),
                                       max_size=2))),
        sections=tuple(draw(st.lists(st.sampled_from(["posts", "Новини", "page"]), max_size=2))),
        permalink=draw(st.sampled_from([None, None, None, "/about/", "/about-2/", "/2016/", "/", "/x/index.html",
                                        "/:year/:slug/", "/news/:slug.html"])),
        aliases=tuple(draw(st.lists(st.sampled_from(["/old/", "older/", "/2016/01/01/zvit/", "/tags/x/", "/about/",
                                                     "old.html", "/zvit/", "/2016/"]), max_size=3))),
        bundle=draw(st.sampled_from([None, Path("bundle")])),
    )


@st.composite
def unplaced(draw: st.DrawFn) -> list[Article]:
    """Articles as loaded: slugs that collide on a day (with numbers taken already), own URLs, old URLs."""
    size = draw(st.integers(0, 25))
    result = []
    for number in range(size):
        slug = draw(st.sampled_from(["zvit", "zvit-2", "novyny", "archive", "tags", "static", "page", "2016", "x"]))
        day = draw(st.sampled_from([datetime.date(2016, 1, 1), datetime.date(2016, 1, 2), datetime.date(2017, 5, 9)]))
        published = datetime.datetime(day.year, day.month, day.day, draw(st.sampled_from([0, 8])), tzinfo=datetime.UTC)
        result.append(make_article(
            number, slug, published, day, (),
            slug_is_derived=draw(st.booleans()),
            title=draw(st.sampled_from(["Звіт", "Новини"])),
            body=Body("<p>x</p>", draw(st.sampled_from(["один", "два"]))),
            source_path=Path(draw(st.sampled_from(["a.md", "b/index.md", "posts/2016-01-01-zvit.md", "c.md"]))),
            placement=draw(placements()),
        ))
    return result


@EQUIVALENCE
@given(unplaced(), st.sampled_from(PATTERNS))
def test_placement_is_the_plain_one(articles: list[Article], pattern: str) -> None:
    new_placed, new_problems = place_articles(articles, pattern)
    old_placed, old_problems = old_place_articles(articles, pattern)
    assert new_placed == old_placed
    assert new_problems == old_problems


@EQUIVALENCE
@given(unplaced(), st.sampled_from(PATTERNS))
def test_a_pattern_routes_as_before(articles: list[Article], pattern: str) -> None:
    permalink = compile_permalink(pattern)
    for article in articles:
        assert permalink.route(article) == old_route(permalink, article)


def test_placing_then_cataloguing_a_generated_archive_is_as_before() -> None:
    """The two stages together, on articles whose slugs collide on a day."""
    rng = random.Random(7)
    articles = []
    for number in range(600):
        day = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(30))
        published = datetime.datetime.combine(day, datetime.time(rng.randrange(24)), tzinfo=datetime.UTC)
        tags = tuple(rng.choice(SHARED_TAGS) for _ in range(rng.randrange(6)))
        articles.append(make_article(number, rng.choice(["zvit", "novyny", "pohoda"]), published, day, tags,
                                     slug_is_derived=rng.random() < 0.5))
    new_placed, new_problems = place_articles(articles, DEFAULT_PERMALINK)
    old_placed, old_problems = old_place_articles(articles, DEFAULT_PERMALINK)
    assert (new_placed, new_problems) == (old_placed, old_problems)
    assert_same_catalog(build_catalog(new_placed, str), old_build_catalog(new_placed, str))
