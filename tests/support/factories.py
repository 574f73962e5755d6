"""Small records for unit tests, with every field defaulted."""

from __future__ import annotations

import datetime
from pathlib import Path

from newsgen.records import Article, Body, Tag


def tag(name: str, kind: str = "topic", slug: str | None = None) -> Tag:
    return Tag(key=name.casefold(), name=name, kind=kind, slug=slug or name.casefold().replace(" ", "-"))


def article(slug: str, when: str, *tags: Tag, title: str | None = None, words: int = 10) -> Article:
    moment = datetime.datetime.fromisoformat(when)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return Article(
        id=f"{moment.date().isoformat()}/{slug}", date=moment.date(), published=moment, updated=None, slug=slug, slug_is_derived=False,
        title=title or slug, title_is_derived=False, summary="", summary_is_derived=True,
        body=Body("<p>x</p>", " ".join(["слово"] * words)), tags=tags, lang="uk", authors=(),
        draft=False, source_path=Path(f"{slug}.md"), source_line=1, source_format="markdown",
    )
