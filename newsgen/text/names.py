"""What a run of adjacent capitalised words names: a person, a place, an organisation.

Pure functions of the words themselves (and the word just before them), memoised:
news repeats its names, so a warm cache answers "Володимира Путіна" with one look-up.
The entity tagger adds where each name stands in the article.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsgen.text import lexicon
from newsgen.text.dates import babel_locale
from newsgen.text.morphology import (
    MORPHOLOGY_LANGS,
    Reading,
    WordInfo,
    agreeing_pair,
    analyse,
    common_case,
    nominative,
    plurale_tantum,
    proper_looking,
)

_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_LOOKALIKES = str.maketrans("ІХСМ", "IXCM")  # Cyrillic letters used as numerals
_POSSESSIVE = re.compile(r"['’]s$")
_TO_ASCII_APOSTROPHE = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_CACHE_SIZE = 1 << 16


def tag_key(name: str) -> str:
    """The identity of a tag: NFC, casefolded, one apostrophe, single spaces."""
    text = unicodedata.normalize("NFC", name).translate(_TO_ASCII_APOSTROPHE)
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class Found:
    """A name found in a run of words, before we know where the run stands."""

    offset: int  # index of its first word in the run
    name: str  # display form: "Марк Рютте", "Верховна Рада"
    key: str  # tag_key(name)
    kind: str  # "person" | "place" | "organisation" | "topic"
    strong: bool  # a name even at a sentence start
    surnames: frozenset[str] = frozenset()  # surname keys a bare mention may stand for
    full_person: bool = False  # first name + surname: bare surnames join it
    takes_tail: bool = False  # an organisation head; lower-case genitives may follow
    size: int = 1  # how many words of the run it spans
    as_written: bool = False  # the text itself spells the name this way (a nominative)
    common: bool = False  # a common noun the dictionary knows ("Огляд"): a topic only when often capitalised mid-sentence


# --- Abbreviations -------------------------------------------------------------------


@functools.lru_cache(maxsize=_CACHE_SIZE)
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


@functools.lru_cache(maxsize=_CACHE_SIZE)
def name_morphology_run(words: tuple[str, ...], previous: str, lang: str) -> RunNames:
    """Split a run into people, phrases and single names: "Росії Володимира Путіна"."""
    founds = _morphology_founds(words, previous, lang)
    last = len(words) - 1
    alone = all(f.offset == last or f.offset + f.size <= last for f in founds)
    adjective_last = alone and analyse(words[-1].rsplit(" ", 1)[-1], lang).adjective
    return RunNames(founds, adjective_last, any(f.takes_tail for f in founds))


def _morphology_founds(words: tuple[str, ...], previous: str, lang: str) -> tuple[Found, ...]:
    # A word may carry surname particles ("фон дер Ляєн"); only a person keeps them.
    bare = tuple(word.rsplit(" ", 1)[-1] for word in words)
    infos = [analyse(word, lang) for word in bare]
    found: list[Found] = []
    i = 0
    while i < len(words):
        before = bare[i - 1].lower() if i else previous
        size, item = (
            _person_at(words, infos, i)
            or _adjective_phrase_at(bare, infos, i)
            or _organisation_at(bare, infos, i)
            or _single_at(bare[i], infos[i], i, before, lang)
        )
        if item is not None:
            found.append(item if size == 1 else replace(item, size=size))
        i += size
    return tuple(found)


_Step = tuple[int, "Found | None"]


def _person_at(words: Sequence[str], infos: Sequence[WordInfo], i: int) -> _Step | None:
    """First name (+ patronymic) + surname: "Марка Рютте" -> "Марк Рютте"."""
    reversed_order = _surname_first_at(words, infos, i)
    if reversed_order is not None:
        return reversed_order
    names = infos[i].with_role("name")
    # The dictionary misses some first names' nominative (Володимир): an animate noun
    # or a surname agreeing with a following surname serves too ("Марко Рубіо"),
    # unless it is a title: "Прем'єр Свириденко", "Генсек Рютте".
    firsts = names + tuple(
        r
        for r in infos[i].readings
        if r.animate and r.role != "name" and r.lemma not in lexicon.PERSON_CUES
    )
    j = i + 1
    if not firsts or j >= len(words):
        return None
    if infos[j].with_role("patronymic") and j + 1 < len(words):
        j += 1  # the patronymic is left out of the tag: "Володимир Зеленський"
    surnames = infos[j].with_role("surname")
    pair = agreeing_pair(firsts, surnames)
    if pair is None and names and surnames:
        pair = names[0], surnames[0]
    particles, _, written_surname = words[j].rpartition(" ")
    if pair is not None:
        first, surname = pair[0], restore_case(pair[1].lemma, written_surname)
    elif not infos[j].known or (names and _noun_in_case(infos[j], names)):
        # unknown, or a common noun after a true first name: "Юрія Байрактара"
        first = next((n for n in names if _noun_in_case(infos[j], (n,))), firsts[0])
        surname = _guess_nominative(infos[j], first.case, written_surname)
    else:
        return None
    keys = frozenset({tag_key(surname), tag_key(f"{particles} {surname}")})  # Ляєн too
    surname = f"{particles} {surname}".lstrip()
    name = f"{restore_case(first.lemma, words[i])} {surname}"
    written = name == f"{words[i]} {words[j]}"
    person = Found(i, name, tag_key(name), "person", True, keys, True, as_written=written)
    return j + 1 - i, person


def _noun_in_case(info: WordInfo, firsts: Sequence[Reading]) -> bool:
    """The word reads as a noun in a case one of the first names is in (not a name itself)."""
    cases = {r.case for r in firsts if not r.plural}
    nouns = info.with_role("noun")
    # a common noun as a surname ("Байрактар"), never a place ("Рада Європи")
    return not info.with_role("name") and any(
        r.case in cases and not r.plural and (r.animate or not (proper_looking(r) or r.lemma in territory_words("uk")))
        for r in nouns
    )


def _surname_first_at(words: Sequence[str], infos: Sequence[WordInfo], i: int) -> _Step | None:
    """Surname, first name, patronymic, as documents list people: "Коваль Андрій Петрович"
    -> "Андрій Коваль". Only with the patronymic: two names alone are read first-name-first."""
    if i + 2 >= len(words) or not infos[i + 2].with_role("patronymic"):
        return None
    names = infos[i + 1].with_role("name")
    if not names or infos[i].with_role("name"):
        return None
    first = names[0]
    surname = _guess_nominative(infos[i], first.case, words[i].rsplit(" ", 1)[-1])
    name = f"{restore_case(first.lemma, words[i + 1])} {surname}"
    keys = frozenset({tag_key(surname)})
    return 3, Found(i, name, tag_key(name), "person", True, keys, True)


def _guess_nominative(info: WordInfo, case: str | None, written: str) -> str:
    """An unknown surname after a known first name: trust a guess in the same case."""
    if case == "nomn":
        return written
    for reading in info.readings:
        if reading.case == case and reading.role in ("surname", "noun"):
            return restore_case(reading.lemma, written)
    return written


def _adjective_phrase_at(words: Sequence[str], infos: Sequence[WordInfo], i: int) -> _Step | None:
    """Adjectives + noun: "Верховної Ради" -> "Верховна Рада", "Великої Британії"."""
    j = i
    # "Російської Федерації": an adjective that could also be a noun counts when a noun follows
    while (
        j + 1 < len(words)
        and infos[j].with_role("adjective")
        and (not infos[j].with_role("noun") or infos[j + 1].with_role("noun", "adjective"))
    ):
        j += 1
    if j == i or j >= len(words) or not infos[j].with_role("noun"):
        return None
    case = common_case(infos[i : j + 1])
    heads = [r for r in infos[j].with_role("noun") if r.case == case]
    if case is None or not heads:
        return None
    head = heads[0]
    parts = []
    for word, info in zip(words[i:j], infos[i:j], strict=True):
        adjective = next((r for r in info.with_role("adjective") if r.case == case), None)
        if adjective is None:  # the case was shared through a noun reading: no agreement
            return None
        parts.append(restore_case(nominative(adjective, head.gender), word))
    parts.append(restore_case(nominative(head), words[j]))
    name = " ".join(parts)
    return j + 1 - i, Found(i, name, tag_key(name), _noun_kind(head, frozenset()), strong=False)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def name_adjective_noun(adjective: str, noun: str, lang: str) -> Found | None:
    """A capitalised adjective + a lower-case noun it agrees with: "Білому домі" -> "Білий дім"."""
    head_info = analyse(noun, lang)
    if head_info.function_word:
        return None
    for adj in analyse(adjective, lang).with_role("adjective"):
        for head in head_info.with_role("noun"):
            # a vocative after a capitalised word is a misreading: "Сирський уже" (уж)
            if head.case == "voct":
                continue
            if head.case != adj.case or head.plural != adj.plural:
                continue
            if adj.plural or adj.gender == head.gender:
                name = f"{restore_case(nominative(adj, head.gender), adjective)} {nominative(head)}"
                return Found(0, name, tag_key(name), _noun_kind(head, frozenset()), strong=False)
    return None


@functools.lru_cache(maxsize=_CACHE_SIZE)
def quoted_nominative(name: str, lang: str) -> str:
    """A quoted name put in the nominative: у «Віснику закупівель» -> "Вісник закупівель".

    Only the opening adjectives and their noun inflect; what follows is a genitive
    or the name proper and stays as written. A first word that can already be a
    nominative is left alone.
    """
    words = name.split(" ")
    bare = [w.strip("«»") for w in words]
    if not bare[0][:1].isupper() or bare[0].isupper() or bare[0] != words[0]:
        return name
    infos = [analyse(w, lang) for w in bare]
    if infos[0].function_word or any(r.case in ("nomn", None) for r in infos[0].readings):
        return name
    step = _adjective_phrase_at(bare, infos, 0)
    if step is not None and step[1] is not None and all(b == w for b, w in zip(bare[: step[0]], words, strict=False)):
        return " ".join([step[1].name, *words[step[0] :]])
    nouns = sorted(infos[0].with_role("noun", "name", "surname"), key=lambda r: r.plural)  # it names one thing
    if not nouns:
        return name
    return " ".join([restore_case(nominative(nouns[0]), bare[0]), *words[1:]])


@functools.lru_cache(maxsize=_CACHE_SIZE)
def name_adjective_words(adjective: str, lowers: tuple[str, ...], lang: str) -> Found | None:
    """A capitalised adjective, up to two lower-case ones and their noun: "Вищому
    господарському суді" -> "Вищий господарський суд"; "Білому домі" -> "Білий дім"."""
    for k, word in enumerate(lowers[:3]):
        if not word[:1].islower():
            break
        if k == 0:
            found = name_adjective_noun(adjective, word, lang)
            if found is not None:
                return found
            continue
        words = (adjective, *lowers[: k + 1])
        infos = [analyse(w, lang) for w in words]
        if infos[-1].function_word:
            break
        step = _adjective_phrase_at(words, infos, 0)
        if step is not None and step[0] == len(words) and step[1] is not None:
            return step[1]
    return None


