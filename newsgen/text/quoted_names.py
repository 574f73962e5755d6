"""Names in guillemets: у «Віснику закупівель», компанія «Нафтогаз», «Хокейний клуб
«Сокіл»»; and quoted titles and quotations, whose words are no names."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from newsgen.text import lexicon
from newsgen.text.found import CACHE_SIZE, Found, Mention, lemmas_of, tag_key
from newsgen.text.morphology import analyse
from newsgen.text.names import name_abbreviation
from newsgen.text.phrases import organisation_compound, quoted_nominative
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
_FOREIGN_LEGAL = "|".join(sorted(lexicon.FOREIGN_LEGAL_WORDS, key=lambda w: (-len(w), w)))
# A foreign company's name ending in its legal form, in any case, in Latin or transliterated
# (a Cyrillic С typed for C too): «Jiangsu sunrise trading co., ltd», «Ронтекс Інк.».
_FOREIGN_COMPANY = re.compile(
    r"«([A-ZА-ЯІЇЄҐ][\w&'’ -]{1,60}?,? (?:[CcСс][OoОо]\.?,? ?)?"
    rf"(?:[Ll][Tt][Dd]|LLC|[Ii]nc|GmbH|[Cc]orp|[Ll]imited|{_FOREIGN_LEGAL})\.?)»"
)
# The word before a quoted name (after a number: "шахти №5 «…»"), and the word before that.
_WORD_BEFORE = re.compile(r"(\S*) ([а-яіїєґ'’]+) (?:№ ?\d+ )?$")
_FACILITY_STARTS = frozenset(head[:3] for head in lexicon.FACILITY_HEADS)  # a cheap test first
_LONG_TITLE_CHARS = 60
_LONG_QUOTATION = re.compile(rf"«([{_UPPER_CLASS}][^«»]{{{_LONG_TITLE_CHARS},300}}?)»")
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
    for found in _FOREIGN_COMPANY.finditer(reader.text):  # «Jiangsu fireworks sales co., ltd»
        if any(a == found.start() for a, _ in spans):
            continue  # read above: «Delta Systems Ltd»
        name = " ".join(found.group(1).split())
        spans.append(found.span())
        position = reader.offset + found.start() * reader.scale
        out.append(Mention(Found(0, name, tag_key(name), "organisation", strong=True), position, False))
    if reader.morphology and len(reader.text) > _LONG_TITLE_CHARS:
        spans += _long_titles(reader)
    return spans


def _long_titles(reader: ParagraphReader) -> list[tuple[int, int]]:
    """Quotations too long for a name and with no verb: an official name or a title
    («Український інститут розвитку … ім. Л. Петренка»), whose words are no names alone."""
    spans = []
    for found in _LONG_QUOTATION.finditer(reader.text):
        words = found.group(1).split()
        if lemmas_of(words[0], reader.lang) & lexicon.ORGANISATION_HEADS:
            continue  # «Підприємство з будівництва … України»: read on as an official name
        if not any(analyse(w.strip("«».,"), reader.lang).verb for w in words):
            spans.append(found.span())
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
    facility = _WORD_BEFORE.search(reader.text, max(0, found.start() - 40), found.start())
    kind_word = facility.group(2) if facility else ""
    if kind_word[:3] in _FACILITY_STARTS and lemmas_of(kind_word, reader.lang) & lexicon.FACILITY_HEADS:
        named = facility.group(1)[:1].isupper() and analyse(facility.group(1), reader.lang).adjective
        if not named:  # "Міжнародного аеропорту «Полтава»" is read whole as an organisation
            return True  # "аеропорту «Полтава»": the facility's name holds its word; «Полтава» is a piece
    previous = reader.previous_word(found.start())
    if reader.morphology:  # the preposition before tells the case: "до «Різдва в гаю»" is no plural
        name = quoted_nominative(name, reader.lang, lexicon.LOCATION_PREPOSITIONS.get(previous, _ANY_CASE))
    if found.group(2):  # «Зоря» – «Прогрес»: one enterprise named by two
        name = f"{name} – {' '.join(found.group(2).split())}"
        nested = True
    cues = lemmas_of(previous, reader.lang)
    headed = lemmas_of(words[0].strip("«»"), reader.lang) & lexicon.ORGANISATION_HEADS  # «Фонд …»
    named_as_body = nested or headed or cues & lexicon.ORGANISATION_CUES or _company_word(words, reader.lang)
    kind = "organisation" if named_as_body else "topic"
    start = found.start()
    abbreviation = _abbreviation_before(reader.text, start, reader.lang)
    if abbreviation:  # "КГПС «Супутник»": the abbreviation is part of the name
        building = abbreviation.lower() in lexicon.BUILDING_ABBREVIATIONS
        kind = "place" if building else "organisation"
        name, start = f"{abbreviation} «{name}»", start - len(abbreviation) - 1
    position = reader.offset + start * reader.scale
    return Mention(_quoted_found(name, kind), position, False)


_ANY_CASE: frozenset[str] = frozenset()


def _company_word(words: list[str], lang: str) -> bool:
    """A quoted name of one word made to name a company: «Нафтогазу», «Житлоінвестбуд»."""
    if len(words) != 1:
        return False
    return any(organisation_compound(lemma) for lemma in lemmas_of(words[0].strip("«»").lower(), lang))


@functools.lru_cache(maxsize=CACHE_SIZE)  # a frozen record is slow to make, and quoted names repeat
def _quoted_found(name: str, kind: str) -> Found:
    return Found(0, name, tag_key(name), kind, strong=False)


def _reads_as_name(reader: ParagraphReader, found: re.Match[str], words: list[str], nested: bool) -> bool:
    """A name, not a quotation: a few words, or an official name with no verb in it
    («Фонд сприяння розвитку міста Києва»); at a sentence start only when the sentence
    goes on with the verb it is the subject of («Дельта» уклала …), not after a comma."""
    long = len(words) > _QUOTED_NAME_WORDS and not nested
    opening = is_sentence_start(reader.text, found.start())
    if not long and not opening:
        return True  # the common case: a short name mid-sentence
    verbless = reader.morphology and not any(analyse(w.strip("«»"), reader.lang).verb for w in words)
    if long and (not verbless or len(words) > _LONG_NAME_WORDS):
        return False
    if not opening:
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
    if word.lower() in lexicon.BUILDING_ABBREVIATIONS:
        return word
    found = name_abbreviation(word, lang)
    return word if found is not None and found.kind == "organisation" else ""
