"""``newsgen new``: a new Markdown article with its front matter, ready to write.

The file goes to ``content/YYYY/MM/<slug>.md``, the slug transliterated from the
title; an existing file is never overwritten (``-2``, ``-3`` are added instead).
The body is left empty on purpose: until someone writes it, ``newsgen check``
and the dev server report the article, so an empty stub is never published.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from newsgen.text.slugs import slugify

SLUG_MAX_LENGTH = 60
FALLBACK_SLUG = "article"  # a title with no letters or digits (only emoji, say)
MAX_SUFFIX = 1000


class _FrontMatterDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with lists written inline ("tags: [Київ, транспорт]") as people write them."""


_FrontMatterDumper.add_representer(
    list, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)
)


@dataclass(frozen=True, slots=True)
class NewArticle:
    """What the writer told us about the article they are starting."""

    title: str
    date: datetime.date
    tags: tuple[str, ...] = ()
    draft: bool = False
    authors: tuple[str, ...] = ()
    section: str = ""
    lang: str = ""  # the article's language when it is not the site's
    slug: str = ""  # the URL's last part, when not the title's transliteration


def is_site(folder: Path) -> bool:
    """A site has a newsgen.yaml, a seeds/ or a content/ folder: `new` writes nowhere else."""
    return (folder / "newsgen.yaml").is_file() or (folder / "seeds").is_dir() or (folder / "content").is_dir()


def today_in(timezone: str) -> datetime.date:
    """Today's date in the newsroom's time zone (not the server's)."""
    return datetime.datetime.now(zoneinfo.ZoneInfo(timezone)).date()


def split_tags(values: Iterable[str]) -> tuple[str, ...]:
    """Tags from ``--tags`` values, each possibly comma-separated; blanks and repeats dropped."""
    tags = (" ".join(tag.split()) for value in values for tag in value.split(","))
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def article_text(article: NewArticle) -> str:
    """The new file's text: front matter only, Cyrillic kept readable."""
    front: dict[str, object] = {"title": article.title, "date": article.date}
    if len(article.authors) == 1:
        front["author"] = article.authors[0]
    elif article.authors:
        front["authors"] = list(article.authors)
    if article.section:
        front["section"] = article.section
    if article.tags:
        front["tags"] = list(article.tags)
    if article.lang:
        front["lang"] = article.lang
    if article.slug:
        front["slug"] = article.slug
    if article.draft:
        front["draft"] = True
    # A wide line keeps a long title on one line; allow_unicode keeps Cyrillic readable.
    dumped = yaml.dump(front, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False,
                       default_flow_style=False, width=10_000)
    return f"---\n{dumped}---\n\n"


def article_stem(title: str, lang: str) -> str:
    return slugify(title, lang=lang, max_length=SLUG_MAX_LENGTH) or FALLBACK_SLUG


def create_article(content_dir: Path, article: NewArticle, lang: str) -> Path:
    """Write the new article under ``content_dir`` and return its path. Never overwrites."""
    folder = content_dir / f"{article.date:%Y}" / f"{article.date:%m}"
    folder.mkdir(parents=True, exist_ok=True)
    stem = article_stem(article.slug or article.title, article.lang or lang)
    text = article_text(article)
    for number in range(1, MAX_SUFFIX):
        path = folder / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
        try:
            with path.open("x", encoding="utf-8", newline="\n") as stream:  # "x": fails if it exists
                stream.write(text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder / stem}.md and {MAX_SUFFIX - 2} numbered variants already exist")
