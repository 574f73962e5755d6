"""Names in guillemets: у «Віснику закупівель», компанія «Нафтогаз», «Хокейний клуб
«Сокіл»»; and quoted titles and quotations, whose words are no names."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsgen.text import lexicon
from newsgen.text.found import Found, Mention, lemmas_of, tag_key
from newsgen.text.morphology import analyse
from newsgen.text.names import name_abbreviation
from newsgen.text.phrases import quoted_nominative
from newsgen.text.sentences import UPPER, is_sentence_start

if TYPE_CHECKING:
    from newsgen.text.paragraph import ParagraphReader

_UPPER_CLASS = re.escape(UPPER)
# A name in guillemets, possibly holding one more: «Хокейний клуб «Сокіл»(»).
_QUOTED_NAME = re.compile(rf"«([{_UPPER_CLASS}][^«».,!?;:]{{0,70}}?(?:\s«[^«».!?;:]{{1,40}})?)»(?:»)?")
_QUOTED_NAME_WORDS = 6


def quoted_names(reader: ParagraphReader, out: list[Mention]) -> list[tuple[int, int]]:
    """Names in guillemets, and the spans whose words are not names of their own.

    «Керуюча компанія «Альфа» is one name (nested quotes close together); a
    quoted title that opens with a function word («Про внесення змін …») is no
    name, and neither are the capitalised words inside it.
    """
    spans = []
    for found in _QUOTED_NAME.finditer(reader.text):
        mention = _quoted(reader, found)
        if mention is not False:
            spans.append(found.span())
        if isinstance(mention, Mention):
            reader.quoted_at[found.start()] = (len(out), found.end())
            out.append(mention)
    return spans


def _quoted(reader: ParagraphReader, found: re.Match[str]) -> Mention | bool:
    """A short name in guillemets: компанія «Нафтогаз», у «Віснику закупівель».

    False when the quotation is no name (its words are read one by one); True
    when it is a title whose words are no names either.
    """
    inner = found.group(1)
    name = " ".join(inner.split())
    if "«" in name:
        name += "»"
    words = name.split()
    first = words[0].strip("«»").lower()
    if first in lexicon.LEADING_STOPWORDS:
        return False
    info = analyse(first, reader.lang) if reader.morphology else None
    if info is not None and info.known and info.function_word:
        return True  # «Про внесення змін до …»: the title of a law (a guess proves nothing)
    nested = "«" in inner  # «Хокейний клуб «Сокіл»: a company and its brand
    if (len(words) > _QUOTED_NAME_WORDS and not nested) or is_sentence_start(reader.text, found.start()):
        return False  # a quotation: «Ми не відступимо», – сказав …
    if reader.morphology:
        name = quoted_nominative(name, reader.lang)
    cues = lemmas_of(reader.previous_word(found.start()), reader.lang)
    kind = "organisation" if nested or cues & lexicon.ORGANISATION_CUES else "topic"
    start = found.start()
    abbreviation = _abbreviation_before(reader.text, start, reader.lang)
    if abbreviation:  # "КГПС «Супутник»": the abbreviation is part of the name
        name, kind, start = f"{abbreviation} «{name}»", "organisation", start - len(abbreviation) - 1
    position = reader.offset + start * reader.scale
    return Mention(Found(0, name, tag_key(name), kind, strong=False), position, False)


def _abbreviation_before(text: str, start: int, lang: str) -> str:
    """The abbreviation of an organisation's kind just before a quoted name ("ОКЖК"), not a
    legal form ("ТОВ") or a place ("США")."""
    if start < 3 or text[start - 1] != " ":
        return ""
    word = text[text.rfind(" ", 0, start - 1) + 1 : start - 1]
    if len(word) < 2 or not word.isupper() or not word.isalpha():
        return ""
    found = name_abbreviation(word, lang)
    return word if found is not None and found.kind == "organisation" else ""
