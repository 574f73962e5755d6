"""Which language an archive is written in, from its most common short words. Pure.

``newsgen import`` names it so a migrating site gets the right interface language; the
guess only advises (a site's `language:` is always the author's), so a few function words
per language are enough: they are most of any text's short words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from newsgen.text.scripts import script_name

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


# --- One article's language, among a site's ---------------------------------------------------
#
# A site that publishes in Ukrainian, English and Russian tells its articles apart by script and
# letters, which a short text already shows: four letters are only Ukrainian, four only Russian.
# A quotation in another language (a Russian word in a Ukrainian story) must not decide, so the
# letters are counted and the text's own language is the one it has clearly more of.
_SAMPLE_LETTERS = 4000  # a headline and the first paragraphs: enough to tell, and quick
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CLEAR_MAJORITY = 3  # the distinctive letters (or function words) of one language, three times the other's


def detect_language(text: str, languages: tuple[str, ...]) -> str | None:
    """The language ``text`` is written in, told by its script and letters; None when undecided.

    Cyrillic with і/ї/є/ґ is Ukrainian, with ы/э/ъ/ё Russian (when a text has both, the one it
    has clearly more of; with neither, its function words); Latin script is the first of
    ``languages`` (the site's, in order) written in Latin script. Pure.
    """
    sample = text[:_SAMPLE_LETTERS]
    cyrillic, latin = len(_CYRILLIC.findall(sample)), len(_LATIN.findall(sample))
    if cyrillic > _CLEAR_MAJORITY * latin and cyrillic:
        return _cyrillic_language(sample.lower())
    if latin > _CLEAR_MAJORITY * cyrillic and latin:
        return next((lang for lang in languages if script_name(lang) == "LATIN"), None)
    return None


def _cyrillic_language(text: str) -> str | None:
    ukrainian = sum(text.count(letter) for letter in _UKRAINIAN_LETTERS)
    russian = sum(text.count(letter) for letter in _RUSSIAN_LETTERS)
    if ukrainian == russian == 0:  # a short text without the telling letters: its short words
        words = _WORD.findall(text)
        ukrainian = sum(word in _WORD_SETS["uk"] - _WORD_SETS["ru"] for word in words)
        russian = sum(word in _WORD_SETS["ru"] - _WORD_SETS["uk"] for word in words)
    if ukrainian > _CLEAR_MAJORITY * russian:
        return "uk"
    if russian > _CLEAR_MAJORITY * ukrainian:
        return "ru"
    return None


def base_language(lang: str) -> str:
    """The language of a tag, without its region or script: "en-GB" and "en_GB" -> "en"."""
    return lang.replace("_", "-").split("-")[0].lower()


def listing_language(lang: str, languages: Sequence[str]) -> str:
    """Which of a site's ``languages`` lists an article written in ``lang``: its own when the site has
    it ("en-GB" is listed as "en"), else the site's first."""
    own = base_language(lang)
    return next((code for code in languages if base_language(code) == own), languages[0])
