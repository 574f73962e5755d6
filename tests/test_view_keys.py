"""An article view's key is derived from what its view is made of: the article's stamp and its ViewFacts.

``make_view`` is given the article, one frozen record of the catalog's facts about it and
the site's links, nothing else; the key spells out every field of that record. A fact a
view comes to show therefore cannot be left out of its key (three stale-page bugs came
from a hand-kept list of the catalog fields a view reads).
"""

from __future__ import annotations

import copy
import datetime
import inspect

import pytest

from newsgen.plan.article_view import ViewFacts, ViewLinks, make_view
from newsgen.plan.images import Picture
from newsgen.plan.views import FactSpelling, ViewMaker
from newsgen.records import Tag
from newsgen.site.catalog import Catalog, build_catalog
from newsgen.site.newsroom import AuthorProfile, Section
from newsgen.urls import SiteURLs
from tests.support.factories import article

def by_codepoint(text: str) -> str:
    return text


KYIV = Tag("київ", "Київ", "place", "kyiv")
FACTS = ViewFacts(tags=(KYIV,), authors=(AuthorProfile("olena-koval", "Олена Коваль"),),
                  section=Section("polityka", "Політика"),
                  pictures=(("map.png", Picture("/static/map.png", "image/png", 100, 40, 30)),), scheduled=None)
# For each field, a value that differs from FACTS's in one detail a view shows.
CHANGED = {
    "tags": (Tag("київ", "Київ", "place", "kyiv-2"),),
    "authors": (AuthorProfile("olena-koval", "Олена Коваль", bio="Пише про політику."),),
    "section": Section("polityka", "Політика і влада"),
    "pictures": (("map.png", Picture("/static/map.png", "image/png", 100, 80, 60)),),
    "scheduled": datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC),
}


def test_every_fact_a_view_shows_is_in_its_key() -> None:
    names = list(ViewFacts._fields)
    assert sorted(CHANGED) == sorted(names), "a new field of ViewFacts needs a changed value here"
    spelled = FactSpelling()
    base = spelled(FACTS)
    texts = {name: spelled(FACTS._replace(**{name: value})) for name, value in CHANGED.items()}
    assert all(text != base for text in texts.values()), texts
    assert len(set(texts.values())) == len(names)
    assert spelled(copy.deepcopy(FACTS)) == base, "equal facts, equal text, whichever objects hold them"


def test_equal_records_spell_alike_and_different_ones_differently_in_one_spelling() -> None:
    """The spelling remembers records by identity for speed: that must never mix two records up."""
    spelled = FactSpelling()
    twin = Tag("київ", "Київ", "place", "kyiv")
    assert spelled(FACTS._replace(tags=(KYIV,))) == spelled(FACTS._replace(tags=(twin,)))
    many = [spelled(FACTS._replace(tags=(Tag(f"t{n}", f"T{n}", "topic", f"t{n}"),))) for n in range(50)]
    assert len(set(many)) == 50


def test_a_view_is_made_of_the_article_its_facts_and_the_site_links_alone() -> None:
    assert list(inspect.signature(make_view).parameters) == ["article", "facts", "links"]
    links = ViewLinks(SiteURLs("https://example.org/a/"))
    assert not any(isinstance(value, Catalog) for value in vars(links).values())


@pytest.fixture
def catalog() -> Catalog:
    return build_catalog([article("a", "2026-01-01", KYIV), article("b", "2026-01-02", KYIV)], by_codepoint)


def test_a_view_key_follows_a_fact_that_only_the_build_settles(catalog: Catalog) -> None:
    """An article shown before it goes live (--future) carries the moment: its key says so, the others' do not."""
    site_urls = SiteURLs("https://example.org/")
    stamps = {a.id: f"stamp {a.id}" for a in catalog.articles}
    moment = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)
    plain = ViewMaker(catalog, site_urls, stamps)
    marked = ViewMaker(catalog, site_urls, stamps, scheduled={catalog.articles[0].id: moment})
    first, second = catalog.articles
    assert plain.key(first) != marked.key(first) and plain.key(second) == marked.key(second)
    assert marked.article(first) == make_view(first, marked.facts(first), ViewLinks(site_urls))
    assert marked.article(first).scheduled_iso == moment.isoformat() and plain.article(first).scheduled_iso is None
