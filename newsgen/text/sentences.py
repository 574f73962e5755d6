"""Sentence boundaries in news text (Ukrainian first, English and other Latin too).

A full stop ends a sentence only when an upper-case letter, a digit or an opening
quote follows; it does not after an initial ("В. Путін", "U.S. President") or a
common abbreviation ("м. Київ", "т. зв. ", "вул. Хрещатик", "Dr. Smith").
"""

from __future__ import annotations

import functools
import re

# Every upper-case or title-case letter of the alphabetic scripts we can meet in news.
UPPER = "".join(c for c in map(chr, range(0x0041, 0x2000)) if c.isupper() or c.istitle())
_UPPER_CLASS = re.escape(UPPER)

# Lower-case forms of abbreviations that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    """
    м с смт вул просп пл бул пров обл р рр ст т зв ін інш тис млн млрд трлн грн коп
    дол див напр проф акад доц д-р канд ім св о оп гол заст ред вид табл рис кв буд
    корп тел р-н н.е ц.р пор порівн англ нім франц рос укр лат пан
    mr mrs ms dr prof st jr sr vs inc ltd co corp gen col lt sgt capt gov sen rep
    jan feb mar apr jun jul aug sep sept oct nov dec no e.g i.e a.m p.m u.s u.k
    """.split()
)

_OPENERS = "«„“\"'([–—-"
_BOUNDARY = re.compile(
    r"(?P<stop>[.!?…]+)[»”\"’')\]]*\s+"
    rf"(?=(?:[{re.escape(_OPENERS)}]\s?){{0,2}}[{_UPPER_CLASS}\d])"
)
_DOTTED = re.compile(r"(?:\w\.)+\w")


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (whitespace collapsed), each with its final punctuation."""
    text = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_abbreviation_stop(text, match.start(), match.group("stop")):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_abbreviation_stop(text: str, stop_at: int, stop: str) -> bool:
    """True when the full stop at ``stop_at`` closes an initial or an abbreviation."""
    if stop != ".":
        return False
    begin = max(text.rfind(" ", 0, stop_at), text.rfind("\n", 0, stop_at)) + 1
    return _abbreviation(text[begin:stop_at].lstrip(_OPENERS))


@functools.lru_cache(maxsize=4096)  # the words before full stops repeat: a cheap look-up
def _abbreviation(token: str) -> bool:
    """An initial or an abbreviation stands before the full stop: no sentence ends there."""
    if not token:
        return False
    if len(token) == 1 and token.isupper():
        return True  # an initial: "В. Путін", "J. Smith"
    return token.lower() in ABBREVIATIONS or bool(_DOTTED.fullmatch(token))


def is_sentence_start(text: str, position: int) -> bool:
    """True when the word at ``position`` opens a sentence (or a quotation after one).

    Capitalisation there says nothing about whether the word is a name.
    """
    if position > 1 and text[position - 1] == " ":
        before = text[position - 2]
        if before.isalnum():
            return False  # the common case, mid-sentence: "… з Москвою"
        if before == ".":
            return not _is_abbreviation_stop(text, position - 2, ".")
    index = position - 1
    while index >= 0 and (text[index].isspace() or text[index] in _OPENERS):
        index -= 1
    if index < 0:
        return True
    before = text[index]
    if before in "!?…:":
        return True
    if before == ".":
        return not _is_abbreviation_stop(text, index, ".")
    return False
