"""The entity tagger's output, pinned: speed work on the tagger must not change its tags.

The fixture holds ~50 articles (seed-format benchmark text in Ukrainian and English,
inflected names, and hand-written corner cases) with the tags the tagger gave them when
the fixture was made. Regenerate it with fixtures/make_entities_expected.py only when a
change of output is intended.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.text.entities import extract_entity_tags
from newsgen.text.paragraph import ParagraphReader
from newsgen.text.ranking import _same_stem
from newsgen.text.sentences import is_sentence_start

FIXTURE = Path(__file__).with_name("fixtures") / "entities_expected.json"
CASES = json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_the_fixture_covers_enough_text() -> None:
    assert sum(len(case["paragraphs"]) for case in CASES) >= 300


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['lang'] or 'none'}" for i, c in enumerate(CASES)])
@pytest.mark.parametrize("limit", ["8", "1000"])
def test_tags_are_unchanged(case: dict, limit: str) -> None:
    tags = extract_entity_tags(case["paragraphs"], lang=case["lang"], limit=int(limit))
    assert [[t.name, t.kind, t.key, t.score] for t in tags] == case["tags"][limit]


# Words and marks that make sentence starts, abbreviations, initials, quotes and streets.
_PIECES = [
    "у", "Києві", "Трамп", "В.", "вул.", "Вул.", "просп.", "м.", "США.", "Але", "ISW", "Reuters",
    "«Нафтогаз»", "«", "»", "(", ")", ":", "!", "?", "…", ".", ",", "—", "2024", "І.", "р.",
    "\u00a0", " ", "  ",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14))
@settings(max_examples=400, deadline=None)
def test_no_previous_word_counts_across_a_sentence_start(pieces: list[str]) -> None:
    """The reader skips looking for the word before a capital that opens a sentence, since
    none can count there: wherever is_sentence_start holds, previous_word is empty."""
    text = " ".join(pieces)
    reader = ParagraphReader(text, "uk", 0, 1)
    for position, char in enumerate(text):
        if char.isupper() and is_sentence_start(text, position):
            assert reader.previous_word(position) == "", (text, position)


@given(st.text("абвгґ", max_size=9), st.text("абвгґ", max_size=9), st.integers(0, 9))
@settings(max_examples=500, deadline=None)
def test_two_words_share_a_stem_when_only_their_last_two_letters_differ(a: str, b: str, keep: int) -> None:
    b = a[:keep] + b[:2]  # often a near form of a, sometimes not
    shared = len(os.path.commonprefix((a, b)))
    assert _same_stem(a, b) == (a == b or shared >= max(3, len(a) - 2, len(b) - 2))
