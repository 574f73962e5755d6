"""Per-word morphology for entity tags, on pymorphy3 (Ukrainian and Russian dictionaries).

Everything here is memoised per word form: news articles repeat the same names, so on
a warm cache a word costs one dictionary look-up in Python, not a morphological parse.
The analyser is loaded once per process, lazily, on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsgen.text import lexicon

MORPHOLOGY_LANGS = frozenset({"uk", "ru"})

PERSON_ROLES = frozenset({"name", "surname", "patronymic"})
# Parts of speech that make a capitalised word at a sentence start a common word.
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "GRND", "INTJ", "NUMR", "PRED"})
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")
_GENDERS = ("masc", "femn", "neut")
_APOSTROPHE_FOR_DICT = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class Reading:
    """One dictionary reading of a word that can take part in a name."""

    lemma: str  # dictionary form, lower case, ASCII apostrophe
    role: str  # "name" | "surname" | "patronymic" | "noun" | "adjective"
    case: str | None
    gender: str | None
    plural: bool
    animate: bool
    place: bool  # Geox in the dictionary (Russian has it; Ukrainian does not)
    organisation: bool  # Orgn in the dictionary
    indeclinable: bool  # one form for every case: "Укренерго", "Рютте"
    parse: Any  # the pymorphy3 Parse, kept for inflecting phrases


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the dictionary says about one word form."""

    readings: tuple[Reading, ...]  # person readings first, then nouns, then adjectives
    known: bool  # the form is in the dictionary (not guessed from its ending)
    function_word: bool  # one of its readings is a preposition, conjunction, pronoun...
    top_is_person: bool  # the most likely reading is a first name, surname or patronymic
    top_is_noun: bool
    abbreviation: bool  # the dictionary knows it as an abbreviation (НАТО, ООН)
    adjective: bool  # one of its readings is an adjective ("Білому" in "Білому домі")
    verb: bool  # its most likely reading is a verb: a quotation, not a name, holds one
    patronymic: bool = False  # a patronymic, also where the dictionary has it only as a common noun: "Володимирович"

    def with_role(self, *roles: str) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.role in roles)


