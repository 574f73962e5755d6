"""The archive's indexes: order, tags, periods, neighbours, related stories."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from newsgen.site.catalog import Period, build_catalog
from tests.support.factories import article, tag

NATO, KYIV, WAR, RARE = tag("НАТО", "organisation"), tag("Київ", "place"), tag("війна"), tag("рідкісне")


def by_codepoint(text: str) -> str:
    return text


def test_newest_first_with_a_total_order() -> None:
    same_time = "2026-02-11T10:00:00+00:00"
    catalog = build_catalog(
        [article("b", same_time), article("old", "2025-01-01"), article("a", same_time), article("new", "2026-03-01")],
        by_codepoint,
    )
    assert [a.slug for a in catalog.articles] == ["new", "a", "b", "old"]


def test_neighbours_in_time() -> None:
    catalog = build_catalog([article("one", "2026-01-01"), article("two", "2026-01-02"), article("three", "2026-01-03")], by_codepoint)
    assert catalog.older["2026-01-02/two"].slug == "one"
    assert catalog.newer["2026-01-02/two"].slug == "three"
    assert "2026-01-01/one" not in catalog.older and "2026-01-03/three" not in catalog.newer


def test_periods_have_their_articles_newest_first() -> None:
    catalog = build_catalog(
        [article("a", "2025-12-31"), article("b", "2026-02-11T08:00"), article("c", "2026-02-11T09:00"), article("d", "2026-02-12")],
        by_codepoint,
    )
    assert list(catalog.years) == [Period(2025), Period(2026)]
    assert [a.slug for a in catalog.months[Period(2026, 2)]] == ["d", "c", "b"]
    assert [a.slug for a in catalog.days[Period(2026, 2, 11)]] == ["c", "b"]
    assert list(catalog.months) == [Period(2025, 12), Period(2026, 2)]


def test_tags_merge_by_key_use_the_commonest_spelling_and_most_specific_kind() -> None:
    lower = tag("нато")  # an author's spelling, kind unknown
    catalog = build_catalog(
        [article("a", "2026-01-01", NATO), article("b", "2026-01-02", NATO), article("c", "2026-01-03", lower)],
        by_codepoint,
    )
    [entry] = catalog.tags
    assert (entry.tag.name, entry.tag.kind) == ("НАТО", "organisation")
    assert [a.slug for a in entry.articles] == ["c", "b", "a"]
    assert catalog.tag_for_key["нато"] == entry.tag


def test_tags_in_the_given_alphabetical_order() -> None:
    alphabet = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
    catalog = build_catalog(
        [article("a", "2026-01-01", tag("Їжак"), tag("Ірпінь"), tag("Ґудзик"), tag("Гора"), tag("Дніпро"))],
        lambda text: [alphabet.index(ch) for ch in text.lower()],
    )
    assert [entry.tag.name for entry in catalog.tags] == ["Гора", "Ґудзик", "Дніпро", "Ірпінь", "Їжак"]


CYRILLIC_KYIV, LATIN_KYIV = tag("Київ", "place", slug="kyiv"), tag("Kyiv", slug="kyiv")


def test_tags_whose_slugs_are_equal_are_one_topic_named_in_the_site_language() -> None:
    """"Kyiv" on three articles, "Київ" on one: one page at /tags/kyiv/, named "Київ" on a
    Ukrainian site, "Kyiv" on an English one, the other spelling listed on it."""
    articles = [article("a", "2026-01-01", CYRILLIC_KYIV), *(article(f"b{n}", f"2026-01-0{n + 2}", LATIN_KYIV)
                                                             for n in range(3))]
    for language, name, other in (("uk", "Київ", "Kyiv"), ("en", "Kyiv", "Київ")):
        catalog = build_catalog(articles, by_codepoint, language=language)
        [entry] = catalog.tags
        assert (entry.tag.name, entry.tag.slug, entry.tag.kind, entry.spellings) == (name, "kyiv", "place", (other,))
        assert [a.slug for a in entry.articles] == ["b2", "b1", "b0", "a"]
        assert catalog.tag_for_key["kyiv"] == catalog.tag_for_key["київ"] == entry.tag
        assert catalog.tag_redirects == {}


def test_a_topics_name_does_not_depend_on_the_order_articles_come_in() -> None:
    """Within one script the spelling most articles use names the topic, then the first in code-point order."""
    euro, other = tag("Евро", slug="evro"), tag("Эвро", slug="evro")
    articles = [article("a", "2026-01-01", other), article("b", "2026-01-02", euro), article("c", "2026-01-03", euro)]
    names = {build_catalog(order, by_codepoint, language="uk").tags[0].tag.name
             for order in (articles, articles[::-1], articles[1:] + articles[:1])}
    assert names == {"Евро"}
    tied = [article("a", "2026-01-01", other), article("b", "2026-01-02", euro)]
    assert {build_catalog(order, by_codepoint, language="uk").tags[0].tag.name for order in (tied, tied[::-1])} == {"Евро"}


def test_tags_whose_slugs_differ_stay_apart() -> None:
    catalog = build_catalog([article("a", "2026-01-01", CYRILLIC_KYIV, tag("Kiev", slug="kiev"))], by_codepoint,
                            language="uk")
    assert sorted((entry.tag.slug, entry.spellings) for entry in catalog.tags) == [("kiev", ()), ("kyiv", ())]


def test_related_prefers_rarer_shared_tags_then_newer() -> None:
    articles = [
        article("me", "2026-01-10", NATO, RARE),
        article("rare-old", "2026-01-01", RARE),
        article("nato-new", "2026-01-09", NATO),
        article("nato-old", "2026-01-02", NATO),
        article("both", "2026-01-03", NATO, RARE),
        article("unrelated", "2026-01-08", WAR),
    ] + [article(f"filler{i}", f"2025-06-{i + 1:02d}", NATO) for i in range(10)]
    catalog = build_catalog(articles, by_codepoint)
    related = [a.slug for a in catalog.related["2026-01-10/me"]]
    assert related == ["both", "rare-old", "nato-new", "nato-old", "filler9"]
    assert "unrelated" not in related and len(related) == 5


def test_an_article_without_tags_has_no_related() -> None:
    catalog = build_catalog([article("a", "2026-01-01"), article("b", "2026-01-02")], by_codepoint)
    assert catalog.related["2026-01-01/a"] == ()


def test_a_bare_surname_shares_the_page_of_the_only_full_name() -> None:
    full, bare = tag("Володимир Путін", "person", slug="volodymyr-putin"), tag("Путін", "person", slug="putin")
    other = tag("Мельник", "person")
    ann, anna = tag("Ірина Мельник", "person"), tag("Наталія Мельник", "person")
    catalog = build_catalog(
        [article("a", "2026-01-01", full), article("b", "2026-01-02", bare),
         article("c", "2026-01-03", other, ann), article("d", "2026-01-04", anna)],
        by_codepoint,
    )
    names = {entry.tag.name: [a.slug for a in entry.articles] for entry in catalog.tags}
    assert names["Володимир Путін"] == ["b", "a"] and "Путін" not in names
    assert catalog.tag_for_key["путін"].name == "Володимир Путін"
    assert names["Мельник"] == ["c"], "an ambiguous surname keeps its own page"
    # /tags/putin/, the page "Путін" had before the full name came, leads to the full name's page
    assert catalog.tag_redirects == {"putin": "volodymyr-putin"}


def test_pagination_links_a_window_not_every_page() -> None:
    from newsgen.plan.views import page_window

    assert page_window(1, 1) == [1]
    assert page_window(1, 5) == [1, 2, 3, 0, 5]
    assert page_window(50, 100) == [1, 0, 48, 49, 50, 51, 52, 0, 100]
    assert page_window(100, 100) == [1, 0, 98, 99, 100]


class _Memo:
    """A Recall with one remembered value per step, counting what it computes."""

    def __init__(self) -> None:
        self.values: dict[str, tuple[str, object]] = {}
        self.computed = 0

    def __call__(self, step, key, compute):  # noqa: ANN001, ANN204
        if step in self.values and self.values[step][0] == key:
            return self.values[step][1]
        self.computed += 1
        value = compute()
        self.values[step] = (key, value)
        return value


def _archive(**changes: tuple) -> list:
    tags = {"a": (NATO, KYIV), "b": (NATO, WAR), "c": (KYIV, WAR), "d": (NATO, KYIV, RARE), "e": (WAR,)}
    tags.update(changes)
    return [article(slug, f"2026-02-0{day}", *tags[slug]) for day, slug in enumerate("abcde", start=1)]


def test_related_stories_are_recalled_while_the_tags_and_order_stay() -> None:
    memo = _Memo()
    first = build_catalog(_archive(), by_codepoint, memo)
    edited = _archive()  # same tags and dates, new records (as after an edit of a text)
    again = build_catalog(edited, by_codepoint, memo)
    assert memo.computed == 1
    assert {i: [a.slug for a in r] for i, r in again.related.items()} == \
        {i: [a.slug for a in r] for i, r in first.related.items()}
    assert all(any(a is e for e in edited) for r in again.related.values() for a in r), "the new records"
    retagged = build_catalog(_archive(e=(WAR, RARE)), by_codepoint, memo)
    assert memo.computed == 2
    assert retagged.related == build_catalog(_archive(e=(WAR, RARE)), by_codepoint).related


# Builds the catalog of an archive whose article X shares three tags with A and three with B, of
# equal weights two by two: A and B tie, and the tie goes to the newer. The weights are such that
# their float sum depends on the order it is added in (2, 2 and 3 articles of 40).
_TIED_RELATED = """
import sys
sys.path.insert(0, ROOT)
from newsgen.site.catalog import build_catalog
from tests.support.factories import article, tag

