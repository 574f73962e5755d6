"""What a run of adjacent capitalised words names: a person, a place, an organisation.

Pure functions of the words themselves (and the word just before them), memoised:
news repeats its names, so a warm cache answers "Володимира Путіна" with one look-up.
People, agreeing phrases, organisations and Latin names have modules of their own;
the entity tagger adds where each name stands in the article.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from newsgen.text import lexicon
from newsgen.text.found import CACHE_SIZE, Found, Step, lemmas_of, restore_case, tag_key
from newsgen.text.gazetteer import calendar_words, territory_words
from newsgen.text.morphology import (
    MORPHOLOGY_LANGS,
    Reading,
    WordInfo,
    analyse,
    nominative,
    plurale_tantum,
    proper_looking,
)
from newsgen.text.organisations import organisation_at
from newsgen.text.people import person_at
from newsgen.text.phrases import adjective_phrase_at, noun_kind, organisation_compound

_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_LOOKALIKES = str.maketrans("ІХСМ", "IXCM")  # Cyrillic letters used as numerals


# --- Abbreviations -------------------------------------------------------------------


@functools.lru_cache(maxsize=CACHE_SIZE)
def name_abbreviation(word: str, lang: str) -> Found | None:
    """НАТО, США, ISW: kept as written; the kind from a short table, else organisation."""
    lower = word.lower()
    if lower in lexicon.IGNORED_ABBREVIATIONS or _ROMAN.fullmatch(
        word.translate(_ROMAN_LOOKALIKES)
    ):
        return None
    if lang in MORPHOLOGY_LANGS and len(word) >= 5:
        info = analyse(word, lang)  # a common word typed in capitals: "ВАЖЛИВО"
        if info.known and not info.abbreviation and not info.top_is_noun:
            return None
    kind = lexicon.ABBREVIATION_KINDS.get(lower, "organisation")
    return Found(0, word, tag_key(word), kind, strong=True)


# --- Languages with morphology -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunNames:
    """The names in a run of words, and what the tagger must still look at around it."""

    founds: tuple[Found, ...]
    adjective_last: bool  # the last word stands alone and may be an adjective: "Білому домі"
    tails: bool  # an organisation head may take lower-case genitives: "Інституту вивчення"


@functools.lru_cache(maxsize=CACHE_SIZE)
def name_morphology_run(words: tuple[str, ...], previous: str, lang: str) -> RunNames:
    """Split a run into people, phrases and single names: "Росії Володимира Путіна"."""
    founds = _morphology_founds(words, previous, lang)
    last = len(words) - 1
    alone = all(f.offset == last or f.offset + f.size <= last for f in founds)
    adjective_last = alone and analyse(words[-1].rsplit(" ", 1)[-1], lang).adjective
    return RunNames(founds, adjective_last, any(f.takes_tail for f in founds))


def _morphology_founds(words: tuple[str, ...], previous: str, lang: str) -> tuple[Found, ...]:
    # A word may carry surname particles ("фон дер Ляєн"); only a person keeps them.
    if previous in lexicon.STREET_WORDS:  # "вулиці В'ячеслава Чорновола": a street, as written
        noun = lexicon.STREET_WORDS[previous]
        written = " ".join(words) if len(words) > 1 else _street_name(words[0], analyse(words[0], lang), noun)
        street = f"{noun} {written}"
        return (Found(0, street, tag_key(street), "place", True, size=len(words)),)
    bare = tuple(word.rsplit(" ", 1)[-1] for word in words)
    infos = [analyse(word, lang) for word in bare]
    found: list[Found] = []
    i = 0
    while i < len(words):
        before = bare[i - 1].lower() if i else previous
        size, item = (
            polity_at(bare, infos, i, lang)
            or person_at(words, infos, i)
            or adjective_phrase_at(bare, infos, i)
            or organisation_at(bare, infos, i)
            or _single_at(bare[i], infos[i], i, before, lang)
        )
        if item is not None:
            found.append(item if size == 1 else replace(item, size=size))
        i += size
    return tuple(found)


def polity_at(words: tuple[str, ...], infos: list[WordInfo], i: int, lang: str) -> Step | None:
    """A state's formal title and its name, one place: "Республіки Польща" -> "Республіка Польща",
    "Федеративної Республіки Німеччина" (read apart: a place "Республіка", the country beside)."""
    j = i
    while j + 2 < len(words) and infos[j].adjective and not infos[j].with_role("noun"):
        j += 1
    if j + 1 >= len(words):
        return None
    title = next((r for r in infos[j].with_role("noun") if r.lemma in lexicon.POLITY_TITLES and not r.plural), None)
    country = next((r for r in infos[j + 1].readings if r.lemma in territory_words(lang)), None)
    if title is None or country is None:
        return None
    parts = []
    for word, info in zip(words[i:j], infos[i:j], strict=True):
        adjective = next((r for r in info.with_role("adjective") if r.case == title.case and not r.plural), None)
        if adjective is None:
            return None
        parts.append(restore_case(nominative(adjective, title.gender), word))
    parts += [restore_case(nominative(title), words[j]), restore_case(nominative(country), words[j + 1])]
    name = " ".join(parts)
    return j + 2 - i, Found(i, name, tag_key(name), "place", True)


def _single_at(word: str, info: WordInfo, i: int, before: str, lang: str) -> Step:
    # as written too: a guessed lemma may miss ("Рютте" must still find "Марк Рютте"), and a
    # surname may read as a place ("Журавка" of "Олексія Журавка")
    surname_keys = frozenset(r.lemma for r in info.with_role("surname")) | {tag_key(word)}
    if before in lexicon.STREET_WORDS:  # "на проспекті Миру": a street, not a topic "Миро"
        street = lexicon.STREET_WORDS[before]
        name = f"{street} {_street_name(word, info, street)}"
        return 1, Found(i, name, tag_key(name), "place", True)
    reading = _choose_single_reading(info, before)
    if reading is None or reading.lemma in calendar_words(lang) or _office(info):
        return 1, None
    if reading.role in ("name", "surname", "patronymic"):
        strong = info.top_is_person and not info.function_word
        name = restore_case(reading.lemma, word)
        return 1, Found(i, name, tag_key(name), "person", strong, surname_keys)
    cues = lemmas_of(before, lang)
    if not info.known:  # a guessed lemma of an unknown noun is too often wrong
        kind = "organisation" if cues & lexicon.ORGANISATION_CUES or organisation_compound(word.lower()) else "topic"
        return 1, Found(i, word, tag_key(word), kind, False, surname_keys)
    common = _common_noun(info, reading, lang)
    if common and (reading.animate or reading.lemma in lexicon.NEVER_TOPICS):
        return 1, None  # a job title or a generic word: "Президент", "Психолог", "Закон"
    kind = noun_kind(reading, cues)
    name = restore_case(reading.lemma, word)
    # "Революції гідності", "Будинку культури": a capitalised common noun is named by its genitive
    return 1, Found(i, name, tag_key(name), kind, False, surname_keys, takes_tail=common and kind != "organisation", common=common)


def _office(info: WordInfo) -> bool:
    """A title of office, whatever else the dictionary reads in it: "Голови" (also a village),
    "Комісар" (also a surname); never a first name ("Слава")."""
    return not info.with_role("name") and any(r.lemma in lexicon.OFFICE_TITLES for r in info.readings)


def _street_name(word: str, info: WordInfo, street: str) -> str:
    """A street's own name: an adjective agrees with its noun ("на вул. Липовій" -> "вулиця
    Липова"); a noun in the genitive stays as written ("проспект Миру")."""
    gender = lexicon.STREET_GENDERS.get(street)
    adjective = next((r for r in info.with_role("adjective") if not r.plural and r.gender == gender), None)
    if adjective is None or info.with_role("name", "surname"):
        return word
    return restore_case(nominative(adjective, gender), word)


