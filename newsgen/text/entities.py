"""Topic tags from text: the people, places and organisations an article names.

Seed articles carry no tags, so we derive them. In Ukrainian (and Russian) the
dictionary tells first names, surnames and nouns apart and gives their nominative, so
"Путіна", "Путіним" and "Путін" collapse into one tag; "Марк Рютте" becomes one person
and a later bare "Рютте" counts for him. A capitalised word at the start of a sentence
proves nothing, so it only counts when the dictionary calls it a name or the article
also writes it capitalised mid-sentence. Other languages get the same capitalisation
heuristic without morphology. Tags are ranked by how often and how early they appear.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from newsgen.text.found import EntityTag, Found, Mention, tag_key
from newsgen.text.morphology import MORPHOLOGY_LANGS
from newsgen.text.names import name_abbreviation, name_morphology_run
from newsgen.text.paragraph import ParagraphReader
from newsgen.text.ranking import rank
from newsgen.text.sentences import UPPER

__all__ = ["DEFAULT_LIMIT", "KINDS", "EntityTag", "extract_entity_tags", "tag_key", "tag_kind"]

KINDS = ("person", "place", "organisation", "topic")
DEFAULT_LIMIT = 8
MIN_TAGS = 3  # an article naming fewer salient names is filled up with its next best

_BROKEN_HYPHEN = re.compile(rf"(?<=\w)- (?=[{re.escape(UPPER)}])")
_URL = re.compile(r"(?:https?://|www\.)\S*[^\s.,;:!?»)]|[\w.+-]+@[\w-]+(?:\.\w+)+")


def extract_entity_tags(
    paragraphs: Sequence[str], lang: str = "uk", limit: int = DEFAULT_LIMIT, fill: int = MIN_TAGS
) -> tuple[EntityTag, ...]:
    """The top ``limit`` salient people, places and organisations named in an article.

    Salient: named twice or more, or in the lead paragraph. Names mentioned once further
    down fill the list up to ``fill`` tags.
    """
    base_lang = lang.replace("_", "-").split("-")[0].lower()
    mentions: list[Mention] = []
    families: set[str] = set()
    for index, text in enumerate(paragraphs):
        if "://" in text or "www." in text or "@" in text:
            text = _URL.sub(" ", text)  # nothing inside a link is a name
        if "- " in text:  # a hyphenated name broken at its hyphen: "Івано- Франківськ"
            text = _BROKEN_HYPHEN.sub("-", text)
        paragraph = ParagraphReader(text, base_lang, index, len(paragraphs))
        mentions += paragraph.mentions()
        families |= paragraph.families
    if families:  # "братів Буряків" after "Сергій та Олександр Буряки": the family, no one person
        mentions = [m._replace(inside=True) if _family_name(m.found, families) else m for m in mentions]
    return tuple(rank(mentions, limit, fill, 1.0 / max(1, len(paragraphs))))


def _family_name(found: Found, families: set[str]) -> bool:
    return not found.full_person and (found.key in families or not found.surnames.isdisjoint(families))


@functools.lru_cache(maxsize=8192)  # authors repeat their tags across an archive
def tag_kind(name: str, lang: str = "uk") -> str:
    """The kind of an author's own tag, as far as its words tell: "Путін" -> person."""
    base_lang = lang.replace("_", "-").split("-")[0].lower()
    words = tuple(name.split())
    found: Found | None = None
    if len(words) == 1 and len(words[0]) > 1 and words[0].isupper():
        found = name_abbreviation(words[0], base_lang)
    elif words and base_lang in MORPHOLOGY_LANGS and all(w[:1].isupper() for w in words):
        founds = name_morphology_run(words, "", base_lang).founds
        found = founds[0] if len(founds) == 1 else None
    return found.kind if found is not None else "topic"

