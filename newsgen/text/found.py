"""What the tagger finds: a name read in a run of words (Found), where it stands
(Mention), and the tag key that makes every form of a name one topic."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from newsgen.text.morphology import MORPHOLOGY_LANGS, analyse

_TO_ASCII_APOSTROPHE = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
CACHE_SIZE = 1 << 16  # memoised readings of word runs: news repeats its names

Token = tuple[str, int, str]  # word, start offset, script


@functools.lru_cache(maxsize=CACHE_SIZE)  # names recur across an archive; normalising is not free
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
    initialled: bool = False  # a surname with its initials, as official papers write people: "Прасол А. Є."
    common: bool = False  # a common noun the dictionary knows ("Огляд"): a topic only when often capitalised mid-sentence


# How many words of a run a reading takes, and the name it found there (None: no name).
Step = tuple[int, Found | None]


@dataclass(frozen=True, slots=True)
class EntityTag:
    """A tag derived from an article's text."""

    name: str  # display form: dictionary form with the text's capitals ("Марк Рютте")
    kind: str  # one of KINDS
    key: str  # tag_key(name): shared with authors' tags of the same name
    score: float  # mentions, plus up to half a mention for an early first mention


class Mention(NamedTuple):  # a NamedTuple: made thousands of times per corpus
    found: Found
    position: float  # 0.0 at the top of the article, towards 1.0 at its end
    initial: bool  # opens a sentence, so its capital letter proves nothing
    inside: bool = False  # within a longer name not read whole ("Бурштинської і Ладижинської ТЕС")


@functools.lru_cache(maxsize=CACHE_SIZE)
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