def _common_noun(info: WordInfo, reading: Reading, lang: str) -> bool:
    """A word the dictionary knows only as a common noun ("Алея", "Огляд", "Президент").

    The Ukrainian dictionary marks no proper nouns; its place names mostly carry their
    tag gender-first (see morphology.proper_looking), and countries and continents are
    read from CLDR's territory names ("Україна", "Європа").
    """
    if reading.role != "noun" or reading.place or reading.organisation or reading.indeclinable:
        return False
    if any(r.role in ("name", "surname", "patronymic") for r in info.readings):
        return False
    if plurale_tantum(reading) or reading.lemma in lexicon.PROPER_ORGANISATIONS | lexicon.TOPIC_LEMMAS:
        return False
    if reading.lemma in territory_words(lang):
        return False
    return reading.animate or not proper_looking(reading)


def _choose_single_reading(info: WordInfo, before: str) -> Reading | None:
    """Surname or place? "у Львові" is a place, "з Путіним" a person."""
    nouns = info.with_role("noun")
    if nouns and all(r.plural and not plurale_tantum(r) for r in nouns) and info.with_role("name"):
        nouns = ()  # "Ігор" is a first name, not "of games"
    places = [r for r in nouns if not r.animate]
    persons = info.with_role("surname") or (() if nouns else info.with_role("name"))
    if not info.known:
        return info.readings[0] if info.readings else None
    governed = lexicon.LOCATION_PREPOSITIONS.get(before)
    if places and governed:
        return next((r for r in places if r.case in governed), places[0])
    if persons and (not places or before in lexicon.PERSON_CUES):
        return persons[0]
    if nouns:
        return places[0] if places else nouns[0]
    return persons[0] if persons else None