@functools.lru_cache(maxsize=_CACHE_SIZE)
def adjective_nominative(word: str, lang: str) -> str | None:
    """A capitalised adjective in the nominative of its own gender: "Диканської" -> "Диканська"."""
    info = analyse(word, lang)
    adjectives = info.with_role("adjective")
    if not adjectives or info.function_word or info.with_role("name", "surname"):
        return None
    return restore_case(nominative(adjectives[0], adjectives[0].gender), word)


def _organisation_at(words: Sequence[str], infos: Sequence[WordInfo], i: int) -> _Step | None:
    """A head noun + its name: "Радіо Свобода"; "Інституту" takes a genitive tail later."""
    heads = [r for r in infos[i].with_role("noun") if r.lemma in lexicon.ORGANISATION_HEADS]
    if not heads:
        return None
    parts = [restore_case(nominative(heads[0]), words[i])]
    j = i + 1
    while j < len(words) and infos[j].with_role("noun", "adjective"):
        parts.append(words[j])  # the name proper stays as written: "Радіо Свобода"
        j += 1
    tail = j == i + 1 == len(words)
    name = " ".join(parts)
    return j - i, Found(i, name, tag_key(name), "organisation", strong=False, takes_tail=tail)


def _single_at(word: str, info: WordInfo, i: int, before: str, lang: str) -> _Step:
    surname_keys = frozenset(r.lemma for r in info.with_role("surname"))
    if not info.known:  # a guessed lemma may miss: "Рютте" must still find "Марк Рютте"
        surname_keys |= {tag_key(word)}
    if before in lexicon.STREET_WORDS:  # "на проспекті Миру": a street, not a topic "Миро"
        street = lexicon.STREET_WORDS[before]
        return 1, Found(i, f"{street} {word}", tag_key(f"{street} {word}"), "place", True)
    reading = _choose_single_reading(info, before)
    if reading is None or reading.lemma in calendar_words(lang):
        return 1, None
    if reading.role in ("name", "surname", "patronymic"):
        strong = info.top_is_person and not info.function_word
        name = restore_case(reading.lemma, word)
        return 1, Found(i, name, tag_key(name), "person", strong, surname_keys)
    cues = lemmas_of(before, lang)
    if not info.known:  # a guessed lemma of an unknown noun is too often wrong
        kind = "organisation" if cues & lexicon.ORGANISATION_CUES else "topic"
        return 1, Found(i, word, tag_key(word), kind, False, surname_keys)
    common = _common_noun(info, reading, lang)
    if common and (reading.animate or reading.lemma in lexicon.NEVER_TOPICS):
        return 1, None  # a job title or a generic word: "Президент", "Психолог", "Закон"
    kind = _noun_kind(reading, cues)
    name = restore_case(reading.lemma, word)
    return 1, Found(i, name, tag_key(name), kind, False, surname_keys, common=common)


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


