"""Which names an article is about: mentions grouped into entities (every form of a name,
a bare surname with its full name), scored by how often and how early they come."""

from __future__ import annotations

import functools
import itertools
from operator import itemgetter

from newsgen.text.found import EntityTag, Mention

_COMMON_NOUN_EVIDENCE = 2
_POSITION_WEIGHT = 0.5  # a mention at the very top is worth half a mention more
_STEM_SURNAME = 5  # shorter surnames share too many stems with other words
_MIN_FIRST_NAME_STEM = 3  # "Яна" and "Ян" are two names


def rank(mentions: list[Mention], limit: int, fill: int, lead_end: float) -> list[EntityTag]:
    """The salient names, best first; a name mentioned once further down is a detail."""
    salient, minor = [], []
    for group in _group_by_entity(mentions).values():
        if group[0].inside and all(m.inside for m in group):
            continue  # only ever a piece of a longer name: no tag is better than a piece
        first, evidence, common_evidence = 1.0, False, 0
        for found, position, initial, _ in group:
            if position < first:
                first = position
            if found.common:  # a common noun: twice capitalised mid-sentence, or no name
                common_evidence += not initial
            elif not evidence:
                evidence = found.strong or not initial
        evidence = evidence or common_evidence >= _COMMON_NOUN_EVIDENCE
        if evidence:  # else only ever seen opening a sentence: a common word
            score = round(len(group) + _POSITION_WEIGHT * (1.0 - first), 4)
            (salient if len(group) > 1 or first < lead_end else minor).append((score, group))
    if limit <= 0:
        return []
    salient.sort(key=itemgetter(0), reverse=True)  # stable: equal scores keep their order
    minor.sort(key=itemgetter(0), reverse=True)
    scored = salient + minor[: max(0, fill - len(salient))]
    if not scored:
        return []
    cut = scored[min(limit, len(scored)) - 1][0]  # name only what can make the cut
    tags: dict[str, EntityTag] = {}
    for score, group in scored:
        if score < cut:
            break
        name, kind, key = _representative(group)
        if key not in tags or tags[key].score < score:  # one tag per key, whatever happens
            tags[key] = EntityTag(name=name, kind=kind, key=key, score=score)
    return sorted(tags.values(), key=lambda t: (-t.score, t.name, t.key))[:limit]