p1, p2, p3, q1, q2, q3 = (tag(name) for name in ("p1", "p2", "p3", "q1", "q2", "q3"))
articles = [
    article("x", "2026-01-10", p1, p2, p3, q1, q2, q3),
    article("a", "2026-01-05", p1, p2, p3),
    article("b", "2026-01-04", q1, q2, q3),
    article("pa", "2025-01-01", p3),
    article("qb", "2025-01-02", q3),
    *(article(f"filler-{n}", f"2024-{n // 28 + 1:02d}-{n % 28 + 1:02d}") for n in range(35)),
]
catalog = build_catalog(articles, str)
print(" ".join(a.slug for a in catalog.related["2026-01-10/x"]))
"""


def test_related_stories_do_not_depend_on_the_processes_hash_seed() -> None:
    """A set's order of strings changes with PYTHONHASHSEED; the related stories must not, or two
    builds of one archive differ, and a rebuild that recalls them differs from a clean build."""
    root = str(Path(__file__).resolve().parent.parent)
    script = _TIED_RELATED.replace("ROOT", repr(root))
    found = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        found.add(run.stdout.strip())
    assert found == {"a b qb pa"}, found  # the tie goes to the newer; the single tags follow


def test_related_stories_ranked_in_several_processes_are_the_same(monkeypatch) -> None:
    """Each process ranks with its own copy of the scores: sharing the articles out changes nothing."""
    import functools

    from newsgen.build import workers

    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 2)
    tags = [NATO, KYIV, WAR, RARE, tag("Львів", "place"), tag("економіка")]
    articles = [article(f"a{n}", f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}", *tags[n % 5 : n % 5 + 1 + n % 3])
                for n in range(300)]
    here = build_catalog(articles, by_codepoint)
    spread = build_catalog(articles, by_codepoint, spread=functools.partial(workers.parallel_map, jobs=2))
    assert sum(map(len, here.related.values())) > 1000
    assert {i: [a.id for a in r] for i, r in spread.related.items()} == {i: [a.id for a in r] for i, r in here.related.items()}
