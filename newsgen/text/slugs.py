"""Readable Latin URL slugs: Ukrainian national transliteration, Russian, Latin folding.

Ukrainian follows the Cabinet of Ministers resolution No. 55 of 27 January 2010
(the scheme used in passports and on road signs): Є Ї Й Ю Я are spelled
differently at the start of a word and inside it, "зг" becomes "zgh" so it is
not read as "zh", and the soft sign and apostrophe are dropped.
Russian uses the ICAO Doc 9303 passport scheme, with Ъ dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

SLUG_STYLES = ("translit", "unicode", "ascii")

# Letters with one spelling wherever they stand (lower case; case is restored).
_UK_LETTERS: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
}  # fmt: skip
# Letters spelled one way at the start of a word and another inside it.
_UK_POSITIONAL: dict[str, tuple[str, str]] = {
    "є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"),
    "ю": ("yu", "iu"), "я": ("ya", "ia"),
}  # fmt: skip
_RU_LETTERS: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
# Russian letters met in Ukrainian text (quotes, names) and vice versa.
_UK_EXTRA: dict[str, str] = {"ё": "e", "ъ": "", "ы": "y", "э": "e"}
_RU_EXTRA: dict[str, str] = {"і": "i", "ї": "i", "є": "e", "ґ": "g"}

APOSTROPHES = "'’ʼ‘`´"
# Latin letters that NFKD does not decompose into a base letter.
_LATIN_SPECIAL = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
    "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
})  # fmt: skip
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_NON_WORD = re.compile(r"[\W_]+")
_APOSTROPHE_RE = re.compile(f"[{APOSTROPHES}]")


def transliterate(text: str, lang: str = "uk") -> str:
    """Spell Cyrillic letters in Latin (KMU 55/2010 for uk, ICAO for ru); keep the rest."""
    if text.isascii() and "'" not in text and "`" not in text:
        return text  # no Cyrillic to spell, no apostrophe to drop (English titles, most tags)
    russian = _base_lang(lang) == "ru"
    out: list[str] = []
    previous = ""  # the previous source character, to know word starts and "зг"
    for index, char in enumerate(text):
        lower = char.lower()
        latin = _russian_letter(lower) if russian else _ukrainian_letter(lower, previous)
        if latin is None:
            out.append("" if char in APOSTROPHES and previous.isalpha() else char)
        elif latin:
            out.append(_match_case(latin, char, previous, text[index + 1 : index + 2]))
        if not (char in APOSTROPHES and previous.isalpha()):
            previous = char  # an apostrophe stays inside its word: Короп’є -> Koropie
    return "".join(out)


def _ukrainian_letter(lower: str, previous: str) -> str | None:
    if lower in _UK_POSITIONAL:
        initial, inner = _UK_POSITIONAL[lower]
        return inner if previous.isalpha() else initial
    if lower == "г" and previous.lower() == "з":
        return "gh"
    return _UK_LETTERS.get(lower, _UK_EXTRA.get(lower))


def _russian_letter(lower: str) -> str | None:
    return _RU_LETTERS.get(lower, _RU_EXTRA.get(lower))


def _match_case(latin: str, source: str, previous: str, following: str) -> str:
    """Щ -> Shch in a capitalised word, SHCH in an all-capital one (ЩО, ЗГ)."""
    if not source.isupper():
        return latin
    all_capitals = following.isupper() or (previous.isupper() and not following.islower())
    return latin.upper() if all_capitals else latin[:1].upper() + latin[1:]


def fold_latin(text: str) -> str:
    """Drop diacritics from Latin letters (Süddeutsche -> Suddeutsche); keep other scripts."""
    if text.isascii():
        return text  # nothing to fold; the loop below would copy it character by character
    text = text.translate(_LATIN_SPECIAL)
    out: list[str] = []
    for char in text:
        if ord(char) < 0x80 or not _is_latin(char):
            out.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(base if base.isascii() else char)
    return "".join(out)


def _is_latin(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")


def slugify(text: str, *, lang: str = "uk", style: str = "translit", max_length: int = 60) -> str:
    """A lower-case URL segment of words joined by "-", cut at a word boundary.

    ``translit`` spells Cyrillic with the article language's scheme, ``ascii`` always
    with the Ukrainian one; both fold Latin diacritics and keep only [a-z0-9-].
    ``unicode`` keeps letters of any script. Returns "" when nothing is left.
    """
    if style not in SLUG_STYLES:
        raise ValueError(f"slug style must be one of {', '.join(SLUG_STYLES)}, not {style!r}")
    text = _APOSTROPHE_RE.sub("", unicodedata.normalize("NFC", text))
    if style == "unicode":
        words = _NON_WORD.split(text.casefold())
    else:
        scheme = lang if style == "translit" else "uk"
        latin = fold_latin(transliterate(text, scheme)).lower()
        words = _NON_SLUG.split(latin)
    return _join_within([w for w in words if w], max_length)


def _join_within(words: list[str], max_length: int) -> str:
    """Join words with "-" while they fit; a lone overlong first word is cut hard."""
    if not words:
        return ""
    slug = words[0][:max_length]
    for word in words[1:]:
        if len(slug) + 1 + len(word) > max_length:
            break
        slug = f"{slug}-{word}"
    return slug.strip("-")


def disambiguate_slugs(slugs: Sequence[str], keys: Sequence[str]) -> list[str]:
    """Make colliding slugs unique: by ``keys`` order the first keeps it, others get -2, -3...

    Deterministic whatever the input order; a suffix never lands on a slug that is
    already taken. The result is in input order.
    """
    if len(slugs) != len(keys):
        raise ValueError("slugs and keys must have the same length")
    groups: dict[str, list[int]] = defaultdict(list)
    for index, slug in enumerate(slugs):
        groups[slug].append(index)
    taken = set(slugs)
    result = list(slugs)
    for slug in sorted(groups):
        members = sorted(groups[slug], key=lambda i: (keys[i], i))
        for index in members[1:]:
            result[index] = numbered(slug, taken, first=2)
    return result


def numbered(base: str, taken: set[str], first: int) -> str:
    """``base``, or ``base-N`` with the least N from ``first`` on that is free; the result is taken.
    ``first`` is the generator's convention: 1 for kramdown's and Goldmark's heading ids
    (``a``, ``a-1``), 2 for newsgen's pages (``a``, ``a-2``). ``base`` itself is returned when free."""
    candidate, number = base, first - 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def _base_lang(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()
