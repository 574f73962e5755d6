"""Names that are adjectives + a noun agreeing with them, put in the nominative as a whole:
"Верховної Ради" -> "Верховна Рада", "Білому домі" -> "Білий дім", у «Віснику закупівель"
-> "Вісник закупівель"."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from newsgen.text import lexicon
from newsgen.text.found import CACHE_SIZE, Found, Step, restore_case, tag_key
from newsgen.text.morphology import Reading, WordInfo, analyse, common_case, nominative, proper_looking


def adjective_phrase_at(words: Sequence[str], infos: Sequence[WordInfo], i: int) -> Step | None:
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
    heads = sorted((r for r in infos[j].with_role("noun") if r.case == case), key=proper_looking)  # see _common_first
    if case is None or not heads:
        return None
    head = heads[0]
    if head.animate and head.lemma in lexicon.OFFICE_TITLES:
        return j + 1 - i, None  # "Головний Комендант": an office, no name
    parts = []
    for word, info in zip(words[i:j], infos[i:j], strict=True):
        adjective = next((r for r in info.with_role("adjective") if r.case == case and r.plural == head.plural), None)
        listed = head.plural and words[j][:1].islower()  # a lower-case plural phrase after the name
        if adjective is None and listed and any(r.case == case for r in info.with_role("adjective")):
            return j + 1 - i, None  # "Донецька та Луганська обласні служби": one of listed names, a piece
        if adjective is None:  # the case was shared through a noun reading: no agreement
            return None
        parts.append(restore_case(nominative(adjective, head.gender), word))
    parts.append(restore_case(nominative(head), words[j]))
    name = " ".join(parts)
    return j + 1 - i, Found(i, name, tag_key(name), phrase_kind(head, common=False), strong=False)


# A phrase read and found to be no name, so its capitalised adjective is none alone either: an
# office ("Харківський міський голова"), the last of listed adjectives sharing a plural phrase.
# Its empty key tells it apart.
NO_NAME = Found(0, "", "", "topic", strong=False)
# Nouns addresses abbreviate, and the gender they agree in: "Київська обл.", "Бучанський р-н".
_ABBREVIATED_NOUNS = {"обл": ("область", "femn"), **dict.fromkeys(("р-н", "р-ну", "р-ні"), ("район", "masc"))}


@functools.lru_cache(maxsize=CACHE_SIZE)
def name_adjective_noun(adjective: str, noun: str, lang: str) -> Found | None:
    """A capitalised adjective + a lower-case noun it agrees with: "Білому домі" -> "Білий дім"."""
    if noun in _ABBREVIATED_NOUNS:  # it does not inflect: the adjective's gender tells
        lemma, gender = _ABBREVIATED_NOUNS[noun]
        adj = next((r for r in analyse(adjective, lang).with_role("adjective") if r.gender == gender and not r.plural), None)
        if adj is None:
            return None
        name = f"{restore_case(nominative(adj, gender), adjective)} {lemma}"
        return Found(0, name, tag_key(name), "place", strong=False)
    head_info = analyse(noun, lang)
    if head_info.function_word:
        return None
    adjectives = analyse(adjective, lang).with_role("adjective")
    for head in _common_first(head_info):
        # a vocative after a capitalised word is a misreading: "Сирський уже" (уж)
        if head.case == "voct":
            continue
        for adj in adjectives:
            if head.case != adj.case or head.plural != adj.plural:
                continue
            if adj.plural or adj.gender == head.gender:
                if head.animate and head.lemma in lexicon.OFFICE_TITLES:
                    return NO_NAME  # "Харківський міський голова": an office, no name
                name = f"{restore_case(nominative(adj, head.gender), adjective)} {nominative(head)}"
                return Found(0, name, tag_key(name), phrase_kind(head), strong=False)
    return None


def _common_first(info: WordInfo) -> list[Reading]:
    """A noun an adjective qualifies is read as a common noun first: "Чорному морі" is the sea
    (море), not a plague (мор, which the dictionary writes like a place name), "Нового року" a year
    (рік), not rock music (рок)."""
    return sorted(info.with_role("noun"), key=proper_looking)


@functools.lru_cache(maxsize=CACHE_SIZE)
def quoted_nominative(name: str, lang: str, governed: frozenset[str] = frozenset()) -> str:
    """A quoted name put in the nominative: у «Віснику закупівель» -> "Вісник закупівель".

    Only the opening adjectives and their noun inflect; what follows is a genitive
    or the name proper and stays as written. A first word that can already be a
    nominative is left alone, unless the preposition before it governs other cases
    (``governed``) and it reads as one thing in them: до «Різдва в гаю» -> "Різдво в гаю",
    not a plural nominative.
    """
    words = name.split(" ")
    bare = [w.strip("«»") for w in words]
    if not bare[0][:1].isupper() or bare[0].isupper() or bare[0] != words[0]:
        return name
    infos = [analyse(w, lang) for w in bare]
    if infos[0].function_word:
        return name
    if any(r.case in ("nomn", None) for r in infos[0].readings):
        governed_one = [r for r in infos[0].with_role("noun") if r.case in governed and not r.plural]
        if "nomn" in governed or not governed_one:
            return name
        return " ".join([restore_case(nominative(governed_one[0]), bare[0]), *words[1:]])
    step = adjective_phrase_at(bare, infos, 0)
    if step is not None and step[1] is not None and all(b == w for b, w in zip(bare[: step[0]], words, strict=False)):
        return " ".join([step[1].name, *words[step[0] :]])
    nouns = sorted(infos[0].with_role("noun", "name", "surname"), key=lambda r: r.plural)  # it names one thing
    if not nouns:
        return name
    return " ".join([restore_case(nominative(nouns[0]), bare[0]), *words[1:]])


@functools.lru_cache(maxsize=CACHE_SIZE)
def name_adjective_words(adjective: str, lowers: tuple[str, ...], lang: str) -> Found | None:
    """A capitalised adjective, up to three lower-case ones and their noun: "Вищому
    господарському суді" -> "Вищий господарський суд"; "Білому домі" -> "Білий дім".

    A noun that can be an adjective too ("податкова") gives way to a longer phrase:
    "Основ'янська міжрайонна державна податкова інспекція".
    """
    best = None
    for k, word in enumerate(lowers[:4]):
        if not word[:1].islower():
            break
        if k == 0:
            found = name_adjective_noun(adjective, word, lang)
        else:
            words = (adjective, *lowers[: k + 1])
            infos = [analyse(w, lang) for w in words]
            if infos[-1].function_word:
                break
            step = adjective_phrase_at(words, infos, 0)
            found = (step[1] or NO_NAME) if step is not None and step[0] == len(words) else None
        if found is NO_NAME and best is not None:
            break  # "Громадська рада доброчесності": a name found already is not undone by a longer misreading
        if found is not None:
            best = found
            if not analyse(word, lang).adjective:
                break
    return best


@functools.lru_cache(maxsize=CACHE_SIZE)
def adjective_nominative(word: str, lang: str) -> str | None:
    """A capitalised adjective in the nominative of its own gender: "Диканської" -> "Диканська"."""
    info = analyse(word, lang)
    adjectives = info.with_role("adjective")
    if not adjectives or info.function_word or info.with_role("name"):
        return None
    return restore_case(nominative(adjectives[0], adjectives[0].gender), word)


# Nouns that name neither a place nor a body: feasts, documents, programmes and systems.
_TOPIC_NOUNS = lexicon.TOPIC_LEMMAS | lexicon.DOCUMENT_HEADS | lexicon.PROGRAMME_HEADS


def phrase_kind(head: Reading, common: bool = True) -> str:
    """The kind of a name its adjectives and this noun make: "Київський метрополітен", "Опозиційний блок"
    name bodies, though the nouns alone are common words ("Блок", "Метрополітен" opening a sentence);
    a common noun (written in lower case: ``common``) names a place only if it is a kind of place
    ("Чорне море"), else a topic; a capitalised one is the name proper ("Софіївська Борщагівка")."""
    if head.lemma in lexicon.ORGANISATION_NOUNS:
        return "organisation"
    kind = noun_kind(head, frozenset())
    if common and kind == "place" and not head.place and head.lemma not in lexicon.PLACE_NOUNS:
        return "topic"  # "Паралімпійські ігри", "Національний план": no place
    return kind


def noun_kind(reading: Reading, before: frozenset[str]) -> str:
    if reading.place:
        return "place"
    if reading.organisation or reading.lemma in lexicon.ORGANISATION_HEADS:
        return "organisation"
    if not reading.animate and organisation_compound(reading.lemma, proper_looking(reading)):
        return "organisation"
    # "агенція Укрінформ" names the agency; "банк України" does not make Ukraine a bank
    if before & lexicon.ORGANISATION_CUES and (reading.case == "nomn" or reading.indeclinable):
        return "organisation"
    if reading.animate or reading.lemma in _TOPIC_NOUNS:
        return "topic"
    return "place"


_STATE_PREFIXES = ("держ", "нац")
# Nouns that open with "держ"/"нац" and name no body: "держава", "Держбюджет", "нація".
_NO_BODY = ("держав", "держбюджет", "держборг", "держзамов", "держвласн", "держкошт", "держзакуп",
            "держпідприєм", "держреєстр", "держслужбов", "нація", "націон", "нацист", "нацизм", "нацмен")


def organisation_compound(lemma: str, proper: bool = True) -> bool:
    """A word made to name a body or a company: "Держгеокадастр", "Нацкомісія", "Мінекономіки",
    "Київрада", "Укравтодор", "Харківобленерго", "Діамантбанк". Most such endings make common
    nouns too ("автосервіс", "біогаз", "естрада"), so they count only for a name the dictionary
    writes as one (``proper``, see morphology.proper_looking) or does not know; a council's or an
    office's never do."""
    if lemma.startswith(_STATE_PREFIXES) and len(lemma) > 6 and not lemma.startswith(_NO_BODY):
        return True
    if lemma.startswith("мін") and lemma.startswith(_MINISTRIES, 3):
        return True  # "Мінфін", "Мін'юст", "Мінекономіки", never "Міннесота", "Мінімум"
    if lemma.startswith("укр") and len(lemma) > 5 and not lemma.startswith(_NOT_UKR_COMPOUNDS):
        return True
    ends = lexicon.BODY_ENDINGS + lexicon.ORGANISATION_ENDINGS if proper else lexicon.BODY_ENDINGS
    # one call tells most words apart; the ending must leave a stem before it ("Київрада", not "рада")
    return lemma.endswith(ends) and any(lemma.endswith(end) and len(lemma) > len(end) + 2 for end in ends)


# What a ministry's short name goes on with after "мін": its field ("Мінекономіки", "Мінцифри").
_MINISTRIES = (
    "'юст", "юст", "фін", "економ", "агро", "вет", "довкіл", "доход", "еколог", "енерг", "здоров",
    "культ", "молод", "оборон", "освіт", "охорон", "прац", "природ", "регіон", "реінтеграц", "соц",
    "стратег", "сільгосп", "транс", "цифр", "інфраструктур", "інформ", "пром", "палив", "вугле", "сім'",
    "зв'яз", "закордон", "внутрішн", "ветеран", "спорт",
)
# Nouns that open like a Ukrainian company's compound ("Укрзалізниця") and are none: "Україна", "укриття".
_NOT_UKR_COMPOUNDS = ("україн", "укріп", "укрит", "укрупн", "украп", "укрив", "укруч", "украд", "укром")
