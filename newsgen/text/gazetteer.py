"""Names CLDR knows in a language: countries and continents (a small gazetteer), and
months and weekdays (capitalised in English, never a topic)."""

from __future__ import annotations

import functools

from newsgen.text.dates import babel_locale


@functools.lru_cache(maxsize=8)
def territory_words(lang: str) -> frozenset[str]:
    """Countries, regions and continents in ``lang`` (CLDR), lower case: a small gazetteer."""
    return frozenset(
        name.lower().replace("ʼ", "'").replace("’", "'")
        for name in babel_locale(lang).territories.values()
        if " " not in name
    )


@functools.lru_cache(maxsize=32)
def calendar_words(lang: str) -> frozenset[str]:
    """Month and weekday names, capitalised in English but never a topic."""
    words: set[str] = set()
    for locale in {babel_locale(lang), babel_locale("en")}:
        for names in (locale.months["format"], locale.months["stand-alone"], locale.days["format"]):
            for width in ("wide", "abbreviated"):
                words.update(n.lower().rstrip(".") for n in names[width].values())
    return frozenset(words)
