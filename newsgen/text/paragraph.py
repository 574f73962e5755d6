"""Reading one paragraph into mentions of names: runs of capitalised words, split by
script and gaps, read with the dictionary (or by capitalisation alone), then taken whole
where an organisation's name runs on (long_names) or stands in guillemets (quoted_names)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from typing import NamedTuple

from newsgen.text import lexicon
from newsgen.text.conventions import read_by_convention
from newsgen.text.found import CACHE_SIZE, Found, Mention, Token, lemmas_of, tag_key
from newsgen.text.latin_names import name_heuristic_run
from newsgen.text.listed_names import listed_before, listed_before_plural
from newsgen.text.long_names import adjective_phrase, generic, with_adjective, with_genitive_names, with_tail
from newsgen.text.morphology import MORPHOLOGY_LANGS, analyse, dictionary_form
from newsgen.text.names import name_abbreviation, name_morphology_run
from newsgen.text.quoted_names import quoted_names
from newsgen.text.sentences import UPPER, is_sentence_start

_UPPER_CLASS = re.escape(UPPER)
# The capital is matched before the look-behind that checks what precedes it: a pattern
# that opens with a character class lets the regex engine skip ahead, 2.5x faster.
_WORD = rf"[{_UPPER_CLASS}](?<![\w'’ʼ-].)[\w'’ʼ]*(?:-[\w'’ʼ]+)*"
_CAPITALISED = re.compile(_WORD)
_JOINERS = "|".join(sorted(lexicon.NAME_CONNECTORS | lexicon.SURNAME_PARTICLES, key=len, reverse=True))
# Capitalised words that may make one name: apart by spaces, connectors or particles.
# One match per stretch, not per word; `ParagraphReader._gap` decides which words really join.
_CAPITALISED_STRETCH = re.compile(rf"{_WORD}(?:\s+(?:(?:{_JOINERS})\s+){{0,2}}{_WORD})*")
_APOSTROPHES = "'’ʼ"
# Names that go on with a genitive name: "Печерський район Києва", "Повітряний кодекс України".
_RUNS_ON = (" район", " кодекс", " площа")
# "вул. Озерна": the abbreviated street words (and "Вул." opening a sentence)
_STREET_ABBREVIATIONS = tuple(w for w in lexicon.STREET_WORDS if w.endswith(".")) + tuple(
    w.capitalize() for w in lexicon.STREET_WORDS if w.endswith(".")
)
_STREET_NOUNS = "вулиця|проспект|площа|бульвар|провулок|узвіз|шосе"
_STREET = re.compile(rf"^(?:{_STREET_NOUNS}) | (?:{_STREET_NOUNS})$")
# What follows a street's name in an address: its noun if it comes after ("Озерна вулиця"), the number.
_HOUSE_NUMBER = re.compile(r"(?: (?:вулиц|проспект|площ|бульвар|провул|узвіз|шосе)\w*)?,? ?(?:буд\. ?|будинок |б\. ?)?№? ?\d")
_LAST_LATIN = "\u024f"  # the end of Latin Extended-B
# A year that belongs to the name before it, not a date: "… 2006 у Німеччині", not "2006 року".
_TERRITORY_KINDS = lexicon.TERRITORY_ABBREVIATIONS
_EVENT_STARTS = frozenset(head[:3] for head in lexicon.EVENT_HEADS)  # a cheap test before the dictionary
_INITIAL_BEFORE = re.compile(r" [А-ЯІЇЄҐA-Z]\.?$")
_YEAR = re.compile(r" (?:19|20)\d\d(?![\d–-]| ?(?:р\.|рр|рок|рік))")


# A company's legal form in initials after its Latin name: "… Trading S. A.", "… Holding B.V.".
_LATIN_LEGAL_INITIALS = re.compile(r",? ((?:[A-Z]\. ?){2,3})(?=[\s,;:)»]|$)")


def word_script(word: str) -> str:
    """Which words may share a name: Latin with Latin, other with other; never abbreviations
    (a Latin one joins a Latin name: "ALFA Trading", "Nordic Sales LLC")."""
    if word[0] <= _LAST_LATIN:
        return "latin"
    return "abbreviation" if word.isupper() else "other"


class _WordFacts(NamedTuple):
    script: str  # word_script(word)
    ignored: bool  # a legal form, never a name: "ПрАТ", "ТОВ"
    function_word: bool  # at a sentence start, no name: "Але", "Саме"


# What each capitalised word is whatever stands around it, per language: a plain dict is
# the cheapest memo (one look-up per word read); it starts over when it grows too large.
_FACTS: dict[str, dict[str, _WordFacts]] = {}


def _learn(facts: dict[str, _WordFacts], word: str, lang: str) -> _WordFacts:
    if len(facts) >= CACHE_SIZE:
        facts.clear()
    script = word_script(word)
    function_word = script == "other" and lang in MORPHOLOGY_LANGS and analyse(word, lang).function_word
    facts[word] = _WordFacts(script, word.lower() in lexicon.IGNORED_ABBREVIATIONS, function_word)
    return facts[word]


def _programme(found: Found) -> bool:
    """A topic that names a programme or system, which goes on with genitive names: "… схема
    планування території України"."""
    return " " in found.key and not lexicon.PROGRAMME_HEADS.isdisjoint(found.key.split())