@functools.lru_cache(maxsize=8)
def territory_words(lang: str) -> frozenset[str]:
    """Countries, regions and continents in ``lang`` (CLDR), lower case: a small gazetteer."""
    return frozenset(
        name.lower().replace("ʼ", "'").replace("’", "'")
        for name in babel_locale(lang).territories.values()
        if " " not in name
    )


def _choose_single_reading(info: WordInfo, before: str) -> Reading | None:
    """Surname or place? "у Львові" is a place, "з Путіним" a person."""
    nouns = info.with_role("noun")
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


def _noun_kind(reading: Reading, before: frozenset[str]) -> str:
    if reading.place:
        return "place"
    if reading.organisation or reading.lemma in lexicon.ORGANISATION_HEADS:
        return "organisation"
    # "агенція Укрінформ" names the agency; "банк України" does not make Ukraine a bank
    if before & lexicon.ORGANISATION_CUES and (reading.case == "nomn" or reading.indeclinable):
        return "organisation"
    if reading.animate or reading.lemma in lexicon.TOPIC_LEMMAS:
        return "topic"
    return "place"


@functools.lru_cache(maxsize=_CACHE_SIZE)
def lemmas_of(word: str, lang: str) -> frozenset[str]:
    """A word and its dictionary forms, to read cues like "агенції" -> агенція."""
    if not word or lang not in MORPHOLOGY_LANGS:
        return frozenset({word})
    return frozenset({word} | {r.lemma for r in analyse(word, lang).readings})