@functools.cache
def analyser(lang: str) -> Any:
    """The process-wide pymorphy3 analyser for ``lang`` (loaded on first use)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@functools.lru_cache(maxsize=65536)  # the tagger asks for every name's previous word
def dictionary_form(word: str) -> str:
    """The key the dictionary is looked up by: lower case, ASCII apostrophe."""
    return word.lower().translate(_APOSTROPHE_FOR_DICT)


@functools.lru_cache(maxsize=65536)
def analyse(word: str, lang: str) -> WordInfo:
    """Readings of one word form (any case; looked up in lower case)."""
    morph = analyser(lang)
    lookup = dictionary_form(word)
    parses = morph.parse(lookup)
    # Alternative spellings (ґенеральний) and rare readings (a plural "Європи") only when there is nothing else.
    usual = [p for p in parses if not {"alt", "Infr"} & p.tag.grammemes] or parses
    readings = [r for r in map(_reading, usual) if r is not None]
    names = {r.lemma for r in readings if r.role == "name"}
    readings.sort(key=lambda r: _reading_rank(r, names))
    top = parses[0].tag if parses else None
    return WordInfo(
        readings=tuple(readings),
        known=morph.word_is_known(lookup),
        function_word=any(p.tag.POS in _FUNCTION_POS for p in parses),
        top_is_person=top is not None and _role(top) in PERSON_ROLES,
        top_is_noun=top is not None and top.POS == "NOUN",
        abbreviation=any("Abbr" in p.tag.grammemes for p in parses),
        adjective=any(r.role == "adjective" for r in readings),
        verb=top is not None and top.POS in ("VERB", "INFN"),
        patronymic=_patronymic(readings),
    )


_PATRONYMIC_ENDING = re.compile(r"(?:ович|евич|йович|івна|ївна|овна|ічна)$")


def _patronymic(readings: list[Reading]) -> bool:
    """A patronymic reading, or a common noun shaped like one ("Володимирович"); not a word
    that reads as a surname: "Янукович", "Баранцевич" are surnames."""
    if any(r.role == "patronymic" for r in readings):
        return True
    if any(r.role == "surname" for r in readings):
        return False
    return any(r.role == "noun" and r.animate and _PATRONYMIC_ENDING.search(r.lemma) for r in readings)


_READING_ORDER = {"name": 0, "surname": 1, "patronymic": 2, "noun": 3, "adjective": 4}


def _reading_rank(reading: Reading, name_lemmas: set[str]) -> tuple[int, int]:
    """Person readings first, then nouns (place-like first), then adjectives.

    Among first names, a Ukrainian form wins over its Russian twin: "Кирилом" -> Кирило.
    """
    if reading.role == "name":  # a vocative is rare in news: "Петро" is Петро, not Петра called out
        return 0, int(lexicon.PREFERRED_FIRST_NAMES.get(reading.lemma) in name_lemmas) + 2 * (reading.case == "voct")
    if reading.role == "noun":
        if plurale_tantum(reading):
            return _READING_ORDER["noun"], 0
        return _READING_ORDER["noun"], 1 if proper_looking(reading) else 2
    return _READING_ORDER[reading.role], 0


_PROPER_TAG_STARTS = ("NOUN,masc,inan", "NOUN,femn,inan", "NOUN,neut,inan")


def plurale_tantum(reading: Reading) -> bool:
    """Plural-only nouns, capitalised, are mostly towns: Суми, Черкаси, Чернівці."""
    return "Pltm" in reading.parse.tag.grammemes


def _role(tag: Any) -> str | None:
    if "Name" in tag.grammemes:
        return "name"
    if "Surn" in tag.grammemes:
        return "surname"
    if "Patr" in tag.grammemes:
        return "patronymic"
    if tag.POS == "NOUN":
        return "noun"
    if tag.POS == "ADJF":
        return "adjective"
    return None


def _reading(parse: Any) -> Reading | None:
    tag = parse.tag
    role = _role(tag)
    if role is None or "Abbr" in tag.grammemes:
        return None
    return Reading(
        lemma=parse.normal_form,
        role=role,
        case=tag.case,
        gender=tag.gender,
        plural=tag.number == "plur",
        animate=tag.animacy == "anim",
        place="Geox" in tag.grammemes,
        organisation="Orgn" in tag.grammemes,
        indeclinable="Fixd" in tag.grammemes,
        parse=parse,
    )


def proper_looking(reading: Reading) -> bool:
    """A tie-breaker between homonyms: Київ over кий, Газа over газ.

    The Ukrainian dictionary carries no proper-noun mark, but its place names mostly
    come with the tag written gender-first ("NOUN,masc,inan"), common nouns
    animacy-first ("NOUN,inan masc"). Only ever used to order readings of one word.
    """
    return str(reading.parse.tag).startswith(_PROPER_TAG_STARTS)


def agreeing_pair(
    first: Sequence[Reading], second: Sequence[Reading]
) -> tuple[Reading, Reading] | None:
    """The first pair of readings that agree in case, number and gender (Юлії Свириденко)."""
    for a in first:
        for b in second:
            if a.case != b.case or a.plural != b.plural:
                continue
            if a.gender == b.gender or None in (a.gender, b.gender):
                return a, b
    return None


def common_case(words: Sequence[WordInfo]) -> str | None:
    """A case every word of a phrase can be in (Верховної Ради -> gent)."""
    for case in _CASES:
        if all(any(r.case == case for r in w.readings) for w in words):
            return case
    return None


def nominative(reading: Reading, gender: str | None = None) -> str:
    """The nominative of ``reading``, keeping its number (Сполучених -> сполучені)."""
    if reading.case in ("nomn", None) and (gender is None or reading.gender in (gender, None)):
        return str(reading.parse.word)
    # "sing" too: asked for a bare nominative, pymorphy3 may answer with the plural (вісники)
    wanted = {"nomn"} | ({"plur"} if reading.plural else {"sing"} if reading.role != "adjective" else set())
    if gender in _GENDERS and reading.role == "adjective" and not reading.plural:
        wanted.add(gender)
    inflected = reading.parse.inflect(wanted)
    return inflected.word if inflected is not None else reading.lemma
