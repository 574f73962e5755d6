"""Topic tags from text: the people, places and organisations an article names.

Seed articles carry no tags, so we derive them. In Ukrainian (and Russian) the
dictionary tells first names, surnames and nouns apart and gives their nominative, so
"Путіна", "Путіним" and "Путін" collapse into one tag; "Марк Рютте" becomes one person
and a later bare "Рютте" counts for him. A capitalised word at the start of a sentence
proves nothing, so it only counts when the dictionary calls it a name or the article
also writes it capitalised mid-sentence. Other languages get the same capitalisation
heuristic without morphology. Tags are ranked by how often and how early they appear.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from operator import itemgetter
from typing import NamedTuple

from newsgen.text import lexicon
from newsgen.text.morphology import MORPHOLOGY_LANGS, analyse, dictionary_form
from newsgen.text.names import (
    Found,
    genitive_tail,
    lemmas_of,
    name_abbreviation,
    name_adjective_noun,
    name_heuristic_run,
    adjective_nominative,
    genitive_name,
    genitive_tail,
    name_adjective_words,
    name_morphology_run,
    quoted_nominative,
    tag_key,
)
from newsgen.text.sentences import UPPER, is_sentence_start

__all__ = ["DEFAULT_LIMIT", "KINDS", "EntityTag", "extract_entity_tags", "tag_key", "tag_kind"]

KINDS = ("person", "place", "organisation", "topic")
DEFAULT_LIMIT = 8
_COMMON_NOUN_EVIDENCE = 2
MIN_TAGS = 3  # an article naming fewer salient names is filled up with its next best
_POSITION_WEIGHT = 0.5  # a mention at the very top is worth half a mention more

_UPPER_CLASS = re.escape(UPPER)
_URL = re.compile(r"(?:https?://|www\.)\S*[^\s.,;:!?»)]|[\w.+-]+@[\w-]+(?:\.\w+)+")
# The capital is matched before the look-behind that checks what precedes it: a pattern
# that opens with a character class lets the regex engine skip ahead, 2.5x faster.
_WORD = rf"[{_UPPER_CLASS}](?<![\w'’ʼ-].)[\w'’ʼ]*(?:-[\w'’ʼ]+)*"
_CAPITALISED = re.compile(_WORD)
_JOINERS = "|".join(sorted(lexicon.NAME_CONNECTORS | lexicon.SURNAME_PARTICLES, key=len, reverse=True))
# Capitalised words that may make one name: apart by spaces, connectors or particles.
# One match per stretch, not per word; `_Paragraph._gap` decides which words really join.
_CAPITALISED_STRETCH = re.compile(rf"{_WORD}(?:\s+(?:(?:{_JOINERS})\s+){{0,2}}{_WORD})*")
# A name in guillemets, possibly holding one more: «Хокейний клуб «Сокіл»(»).
_QUOTED_NAME = re.compile(rf"«([{_UPPER_CLASS}][^«».,!?;:]{{0,50}}?(?:\s«[^«».!?;:]{{1,40}})?)»(?:»)?")
_QUOTED_NAME_WORDS = 6
_NEXT_WORD = re.compile(r" [\w'’ʼ-]+")
_TOWN_WORD = re.compile(r"(?:м\.|міста|смт|с\.) ")
_APOSTROPHES = "'’ʼ"
_LAST_LATIN = "\u024f"  # the end of Latin Extended-B


@dataclass(frozen=True, slots=True)
class EntityTag:
    """A tag derived from an article's text."""

    name: str  # display form: dictionary form with the text's capitals ("Марк Рютте")
    kind: str  # one of KINDS
    key: str  # tag_key(name): shared with authors' tags of the same name
    score: float  # mentions, plus up to _POSITION_WEIGHT for an early first mention


_Token = tuple[str, int, str]  # word, start offset, script


class _Mention(NamedTuple):  # a NamedTuple: made thousands of times per corpus
    found: Found
    position: float  # 0.0 at the top of the article, towards 1.0 at its end
    initial: bool  # opens a sentence, so its capital letter proves nothing