def restore_case(lemma: str, written: str) -> str:
    """Give a lower-case dictionary form the capitals and apostrophe of the text."""
    if len(written) > 1 and written.isupper():
        return lemma.upper()
    apostrophe = next((c for c in written if c in "’ʼ"), None)
    if apostrophe is not None:
        lemma = lemma.replace("'", apostrophe)
    written_parts = written.split("-")
    parts = lemma.split("-")
    for index, part in enumerate(parts):
        if index < len(written_parts) and written_parts[index][:1].isupper():
            parts[index] = part[:1].upper() + part[1:]
    return "-".join(parts)


def genitive_tail(text: str, end: int, lang: str, limit: int = 3) -> list[str]:
    """Lower-case genitive words after an organisation's head: "вивчення війни"."""
    words: list[str] = []
    raws = text[end : end + 120].split(maxsplit=limit + 2)[: limit + 2]
    for index, raw in enumerate(raws):
        word = raw.rstrip(",.;:!?»)…")
        if words and word in ("та", "і", "й") and word == raw and index + 1 < len(raws):
            after = raws[index + 1].rstrip(",.;:!?»)…")
            if after[:1].islower() and _is_genitive(after, lang):
                words.append(word)  # "Міністерство молоді та спорту"
                continue
        if not word[:1].islower() or not _is_genitive(word, lang) or len(words) >= limit + 1:
            break
        words.append(word)
        if word != raw:
            break  # punctuation closes the name
    return words


