"""Names in languages without morphology, and Latin-script names in any text: a run of
capitalised words, minus leading function words and titles ("French President Emmanuel
Macron" -> "Emmanuel Macron")."""

from __future__ import annotations

import functools
import re

from newsgen.text import lexicon
from newsgen.text.found import CACHE_SIZE, Found, lemmas_of, tag_key
from newsgen.text.gazetteer import calendar_words

_POSSESSIVE = re.compile(r"['’]s$")
_SKIPPED_LEADERS = lexicon.LEADING_STOPWORDS | lexicon.PERSON_CUES


@functools.lru_cache(maxsize=CACHE_SIZE)
def name_heuristic_run(
    words: tuple[str, ...], gaps: tuple[str, ...], previous: str, lang: str
) -> tuple[Found, ...]:
    """A run of capitalised words, minus leading function words and titles.

    ``gaps`` are the texts between the words (a space, or " of the ").
    """
    cues = lemmas_of(previous, lang)
    titles = [k for k in range(1, len(words) - 1) if words[k].lower() in lexicon.PERSON_CUES]
    if titles:  # what stands before a title qualifies it: "French President Emmanuel Macron"
        after = titles[-1] + 1
        found = _heuristic_found(words[after:], gaps[after:], cues, lang, after, titled=True)
    else:
        titled = bool(cues & lexicon.PERSON_CUES)
        found = _heuristic_found(words, gaps, cues, lang, 0, titled=titled)
    return () if found is None else (found,)


def _heuristic_found(
    words: tuple[str, ...],
    gaps: tuple[str, ...],
    cues: frozenset[str],
    lang: str,
    offset: int,
    *,
    titled: bool,
) -> Found | None:
    start = 0
    while start < len(words) and words[start].lower() in _SKIPPED_LEADERS:
        titled = titled or words[start].lower() in lexicon.PERSON_CUES
        start += 1
    kept = words[start:]
    if not kept or (len(kept) == 1 and kept[0].lower() in calendar_words(lang)):
        return None
    name = kept[0] + "".join(g + w for g, w in zip(gaps[start:], kept[1:], strict=False))
    name = _POSSESSIVE.sub("", " ".join(name.split()))
    if set(name.lower().split()) & lexicon.ORGANISATION_WORDS or cues & lexicon.ORGANISATION_CUES:
        kind = "organisation"
    else:
        kind = "person" if titled else "topic"
    plain = len(kept) in (2, 3) and kind != "organisation" and len(name.split()) == len(kept)
    surname = frozenset({tag_key(name.split()[-1])}) if plain else frozenset()
    key = tag_key(name)
    return Found(offset + start, name, key, kind, len(kept) > 1, surname, full_person=plain)

