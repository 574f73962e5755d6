"""Where sentences start: capitalisation there proves nothing about names."""

from __future__ import annotations

import pytest

from newsgen.text.sentences import is_sentence_start, split_sentences


def position_of(text: str, word: str) -> int:
    return text.index(word)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Москва мовчить.", "Москва", True),
        ("Вони мовчать. Москва теж.", "Москва", True),
        ("Чи так? Москва мовчить.", "Москва", True),
        ("Він сказав: «Москва мовчить».", "Москва", True),  # a quotation opens after a colon
        ("«Москва мовчить», – сказав він.", "Москва", True),
        ("Так… Москва мовчить.", "Москва", True),
        ("Переговори з Москвою тривають.", "Москвою", False),
        ("В. Путін заявив.", "Путін", False),  # after an initial
        ("Приїхав у м. Київ.", "Київ", False),  # after an abbreviation
        ("Це т. зв. Київ.", "Київ", False),
        ("Заява, Москва мовчить.", "Москва", False),
        ("The U.S. President spoke.", "President", False),
    ],
)
def test_is_sentence_start(text: str, word: str, expected: bool) -> None:
    assert is_sentence_start(text, position_of(text, word)) is expected


def test_split_keeps_dialogue_dashes_in_one_sentence() -> None:
    assert split_sentences("«Коли?» – запитав він. Відповіді не було.") == [
        "«Коли?» – запитав він.",
        "Відповіді не було.",
    ]
