"""The dictionary forms a search document carries: which inflected words of an article stand
for which dictionary form ("москва": "москві", "москвою"), so search.js can widen a query. Pure."""

from __future__ import annotations

import functools
import re

from newsgen.text.language_guess import base_language
from newsgen.text.morphology import MORPHOLOGY_LANGS, analyser

# A Cyrillic word of a lower-cased text with ASCII apostrophes (morphology.dictionary_form).
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff\u0300-\u036f]+(?:['-][\u0400-\u04ff\u0300-\u036f]+)*")
# Words with one of these readings add no dictionary form ("його" is no news of "йога").
_SKIP_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED", "NUMR"})
# What readers look for: names, places, things, and their adjectives ("українська" ->
# "український"). Verbs were a third of all dictionary forms, and nobody's query.
_LEMMA_POS = frozenset({"NOUN", "ADJF"})
_MIN_LEMMA = 2
_APOSTROPHES = ("’", "ʼ", "‘", "`")  # as morphology.dictionary_form maps them


def lemma_pairs(text: str, lang: str) -> list[tuple[str, tuple[str, ...]]]:
    """(dictionary form, the inflected word forms of ``text`` it stands for), for every noun
    and adjective of the text that is not in its dictionary form; in the order of the text,
    each dictionary form once. Pure.

    A query in a dictionary form finds the article through them, and a query "Москві"
    found in one article widens to the articles saying "Москва" or "Москвою" (search.js).
    """
    base = base_language(lang)
    if base not in MORPHOLOGY_LANGS:
        return []
    # Only Cyrillic words have Cyrillic dictionary forms.
    words = dict.fromkeys(_CYRILLIC_WORD.findall(_lower_with_ascii_apostrophes(text)))
    pairs: dict[str, list[str]] = {}
    for word in words:
        for lemma in word_lemmas(word, base):
            pairs.setdefault(lemma, []).append(word)
    return [(lemma, tuple(forms)) for lemma, forms in pairs.items()]


def _lower_with_ascii_apostrophes(text: str) -> str:
    """morphology.dictionary_form for a whole text (str.translate is slow on long strings)."""
    text = text.lower()
    for apostrophe in _APOSTROPHES:
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    return text


@functools.lru_cache(maxsize=262144)
def word_lemmas(word: str, lang: str) -> tuple[str, ...]:
    """The dictionary forms of one lower-case word form: of every noun and adjective reading.

    Function words and abbreviations give none ("НАТО" is no form of "ната"); a word the
    dictionary does not know gives its best guess.
    """
    morph = analyser(lang)
    parses = morph.parse(word)
    if not parses or any(p.tag.POS in _SKIP_POS or "Abbr" in p.tag.grammemes for p in parses):
        return ()
    if not morph.word_is_known(word):
        parses = parses[:1]
    lemmas = dict.fromkeys(p.normal_form for p in parses if p.tag.POS in _LEMMA_POS)
    return tuple(lemma for lemma in lemmas if len(lemma) >= _MIN_LEMMA and lemma != word)
