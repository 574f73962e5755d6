"""Naming a run of capitalised words, before we know where it stands."""

from __future__ import annotations

import pytest

from newsgen.text.found import restore_case
from newsgen.text.names import name_morphology_run
from newsgen.text.organisations import genitive_tail


@pytest.mark.parametrize(
    ("lemma", "written", "expected"),
    [
        ("нью-йорк", "Нью-Йорку", "Нью-Йорк"),
        ("івано-франківськ", "Івано-Франківська", "Івано-Франківськ"),
        ("дем'яненко", "Дем’яненка", "Дем’яненко"),
        ("нато", "НАТО", "НАТО"),
        ("штаб-квартира", "Штаб-квартири", "Штаб-квартира"),
    ],
)
def test_restore_case(lemma: str, written: str, expected: str) -> None:
    assert restore_case(lemma, written) == expected


def test_a_run_splits_into_a_place_and_a_person() -> None:
    found = name_morphology_run(("Росії", "Володимира", "Путіна"), "президента", "uk").founds
    assert [(f.name, f.kind, f.offset) for f in found] == [
        ("Росія", "place", 0),
        ("Володимир Путін", "person", 1),
    ]


def test_the_word_before_decides_between_surname_and_town() -> None:
    assert name_morphology_run(("Львові",), "у", "uk").founds[0].name == "Львів"
    assert name_morphology_run(("Путіним",), "з", "uk").founds[0].kind == "person"


def test_an_agency_before_a_name_makes_it_an_organisation() -> None:
    assert name_morphology_run(("Укрінформ",), "агенції", "uk").founds[0].kind == "organisation"
    assert (
        name_morphology_run(("Квазімедіасвіт",), "агенції", "uk").founds[0].kind == "organisation"
    )
    assert name_morphology_run(("Квазімедіасвіт",), "", "uk").founds[0].kind == "topic"  # unknown


def test_genitive_tail_of_an_organisation() -> None:
    text = "аналітики Інституту вивчення війни заявили"
    end = text.index("Інституту") + len("Інституту")
    assert genitive_tail(text, end, "uk") == ["вивчення", "війни"]
    text = "Міністерства закордонних справ, як відомо"
    assert genitive_tail(text, len("Міністерства"), "uk") == ["закордонних", "справ"]
