"""Alphabetical order: ICU's tailorings and the pure-Python fallback pass the same cases."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from newsgen.text import collation
from newsgen.text.collation import (
    UKRAINIAN_ALPHABET,
    collation_key,
    fallback_collation_key,
    sort_alphabetically,
)

try:
    import icu  # noqa: F401

    HAVE_ICU = True
except ImportError:
    HAVE_ICU = False

IMPLEMENTATIONS = [
    pytest.param(collation_key, id="default"),
    pytest.param(fallback_collation_key, id="fallback"),
]


def in_order(words: list[str], make_key: Callable[[str], Any], lang: str) -> list[str]:
    """Sort a shuffled copy, so the test never passes by leaving input alone."""
    shuffled = list(words)
    random.Random(55).shuffle(shuffled)
    key = make_key(lang)
    return sorted(shuffled, key=lambda w: (key(w), w))


def test_the_ukrainian_alphabet_is_the_official_one() -> None:
    assert UKRAINIAN_ALPHABET == "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
    assert len(UKRAINIAN_ALPHABET) == 33


@pytest.mark.parametrize("make_key", IMPLEMENTATIONS)
def test_ukrainian_letters_in_alphabet_order(make_key: Callable[[str], Any]) -> None:
    letters = list(UKRAINIAN_ALPHABET)
    assert in_order(letters, make_key, "uk") == letters
    capitals = [c.upper() for c in letters]
    assert in_order(capitals, make_key, "uk") == capitals


@pytest.mark.parametrize("make_key", IMPLEMENTATIONS)
@pytest.mark.parametrize(
    "expected",
    [
        ["Ірпінь", "Їжак", "Йосипівка"],  # Ї is a letter after І, not a variant of it
        ["Гора", "Ґанок", "Дім"],  # Ґ between Г and Д
        ["Еней", "Єва", "Жук"],
        ["Иван", "Ірпінь", "Їжак", "Йосип", "Київ"],
        ["Щука", "Ьа", "Юрій", "Яблуко"],
        ["апельсин", "Банан", "банани", "Вишня"],  # case does not decide the letter order
        ["ірпінь", "Ірпінь"],  # but decides between otherwise equal words: lower first
        ["Демченко", "Дем’яненко", "Дем'янів"],  # apostrophes are ignored
        ["Біла Церква", "Білак"],  # a space sorts before any letter
        ["2022", "Абетка"],  # digits before letters
        ["Яблуко", "Apple", "Zebra"],  # Cyrillic before Latin in Ukrainian lists
    ],
)
def test_ukrainian_order(make_key: Callable[[str], Any], expected: list[str]) -> None:
    assert in_order(expected, make_key, "uk") == expected


@pytest.mark.parametrize("make_key", IMPLEMENTATIONS)
@pytest.mark.parametrize(
    "expected",
    [
        ["apple", "Apple", "Banana", "cherry"],
        ["Emile", "Émile", "Eve"],  # an accent only breaks ties
        ["Zebra", "Яблуко"],  # Latin before Cyrillic in English lists
        ["O'Brien", "Obrist"],
    ],
)
def test_english_order(make_key: Callable[[str], Any], expected: list[str]) -> None:
    assert in_order(expected, make_key, "en") == expected


def test_code_point_order_is_the_bug_we_avoid() -> None:
    words = ["Австрія", "Єгипет", "Ізраїль", "Ґамбія", "Їжакевич"]
    assert sorted(words)[0] == "Єгипет"  # code points put Є before А
    assert sort_alphabetically(words, "uk") == [
        "Австрія",
        "Ґамбія",
        "Єгипет",
        "Ізраїль",
        "Їжакевич",
    ]


def test_sort_alphabetically_with_a_key_function() -> None:
    tags = [("Їжак", 1), ("Ірпінь", 2), ("Ґанок", 3)]
    result = sort_alphabetically(tags, "uk", key=lambda t: t[0])
    assert [name for name, _ in result] == ["Ґанок", "Ірпінь", "Їжак"]


def test_sort_alphabetically_is_a_total_order() -> None:
    # Equal under collation (apostrophes ignored) but different strings: raw order decides.
    words = ["Дем’янів", "Дем'янів", "Демянів"]
    assert sort_alphabetically(words, "uk") == sort_alphabetically(list(reversed(words)), "uk")
    assert len(set(sort_alphabetically(words, "uk"))) == 3


def test_language_tags_with_regions_work() -> None:
    assert sort_alphabetically(["Їжак", "Ірпінь"], "uk-UA") == ["Ірпінь", "Їжак"]
    assert sort_alphabetically(["Їжак", "Ірпінь"], "uk_UA") == ["Ірпінь", "Їжак"]


def test_an_unknown_language_still_sorts() -> None:
    assert sort_alphabetically(["b", "A", "a"], "xx") == ["a", "A", "b"]


@pytest.mark.skipif(not HAVE_ICU, reason="PyICU is not installed")
@pytest.mark.parametrize("lang", ["uk", "en", "ru"])
def test_icu_and_fallback_agree(lang: str) -> None:
    words = [
        "Яблуко", "Їжак", "Ірпінь", "ірпінь", "Ґанок", "Гора", "Дім", "Єва", "Євген", "Еней",
        "Жук", "Иван", "Йосип", "Київ", "Юрій", "Щука", "NATO", "Apple", "apple", "Zebra",
        "Émile", "Emile", "1990", "Дем'яненко", "Демченко", "Дем’яненко", "Біла Церква",
        "Білак", "ЄС", "Ёлка", "Ель", "Эра", "з", "З", "a-b", "a b", "ab",
    ]  # fmt: skip
    icu_order = in_order(words, collation_key, lang)
    assert icu_order == in_order(words, fallback_collation_key, lang)


def test_without_icu_the_fallback_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    collation._icu_collation_key.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, "icu", None)  # makes "import icu" fail
    try:
        assert collation_key("uk") is fallback_collation_key("uk")
        assert sort_alphabetically(["Їжак", "Ірпінь", "Ґанок"], "uk") == ["Ґанок", "Ірпінь", "Їжак"]
    finally:
        collation._icu_collation_key.cache_clear()
