"""People in a run of capitalised words: first name (+ patronymic) + surname, in either
order, put in the nominative ("Марка Рютте" -> "Марк Рютте")."""

from __future__ import annotations

from collections.abc import Sequence

from newsgen.text import lexicon
from newsgen.text.found import Found, Step, restore_case, tag_key
from newsgen.text.gazetteer import territory_words
from newsgen.text.morphology import Reading, WordInfo, agreeing_pair, nominative, proper_looking

_NOT_FIRST_NAMES = lexicon.ORGANISATION_HEADS | lexicon.NEVER_TOPICS | {"слава"}
_NOT_SURNAMES = lexicon.ORGANISATION_HEADS | lexicon.NEVER_TOPICS | lexicon.TOPIC_LEMMAS | lexicon.DOCUMENT_HEADS
# Adjective-like surnames the dictionary reads as something else: "Тинного" -> "Тинний".
_ADJECTIVE_SURNAME_ENDINGS = (("ого", False, "ий"), ("ому", False, "ий"), ("ої", True, "а"), ("ій", True, "а"))


def person_at(words: Sequence[str], infos: Sequence[WordInfo], i: int) -> Step | None:
    """First name (+ patronymic) + surname: "Марка Рютте" -> "Марк Рютте"."""
    reversed_order = _surname_first_at(words, infos, i)
    if reversed_order is not None:
        return reversed_order
    if i + 3 < len(words) and _surname_first_at(words, infos, i + 1) is not None:
        return None  # "Засновник Коваленко Ігор Васильович": the person starts one word on
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
    if not firsts and len(words) == 2 and i == 0:
        return _foreign_first_name(words, infos)
    if not firsts or j >= len(words):
        return None
    if j + 1 < len(words) and infos[j].patronymic:
        j += 1  # the patronymic is left out of the tag: "Володимир Зеленський"
    surnames = infos[j].with_role("surname")
    pair = agreeing_pair(firsts, surnames)
    if pair is None and names and surnames:
        # the dictionary knows only the man's surname: "Олеся Гарбуз" is she (a woman's surname
        # ending in a consonant does not inflect), not Олесь's genitive, which would be "Гарбуза"
        pair = next(((n, s) for n in names for s in surnames if n.case == s.case), (names[0], surnames[0]))
    particles, _, written_surname = words[j].rpartition(" ")
    if pair is not None:
        first, surname = pair[0], restore_case(pair[1].lemma, written_surname)
    elif not infos[j].known or (names and _plainly_a_first_name(infos[i]) and _noun_in_case(infos[j], names)):
        # unknown, or a common noun after a true first name: "Юрія Байрактара"
        first = next((n for n in names if _noun_in_case(infos[j], (n,))), firsts[0])
        surname = _guess_nominative(infos[j], first.case, written_surname)
    elif names and _plainly_a_first_name(infos[i]) and _may_be_surname(infos[j]):
        # a word the dictionary knows otherwise, after a first name: "Юрій Байрактар",
        # "Надії Бурдей", "Андрія Шишацького" -> "Андрій Шишацький"
        first, surname = _surname_in_nominative(infos[j], names, written_surname)
    else:
        return None
    # Ляєн too; and the surname as written, which the dictionary may read as a place: "Журавка"
    keys = frozenset({tag_key(surname), tag_key(f"{particles} {surname}"), tag_key(written_surname)})
    surname = f"{particles} {surname}".lstrip()
    name = f"{restore_case(first.lemma, words[i])} {surname}"
    written = name == f"{words[i]} {words[j]}"
    person = Found(i, name, tag_key(name), "person", True, keys, True, as_written=written)
    return j + 1 - i, person


def _foreign_first_name(words: Sequence[str], infos: Sequence[WordInfo]) -> Step | None:
    """A first name the dictionary does not know before a surname it knows or guesses, in the
    same case: "Гайк Товмасян", "Вагіфа Алієва" -> "Вагіф Алієв" (read apart, two pieces)."""
    if infos[0].known or not words[0][1:].islower():
        return None
    for surname in infos[1].with_role("surname"):
        first = next((r for r in infos[0].with_role("noun") if r.case == surname.case and not r.plural), None)
        if first is not None and not surname.plural:
            last = restore_case(surname.lemma, words[1])
            name = f"{restore_case(first.lemma, words[0])} {last}"
            keys = frozenset({tag_key(last), tag_key(words[1])})
            return 2, Found(0, name, tag_key(name), "person", True, keys, True)
    return None


def _plainly_a_first_name(info: WordInfo) -> bool:
    """A first name that is no adjective and no word for a body or a generic thing:
    "Юрій", "Надія"; not "Рада" (Ради Безпеки), "Слава" (Слава Богу)."""
    return not info.with_role("adjective") and not any(r.lemma in _NOT_FIRST_NAMES for r in info.with_role("noun"))


def _may_be_surname(info: WordInfo) -> bool:
    """Neither a first name, a place, an organisation's head nor a function word."""
    if info.function_word or info.with_role("name", "patronymic") or not info.readings:
        return False
    if all(r.plural for r in info.readings):
        return False  # "Слава Героям"
    return not any(r.lemma in territory_words("uk") or r.lemma in _NOT_SURNAMES for r in info.readings)


def _surname_in_nominative(info: WordInfo, names: Sequence[Reading], written: str) -> tuple[Reading, str]:
    """The first name's reading and the surname's nominative: an adjective-like surname
    agrees with the first name ("Шишацького" -> "Шишацький"), a noun-like one in its case
    and gender takes the noun's ("Юрія Байрактара" -> "Байрактар"); any other stays as written."""
    for first in names:
        for reading in info.readings:
            if reading.case != first.case or reading.plural or reading.gender not in (first.gender, None):
                continue
            if reading.role == "adjective":
                return first, restore_case(nominative(reading, first.gender), written)
            if reading.role == "noun" and first.case != "nomn":
                return first, restore_case(reading.lemma, written)
    first = names[0]
    for ending, feminine, nominative_ending in _ADJECTIVE_SURNAME_ENDINGS:
        if written.endswith(ending) and (first.gender == "femn") == feminine and first.case != "nomn":
            return first, written[: -len(ending)] + nominative_ending
    return first, written


def _noun_in_case(info: WordInfo, firsts: Sequence[Reading]) -> bool:
    """The word reads as a noun in a case one of the first names is in (not a name itself)."""
    cases = {r.case for r in firsts if not r.plural}
    nouns = info.with_role("noun")
    # a common noun as a surname ("Байрактар"), never a place ("Рада Європи")
    return not info.with_role("name") and any(
        r.case in cases and not r.plural and (r.animate or not (proper_looking(r) or r.lemma in territory_words("uk")))
        for r in nouns
    )


def _surname_first_at(words: Sequence[str], infos: Sequence[WordInfo], i: int) -> Step | None:
    """Surname, first name, patronymic, as documents list people: "Коваль Андрій Петрович"
    -> "Андрій Коваль". Only with the patronymic: two names alone are read first-name-first."""
    if i + 2 >= len(words) or not infos[i + 2].patronymic:
        return None
    if i + 3 < len(words) and (infos[i + 3].with_role("surname") or not infos[i + 3].known):
        return None  # "Директор Олег Петрович Коваль": first name, patronymic, surname
    names = infos[i + 1].with_role("name")
    if not names or (infos[i].known and infos[i].with_role("name")):
        return None  # a guessed first-name reading of an unknown word proves nothing: "Качаненко"
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
