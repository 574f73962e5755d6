"""Markdown (and HTML) articles with YAML front matter between ``---`` lines, or TOML between ``+++``.

Known keys become typed fields of a SourceArticle; unknown keys are kept, as
they are, in its ``extra`` mapping. Pure: text in, record out, or SourceError.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

from newsgen.errors import WARNING, Diagnostic, SourceError
from newsgen.records import (
    HUGO, JEKYLL, NEWSGEN, NO_EDITORIAL, NO_FACTS, ZOLA, Correction, Editorial, FileFacts, FrozenMapping, LeadImage,
    Placement, SourceArticle,
)
from newsgen.sources.foreign import NotAnArticle
from newsgen.sources.front_dates import published_date, timestamp
from newsgen.sources.front_values import (
    as_flag, as_language, as_section, as_tags, as_text, as_words, bylines, optional_value,
)
from newsgen.sources.images import body_images, is_local_image
from newsgen.sources.limits import check_article_size
from newsgen.sources.seed import normalise_newlines
from newsgen.sources.template_code import looks_like_liquid, shortcode_warning, strip_liquid
from newsgen.sources.toml_front import opens_toml, read_toml_mapping, split_toml_front_matter
from newsgen.urls.permalinks import normalise_alias, own_permalink
from newsgen.yamlmap import Entry, read_yaml_mapping

_OPENING = re.compile(r"\A---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
EDITORIAL_KEYS = ("section", "featured", "pinned_until", "corrections", "image", "image_alt", "caption", "credit",
                  "translation_key", "translationKey")  # translationKey: Hugo's name
KNOWN_KEYS = ("title", "date", "tags", "summary", "slug", "draft", "updated", "lang", "author", "authors",
              *EDITORIAL_KEYS)
# Scheduled publishing (site/schedule.py). An embargo holds an article back until that moment when it is later
# than its `date`; `expires` takes it down. Hugo's names for the two are read as well.
EMBARGO_KEYS = ("embargo", "publish_at", "publishDate")
EXPIRY_KEYS = ("expires", "expiryDate")
# Other names a newsroom might give a publishing time. Kept as `extra`, such a key would publish the
# story at once: it is an error instead, and the article is held back (left out) until it is fixed.
_SCHEDULE_LOOKALIKE = re.compile(
    r"(embargo|expir|unpublish|publish(at|on|date|time|from|after|until)|pubdate|golive|"
    r"release(at|on|date|time)|takedown|schedul)"
)


def split_front_matter(text: str, path: Path) -> tuple[str, int, str, int]:
    """(front matter, its first line, body, the body's first line)."""
    if not _OPENING.match(text):
        return "", 1, text, 1
    opening_end = text.index("\n") + 1
    closing = _CLOSING.search(text, opening_end)
    if closing is None:
        raise SourceError(path, 1, "front matter is not closed", hint="end it with a line `---`")
    front = text[opening_end : closing.start()]
    body_offset = min(closing.end() + 1, len(text))
    return front, 2, text[body_offset:], text.count("\n", 0, body_offset) + 1


def parse_markdown_article(text: str, path: Path, default_tz: datetime.tzinfo = datetime.UTC) -> SourceArticle:
    """One Markdown article. Datetimes written without an offset are in ``default_tz``."""
    return parse_article(text, path, default_tz)[0]


def parse_article(
    text: str, path: Path, default_tz: datetime.tzinfo = datetime.UTC,
    facts: FileFacts = NO_FACTS, source_format: str = "markdown",
) -> tuple[SourceArticle, list[Diagnostic]]:
    """One Markdown or HTML article and its warnings.

    The front matter wins over what the file's name and folder say (``facts``, see
    sources/foreign.py); a file that is a page, not an article, raises NotAnArticle.
    """
    check_article_size(text, path, 1)
    text = normalise_newlines(text)
    entries, body, body_line = _front_matter(text, path)
    if source_format == "html" and body_line == 1:
        raise NotAnArticle(path, "an .html file without front matter")
    own_key = _own_url_key(entries, facts)
    published, date, warnings = published_date(entries, facts, path, default_tz,
                                           entries[own_key].value if own_key else None)
    published, expires = _schedule(entries, published, path, default_tz)
    body, warnings = _clean_body(body, path, body_line, facts, warnings)
    if not body.strip():
        raise SourceError(path, body_line, "empty body: the article has no text")
    updated = _updated(entries, path, default_tz)
    editorial = _editorial(entries, path, default_tz, body, body_line, warnings)
    updated = _latest_update(updated, editorial.corrections)
    placement, consumed = _placement(entries, facts, path, warnings, own_key)
    listed = as_words if facts.dialect == JEKYLL else as_tags
    return SourceArticle(
        source_path=path,
        source_line=1,
        source_format=source_format,
        date=date,
        published=published,
        updated=updated,
        body=body,
        body_line=body_line,
        title=optional_value(entries, "title", as_text, path) or facts.title,
        tags=tuple(dict.fromkeys(placement.categories + (optional_value(entries, "tags", listed, path) or ())
                                 + _taxonomy(entries, "tags", path))),
        summary=optional_value(entries, "summary", as_text, path),
        slug=optional_value(entries, "slug", as_text, path) or facts.slug,
        draft=bool(optional_value(entries, "draft", as_flag, path)) or facts.draft or "published" in consumed,
        lang=optional_value(entries, "lang", as_language, path),
        authors=bylines(entries, path),
        extra=FrozenMapping({k: e.value for k, e in entries.items()
                             if k not in KNOWN_KEYS and k not in consumed and k not in _SCHEDULE_KEYS}),
        placement=placement,
        editorial=editorial,
        dialect=facts.dialect,
        expires=expires,
    ), warnings


def _updated(entries: dict[str, Entry], path: Path, default_tz: datetime.tzinfo) -> datetime.datetime | None:
    key = "updated" if "updated" in entries else "lastmod"  # lastmod: Hugo's name for it
    return timestamp(entries[key], key, path, default_tz)[0] if key in entries else None


def _latest_update(updated: datetime.datetime | None, corrections: tuple[Correction, ...]) -> datetime.datetime | None:
    """A correction is an update: the article's `updated` moves to the latest one."""
    if not corrections:
        return updated
    latest = corrections[-1].moment
    return latest if updated is None or latest > updated else updated


# --- A newsroom's keys: bylines, section, lead slot, corrections -------------------------------

def _editorial(entries: dict[str, Entry], path: Path, default_tz: datetime.tzinfo, body: str, body_line: int,
               warnings: list[Diagnostic]) -> Editorial:
    pinned = entries.get("pinned_until")
    image = lead_image(entries, path)
    inline = body_images(body, body_line)
    for src, alt, line in inline:
        if not alt:
            warnings.append(Diagnostic(path, line, None, f"the image {src} has no alt text", WARNING,
                                       hint="describe it for readers who cannot see it: ![what it shows](file.jpg)"))
    if image is not None and not image.alt and is_local_image(image.src):
        warnings.append(Diagnostic(path, image.line, None, f"the image {image.src} has no alt text", WARNING,
                                   hint="add `image_alt:` describing what the picture shows"))
    editorial = Editorial(
        section=optional_value(entries, "section", as_section, path),
        featured=bool(optional_value(entries, "featured", as_flag, path)),
        pinned_until=timestamp(pinned, "pinned_until", path, default_tz)[0] if pinned and pinned.value else None,
        corrections=_corrections(entries.get("corrections"), path, default_tz),
        image=image,
        inline_images=tuple((src, line) for src, _, line in inline),
        **translation_key(entries, path),
    )
    return NO_EDITORIAL if editorial == NO_EDITORIAL else editorial


def translation_key(entries: dict[str, Entry], path: Path) -> dict[str, object]:
    """`translation_key:` (or Hugo's `translationKey:`): the same value on each language's version of a story."""
    key = next((key for key in ("translation_key", "translationKey") if key in entries), None)
    value = optional_value(entries, key, as_text, path) if key else None
    if not value or not value.strip():
        return {}
    return {"translation_key": value.strip(), "translation_key_line": entries[key].line}  # type: ignore[index]


def lead_image(entries: dict[str, Entry], path: Path) -> LeadImage | None:
    src = optional_value(entries, "image", as_text, path)
    if not src:
        for key in ("image_alt", "caption", "credit"):
            if key in entries and entries[key].value is not None:
                raise SourceError(path, entries[key].line, f"'{key}' is set but 'image' is not",
                                  column=entries[key].column, hint="image: photo.jpg")
        return None
    if src.startswith(("javascript:", "data:", "vbscript:")) or "\\" in src:
        raise SourceError(path, entries["image"].line, f"'image' must be a file of the article, a /static/ path or "
                          f"an https:// URL, not {src!r}", column=entries["image"].column)
    return LeadImage(src, optional_value(entries, "image_alt", as_text, path) or "",
                     optional_value(entries, "caption", as_text, path) or "", optional_value(entries, "credit", as_text, path) or "",
                     entries["image"].line)


def _corrections(entry: Entry | None, path: Path, default_tz: datetime.tzinfo) -> tuple[Correction, ...]:
    """`corrections: [{date: ..., text: ...}, ...]`, oldest first; a bad item names its own line."""
    if entry is None or entry.value is None:
        return ()
    hint = "each item is `- date: 2026-03-02` with `text: …` under it"
    if not isinstance(entry.value, list):
        raise SourceError(path, entry.line, "'corrections' must be a list of dated corrections",
                          column=entry.column, hint=hint)
    found = []
    for index, item in enumerate(entry.value):
        line, where = entry.line_of(index), f"'corrections' item {index + 1}"
        if not isinstance(item, dict):
            raise SourceError(path, line, f"{where} must have a date and a text", hint=hint)
        if unknown := sorted(map(str, set(item) - {"date", "text"})):
            raise SourceError(path, line, f"{where} has an unknown key {unknown[0]!r} (known: date, text)")
        text = as_text(item["text"]) if isinstance(item.get("text"), (str, int, float)) else ""
        if not text:
            raise SourceError(path, line, f"{where} has no text", hint=hint)
        if item.get("date") is None:
            raise SourceError(path, line, f"{where} has no date", hint=hint)
        try:
            moment = timestamp(Entry(item["date"], line, 1), "date", path, default_tz)[0]
        except SourceError:
            raise SourceError(path, line, f"{where}: {item['date']!r} is not a date",
                              hint="write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM+02:00") from None
        found.append(Correction(moment, text))
    return tuple(sorted(found, key=lambda correction: correction.moment))


_SCHEDULE_KEYS = frozenset(EMBARGO_KEYS + EXPIRY_KEYS)


def _schedule(
    entries: dict[str, Entry], published: datetime.datetime, path: Path, default_tz: datetime.tzinfo
) -> tuple[datetime.datetime, datetime.datetime | None]:
    """(when the article may go live: ``published`` or a later embargo, when it expires or None).

    A key that looks like a publishing time but is none of newsgen's is an error, never `extra`.
    """
    for key, entry in entries.items():
        if key not in _SCHEDULE_KEYS and _SCHEDULE_LOOKALIKE.match(re.sub(r"[\s_-]", "", key.lower())):
            raise SourceError(
                path, entry.line, f"'{key}' looks like a publishing time, but newsgen does not read it: "
                "the article is held back", column=entry.column,
                hint="hold a story with `embargo:` (or `date:`) and take it down with `expires:`, each a date and time",
            )
    embargoes = [timestamp(entries[key], key, path, default_tz)[0] for key in EMBARGO_KEYS if _given(entries, key)]
    published = max([published, *embargoes])
    expiry_key = next((key for key in EXPIRY_KEYS if _given(entries, key)), None)
    if expiry_key is None:
        return published, None
    expires = timestamp(entries[expiry_key], expiry_key, path, default_tz)[0]
    if expires <= published:
        entry = entries[expiry_key]
        raise SourceError(path, entry.line, f"'{expiry_key}' {expires.isoformat()} is not after the article goes "
                          f"live, {published.isoformat()}: it would never be published", column=entry.column)
    return published, expires


def _given(entries: dict[str, Entry], key: str) -> bool:
    return key in entries and entries[key].value is not None


# --- Archives from Jekyll and Hugo: their front-matter keys, file-name dates, template code ---

IMPORT_KEYS = ("categories", "category", "aliases", "redirect_from", "lastmod", "taxonomies")


def _front_matter(text: str, path: Path) -> tuple[dict[str, Entry], str, int]:
    """(keys, body, the body's first line); the body starts on line 1 only when there is no front matter."""
    if opens_toml(text):
        front, front_line, body, body_line = split_toml_front_matter(text, path)
        return read_toml_mapping(front, path, front_line), body, body_line
    front, front_line, body, body_line = split_front_matter(text, path)
    return read_yaml_mapping(front, path, first_line=front_line), body, body_line


def _clean_body(
    body: str, path: Path, line: int, facts: FileFacts, warnings: list[Diagnostic]
) -> tuple[str, list[Diagnostic]]:
    """Jekyll's Liquid is removed; Hugo's shortcodes are kept, and both are reported.

    Outside a Jekyll or Hugo layout (a bare _posts/ folder, a copied content/), a file
    named as a Jekyll post with Liquid in it is a Jekyll post, and shortcodes are Hugo's.
    """
    note = None
    if facts.dialect == JEKYLL or (facts.dialect == NEWSGEN and facts.slug and looks_like_liquid(body)):
        body, note = strip_liquid(body, path, line)
    elif facts.dialect in (HUGO, NEWSGEN):
        note = shortcode_warning(body, path, line)
    return body, warnings + [note] if note else warnings


def _own_url_key(entries: dict[str, Entry], facts: FileFacts) -> str | None:
    """The key that gives the article its own URL: Jekyll's `permalink`, Hugo's `url`, Zola's `path`.

    A full https://... `url:` is a link, not this article's address: it stays in extra.
    """
    keys = ("permalink", "url", "path") if facts.dialect == ZOLA else ("permalink", "url")
    return next((key for key in keys if _is_path(entries.get(key))), None)


def _placement(
    entries: dict[str, Entry], facts: FileFacts, path: Path, warnings: list[Diagnostic], own_key: str | None,
) -> tuple[Placement, set[str]]:
    """What the article's URL is built from, and the keys used for it (kept out of ``extra``)."""
    listed = as_words if facts.dialect == JEKYLL else as_tags
    category = optional_value(entries, "category", as_text, path)  # Jekyll: one category, spaces and all
    categories = facts.categories + (optional_value(entries, "categories", listed, path) or ()) + (
        (category,) if category else ()) + _taxonomy(entries, "categories", path)
    consumed = set(IMPORT_KEYS)
    if own_key:
        consumed.add(own_key)
    if (published := entries.get("published")) is not None and published.value is False:
        consumed.add("published")  # Jekyll's `published: false`: a draft
    placement = Placement(
        categories=tuple(dict.fromkeys(c for c in categories if c)),
        sections=facts.sections,
        permalink=optional_value(entries, own_key, own_permalink, path) if own_key else None,
        aliases=_aliases(entries, path, warnings, rooted=facts.dialect == ZOLA),
        bundle=facts.bundle,
    )
    return placement, consumed


def _taxonomy(entries: dict[str, Entry], name: str, path: Path) -> tuple[str, ...]:
    """Zola's `[taxonomies]` table: its `tags` and `categories` lists."""
    entry = entries.get("taxonomies")
    if entry is None or not isinstance(entry.value, dict) or entry.value.get(name) is None:
        return ()
    try:
        return as_tags(entry.value[name])
    except ValueError as exc:
        raise SourceError(path, entry.line, f"'taxonomies.{name}' {exc}", column=entry.column) from None


def _is_path(entry: Entry | None) -> bool:
    if entry is None or not isinstance(entry.value, str) or not entry.value.strip():
        return False
    parts = urlsplit(entry.value.strip())
    return not parts.scheme and not parts.netloc


def _aliases(entries: dict[str, Entry], path: Path, warnings: list[Diagnostic], rooted: bool) -> tuple[str, ...]:
    """Old URLs from Hugo's and Zola's `aliases` and Jekyll's `redirect_from`; a bad one is a warning.

    ``rooted``: Zola reads every alias from the site's root ("old/page" is /old/page/); Hugo reads one
    without a leading / in the page's folder.
    """
    found: list[str] = []
    for key in ("aliases", "redirect_from"):
        entry = entries.get(key)
        values = [] if entry is None or entry.value is None else entry.value
        for value in [values] if isinstance(values, str) else values if isinstance(values, list) else [values]:
            try:
                found.append(normalise_alias(f"/{str(value).lstrip('/')}" if rooted else str(value)))
            except ValueError as exc:
                warnings.append(Diagnostic(path, entry.line, entry.column, f"'{key}' {exc}: no redirect", WARNING))
    return tuple(dict.fromkeys(found))