def extract_entity_tags(
    paragraphs: Sequence[str], lang: str = "uk", limit: int = DEFAULT_LIMIT, fill: int = MIN_TAGS
) -> tuple[EntityTag, ...]:
    """The top ``limit`` salient people, places and organisations named in an article.

    Salient: named twice or more, or in the lead paragraph. Names mentioned once further
    down fill the list up to ``fill`` tags.
    """
    base_lang = lang.replace("_", "-").split("-")[0].lower()
    mentions: list[_Mention] = []
    for index, text in enumerate(paragraphs):
        if "://" in text or "www." in text or "@" in text:
            text = _URL.sub(" ", text)  # nothing inside a link is a name
        paragraph = _Paragraph(text, base_lang, index, len(paragraphs))
        mentions += paragraph.mentions()
    return tuple(_rank(mentions, limit, fill, 1.0 / max(1, len(paragraphs))))


@functools.lru_cache(maxsize=8192)  # authors repeat their tags across an archive
def tag_kind(name: str, lang: str = "uk") -> str:
    """The kind of an author's own tag, as far as its words tell: "Путін" -> person."""
    base_lang = lang.replace("_", "-").split("-")[0].lower()
    words = tuple(name.split())
    found: Found | None = None
    if len(words) == 1 and len(words[0]) > 1 and words[0].isupper():
        found = name_abbreviation(words[0], base_lang)
    elif words and base_lang in MORPHOLOGY_LANGS and all(w[:1].isupper() for w in words):
        founds = name_morphology_run(words, "", base_lang).founds
        found = founds[0] if len(founds) == 1 else None
    return found.kind if found is not None else "topic"


def _script(word: str) -> str:
    """Which words may share a name: Latin with Latin, other with other; never abbreviations."""
    return "abbreviation" if word.isupper() else "latin" if word[0] <= _LAST_LATIN else "other"


