"""Names read by the conventions of official and business writing, after a paragraph's names
are found: a surname with its initials ("Прасол А. Є."), a family named by two first names and
one surname, and the person an institution is named after ("імені Тараса Шевченка")."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsgen.text.found import Mention, tag_key
from newsgen.text.morphology import analyse
from newsgen.text.names import name_morphology_run

if TYPE_CHECKING:
    from newsgen.text.paragraph import ParagraphReader

# Initials after a surname ("Прасол А. Є.") or before it ("А. Є. Прасол").
_INITIALS_AFTER = re.compile(r" ([А-ЯІЇЄҐ])\. ?([А-ЯІЇЄҐ])\.")
_INITIALS_BEFORE = re.compile(r"(?<![\w'’ʼ-])([А-ЯІЇЄҐ])\. ?([А-ЯІЇЄҐ])\. $")
_WORD_END = re.compile(r"[\w'’ʼ-]*")
_SURNAME_LETTERS = 5  # abbreviations are mostly shorter
# A first name, "та"/"і"/"й" (Russian "и"), and the next: a family named together ("Сергій та
# Олександр Буряки").
_PAIRED_NAME = re.compile(r"([А-ЯІЇЄҐ][\w'’ʼ-]*) (?:та|і|й|и) ([А-ЯІЇЄҐ][\w'’ʼ-]*) ([А-ЯІЇЄҐ][\w'’ʼ-]*)")
# The person or place an institution is named after is part of its name, no topic of its
# own: "університет імені Тараса Шевченка", "фонд ім. В. Петренка" ("від імені", on behalf of, is not).
_NAMED_AFTER = re.compile(r"(?:\bім\.|(?<!від )\bімені) ?(?:[А-ЯІЇЄҐ]\. ?){0,2}")


def read_by_convention(reader: ParagraphReader, found: list[Mention]) -> None:
    """Rename or set aside, in place, the mentions these conventions show to be more or less.
    Only people's mentions are looked at closely (initials, families): a few per paragraph."""
    text = reader.text
    if "ім." in text or "імені" in text:
        _named_after(reader, found)
    for at, index in reader.people:
        if not _bare_name(reader, at, index, found):
            _in_a_family(reader, at, found)


def _bare_name(reader: ParagraphReader, at: int, index: int, found: list[Mention]) -> bool:
    """A bare surname with initials names the person as official papers do: the tag keeps
    them ("Прасол А. Є."), as the surname alone is only a piece of that name. A bare first name
    may have its surname in capitals after it (see _with_surname_in_capitals)."""
    person = found[index].found
    if person.full_person or " " in person.name:
        return False
    text = reader.text
    end = _WORD_END.match(text, at).end()
    after = _INITIALS_AFTER.match(text, end)
    before = None
    if after is None and at > 3 and text[at - 2] == ".":
        before = _INITIALS_BEFORE.search(text, max(0, at - 6), at)
    if after is None and before is None:
        capitals = text[end + 1 : end + 4]
        if text[end : end + 1] == " " and capitals.isupper() and capitals.isalpha():
            _with_surname_in_capitals(reader, at, end, index, found)
        return False
    letters = " ".join(f"{letter}." for letter in (after or before).groups())
    name = f"{person.name} {letters}" if after else f"{letters} {person.name}"
    named = replace(person, name=name, key=tag_key(name), initialled=True, strong=True)
    found[index] = found[index]._replace(found=named)
    return True


def _with_surname_in_capitals(reader: ParagraphReader, at: int, end: int, index: int, found: list[Mention]) -> None:
    """A first name and a surname in capitals, as bylines and quoted speakers are set ("Дар'я
    РОМАНЧУК"), are one person, not a first name and an organisation "РОМАНЧУК"."""
    other = reader.starts.get(end + 1)
    written = reader.text[at:end]
    if other is None or not analyse(written, reader.lang).with_role("name"):
        return  # (a full name, or one of several words, never comes here: see _bare_name)
    surname = found[other].found.name.capitalize()
    info = analyse(surname, reader.lang)
    if info.abbreviation or not (info.with_role("surname") or len(surname) >= _SURNAME_LETTERS and not info.known):
        return  # "Петро ДАБК": an abbreviation after the name, not his surname
    person = name_morphology_run((written, surname), "", reader.lang).founds
    if len(person) == 1 and person[0].full_person:
        found[index] = found[index]._replace(found=person[0])
        reader.absorbed.add(other)


def _in_a_family(reader: ParagraphReader, at: int, found: list[Mention]) -> None:
    """Two first names before one surname name a family ("Оксана і Олексій Кулагіни"):
    its pieces, one first name, or the other with the surname, name nobody alone."""
    pair = _PAIRED_NAME.match(reader.text, at)
    if pair is None or not _first_name(pair.group(1), reader.lang) or not _first_name(pair.group(2), reader.lang):
        return
    starts = reader.starts
    for start in pair.start(1), pair.start(2), pair.start(3):
        if start in starts:
            inner = starts[start]
            found[inner] = found[inner]._replace(inside=True)
            if start != at:  # the surname, met alone elsewhere, names the family too
                reader.families |= {found[inner].found.key, *found[inner].found.surnames}


def _named_after(reader: ParagraphReader, found: list[Mention]) -> None:
    """A name after "ім." stands inside an institution's name (see _NAMED_AFTER)."""
    for named in _NAMED_AFTER.finditer(reader.text):
        index = reader.starts.get(named.end())
        if index is not None:
            found[index] = found[index]._replace(inside=True)


def _first_name(word: str, lang: str) -> bool:
    """The dictionary reads the word first as a first name, and never as a surname."""
    info = analyse(word, lang)
    return bool(info.readings) and info.readings[0].role == "name" and not info.with_role("surname")
