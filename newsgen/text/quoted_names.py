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
# A name in guillemets, possibly holding one more: «Хокейний клуб «Сокіл»(»); it may open
# with a number («10 Хімічний центр», «3Д Студія») or pair with the next: «Зоря» – «Прогрес».
_QUOTED_NAME = re.compile(
    rf"«((?:\d[\w-]*\s)?[{_UPPER_CLASS}][^«».,!?;:]{{0,70}}?(?:\s«[^«».!?;:]{{1,40}})?)»(?:»)?"
    rf"(?:\s?[-–—]\s?«([{_UPPER_CLASS}][^«».,!?;:]{{0,40}}?)»)?"
)
_QUOTED_NAME_WORDS = 6
_LONG_NAME_WORDS = 12  # an official name in guillemets, with no verb in it


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
    if not _reads_as_name(reader, found, words, nested):
        return False  # a quotation: «Ми не відступимо», – сказав …
    if reader.morphology:
        name = quoted_nominative(name, reader.lang)
    if found.group(2):  # «Зоря» – «Прогрес»: one enterprise named by two
        name = f"{name} – {' '.join(found.group(2).split())}"
        nested = True
    cues = lemmas_of(reader.previous_word(found.start()), reader.lang)
    headed = lemmas_of(words[0].strip("«»"), reader.lang) & lexicon.ORGANISATION_HEADS  # «Фонд …»
    kind = "organisation" if nested or headed or cues & lexicon.ORGANISATION_CUES else "topic"
    start = found.start()
    abbreviation = _abbreviation_before(reader.text, start, reader.lang)
    if abbreviation:  # "КГПС «Супутник»": the abbreviation is part of the name
        name, kind, start = f"{abbreviation} «{name}»", "organisation", start - len(abbreviation) - 1
    position = reader.offset + start * reader.scale
    return Mention(Found(0, name, tag_key(name), kind, strong=False), position, False)


def _reads_as_name(reader: ParagraphReader, found: re.Match[str], words: list[str], nested: bool) -> bool:
    """A name, not a quotation: a few words, or an official name with no verb in it
    («Фонд сприяння розвитку міста Києва»); at a sentence start only when the sentence
    goes on with the verb it is the subject of («Дельта» уклала …), not after a comma."""
    verbless = reader.morphology and not any(analyse(w.strip("«»"), reader.lang).verb for w in words)
    if len(words) > (_LONG_NAME_WORDS if verbless else _QUOTED_NAME_WORDS) and not nested:
        return False
    if not is_sentence_start(reader.text, found.start()):
        return True
    after = reader.text[found.end() : found.end() + 2]
    return verbless and len(words) <= _QUOTED_NAME_WORDS and after[:1] == " " and after[1:].islower()


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
