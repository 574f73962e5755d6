"""Which script a language is written in, and whether a name is written in it."""

from __future__ import annotations

import pytest

from newsgen.text.scripts import script_name, written_in


@pytest.mark.parametrize(("language", "script"), [
    ("uk", "CYRILLIC"), ("uk-UA", "CYRILLIC"), ("en", "LATIN"), ("en_GB", "LATIN"), ("el", "GREEK"),
    ("sr-Latn", "LATIN"), ("xx", None), ("", None),
])
def test_the_script_of_a_language(language: str, script: str | None) -> None:
    assert script_name(language) == script


def test_a_name_is_in_a_script_when_all_its_letters_are() -> None:
    ukrainian, english = written_in("uk"), written_in("en")
    assert ukrainian("Київ") and ukrainian("НАТО-2026") and not ukrainian("Kyiv")
    assert not ukrainian("Kyїv"), "one letter of another script is enough to be foreign"
    assert not ukrainian("2026"), "a name without letters is in no script"
    assert english("Kyiv") and english("Zürich") and not english("Київ")
    assert not written_in("xx")("Kyiv"), "an unknown language prefers no name"
