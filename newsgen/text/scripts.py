"""Writing systems: which one a language is written in, and whether a name is written in it.

CLDR (through Babel) says which script a language uses ("uk" -> Cyrillic, "en" -> Latin), and
Unicode names every letter after its script ("CYRILLIC CAPITAL LETTER KA"): a topic spelled
"Київ" and "Kyiv" is then named "Київ" on a Ukrainian site and "Kyiv" on an English one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

from babel import Locale
from babel.core import get_global


@lru_cache(maxsize=32)
def script_name(language: str) -> str | None:
    """The English name of the script ``language`` is written in, upper-cased as Unicode's
    character names begin ("CYRILLIC" for "uk"): the one the tag names ("sr-Latn"), else the
    one CLDR finds likeliest. None when neither says."""
    subtags = language.replace("-", "_").split("_")
    code = next((tag.title() for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()), None)
    if code is None:
        likely = get_global("likely_subtags").get(subtags[0].lower(), "")
        code = next((tag for tag in likely.split("_")[1:] if len(tag) == 4), None)
    name = Locale("en").scripts.get(code) if code else None
    return name.upper() if name else None


def written_in(language: str) -> Callable[[str], bool]:
    """A test of a name: True when every letter of it is in the script of ``language``.

    A language whose script Unicode's character names do not spell out (Han, for one)
    finds no name written in it: the test then prefers none.
    """
    script = script_name(language)
    if script is None:
        return _never
    prefix = f"{script} "

    def test(name: str) -> bool:
        letters = [char for char in name if char.isalpha()]
        return bool(letters) and all(unicodedata.name(char, "").startswith(prefix) for char in letters)

    return test


def _never(name: str) -> bool:
    return False
