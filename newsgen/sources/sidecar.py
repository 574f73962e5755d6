"""An editor's overrides for a seed, without touching its text: ``<name>.yaml`` beside ``<name>.txt``.

The sidecar takes the Markdown front matter's keys (title, tags, author or authors, slug,
summary, lang, date, draft, translation_key, and the lead image: image, image_alt, caption, credit).
What it sets wins over what the seed says or newsgen would derive. Pure: text in, records
out, or a SourceError naming the sidecar's line.
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from newsgen.errors import SourceError
from newsgen.records import SourceArticle
from newsgen.sources.front_dates import timestamp
from newsgen.sources.front_values import as_flag, as_language, as_tags, as_text, bylines, optional_value
from newsgen.sources.frontmatter import lead_image, translation_key
from newsgen.yamlmap import read_yaml_mapping

SIDECAR_SUFFIX = ".yaml"
SIDECAR_KEYS = ("title", "tags", "author", "authors", "slug", "summary", "lang", "date", "draft",
                "image", "image_alt", "caption", "credit", "translation_key", "translationKey")


def sidecar_path(seed: Path) -> Path:
    """Where a seed's sidecar lives: seeds/2026/kyiv.txt -> seeds/2026/kyiv.yaml."""
    return seed.with_suffix(SIDECAR_SUFFIX)


def apply_sidecar(
    articles: list[SourceArticle], text: str, path: Path, default_tz: datetime.tzinfo = datetime.UTC
) -> list[SourceArticle]:
    """The seed's articles with the sidecar's values in place of their own."""
    entries = read_yaml_mapping(text, path)
    for key, entry in entries.items():
        if key not in SIDECAR_KEYS:
            raise SourceError(path, entry.line, f"'{key}' is not a sidecar key (known: {', '.join(SIDECAR_KEYS)})",
                              column=entry.column)
    if len(articles) != 1:
        raise SourceError(path, 1, f"a sidecar sets one article, but its seed holds {len(articles)}",
                          hint="give each article its own seed file")
    changes: dict[str, object] = {}
    for key, convert in (("title", as_text), ("tags", as_tags), ("slug", as_text), ("summary", as_text),
                         ("lang", as_language), ("draft", as_flag)):
        value = optional_value(entries, key, convert, path)
        if value is not None and value != "":
            changes[key] = value
    if "author" in entries or "authors" in entries:
        changes["authors"] = bylines(entries, path)
    if "date" in entries:
        published, date = timestamp(entries["date"], "date", path, default_tz)
        changes.update(published=published, date=date)
    article = articles[0]
    image = lead_image(entries, path)
    editorial = {"image": image} if image is not None else {}
    if key := translation_key(entries, path):  # an error about it names the seed's article, not this line
        editorial["translation_key"] = key["translation_key"]
    if editorial:
        changes["editorial"] = dataclasses.replace(article.editorial, **editorial)
    return [dataclasses.replace(article, **changes)]