class _Paragraph:
    """One paragraph being read, and where it sits in the article."""

    def __init__(self, text: str, lang: str, index: int, count: int) -> None:
        self.text, self.lang = text, lang
        self.morphology = lang in MORPHOLOGY_LANGS
        self._no_break_space = "\u00a0" in text  # else _previous_word need not look for one
        self._scale = 1.0 / (max(1, count) * max(1, len(text)))
        self._offset = index / max(1, count)

    def mentions(self) -> list[_Mention]:
        found: list[_Mention] = []
        self._starts: dict[int, int] = {}  # where a mention starts in the text -> its index
        self._organisations: list[int] = []  # the indexes of organisations' mentions
        self._read_in: dict[int, tuple[Found, list[_Token]]] = {}  # index -> the found and its run
        self._absorbed: set[int] = set()  # mentions of adjectives an abbreviation took in
        self._quoted_at: dict[int, tuple[int, int]] = {}  # a quoted name's start -> (index, end)
        quoted = self._quoted_names(found) if "«" in self.text else []
        for stretch in _CAPITALISED_STRETCH.finditer(self.text):
            word = stretch.group()
            if not word.isalnum():  # several words, or one with an apostrophe or a hyphen
                for run in self._runs(stretch, quoted):
                    self._run(run, found)
                continue
            start = stretch.start()
            if len(word) < 2 or "_" in word or (quoted and any(a <= start < b for a, b in quoted)):
                continue  # "Я", "І", initials; an identifier (API_KEY); words of a quoted name
            self._run([(word, start, _script(word))], found)
        merged = self._with_genitive_names(found) if self._organisations else set()
        gone = merged | self._absorbed | {i for i in self._organisations if _generic(found[i].found)}
        return [m for i, m in enumerate(found) if i not in gone] if gone else found

    def _runs(self, stretch: re.Match[str], quoted: list[tuple[int, int]]) -> list[list[_Token]]:
        """The names' runs in a stretch of capitalised words: split by script and gaps."""
        runs: list[list[_Token]] = []
        run: list[_Token] = []
        for match in _CAPITALISED.finditer(self.text, stretch.start(), stretch.end()):
            word, start = match.group().rstrip(_APOSTROPHES), match.start()
            if len(word) < 2 or "_" in word or (quoted and any(a <= start < b for a, b in quoted)):
                continue  # "Я", "І", initials; words of a quoted name
            script = _script(word)
            if run and script == run[-1][2] != "abbreviation":
                gap = self._gap(run[-1], start)
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

    def _gap(self, left: _Token, start: int) -> str | None:
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

    def _run(self, run: list[_Token], out: list[_Mention]) -> None:
        text = self.text
        word, start, script = run[0]
        if len(run) == 1 and word.lower() in lexicon.IGNORED_ABBREVIATIONS:
            return  # a legal form in mixed case: "ПрАТ", "ТзОВ"
        initial = is_sentence_start(text, start)
        if script == "abbreviation":
            if text.startswith(" «", start + len(word)):
                return  # ТОВ «Дельта», ПК «Альфа»: a legal form before the name
            found = name_abbreviation(word, self.lang)
            if found is not None and self.morphology and not initial:
                found = self._with_adjective(found, start)
            founds: Sequence[Found] = () if found is None else (found,)
            if founds and founds[0].offset < 0:  # the adjective before it opens the name
                start, founds = start + founds[0].offset, (replace(founds[0], offset=0),)
                initial = is_sentence_start(text, start)
        elif script == "other" and self.morphology:
            founds = self._morphology_names(run, initial)
        elif len(run) == 1:
            founds = name_heuristic_run((word,), (), self._previous_word(start), self.lang)
        else:
            gaps = tuple(text[s + len(w) : n] for (w, s, _), (_, n, _) in pairwise(run))
            previous = self._previous_word(start)
            founds = name_heuristic_run(tuple(t[0] for t in run), gaps, previous, self.lang)
        offset, scale = self._offset, self._scale
        for found in founds:
            if self.morphology:  # where it ends is worked out only next to an organisation
                self._read_in[len(out)] = (found, run)
                if found.kind == "organisation":
                    self._organisations.append(len(out))
            if found.offset:  # a later word of the run: "Росії Володимира Путіна"
                at = run[found.offset][1]
                self._starts[at] = len(out)
                out.append(_Mention(found, offset + at * scale, is_sentence_start(text, at)))
            else:
                self._starts[start] = len(out)
                out.append(_Mention(found, offset + start * scale, initial))

    def _with_adjective(self, found: Found, start: int) -> Found:
        """An abbreviation with the capitalised adjective before it: "Диканської РДА" ->
        "Диканська РДА" (the adjective's mention, already read, is taken back)."""
        before = self.text.rfind(" ", 0, start - 1) + 1
        word = self.text[before : start - 1]
        if start < 2 or self.text[start - 1] != " " or not word[:1].isupper() or word.isupper():
            return found
        adjective = adjective_nominative(word, self.lang)
        if adjective is None:
            return found
        if before in self._starts:
            self._absorbed.add(self._starts[before])
        name = f"{adjective} {found.name}"
        return replace(found, name=name, key=tag_key(name), offset=before - start, strong=False)

    def _end_of(self, found: Found, run: list[_Token]) -> int:
        """Where a name ends in the text: its last word in the run, and the lower-case
        words its name carries beyond the run ("Господарського суду", "Служба безпеки")."""
        last = run[min(len(run), found.offset + found.size) - 1]
        end = last[1] + len(last[0])
        if found.name[:1].islower():  # "проспект Миру": its first word stands before the run
            return end
        covered = sum(len(t[0].split()) for t in run[found.offset : found.offset + found.size])
        for _ in range(len(found.name.split()) - covered):
            match = _NEXT_WORD.match(self.text, end)
            if match is None:
                break
            end = match.end()
        return end

    def _with_genitive_names(self, found: list[_Mention]) -> set[int]:
        """An organisation takes the names in the genitive that follow it, as written:
        "Господарського суду Рівненської області", "Служби безпеки України"."""
        merged: set[int] = set()
        text = self.text
        for index in self._organisations:
            if index in self._absorbed:
                continue
            mention, parts = found[index], []
            end = self._end_of(*self._read_in[index])
            while True:
                at = end + 1 if text[end : end + 1] == " " else -1
                # a generic head alone ("Компанія «Дельта»") leaves the name to the quotes
                if at in self._quoted_at and " " in mention.found.name and self._quoted_at[at][0] not in merged:
                    quoted, end = self._quoted_at[at]  # "Міжнародний аеропорт «Бориспіль»"
                    parts.append(text[at:end])
                    merged.add(quoted)
                    break
                town = _TOWN_WORD.match(text, at) if at > 0 else None  # "суду м. Києва"
                follower_at = town.end() if town else at
                follower = self._starts.get(follower_at)
                if follower is None or follower in merged or follower in self._absorbed:
                    break
                other = found[follower].found
                if other.kind not in ("place", "organisation") or follower not in self._read_in:
                    break
                other_end = self._end_of(*self._read_in[follower])
                if not genitive_name(text[follower_at:other_end].split()[0], self.lang):
                    break
                written = text[at:other_end]
                parts.append(written)
                merged.add(follower)
                end = other_end
            if parts:
                name = " ".join([mention.found.name, *parts])
                whole = replace(mention.found, name=name, key=tag_key(name), takes_tail=False)
                found[index] = mention._replace(found=whole)
        return merged

    def _morphology_names(self, run: list[_Token], initial: bool) -> Sequence[Found]:
        word, start, _ = run[0]
        if len(run) == 1:
            if initial and analyse(word, self.lang).function_word:
                return ()  # "Але", "Саме", "Відповідаючи": a fifth of all capitalised words
            words: tuple[str, ...] = (word,)
        else:
            words = tuple(token[0] for token in run)
        names = name_morphology_run(words, self._previous_word(start), self.lang)
        founds: Sequence[Found] = names.founds
        if names.adjective_last:
            phrase = self._adjective_phrase(run)
            if phrase is not None:
                founds = (*[f for f in founds if f.offset < len(run) - 1], phrase)
        if names.tails:
            founds = [self._with_tail(f, run) if f.takes_tail else f for f in founds]
        return founds

    def _adjective_phrase(self, run: list[_Token]) -> Found | None:
        """The run's last word as an adjective before a lower-case noun: "Білому домі"."""
        word, start, _ = run[-1]
        end = start + len(word)
        text = self.text
        if end + 1 >= len(text) or text[end] != " " or not text[end + 1].islower():
            return None
        lowers = []
        for raw in text[end + 1 : end + 120].split(maxsplit=3)[:3]:
            lowers.append(raw.rstrip(",.;:!?»)…"))
            if lowers[-1] != raw:
                break  # punctuation ends the phrase
        found = _adjective_words_at(word.rsplit(" ", 1)[-1], tuple(lowers), self.lang, len(run) - 1)
        if found is None or found.kind != "organisation":
            return found
        after = end
        for _ in range(len(found.name.split()) - 1):
            match = _NEXT_WORD.match(text, after)
            after = match.end() if match else after
        tail = genitive_tail(text, after, self.lang)  # "Українського центру оцінювання якості освіти"
        if not tail:
            return found
        name = " ".join([found.name, *tail])
        return replace(found, name=name, key=tag_key(name))

    def _with_tail(self, found: Found, run: list[_Token]) -> Found:
        word, start, _ = run[found.offset]
        tail = genitive_tail(self.text, start + len(word), self.lang)
        if not tail:
            return found
        name = " ".join([found.name, *tail])
        return Found(found.offset, name, tag_key(name), found.kind, found.strong)

    def _previous_word(self, start: int) -> str:
        """The word just before ``start`` when only spaces stand between them."""
        text = self.text
        end = start - 1
        if end < 1 or not text[end].isspace() or not text[end - 1].isalpha():
            return ""
        # Look back a bounded stretch: an unbounded rfind for a no-break space that is
        # not there scans the whole paragraph, for every mention (quadratic on long text).
        low = max(0, end - 64)
        begin = max(text.rfind(" ", low, end), low - 1)
        if self._no_break_space:
            begin = max(begin, text.rfind("\u00a0", low, end))
        begin += 1
        return dictionary_form(text[begin:end].lstrip('«"„“(['))

    def _quoted_names(self, out: list[_Mention]) -> list[tuple[int, int]]:
        """Names in guillemets, and the spans whose words are not names of their own.

        «Керуюча компанія «Альфа» is one name (nested quotes close together); a
        quoted title that opens with a function word («Про внесення змін …») is no
        name, and neither are the capitalised words inside it.
        """
        spans = []
        for found in _QUOTED_NAME.finditer(self.text):
            mention = self._quoted(found)
            if mention is not False:
                spans.append(found.span())
            if isinstance(mention, _Mention):
                self._quoted_at[found.start()] = (len(out), found.end())
                out.append(mention)
        return spans

    def _quoted(self, found: re.Match[str]) -> _Mention | bool:
        """A short name in guillemets: компанія «Нафтогаз», у «Віснику закупівель».

        False when the quotation is no name (its words are read one by one); True
        when it is a title whose words are no names either.
        """
        inner = found.group(1)
        name = " ".join(inner.split())
        if "«" in name:
            name += "»"
        words = name.split()
        first = words[0].strip("«»").lower()
        if first in lexicon.LEADING_STOPWORDS:
            return False
        info = analyse(first, self.lang) if self.morphology else None
        if info is not None and info.known and info.function_word:
            return True  # «Про внесення змін до …»: the title of a law (a guess proves nothing)
        if len(words) > _QUOTED_NAME_WORDS or is_sentence_start(self.text, found.start()):
            return False  # a quotation: «Ми не відступимо», – сказав …
        if self.morphology:
            name = quoted_nominative(name, self.lang)
        cues = lemmas_of(self._previous_word(found.start()), self.lang)
        nested = "«" in inner  # «Хокейний клуб «Сокіл»: a company and its brand
        kind = "organisation" if nested or cues & lexicon.ORGANISATION_CUES else "topic"
        position = self._offset + found.start() * self._scale
        return _Mention(Found(0, name, tag_key(name), kind, strong=False), position, False)


