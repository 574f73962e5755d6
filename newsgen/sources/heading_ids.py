"""Every Markdown heading gets an ``id``, made the way the archive's generator made it.

An imported post's in-page links (``[below](#the-timetable)``) were written against the ids
its old generator gave the headings, so each dialect keeps its generator's rule:

- Jekyll (kramdown's ``auto_ids``): ASCII letters, digits, spaces and hyphens of the text from
  its first letter on, spaces to hyphens, lower case; "section" when nothing is left (a heading
  in Cyrillic, say); repeats get -1, -2;
- Hugo (Goldmark's ``github`` ids, Hugo's default): letters and digits of any script in lower
  case, spaces and hyphens as hyphens, the rest dropped; "heading" when empty; repeats -1, -2;
- Zola and newsgen's own content: the site's slug rule (transliterated Cyrillic by default,
  as Zola's own ids are), "section" when empty; repeats -1, -2.

An id the author wrote (``## Title {#own-id}``) is kept. Python-Markdown's toc extension has a
``slugify`` option, but it numbers repeats with _1, _2, not as kramdown and Goldmark do.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import lru_cache

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from newsgen.sources.foreign import HUGO, JEKYLL, NEWSGEN
from newsgen.text.slugs import numbered, slugify

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_KRAMDOWN_LEAD = re.compile(r"\A[^a-zA-Z]+")
_KRAMDOWN_DROPPED = re.compile(r"[^a-zA-Z0-9 -]")


@dataclass(frozen=True, slots=True)
class HeadingIds:
    """Whose rule makes the ids: the article's dialect, and for newsgen's rule its language and slug style."""

    dialect: str = NEWSGEN
    lang: str = "uk"
    slug_style: str = "translit"

    def make(self, text: str) -> str:
        if self.dialect == JEKYLL:
            return kramdown_id(text)
        if self.dialect == HUGO:
            return goldmark_id(text)
        return _slug_id(text, self.lang, self.slug_style)


def kramdown_id(text: str) -> str:
    found = _KRAMDOWN_DROPPED.sub("", _KRAMDOWN_LEAD.sub("", text)).replace(" ", "-").lower()
    return found or "section"


def goldmark_id(text: str) -> str:
    kept = []
    for character in text.strip():
        if character in "- ":
            kept.append("-")
        elif character == "_" or character.isalpha() or character.isdecimal():
            kept.append(character.lower())
    return "".join(kept) or "heading"


@lru_cache(maxsize=4096)
def _slug_id(text: str, lang: str, slug_style: str) -> str:
    return slugify(text, lang=lang, style=slug_style, max_length=80) or "section"


class _HeadingIdProcessor(Treeprocessor):
    def __init__(self, md: Markdown, rule: HeadingIds) -> None:
        super().__init__(md)
        self.rule = rule

    def run(self, root: etree.Element) -> None:
        used = {element.get("id") for element in root.iter() if element.get("id")}
        for element in root.iter():
            if element.tag in _HEADINGS and not element.get("id"):
                text = HTML_PLACEHOLDER_RE.sub("", "".join(element.itertext()))
                element.set("id", numbered(self.rule.make(text), used, first=1))


class HeadingIdExtension(Extension):
    def __init__(self, rule: HeadingIds) -> None:
        super().__init__()
        self.rule = rule

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the inline patterns (20) and attr_list (8): the text is final and written ids are set.
        md.treeprocessors.register(_HeadingIdProcessor(md, self.rule), "heading_ids", 4)
