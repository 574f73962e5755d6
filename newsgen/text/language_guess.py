"""Which language an archive is written in, from its most common short words. Pure.

``newsgen import`` names it so a migrating site gets the right interface language; the
guess only advises (a site's `language:` is always the author's), so a few function words
per language are enough: they are most of any text's short words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_FUNCTION_WORDS = {
    "uk": "і й та що це як не на до від для про він вона вони але також його їх був була є із",
    "ru": "и что это как не на до от для про он она они но также его их был была есть из",
    "en": "the and of to in is that for it with as was on are be this by from at",
    "de": "der die und das ist nicht mit den von zu ein eine auch sich des dem im",
    "fr": "le la les et des est une un du que pour dans pas qui sur avec au",
    "es": "el la los las y de que en un una es por para con del se al",
    "pl": "i w na nie się jest że do to z jak od po przez dla oraz",
}
_WORD_SETS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_UKRAINIAN_LETTERS = frozenset("іїєґ")  # a Ukrainian text has them, a Russian one never
_RUSSIAN_LETTERS = frozenset("ыэъё")
_SAMPLE_WORDS = 400  # per text: enough to tell, and an archive of 100,000 articles stays quick


def guess_language(texts: Iterable[str]) -> tuple[str | None, int, int]:
    """(the language code most texts are written in, how many texts are, how many were read).

    None when no text has enough words to tell.
    """
    votes: Counter[str] = Counter()
    read = 0
    for text in texts:
        read += 1
        if language := _language_of(text):
            votes[language] += 1
    if not votes:
        return None, 0, read
    language, count = votes.most_common(1)[0]
    return language, count, read


def _language_of(text: str) -> str | None:
    words = [word.lower() for word in _WORD.findall(text)[:_SAMPLE_WORDS]]
    scores = Counter({lang: sum(word in known for word in words) for lang, known in _WORD_SETS.items()})
    if "uk" in scores or "ru" in scores:  # many short words are the same: the letters decide
        letters = set("".join(words))
        if letters & _UKRAINIAN_LETTERS and not letters & _RUSSIAN_LETTERS:
            scores["uk"] += scores.pop("ru", 0)
        elif letters & _RUSSIAN_LETTERS and not letters & _UKRAINIAN_LETTERS:
            scores["ru"] += scores.pop("uk", 0)
    best = scores.most_common(1)
    return best[0][0] if best and best[0][1] >= 3 else None
