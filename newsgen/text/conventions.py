"""Names read by the conventions of official and business writing, after a paragraph's names
are found: a surname with its initials ("Прасол А. Є."), a family named by two first names and
one surname, and the person an institution is named after ("імені Тараса Шевченка")."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsgen.text.found import Mention, tag_key
from newsgen.text.morphology import analyse

if TYPE_CHECKING:
    from newsgen.text.paragraph import ParagraphReader

_APOSTROPHES = "'’ʼ"
# A surname's initials, after it ("Прасол А. Є.") or before it ("А. Є. Прасол").
_INITIALS_AFTER = re.compile(r" ([А-ЯІЇЄҐ])\. ?([А-ЯІЇЄҐ])\.")
_INITIALS_BEFORE = re.compile(r"(?<![\w'’ʼ-])([А-ЯІЇЄҐ])\. ?([А-ЯІЇЄҐ])\. $")
# A first name, "та"/"і"/"й", and the next: a family named together ("Сергій та Олександр Буряки").
_PAIRED_NAME = re.compile(r"(?:[А-ЯІЇЄҐ][\w'’ʼ-]*) (?:та|і|й) ([А-ЯІЇЄҐ][\w'’ʼ-]*) ([А-ЯІЇЄҐ][\w'’ʼ-]*)")
# The person or place an institution is named after is part of its name, no topic of its
# own: "університет імені Тараса Шевченка", "фонд ім. В. Петренка" ("від імені", on behalf of, is not).
_NAMED_AFTER = re.compile(r"(?:\bім\.|(?<!від )\bімені) ?(?:[А-ЯІЇЄҐ]\. ?){0,2}$")


def read_by_convention(reader: ParagraphReader, found: list[Mention]) -> None:
    """Rename or set aside, in place, the mentions these conventions show to be more or less."""
    text = reader.text
    if "ім" in text:
        _named_after(reader, found)
    if ". " in text:
        _with_initials(reader, found)
    if " та " in text or " і " in text or " й " in text:
        _families(reader, found)


def _with_initials(reader: ParagraphReader, found: list[Mention]) -> None:
    """A bare surname with initials names the person as official papers do: the tag keeps
    them ("Прасол А. Є."), as the surname alone is only a piece of that name."""
    text = reader.text
    for at, index in reader.starts.items():
        person = found[index].found
        if person.kind != "person" or person.full_person or " " in person.name:
            continue
        end = at
        while end < len(text) and (text[end].isalnum() or text[end] in _APOSTROPHES or text[end] == "-"):
            end += 1  # the surname as written, in whatever case
        after = _INITIALS_AFTER.match(text, end)
        before = _INITIALS_BEFORE.search(text, max(0, at - 6), at) if after is None else None
        if after is None and before is None:
            continue
        initials = " ".join(f"{letter}." for letter in (after or before).groups())
        name = f"{person.name} {initials}" if after else f"{initials} {person.name}"
        named = replace(person, name=name, key=tag_key(name), initialled=True, strong=True)
        found[index] = found[index]._replace(found=named)


def _families(reader: ParagraphReader, found: list[Mention]) -> None:
    """Two first names before one surname name a family ("Оксана і Олексій Кулагіни"):
    its pieces, one first name, or the other with the surname, name nobody alone."""
    text, lang = reader.text, reader.lang
    for at, index in list(reader.starts.items()):
        pair = _PAIRED_NAME.match(text, at)
        if pair is None or not _first_name(pair.group(0).split(" ", 1)[0], lang):
            continue
        if not _first_name(pair.group(1), lang):
            continue
        for start in (at, pair.start(1), pair.start(2)):
            if start in reader.starts:
                inner = reader.starts[start]
                found[inner] = found[inner]._replace(inside=True)
                if start != at:  # the surname, met alone elsewhere, names the family too
                    reader.families |= {found[inner].found.key, *found[inner].found.surnames}


def _named_after(reader: ParagraphReader, found: list[Mention]) -> None:
    """A name after "ім." stands inside an institution's name (see _NAMED_AFTER)."""
    text = reader.text
    for at, index in reader.starts.items():
        if _NAMED_AFTER.search(text, max(0, at - 16), at) is not None:
            found[index] = found[index]._replace(inside=True)


def _first_name(word: str, lang: str) -> bool:
    """The dictionary reads the word first as a first name, and never as a surname."""
    info = analyse(word, lang)
    return bool(info.readings) and info.readings[0].role == "name" and not info.with_role("surname")