def _words_at(text: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start()) for m in re.finditer(r"\S+", text)]


@functools.lru_cache(maxsize=CACHE_SIZE)
def _street(key: str) -> bool:
    """A street's name: "вулиця Озерна", "Озерна вулиця"."""
    return _STREET.search(key) is not None


def _apart(left: str, word: str) -> bool:
    """Latin capitals that make two names: "NATO ISW", "NATO Secretary General …"."""
    return left.isupper() and (word.isupper() or word.lower() in lexicon.PERSON_CUES)


class ParagraphReader:
    """One paragraph being read, and where it sits in the article."""

    def __init__(self, text: str, lang: str, index: int, count: int) -> None:
        self.text, self.lang = text, lang
        self.morphology = lang in MORPHOLOGY_LANGS
        self._no_break_space = "\u00a0" in text  # else previous_word need not look for one
        self._facts = _FACTS.get(lang) or _FACTS.setdefault(lang, {})
        self.scale = 1.0 / (max(1, count) * max(1, len(text)))
        self.offset = index / max(1, count)

    def mentions(self) -> list[Mention]:
        found: list[Mention] = []
        self.starts: dict[int, int] = {}  # where a mention starts in the text -> its index
        self.heads: list[int] = []  # mentions genitive names may follow: organisations, districts, codes
        self.read_in: dict[int, tuple[Found, list[Token]]] = {}  # index -> the found and its run
        self.absorbed: set[int] = set()  # mentions of adjectives an abbreviation took in
        self.quoted_at: dict[int, tuple[int, int]] = {}  # a quoted name's start -> (index, end)
        self.people: list[tuple[int, int]] = []  # (where it starts, index) of each person's mention
        self.families: set[str] = set()  # keys of families' surnames: "Сергій та Олександр Буряки"
        quoted = quoted_names(self, found) if "«" in self.text else []
        # "Кубок Ліги 2006", "ІТВ 2011": a name that runs on with its year is not read whole
        years = {m.start() for m in _YEAR.finditer(self.text)} if " 19" in self.text or " 20" in self.text else ()
        # where quoted spans lie at all: most words stand outside them, told with two comparisons
        quoted_from, quoted_to = (min(quoted)[0], max(b for _, b in quoted)) if quoted else (0, 0)
        for stretch in _CAPITALISED_STRETCH.finditer(self.text):
            count = len(found) if years else 0
            word = stretch.group()
            if not word.isalnum():  # several words, or one with an apostrophe or a hyphen
                if word[word.rfind(" ") + 1 :] in lexicon.FOREIGN_LEGAL_WORDS and self._foreign_company(stretch, quoted, found):
                    continue
                for run in self._runs(stretch, quoted):
                    self._run(run, found)
            elif len(word) > 1:  # "Я", "І", initials are no names
                start = stretch.start()
                if quoted_from <= start < quoted_to and any(a <= start < b for a, b in quoted):
                    continue  # words of a quoted name
                self._single(word, start, None, found)
            if years and stretch.end() in years:
                found[count:] = [m._replace(inside=True) for m in found[count:]]
        if self.people or "ім." in self.text or "імені" in self.text:
            read_by_convention(self, found)
        merged = with_genitive_names(self, found) if self.heads else set()
        gone = merged | self.absorbed | {i for i in self.heads if generic(found[i].found)}
        return [m for i, m in enumerate(found) if i not in gone] if gone else found

    def _foreign_company(self, stretch: re.Match[str], quoted: list[tuple[int, int]], out: list[Mention]) -> bool:
        """A transliterated company name with its legal form, read as written, whole:
        "Каліндо Лімітед" (no person "Калінда"), "Сопрема Трейдінг ЛТД", "… Корп."."""
        start = stretch.start()
        if not self.morphology or " " not in stretch.group() or (quoted and any(a <= start < b for a, b in quoted)):
            return False
        end = stretch.end() + (self.text[stretch.end() : stretch.end() + 1] == ".")
        name = self.text[start:end]
        run = [(w, start + i, "other") for w, i in _words_at(name)]
        company = Found(0, name, tag_key(name), "organisation", strong=True, size=len(run))
        self._record([company], run, start, is_sentence_start(self.text, start), False, out)
        return True

    def _runs(self, stretch: re.Match[str], quoted: list[tuple[int, int]]) -> list[list[Token]]:
        """The names' runs in a stretch of capitalised words: split by script and gaps."""
        runs: list[list[Token]] = []
        run: list[Token] = []
        text, facts = self.text, self._facts
        for match in _CAPITALISED.finditer(text, stretch.start(), stretch.end()):
            word, start = match.group().rstrip(_APOSTROPHES), match.start()
            if len(word) < 2 or "_" in word or (quoted and any(a <= start < b for a, b in quoted)):
                continue  # "Я", "І", initials; words of a quoted name
            script = (facts.get(word) or _learn(facts, word, self.lang)).script
            if run and run[-1][2] == "abbreviation" and run[-1][0] in _TERRITORY_KINDS and script == "other":
                run[-1] = (f"{run[-1][0]} {word}", run[-1][1], "abbreviation")  # "АР Крим": one place
                continue
            if run and script == run[-1][2] != "abbreviation" and (script != "latin" or not _apart(run[-1][0], word)):
                left = run[-1]
                end = left[1] + len(left[0])
                # the common case, one space apart, told without a call
                gap = "" if start == end + 1 and text[end] == " " else self._gap(left, start)
                if gap is not None:
                    # "Урсули фон дер Ляєн": the particles travel with the surname
                    start -= len(gap) + 1 if gap else 0
                    run.append((f"{gap} {word}" if gap else word, start, script))
                    continue
            if run:
                runs.append(run)
            run = [(word, start, script)]
        if run:
            runs.append(run)
        return runs

    def _gap(self, left: Token, start: int) -> str | None:
        """What joins two capitalised words into one name: "" for a space, or particles.

        None when they stand apart. Latin names run across "of the" ("Institute for
        the Study of War"); Cyrillic surnames carry their particles ("фон дер").
        """
        end = left[1] + len(left[0])
        if start == end + 1:  # the common case: one character apart
            return "" if self.text[end].isspace() else None
        gap = self.text[end:start]
        if gap.isspace():
            return ""
        words = gap.split()
        if not 0 < len(words) <= 2 or not gap[0].isspace() or not gap[-1].isspace():
            return None
        if left[2] == "latin" and all(w in lexicon.NAME_CONNECTORS for w in words):
            return ""
        if left[2] == "other" and all(w in lexicon.SURNAME_PARTICLES for w in words):
            return " ".join(words)
        return None

    def _single(self, word: str, start: int, script: str | None, out: list[Mention]) -> None:
        """A run of one word: most runs are, and most of their facts are the word's own."""
        facts = self._facts.get(word) or _learn(self._facts, word, self.lang)
        if facts.ignored:
            return  # a legal form in mixed case: "ПрАТ", "ТзОВ"
        text = self.text
        if start > 1 and text[start - 1] == " " and text[start - 2].isalnum():
            initial = False  # mid-sentence, the common case, told without a call
        else:
            initial = is_sentence_start(text, start)
        script = script or facts.script
        if script != "other" or not self.morphology:
            self._read([(word, start, script)], out, initial)
        elif not (initial and facts.function_word):  # "Але", "Саме": a fifth of all capitalised words
            run = [(word, start, script)]
            founds = self._morphology_names(run, initial)
            if founds:
                self._record(founds, run, start, initial, False, out)

    def _run(self, run: list[Token], out: list[Mention]) -> None:
        word, start, script = run[0]
        if len(run) == 1:
            self._single(word, start, script, out)
            return
        text = self.text
        # mid-sentence, the common case, is told here without a call
        initial = not (start > 1 and text[start - 1] == " " and text[start - 2].isalnum()) and is_sentence_start(
            text, start
        )
        self._read(run, out, initial)

    def _read(self, run: list[Token], out: list[Mention], initial: bool) -> None:
        text = self.text
        word, start, script = run[0]
        if script == "latin" and len(run) == 1 and word.isupper():
            script = "abbreviation"  # ISW, BBC
        elif script == "latin" and "." in text[(after := run[-1][1] + len(run[-1][0])) + 2 : after + 4]:
            run = self._with_legal_initials(run)
        inside = False
        if script == "abbreviation":
            founds, run = self._abbreviation(run, initial)
            if run[0][1] != start:  # the adjective before it opens the name
                start, initial = run[0][1], is_sentence_start(text, run[0][1])
                inside = listed_before(self, start)
        elif script == "other" and self.morphology:
            founds = self._morphology_names(run, initial)
        elif len(run) == 1:
            founds = name_heuristic_run((word,), (), "" if initial else self.previous_word(start), self.lang)
        else:
            gaps = tuple(text[s + len(w) : n] for (w, s, _), (_, n, _) in pairwise(run))
            previous = "" if initial else self.previous_word(start)
            founds = name_heuristic_run(tuple(t[0] for t in run), gaps, previous, self.lang)
        if founds:
            self._record(founds, run, start, initial, inside, out)

    def _record(
        self, founds: Sequence[Found], run: list[Token], start: int, initial: bool, inside: bool, out: list[Mention]
    ) -> None:
        """The names read in a run, as mentions where they stand."""
        offset, scale, morphology = self.offset, self.scale, self.morphology
        for found in founds:
            index, kind, at = len(out), found.kind, found.offset
            if morphology:
                key = found.key
                if kind == "place" and _street(key) and self._address(found, run):
                    continue
                # where it ends is worked out only next to an organisation
                self.read_in[index] = (found, run)
                if kind == "organisation" or key.endswith(_RUNS_ON) or kind == "topic" and _programme(found):
                    self.heads.append(index)
            if at:  # a later word of the run: "Росії Володимира Путіна"
                at = run[at][1]
                fields = (found, offset + at * scale, is_sentence_start(self.text, at), False)
            else:
                at = start
                fields = (found, offset + at * scale, initial, inside)
            if kind == "person":
                self.people.append((at, index))
            self.starts[at] = index
            out.append(tuple.__new__(Mention, fields))  # no NamedTuple constructor: one per name read

    def _with_legal_initials(self, run: list[Token]) -> list[Token]:
        """A Latin company name with its legal form in initials: "ALFA Trading S. A."."""
        word, start, script = run[-1]
        suffix = _LATIN_LEGAL_INITIALS.match(self.text, start + len(word))
        if suffix is None or len(run) < 2 and not word[1:].islower():
            return run
        return [*run, (suffix.group(1).strip(), suffix.start(1), script)]

    def _abbreviation(self, run: list[Token], initial: bool) -> tuple[Sequence[Found], list[Token]]:
        """An abbreviation's name, and its run: with the adjective before it when it takes one."""
        word, start, script = run[0]
        if self.text.startswith(" «", start + len(word)):
            return (), run  # ТОВ «Дельта», ПК «Альфа»: a legal form, or part of the quoted name
        found = name_abbreviation(word, self.lang)
        if found is not None and self.morphology and not initial:
            found = with_adjective(self, found, start)
        if found is None:
            return (), run
        if found.offset < 0:  # the adjective before it opens the name: "Черкаське ОТВ"
            start += found.offset
            return (replace(found, offset=0),), [(self.text[start : run[0][1] + len(word)], start, script)]
        return (found,), run

    def _address(self, found: Found, run: list[Token]) -> bool:
        """A street (see _street) with a house number is an address, no topic: "вул. Озерна, 14"."""
        last = run[min(len(run), found.offset + found.size) - 1]
        return _HOUSE_NUMBER.match(self.text, last[1] + len(last[0])) is not None

    def _morphology_names(self, run: list[Token], initial: bool) -> Sequence[Found]:
        word, start, _ = run[0]
        words = (word,) if len(run) == 1 else tuple(token[0] for token in run)
        previous = "" if initial else self.previous_word(start)  # nothing counts across a sentence start
        names = name_morphology_run(words, previous, self.lang)
        founds: Sequence[Found] = names.founds
        if previous[:3] in _EVENT_STARTS and lemmas_of(previous, self.lang) & lexicon.EVENT_HEADS:
            # "чемпіонату Європи": the event's name, not the place
            founds = [f for f in founds if f.offset or f.kind != "place"]
        if names.adjective_last:
            phrase = adjective_phrase(self, run)
            if phrase is not None:
                founds = (*[f for f in founds if f.offset < len(run) - 1], *((phrase,) if phrase.key else ()))
            else:  # "Житомирській та Полтавській областях": the last of listed regions
                listed = listed_before_plural(self, run)
                if listed is not None:
                    founds = (*[f for f in founds if f.offset < len(run) - 1], listed)
        if names.tails:
            # a common noun opening a sentence ("Частина коштів …") is no name however it goes on
            founds = [with_tail(self, f, run) if f.takes_tail and not (initial and f.common and not f.offset) else f for f in founds]
        return founds

    def previous_word(self, start: int) -> str:
        """The word just before ``start`` when only spaces stand between them.

        Always "" where a sentence opens (tested), so callers that know it skip the call."""
        text = self.text
        end = start - 1
        if end < 1 or not text[end].isspace():
            return ""
        last = text[end - 1]
        if not last.isalpha() or last.isupper():  # else a lower-case word, the common case
            # an initial before: a capital alone, or with its full stop ("вул. І. Франка")
            initial = (last.isupper() or last == "." and text[end - 2 : end - 1].isupper()) and (
                _INITIAL_BEFORE.search(text, max(0, end - 3), end)
            )
            if initial:  # "вул. І. Франка": the street's word stands before the initial
                before = self.previous_word(initial.start() + 1)
                return before if before in lexicon.STREET_WORDS else ""
            if not last.isalpha() and not text.endswith(_STREET_ABBREVIATIONS, 0, end):
                return ""  # a full stop ends a sentence, or an abbreviation: only a street's counts
        # Look back a bounded stretch: an unbounded rfind for a no-break space that is
        # not there scans the whole paragraph, for every mention (quadratic on long text).
        low = end - 64 if end > 64 else 0
        begin = text.rfind(" ", low, end)
        if begin < 0:
            begin = low - 1
        if self._no_break_space:
            begin = max(begin, text.rfind("\u00a0", low, end))
        begin += 1
        return dictionary_form(text[begin:end].lstrip('«"„“(['))