def _generic(found: Found) -> bool:
    """A bare organisation head with nothing naming it: "Агентство", "Дирекція", "Компанія"."""
    return found.key in lexicon.ORGANISATION_HEADS and found.key not in lexicon.PROPER_ORGANISATIONS


@functools.lru_cache(maxsize=8192)  # dataclasses.replace is slow, and the phrases repeat
def _adjective_words_at(adjective: str, lowers: tuple[str, ...], lang: str, offset: int) -> Found | None:
    found = name_adjective_words(adjective, lowers, lang)
    return None if found is None else replace(found, offset=offset, size=1)


# --- Ranking -------------------------------------------------------------------------


def _rank(mentions: list[_Mention], limit: int, fill: int, lead_end: float) -> list[EntityTag]:
    """The salient names, best first; a name mentioned once further down is a detail."""
    salient, minor = [], []
    for group in _group_by_entity(mentions).values():
        first, evidence, common_evidence = 1.0, False, 0
        for found, position, initial in group:
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


def _group_by_entity(mentions: list[_Mention]) -> dict[str, list[_Mention]]:
    """Group mentions by tag key; a bare surname joins the full name it belongs to.

    Two full names that differ only by an ending are one person too: "Марком Рютте"
    read as Марко beside "Марк Рютте"; an unknown surname guessed in two cases.
    """
    persons: list[str] = []
    person_by_surname: dict[str, str] = {}
    groups: dict[str, list[_Mention]] = {}
    for mention in mentions:
        found = mention.found
        if found.full_person:
            key = next((k for k in persons if _same_person(k, found.key)), None)
            if key is None:
                persons.append(key := found.key)
            for surname in found.surnames:
                person_by_surname.setdefault(surname, key)
            groups.setdefault(key, []).append(mention)
    for mention in mentions:
        found = mention.found
        if found.full_person:
            continue
        key = found.key
        if key in person_by_surname:
            key = person_by_surname[key]
        elif found.surnames and person_by_surname:
            key = _person_for(found.surnames, person_by_surname) or key
        groups.setdefault(key, []).append(mention)
    return groups