@functools.lru_cache(maxsize=_CACHE_SIZE)
def genitive_name(word: str, lang: str) -> bool:
    """A capitalised word that can only be a genitive: "України", "Рівненської", "Києва"."""
    info = analyse(word, lang)
    singular = {r.case for r in info.readings if not r.plural}  # "України" is no plural of Україна here
    return info.known and "gent" in singular and "nomn" not in singular and not info.function_word


def _is_genitive(word: str, lang: str) -> bool:
    info = analyse(word, lang)
    return not info.function_word and any(r.case == "gent" for r in info.readings)


# --- Languages without morphology, and Latin names in any text ----------------------


@functools.lru_cache(maxsize=_CACHE_SIZE)
def name_heuristic_run(
    words: tuple[str, ...], gaps: tuple[str, ...], previous: str, lang: str
) -> tuple[Found, ...]:
    """A run of capitalised words, minus leading function words and titles.

    ``gaps`` are the texts between the words (a space, or " of the ").
    """
    cues = lemmas_of(previous, lang)
    titles = [k for k in range(1, len(words) - 1) if words[k].lower() in lexicon.PERSON_CUES]
    if titles:  # what stands before a title qualifies it: "French President Emmanuel Macron"
        after = titles[-1] + 1
        found = _heuristic_found(words[after:], gaps[after:], cues, lang, after, titled=True)
    else:
        titled = bool(cues & lexicon.PERSON_CUES)
        found = _heuristic_found(words, gaps, cues, lang, 0, titled=titled)
    return () if found is None else (found,)


def _heuristic_found(
    words: tuple[str, ...],
    gaps: tuple[str, ...],
    cues: frozenset[str],
    lang: str,
    offset: int,
    *,
    titled: bool,
) -> Found | None:
    start = 0
    while start < len(words) and words[start].lower() in _SKIPPED_LEADERS:
        titled = titled or words[start].lower() in lexicon.PERSON_CUES
        start += 1
    kept = words[start:]
    if not kept or (len(kept) == 1 and kept[0].lower() in calendar_words(lang)):
        return None
    name = kept[0] + "".join(g + w for g, w in zip(gaps[start:], kept[1:], strict=False))
    name = _POSSESSIVE.sub("", " ".join(name.split()))
    if set(name.lower().split()) & lexicon.ORGANISATION_WORDS or cues & lexicon.ORGANISATION_CUES:
        kind = "organisation"
    else:
        kind = "person" if titled else "topic"
    plain = len(kept) in (2, 3) and kind != "organisation" and len(name.split()) == len(kept)
    surname = frozenset({tag_key(name.split()[-1])}) if plain else frozenset()
    key = tag_key(name)
    return Found(offset + start, name, key, kind, len(kept) > 1, surname, full_person=plain)


_SKIPPED_LEADERS = lexicon.LEADING_STOPWORDS | lexicon.PERSON_CUES


@functools.lru_cache(maxsize=32)
def calendar_words(lang: str) -> frozenset[str]:
    """Month and weekday names, capitalised in English but never a topic."""
    words: set[str] = set()
    for locale in {babel_locale(lang), babel_locale("en")}:
        for names in (locale.months["format"], locale.months["stand-alone"], locale.days["format"]):
            for width in ("wide", "abbreviated"):
                words.update(n.lower().rstrip(".") for n in names[width].values())
    return frozenset(words)
