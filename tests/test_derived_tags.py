"""Which articles get tags derived from their text, and from which text (derive_tags)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from newsgen.records import Derivation, SourceArticle
from newsgen.sources.articles import derive_article

WHEN = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
# Invented text: a place named twice, a person in the lead; programme text beside it.
PROSE = "Мер Полтави Ігор Левченко відкрив міст.\n\nУ Полтаві міст чекали десять років."
CODE = (
    "Set `NEWSGEN_HOME` and run:\n\n"
    "```\nclass MyType(Base):\n    Foo = Bar()\n```\n\n"
    "Call `Foo.Bar` from `MyType`. Docs: https://example.org/Kyiv/Guide"
)


def derived(body: str, *, fmt: str = "markdown", tags: tuple[str, ...] = (), lang: str | None = None,
            policy: str = "untagged") -> list[str]:
    source = SourceArticle(
        source_path=Path("content/a.md"), source_line=1, source_format=fmt, date=WHEN.date(),
        published=WHEN, body=body, body_line=1, title="Заголовок", tags=tags, lang=lang,
    )
    article = derive_article(source, Derivation("uk", "translit", 8, "sanitize", policy))
    return [tag.name for tag in article.tags]


def test_a_titled_markdown_article_without_tags_gets_derived_ones() -> None:
    assert {"Полтава", "Ігор Левченко"} <= set(derived(PROSE))


def test_never_from_code_inline_code_or_links() -> None:
    names = derived(f"{PROSE}\n\n{CODE}")
    assert {"Полтава", "Ігор Левченко"} <= set(names)
    for programme in ("MyType", "Foo", "Bar", "NEWSGEN_HOME", "Foo.Bar", "Kyiv", "Guide", "Base"):
        assert all(programme not in name for name in names), names


def test_code_alone_gives_no_tags() -> None:
    assert derived(CODE) == []


@pytest.mark.parametrize("lang", ["en", "de", "pl"])
def test_only_languages_the_tagger_models(lang: str) -> None:
    english = "Mayor Ihor Levchenko of Poltava opened a bridge.\n\nPoltava waited ten years."
    assert derived(english, lang=lang) == []


def test_russian_is_modelled() -> None:
    assert "Полтава" in derived("Мэр Полтавы открыл мост.\n\nВ Полтаве мост ждали десять лет.", lang="ru")


def test_own_tags_are_kept_and_nothing_derived_by_default() -> None:
    assert derived(PROSE, tags=("мости",)) == ["мости"]


def test_always_adds_derived_tags_after_the_authors_without_repeating_them() -> None:
    names = derived(PROSE, tags=("мости", "Полтава"), policy="always")
    assert names[:2] == ["мости", "Полтава"]
    assert "Ігор Левченко" in names and names.count("Полтава") == 1


def test_never_derives_nothing_even_for_seeds() -> None:
    assert derived(PROSE, fmt="seed", policy="never") == []
    assert derived(PROSE, fmt="seed", tags=("мости",), policy="never") == ["мости"]


def test_the_setting_reaches_a_build(make_project) -> None:  # noqa: ANN001 - the fixture
    from tests.conftest import build_project

    site = make_project({"newsgen.yaml": "derive_tags: never\n", "seeds/a.txt": f"date 2026-03-01 {PROSE}\n"})
    build_project(site)
    assert not (site / "build" / "tags" / "poltava").exists()
    site_default = make_project({"seeds/a.txt": f"date 2026-03-01 {PROSE}\n"}, name="default")
    build_project(site_default)
    assert (site_default / "build" / "tags" / "poltava").is_dir()


def test_a_seed_title_line_is_the_headline_and_leaves_the_body() -> None:
    source = SourceArticle(
        source_path=Path("seeds/a.txt"), source_line=1, source_format="seed", date=WHEN.date(),
        published=WHEN, body="Полтава отримала новий міст\n\nМіст відкрили вчора.", body_line=1,
    )
    article = derive_article(source, Derivation("uk"))
    assert article.title == "Полтава отримала новий міст" and article.title_is_derived
    assert "Полтава отримала" not in article.body.html and "Міст відкрили вчора." in article.body.html
    assert article.summary == "Міст відкрили вчора."