def _group_by_entity(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """Group mentions by tag key; a bare surname joins the full name it belongs to.

    Two full names that differ only by an ending are one person too: "Марком Рютте"
    read as Марко beside "Марк Рютте"; an unknown surname guessed in two cases.
    """
    persons: list[str] = []
    person_by_surname: dict[str, str] = {}
    groups: dict[str, list[Mention]] = {}
    initialled: list[Mention] = []
    # a name's person, once worked out: persons only grows at its end, so the first match stays first
    person_of: dict[str, str] = {}
    others: list[Mention] = []  # neither full names nor initialled: grouped once the people are known
    for mention in mentions:
        found = mention.found
        if found.full_person:
            key = person_of.get(found.key) or next((k for k in persons if _same_person(k, found.key)), None)
            if key is None:
                persons.append(key := found.key)
            person_of[found.key] = key
            for surname in found.surnames:
                person_by_surname.setdefault(surname, key)
            groups.setdefault(key, []).append(mention)
        elif found.initialled:
            initialled.append(mention)
        else:
            others.append(mention)
    full_names = set(persons)
    for mention in initialled:  # "Прасол А. Є." stands for the person unless a full name does
        found = mention.found
        key = next((person_by_surname[s] for s in found.surnames if s in person_by_surname), found.key)
        if key not in full_names:  # "А. Б. Коваль" and "С. Д. Коваль" are two people
            key = found.key
            for surname in found.surnames:
                person_by_surname.setdefault(surname, key)
        groups.setdefault(key, []).append(mention)
    # a surname one ending apart from a known one: "Колуги" beside "Євген Колуга"
    by_stem = {k[:-1]: p for k, p in reversed(person_by_surname.items())}
    person_for: dict[frozenset[str], str | None] = {}
    for mention in others:
        found = mention.found
        key = found.key
        if key in person_by_surname:
            key = person_by_surname[key]
        elif found.surnames and person_by_surname:
            surnames = found.surnames  # the known surnames are fixed by now: one answer each
            if surnames not in person_for:
                person_for[surnames] = _person_for(surnames, person_by_surname, by_stem)
            key = person_for[surnames] or key
        groups.setdefault(key, []).append(mention)
    if persons:
        _join_bare_first_names(groups, persons, person_by_surname)
    return _one_name_in_two_forms(groups)


def _join_bare_first_names(
    groups: dict[str, list[Mention]], persons: list[str], person_by_surname: dict[str, str]
) -> None:
    """A bare first name is the one person of the article with it: "Клавдій" after "Клавдій
    Свербиус"; "Софію" then is no city; "Олесю", read as Олесь, by its stem and written forms."""
    by_first_name = _people_by_first_name(persons, person_by_surname)
    for key in [k for k in groups if " " not in k] if by_first_name else ():
        kind = groups[key][0].found.kind
        person = by_first_name.get(key) if kind != "organisation" else None
        if person is None and kind == "person":
            forms = frozenset().union(*(m.found.surnames for m in groups[key]))  # as written
            person = by_first_name.get(key[:-1]) or _person_by_first_name(forms, by_first_name)
        if person is not None and person in groups:
            groups[person] += groups.pop(key)


def _people_by_first_name(persons: list[str], person_by_surname: dict[str, str]) -> dict[str, str]:
    """The person each first name of the article stands for, under the name and under its stem
    (all but its last letter: "Олесю" and "Олеся" are one name); a first name or stem two people
    share stands for neither of them."""
    people: dict[str, str] = {}
    shared: set[str] = set()
    for person in persons:
        first = person.split(" ", 1)[0]
        if first in person_by_surname:  # "Мельник Андрій": written surname first
            continue
        for form in (first, first[:-1]) if len(first) > _MIN_FIRST_NAME_STEM else (first,):
            if people.setdefault(form, person) != person:
                shared.add(form)
    for form in shared:
        del people[form]
    return people


def _person_by_first_name(forms: frozenset[str], by_first_name: dict[str, str]) -> str | None:
    """The one person a bare first name's written forms stand for, whatever their case."""
    people = {by_first_name.get(form) or by_first_name.get(form[:-1]) for form in forms}
    people.discard(None)
    return people.pop() if len(people) == 1 else None


_OBLIQUE_ENDINGS = ("у", "ю", "і", "ї", "ом", "ем", "ою", "ею", "ові", "еві")
_MIN_NAME_FORM = 6


def _one_name_in_two_forms(groups: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """A company name the dictionary does not know, written in two cases: "«Спецмебліпостач»"
    and "«Спецмебліпостачу»", "Укрреставрація" and "Укрреставрації" are one name, named as the
    text writes it most (of equals, the form with no oblique ending); so is a longer name whose
    first word alone is inflected («Федерації шахів Поділля» beside «Федерація шахів Поділля») or
    put in the nominative with a guessed gender ("Черкаського ОТВ" read "Черкаський" beside the
    text's "Черкаське ОТВ"); two forms neither of which the text shows as its own stay apart."""
    by_start: dict[str, list[str]] = {}
    for key, group in groups.items():
        if len(key) < _MIN_NAME_FORM or group[0].found.kind not in ("organisation", "topic"):
            continue  # too short to tell two forms apart; people and places the dictionary tells
        by_start.setdefault(key[:4], []).append(key)
    for keys in by_start.values():
        if len(keys) < 2:
            continue
        written = {k for k in keys if any(m.found.as_written for m in groups[k])}
        for a, b in itertools.combinations(sorted(keys, key=lambda k: (_oblique(k), k not in written)), 2):
            (first_a, _, rest_a), (first_b, _, rest_b) = a.partition(" "), b.partition(" ")
            if rest_a != rest_b or len(first_a) < _MIN_NAME_FORM or a not in groups or b not in groups or not _same_stem(first_a, first_b):
                continue
            if not rest_a or _oblique(a) != _oblique(b) or (a in written) != (b in written):
                groups[a] += groups.pop(b)  # a: the one with no oblique ending, or as written
    return groups


def _oblique(key: str) -> bool:
    return key.partition(" ")[0].endswith(_OBLIQUE_ENDINGS)


@functools.lru_cache(maxsize=8192)  # the same pairs of names meet in article after article
def _same_person(known: str, key: str) -> bool:
    """Full names whose words differ at most in their last two letters."""
    if known == key:
        return True
    words_a, words_b = known.split(" "), key.split(" ")
    return len(words_a) == len(words_b) and all(map(_same_stem, words_a, words_b))


def _same_stem(a: str, b: str) -> bool:
    """Two words that share all but their last two letters (and at least three)."""
    if a == b:
        return True
    shared = max(3, len(a) - 2, len(b) - 2)
    return len(a) >= shared and len(b) >= shared and a[:shared] == b[:shared]


def _person_for(surnames: frozenset[str], person_by_surname: dict[str, str], by_stem: dict[str, str]) -> str | None:
    """The person a bare surname stands for: the same key, or forms whose only difference is
    one last letter, changed, added or dropped ("колуги": "колуга", "колуг")."""
    ordered = sorted(surnames) if len(surnames) > 1 else surnames
    for surname in ordered:
        if surname in person_by_surname:
            return person_by_surname[surname]
    for surname in ordered:
        if len(surname) >= _STEM_SURNAME:
            stem = surname[:-1]
            person = by_stem.get(stem) or person_by_surname.get(stem) or by_stem.get(surname)
            if person is not None:
                return person
    return None


def _representative(group: list[Mention]) -> tuple[str, str, str]:
    """Name, kind and key: the name as the text writes it if it does, else the most used."""
    first = group[0].found
    if all(m.found.name == first.name and m.found.kind == first.kind for m in group):
        return first.name, first.kind, first.key
    full = [m.found for m in group if m.found.full_person] or [m.found for m in group if m.found.initialled]
    pool = [f for f in full if f.as_written] or full or [m.found for m in group]
    names = [f.name for f in pool]
    chosen = pool[names.index(max(names, key=names.count))]  # of equals, the earliest
    if full and len(full) < len(group):
        return chosen.name, "person", chosen.key  # a bare surname refers to it: a person
    # "topic" is what a name is when nothing tells more: "ТОВ «Омокс»" tells, a later «Омокс» does not
    kinds = [f.kind for f in pool if f.kind != "topic"] or ["topic"]
    return chosen.name, max(kinds, key=kinds.count), chosen.key
