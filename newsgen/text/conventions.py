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

# (Each pattern opens with its capital and looks behind it after: the regex engine skips ahead
# to capitals, several times faster than with the look-behind first.)
# Initials, two capitals with full stops: after a surname ("Прасол А. Є.") or before it ("А. Є. Прасол").
_INITIALS = re.compile(r"([А-ЯІЇЄҐ])(?<![\w'’ʼ-].)\. ?([А-ЯІЇЄҐ])\.")
# A first name, "та"/"і"/"й", and the next: a family named together ("Сергій та Олександр Буряки").
_PAIRED_NAME = re.compile(r"([А-ЯІЇЄҐ](?<![\w'’ʼ-].)[\w'’ʼ-]*) (?:та|і|й) ([А-ЯІЇЄҐ][\w'’ʼ-]*) ([А-ЯІЇЄҐ][\w'’ʼ-]*)")
# The person or place an institution is named after is part of its name, no topic of its
# own: "університет імені Тараса Шевченка", "фонд ім. В. Петренка" ("від імені", on behalf of, is not).
_NAMED_AFTER = re.compile(r"(?:\bім\.|(?<!від )\bімені) ?(?:[А-ЯІЇЄҐ]\. ?){0,2}")


def read_by_convention(reader: ParagraphReader, found: list[Mention]) -> None:
    """Rename or set aside, in place, the mentions these conventions show to be more or less.
    Each looks for its words in the text first: most paragraphs have none of them."""
    text = reader.text
    if "ім." in text or "імені" in text:
        _named_after(reader, found)
    if "." in text:
        _with_initials(reader, found)
    if " та " in text or " і " in text or " й " in text:
        _families(reader, found)


def _with_initials(reader: ParagraphReader, found: list[Mention]) -> None:
    """A bare surname with initials names the person as official papers do: the tag keeps
    them ("Прасол А. Є."), as the surname alone is only a piece of that name."""
    text, starts = reader.text, reader.starts
    for initials in _INITIALS.finditer(text):
        at = initials.start()
        surname = starts.get(text.rfind(" ", 0, at - 1) + 1) if at > 1 and text[at - 1] == " " else None
        after = surname is not None and _bare_surname(found[surname])
        if not after:
            surname = starts.get(initials.end() + 1) if text[initials.end() : initials.end() + 1] == " " else None
            if surname is None or not _bare_surname(found[surname]):
                continue
        person = found[surname].found
        letters = " ".join(f"{letter}." for letter in initials.groups())
        name = f"{person.name} {letters}" if after else f"{letters} {person.name}"
        named = replace(person, name=name, key=tag_key(name), initialled=True, strong=True)
        found[surname] = found[surname]._replace(found=named)


def _bare_surname(mention: Mention) -> bool:
    person = mention.found
    return person.kind == "person" and not person.full_person and " " not in person.name


def _families(reader: ParagraphReader, found: list[Mention]) -> None:
    """Two first names before one surname name a family ("Оксана і Олексій Кулагіни"):
    its pieces, one first name, or the other with the surname, name nobody alone."""
    text, lang, starts = reader.text, reader.lang, reader.starts
    for pair in _PAIRED_NAME.finditer(text):
        if pair.start() not in starts or not _first_name(pair.group(1), lang) or not _first_name(pair.group(2), lang):
            continue
        for start in pair.start(1), pair.start(2), pair.start(3):
            if start in starts:
                inner = starts[start]
                found[inner] = found[inner]._replace(inside=True)
                if start != pair.start(1):  # the surname, met alone elsewhere, names the family too
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
