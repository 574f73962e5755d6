"""Heading ids: each generator's rule, so an imported post's in-page links keep working."""

from __future__ import annotations

import re

import pytest

from newsgen.sources.heading_ids import HeadingIds, goldmark_id, kramdown_id
from newsgen.sources.markup import markdown_to_html

DOCUMENT = "# Нічне метро\n\n## Нічне метро\n\n## 2019: Ferry strike!\n\n## Using *emphasis* `code`\n\nUnder\n-----\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("The timetable", "the-timetable"),
    ("2019: Ferry strike!", "ferry-strike"),  # from the first letter on
    ("What's new, really?", "whats-new-really"),
    ("Нічне метро", "section"),  # no ASCII letter: kramdown's own fallback
])
def test_kramdown_rule(text: str, expected: str) -> None:
    assert kramdown_id(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Розклад рейсів", "розклад-рейсів"),
    ("2019: Ferry strike!", "2019-ferry-strike"),
    ("snake_case and CAPS", "snake_case-and-caps"),
    ("!!!", "heading"),
])
def test_goldmark_rule(text: str, expected: str) -> None:
    assert goldmark_id(text) == expected


def ids(html: str) -> list[str]:
    return re.findall(r'<h\d id="([^"]*)"', html)


def test_each_dialect_numbers_repeats_and_native_content_transliterates() -> None:
    assert ids(markdown_to_html(DOCUMENT)) == [
        "nichne-metro", "nichne-metro-1", "2019-ferry-strike", "using-emphasis-code", "under"]
    assert ids(markdown_to_html(DOCUMENT, headings=HeadingIds("jekyll"))) == [
        "section", "section-1", "ferry-strike", "using-emphasis-code", "under"]
    assert ids(markdown_to_html(DOCUMENT, headings=HeadingIds("hugo"))) == [
        "нічне-метро", "нічне-метро-1", "2019-ferry-strike", "using-emphasis-code", "under"]
    assert ids(markdown_to_html(DOCUMENT, headings=HeadingIds("newsgen", "uk", "unicode"))) == [
        "нічне-метро", "нічне-метро-1", "2019-ferry-strike", "using-emphasis-code", "under"]


def test_a_written_id_is_kept_and_not_given_twice() -> None:
    html = markdown_to_html("## Own {#the-end}\n\n## The end\n\n<h2>Raw</h2>\n\nText with no heading.\n",
                            headings=HeadingIds("jekyll"))
    assert ids(html) == ["the-end", "the-end-1"]
    assert "<h2>Raw</h2>" in html  # raw HTML is the author's: left as written
    assert "id=" not in markdown_to_html("Просто текст, без заголовків.")
