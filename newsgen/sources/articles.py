"""Derive Article records from parsed sources: HTML, headline, summary, slug, tags. Pure.

What the author wrote always wins; what is missing is derived from the text
by the language layer in ``newsgen.text``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from newsgen.errors import NOTE, Diagnostic
from newsgen.records import Article, Body, Derivation, SourceArticle, Tag
from newsgen.sources.heading_ids import HeadingIds
from newsgen.sources.markup import clean_html, html_to_text, markdown_to_html, paragraphs_to_html, prose_text
from newsgen.text.entities import extract_entity_tags, tag_key, tag_kind
from newsgen.text.headline import derive_lead, derive_summary
from newsgen.text.language_guess import base_language, detect_language
from newsgen.text.morphology import MORPHOLOGY_LANGS
from newsgen.text.slugs import slugify
from newsgen.urls import RESERVED_SLUGS

SLUG_MAX_LENGTH = 60
# File names are at most 255 bytes; room is left for the -2, -3 and -<hash> suffixes.
EXPLICIT_SLUG_MAX_BYTES = 200
FALLBACK_SLUG = "article"
_UNSAFE_IN_SLUG = re.compile(r"[\s/\\?#%<>\"'`|*:\x00-\x1f\x7f]+")


# Names, places and an abbreviation: deriving it loads what deriving any article needs.
_WARM_UP_TEXT = "Олена Коваль і посол НАТО зустрілися в Києві у вівторок."


def warm_up(settings: Derivation) -> None:
    """Load, once per process, what deriving an article takes a tenth of a second to load the first time:
    Markdown's extensions, the language's morphology dictionaries, its calendar's names."""
    markdown_to_html("*warm* up", settings.raw_html)
    extract_entity_tags([_WARM_UP_TEXT], lang=settings.language, limit=settings.max_tags)
    tag_kind("Київ", settings.language)


def article_language(source: SourceArticle, settings: Derivation) -> tuple[str, Diagnostic | None]:
    """The article's language: its `lang:`, else the one of the site's languages its text is written in;
    when the text does not tell, the site's first language and a note saying so (shown with --verbose)."""
    if source.lang or len(settings.languages) < 2:  # one language: nothing to tell apart
        return source.lang or settings.language, None
    detected = detect_language(f"{source.title or ''}\n{source.body}", settings.languages)
    listed = next((lang for lang in settings.languages if detected and base_language(lang) == base_language(detected)), None)
    if listed:
        return listed, None
    why = (f"it reads as {detected}, not one of the site's languages" if detected
           else "its text does not tell which of the site's languages it is in")
    return settings.language, Diagnostic(
        source.source_path, source.source_line, None,
        f"the article is taken to be in {settings.language}, the site's first language: {why}", NOTE,
        hint=f"write `lang:` in its front matter, one of: {', '.join(settings.languages)}")


def derive_article(source: SourceArticle, settings: Derivation, lang: str | None = None) -> Article:
    """One Article from one parsed source; its slug and URL may still collide (see ``permalinks.place_articles``).
    ``lang``: its language when the caller has told it (``article_language``)."""
    lang = lang or article_language(source, settings)[0]
    if source.source_format == "seed":
        body_html, body_text = paragraphs_to_html(source.body), source.body
    else:
        body_html = (clean_html(source.body, settings.raw_html) if source.source_format == "html" else
                     markdown_to_html(source.body, settings.raw_html, HeadingIds(source.dialect, lang, settings.slug_style)))
        body_text = html_to_text(body_html)
    paragraphs = [p for p in body_text.split("\n\n") if p.strip()] or [source.title or ""]
    title, summary = source.title, source.summary
    if not title:
        lead = derive_lead(paragraphs)
        title, summary = lead.headline, lead.summary if summary is None else summary
        if lead.title_line and source.source_format == "seed":  # the headline is not said twice
            body_text = "\n\n".join(paragraphs[1:])
            body_html = paragraphs_to_html(body_text)
    elif summary is None:
        summary = derive_summary(paragraphs[0])
    explicit_slug = _clean_slug(source.slug) if source.slug else ""
    slug = explicit_slug or slugify(title, lang=lang, style=settings.slug_style, max_length=SLUG_MAX_LENGTH)
    if not slug or slug in RESERVED_SLUGS:
        slug = f"{slug or FALLBACK_SLUG}-{_content_hash(source)[:6]}"
    return Article(
        id=f"{source.date.isoformat()}/{slug}",
        date=source.date,
        published=source.published,
        updated=source.updated,
        slug=slug,
        slug_is_derived=not explicit_slug,
        title=title,
        title_is_derived=source.title is None,
        summary=summary,
        summary_is_derived=source.summary is None,
        body=Body(body_html, body_text),
        tags=_tags(source, body_html, lang, settings),
        lang=lang,
        authors=source.authors,
        draft=source.draft,
        source_path=source.source_path,
        source_line=source.source_line,
        source_format=source.source_format,
        extra=source.extra,
        placement=source.placement,
        editorial=source.editorial,
        expires=source.expires,
    )


def _tags(source: SourceArticle, body_html: str, lang: str, settings: Derivation) -> tuple[Tag, ...]:
    """The author's tags; then, as ``derive_tags`` says, the names the text is about.

    Tags are derived only in the languages the tagger has dictionaries for, and never
    from code, inline code or links (``prose_text``; the tagger drops bare URLs).
    """
    own = tuple(make_tag(name, tag_kind(name, lang), lang, settings.slug_style) for name in source.tags)
    if settings.derive_tags == "never" or settings.max_tags == 0 or (own and settings.derive_tags == "untagged"):
        return own
    if base_language(lang) not in MORPHOLOGY_LANGS:
        return own
    text = source.body if source.source_format == "seed" else prose_text(body_html)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    found = extract_entity_tags(paragraphs, lang=lang, limit=settings.max_tags)
    keys = {tag.key for tag in own}
    return own + tuple(
        make_tag(entity.name, entity.kind, lang, settings.slug_style) for entity in found if entity.key not in keys
    )




@lru_cache(maxsize=8192)  # an archive names a few hundred tags thousands of times
def make_tag(name: str, kind: str, lang: str, slug_style: str) -> Tag:
    """A tag as written; its key is what makes two spellings share one page."""
    key = tag_key(name)
    slug = slugify(name, lang=lang, style=slug_style, max_length=SLUG_MAX_LENGTH)
    return Tag(key=key, name=name, kind=kind, slug=slug or f"tag-{hashlib.sha1(key.encode()).hexdigest()[:8]}")


def _clean_slug(slug: str) -> str:
    """An author's slug, kept as written but unable to leave its folder, break a URL or overflow a file name."""
    cleaned = _UNSAFE_IN_SLUG.sub("-", unicodedata.normalize("NFC", slug)).strip("-.")
    if len(cleaned.encode("utf-8")) > EXPLICIT_SLUG_MAX_BYTES:  # cut at a character, never inside one
        cleaned = cleaned.encode("utf-8")[:EXPLICIT_SLUG_MAX_BYTES].decode("utf-8", "ignore").rstrip("-.")
    return "" if cleaned in ("", ".", "..") else cleaned


def _content_hash(source: SourceArticle) -> str:
    return _body_hash(f"{source.published.isoformat()}\n{source.title}\n{source.body}")


def _body_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
