"""Names listed before a noun they share: "Бурштинської і Ладижинської ТЕС" names two plants,
"у Житомирській та Полтавській областях" two regions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsgen.text.found import Found, Token, restore_case, tag_key
from newsgen.text.morphology import analyse, nominative
from newsgen.text.phrases import adjective_nominative, phrase_kind

if TYPE_CHECKING:
    from newsgen.text.paragraph import ParagraphReader

# A capitalised word and the comma or conjunction that lists it before the next: "Бурштинської і "
_LISTED_BEFORE = re.compile(r"([А-ЯІЇЄҐ][\w'’ʼ-]+)(?:,| (?:і|та|й)) $")
# The last of a list of capitalised adjectives ("… Житомирській та Полтавській"), then the plural
# noun they share ("областях", group 1).
_LISTED_TO_NOUN = re.compile(r" ([а-яіїєґ'’ʼ-]+)")
_LISTED_BEFORE_LAST = re.compile(r"[А-ЯІЇЄҐ][\w'’ʼ-]*(?:,| (?:та|і|й)) $")


def listed_before(reader: ParagraphReader, start: int) -> bool:
    """The adjective at ``start`` is the last of several: "Бурштинської і Ладижинської ТЕС"
    names two plants, and "Ладижинська ТЕС" is only a piece of what the text writes."""
    listed = _LISTED_BEFORE.search(reader.text, max(0, start - 40), start)
    return listed is not None and adjective_nominative(listed.group(1), reader.lang) is not None


def listed_before_plural(reader: ParagraphReader, run: list[Token]) -> Found | None:
    """The last of several adjectives a plural noun after it shares names its own thing, in the
    singular ("у Житомирській та Полтавській областях" -> "Полтавська область", "Фастівського та
    Васильківського районів" -> "Васильківський район"); read alone it was a piece ("Полтавська",
    a surname). The earlier ones stand apart from the noun and are left to the usual readings."""
    word, start, _ = run[-1]
    if len(run) > 1 or _LISTED_BEFORE_LAST.search(reader.text, max(0, start - 40), start) is None:
        return None
    listed = _LISTED_TO_NOUN.match(reader.text, start + len(word))
    if listed is None:
        return None
    noun = analyse(listed.group(1), reader.lang)
    if noun.function_word:
        return None
    written = word.rsplit(" ", 1)[-1]
    adjectives = [r for r in analyse(written, reader.lang).with_role("adjective") if not r.plural]
    for head in noun.with_role("noun"):
        if not head.plural or head.case == "voct":
            continue
        adjective = next((a for a in adjectives if a.case == head.case), None)
        if adjective is not None:
            name = f"{restore_case(nominative(adjective, head.gender), written)} {head.lemma}"
            return Found(len(run) - 1, name, tag_key(name), phrase_kind(head), strong=False)
    return None
