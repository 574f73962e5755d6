"""Markdown articles with YAML front matter, parsed from strings."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from newsgen.errors import SourceError
from newsgen.sources.frontmatter import parse_markdown_article

P = Path("content/a.md")
KYIV = datetime.timezone(datetime.timedelta(hours=2))


def article(front: str, body: str = "Текст статті.\n", tz: datetime.tzinfo = datetime.UTC):
    return parse_markdown_article(f"---\n{front}\n---\n{body}", P, tz)


def error_of(text: str) -> str:
    with pytest.raises(SourceError) as caught:
        parse_markdown_article(text, P)
    return str(caught.value.diagnostic).split(" (")[0]


def test_all_known_keys() -> None:
    a = article(
        "title: Заголовок\ndate: 2026-02-10\nupdated: 2026-02-11T09:00:00+02:00\ntags: [Київ, метро]\n"
        "summary: Лід.\nslug: kyiv-metro\ndraft: true\nlang: en\nauthor: Олена"
    )
    assert (a.title, a.date, a.tags, a.summary, a.slug, a.draft, a.lang, a.authors) == (
        "Заголовок", datetime.date(2026, 2, 10), ("Київ", "метро"), "Лід.", "kyiv-metro", True, "en", ("Олена",)
    )
    assert a.updated == datetime.datetime(2026, 2, 11, 9, tzinfo=KYIV)
    assert a.body == "Текст статті.\n" and a.body_line == 12 and a.source_format == "markdown"


def test_unknown_keys_are_kept_in_extra_not_attributes() -> None:
    a = article("date: 2026-02-10\ncover: cover.jpg\nsection: Політика")
    assert dict(a.extra) == {"cover": "cover.jpg"}
    assert not hasattr(a, "cover") and a.editorial.section == "Політика"


@pytest.mark.parametrize(
    ("value", "published", "date"),
    [
        ("2026-02-10", datetime.datetime(2026, 2, 10, tzinfo=KYIV), datetime.date(2026, 2, 10)),
        ("2026-02-10T21:30:00+02:00", datetime.datetime(2026, 2, 10, 21, 30, tzinfo=KYIV), datetime.date(2026, 2, 10)),
        ("2026-02-10 21:30", datetime.datetime(2026, 2, 10, 21, 30, tzinfo=KYIV), datetime.date(2026, 2, 10)),
        ('"10 Feb 2026 08:00 +0000"', datetime.datetime(2026, 2, 10, 8, tzinfo=datetime.UTC), datetime.date(2026, 2, 10)),
        ('"2013-05-06 18:13:01 -0700"', datetime.datetime(2013, 5, 7, 1, 13, 1, tzinfo=datetime.UTC),
         datetime.date(2013, 5, 6)),
    ],
)
def test_dates_and_datetimes_with_zones(value: str, published: datetime.datetime, date: datetime.date) -> None:
    a = article(f"date: {value}", tz=KYIV)
    assert a.published == published and a.published.tzinfo is not None
    assert a.date == date


def test_tags_as_comma_separated_text() -> None:
    assert article("date: 2026-02-10\ntags: Україна, агро , , Одеса").tags == ("Україна", "агро", "Одеса")


def test_no_front_matter_means_no_date() -> None:
    assert error_of("Just text.\n") == "content/a.md:1: missing date"


def test_unclosed_front_matter() -> None:
    assert error_of("---\ntitle: x\ndate: 2026-01-01\n") == "content/a.md:1: front matter is not closed"


def test_malformed_yaml_names_line_and_column_in_the_file() -> None:
    message = error_of("---\ntitle: ok\ndate: 2026-01-01\ntags: [a, b\n---\nText.\n")
    assert message.startswith("content/a.md:5:1: invalid YAML:")


def test_unparseable_date_names_its_line() -> None:
    message = error_of("---\ntitle: x\ndate: вчора ввечері\n---\nText.\n")
    assert message == "content/a.md:3:1: 'date' is not a date: 'вчора ввечері'"


def test_wrong_types_name_their_line() -> None:
    assert error_of("---\ndate: 2026-01-01\ndraft: maybe\n---\nT.\n") == "content/a.md:3:1: 'draft' must be true or false, not 'maybe'"
    assert error_of("---\ndate: 2026-01-01\ntitle: [a]\n---\nT.\n") == "content/a.md:3:1: 'title' must be text, not list"


def test_empty_body() -> None:
    assert error_of("---\ndate: 2026-01-01\n---\n\n  \n") == "content/a.md:4: empty body: the article has no text"


def test_python_object_tags_are_refused() -> None:
    message = error_of("---\ndate: 2026-01-01\nx: !!python/object/apply:os.system ['echo hi']\n---\nT.\n")
    assert message.startswith("content/a.md:3:4: invalid YAML:")


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 9):
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ",".join(f"*{chr(96 + n)}" for _ in range(9)) + "]")
    message = error_of("---\ndate: 2026-01-01\n" + "\n".join(lines) + "\n---\nT.\n")
    assert "YAML too large" in message