@functools.lru_cache(maxsize=8192)  # the same pairs of names meet in article after article
def _same_person(known: str, key: str) -> bool:
    """Full names whose words differ at most in their last two letters."""
    if known == key:
        return True
    words_a, words_b = known.split(" "), key.split(" ")
    return len(words_a) == len(words_b) and all(map(_same_stem, words_a, words_b))


def _same_stem(a: str, b: str) -> bool:
    common = len(os.path.commonprefix((a, b)))
    return a == b or common >= max(3, len(a) - 2, len(b) - 2)


def _person_for(surnames: frozenset[str], person_by_surname: dict[str, str]) -> str | None:
    for surname in sorted(surnames):
        if surname in person_by_surname:
            return person_by_surname[surname]
    return None


def _representative(group: list[_Mention]) -> tuple[str, str, str]:
    """Name, kind and key: the name as the text writes it if it does, else the most used."""
    first = group[0].found
    if all(m.found.name == first.name and m.found.kind == first.kind for m in group):
        return first.name, first.kind, first.key
    full = [m.found for m in group if m.found.full_person]
    pool = [f for f in full if f.as_written] or full or [m.found for m in group]
    names = [f.name for f in pool]
    chosen = pool[names.index(max(names, key=names.count))]  # of equals, the earliest
    if full and len(full) < len(group):
        return chosen.name, "person", chosen.key  # a bare surname refers to it: a person
    kinds = [f.kind for f in pool]
    return chosen.name, max(kinds, key=kinds.count), chosen.key
