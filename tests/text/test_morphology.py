"""What the Ukrainian dictionary tells about a word, as the tagger reads it."""

from __future__ import annotations

import pytest

from newsgen.text.morphology import agreeing_pair, analyse, common_case, nominative


def test_inflected_surname_reads_as_a_surname() -> None:
    info = analyse("Путіним", "uk")
    assert info.known and info.top_is_person
    assert info.with_role("surname")[0].lemma == "путін"


def test_apostrophes_are_looked_up_either_way() -> None:
    assert analyse("пов’язане", "uk").known
    assert analyse("повʼязане", "uk").known
    assert analyse("пов'язане", "uk").known


@pytest.mark.parametrize(("word", "lemma"), [("Києві", "київ"), ("Газі", "газа"), ("Сум", "суми")])
def test_place_readings_come_first_among_nouns(word: str, lemma: str) -> None:
    assert analyse(word, "uk").with_role("noun")[0].lemma == lemma


def test_function_words_are_flagged() -> None:
    assert analyse("Але", "uk").function_word
    assert analyse("Саме", "uk").function_word
    assert not analyse("Москва", "uk").function_word


def test_first_name_and_surname_agree_in_gender_and_case() -> None:
    pair = agreeing_pair(
        analyse("Юлії", "uk").with_role("name"), analyse("Свириденко", "uk").with_role("surname")
    )
    assert pair is not None
    assert (pair[0].lemma, pair[0].gender) == ("юлія", "femn")


def test_a_phrase_in_its_nominative() -> None:
    words = [analyse("Верховної", "uk"), analyse("Ради", "uk")]
    assert common_case(words) == "gent"
    adjective = next(r for r in words[0].with_role("adjective") if r.case == "gent")
    noun = next(r for r in words[1].with_role("noun") if r.case == "gent")
    assert (nominative(adjective, noun.gender), nominative(noun)) == ("верховна", "рада")


def test_the_ukrainian_first_name_wins_over_its_twin() -> None:
    assert analyse("Кирилом", "uk").with_role("name")[0].lemma == "кирило"
