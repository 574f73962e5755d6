"""Organisations' names: a head noun and its name ("Радіо Свобода"), and the lower-case
genitives an official name carries ("Інститут вивчення війни", "Служба безпеки")."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from newsgen.text import lexicon
from newsgen.text.gazetteer import calendar_words
from newsgen.text.found import CACHE_SIZE, Found, Step, restore_case, tag_key
from newsgen.text.morphology import WordInfo, analyse, nominative


def organisation_at(words: Sequence[str], infos: Sequence[WordInfo], i: int) -> Step | None:
    """A head noun + its name: "Радіо Свобода"; "Інституту" takes a genitive tail later."""
    heads = [r for r in infos[i].with_role("noun") if r.lemma in lexicon.ORGANISATION_HEADS]
    if not heads:
        return None
    parts = [restore_case(nominative(heads[0]), words[i])]
    j = i + 1
    while j < len(words) and infos[j].with_role("noun", "adjective"):
        if j == len(words) - 1 and _genitive_adjective_only(infos[j]):
            break  # "Прокуратура Херсонської [області]": the adjective goes with the noun after the run
        parts.append(words[j])  # the name proper stays as written: "Радіо Свобода"
        j += 1
    tail = j == i + 1 == len(words)
    name = " ".join(parts)
    return j - i, Found(i, name, tag_key(name), "organisation", strong=False, takes_tail=tail)


def _genitive_adjective_only(info: WordInfo) -> bool:
    return not info.with_role("noun") and any(r.case == "gent" for r in info.with_role("adjective"))


PUNCTUATION = ",.;:!?»)…"  # what may close a word of a name in running text
_FIRST_TOKEN = re.compile(r"\s*(\S+)")  # the first word of str.split(): `\s` is str.isspace()
_TAIL_WINDOW = 160
_TIME_NOUNS = frozenset("рік місяць тиждень день доба квартал півріччя століття".split())


def genitive_tail(text: str, end: int, lang: str, limit: int = 3) -> list[str]:
    """Lower-case genitive words after an organisation's head: "вивчення війни"."""
    first = _FIRST_TOKEN.match(text, end, end + _TAIL_WINDOW)
    if first is None:
        return []
    word = first.group(1).rstrip(PUNCTUATION)
    if word == "справами" and text.endswith("правління", 0, end):
        return [word]  # "Державне управління справами", "Управління справами": an office's own name
    if not word[:1].islower() or not _is_genitive(word, lang):
        return []  # the common case, told from the first word alone
    return _genitive_words(text, end, lang, limit)


def _genitive_words(text: str, end: int, lang: str, limit: int) -> list[str]:
    words: list[str] = []
    raws = text[end : end + _TAIL_WINDOW].split(maxsplit=limit + 5)[: limit + 5]
    for index, raw in enumerate(raws):
        word = raw.rstrip(PUNCTUATION)
        if words and word in ("та", "і", "й") and word == raw and index + 1 < len(raws):
            after = raws[index + 1].rstrip(PUNCTUATION)
            # "Міністерство молоді та спорту"; not "… книги та місцевої влади", another body
            if after[:1].islower() and _is_genitive(after, lang) and not analyse(after, lang).adjective:
                words.append(word)
                continue
        if not word[:1].islower() or not _is_genitive(word, lang) or len(words) >= limit + 1 or word == "імені":
            break  # "… університету імені …": whom it is named after is read apart (long_names)
        if _time_word(word, lang):  # "… з питань кіно минулого року": a date, no part of the name
            if words and analyse(words[-1], lang).adjective:
                words.pop()  # its adjective: "минулого", "цього"
            break
        if index + 1 < len(raws) and _time_word(raws[index + 1].rstrip(PUNCTUATION), lang) and analyse(word, lang).adjective:
            break  # "… урядування минулого року": the adjective of the date
        if raw == f"{word}," and _listed_nouns(raws[index + 1 : index + 4], lang):
            # "розвитку, будівництва і ЖКГ"
            words += [raw, *(w.rstrip(PUNCTUATION) for w in raws[index + 1 : index + 4])]
            return words
        words.append(word)
        if word != raw:
            break  # punctuation closes the name
    # a name ends on a noun: "охорони здоров'я та місцевої" is cut off before another body
    while words and (words[-1] in ("та", "і", "й") or not analyse(words[-1], lang).with_role("noun")):
        words.pop()
    return words


@functools.lru_cache(maxsize=CACHE_SIZE)
def _time_word(word: str, lang: str) -> bool:
    lemmas = {r.lemma for r in analyse(word, lang).readings}
    return bool(lemmas & _TIME_NOUNS or lemmas & calendar_words(lang))


def _listed_nouns(raws: list[str], lang: str) -> bool:
    """The rest of an enumeration in a name: a genitive noun, "і"/"та", and a genitive noun or
    an abbreviation ending it: "… розвитку, будівництва і ЖКГ"."""
    if len(raws) < 3 or raws[1] not in ("та", "і", "й") or not raws[0][:1].islower():
        return False
    last = raws[2].rstrip(PUNCTUATION)
    if not _is_genitive(raws[0], lang) or not analyse(raws[0], lang).with_role("noun"):
        return False
    return (len(last) > 1 and last.isupper()) or (last[:1].islower() and _is_genitive(last, lang))


@functools.lru_cache(maxsize=CACHE_SIZE)
def genitive_name(word: str, lang: str) -> bool:
    """A capitalised word that can only be a genitive: "України", "Рівненської", "Києва"."""
    info = analyse(word, lang)
    singular = {r.case for r in info.readings if not r.plural}  # "України" is no plural of Україна here
    if info.known and info.readings and all(r.indeclinable for r in info.readings):
        return not info.function_word  # "Мінекономіки", "Укренерго": any case, the genitive too
    return info.known and "gent" in singular and "nomn" not in singular and not info.function_word


def _is_genitive(word: str, lang: str) -> bool:
    info = analyse(word, lang)
    return not info.function_word and any(r.case == "gent" for r in info.readings)

