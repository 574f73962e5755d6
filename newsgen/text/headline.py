"""Headlines and summaries for articles that arrive without them.

A derived headline is the article's first sentence, shortened to a readable clause
when it is too long: at a comma, dash, colon or before "що"/"який", else at a word
boundary; never mid-word, never ending on a comma, dash or a dangling preposition.
An ellipsis marks a shortened headline and counts toward its length.
"""

from __future__ import annotations

import re

from newsgen.text.sentences import split_sentences

__all__ = ["derive_headline", "derive_summary", "split_sentences"]

ELLIPSIS = "…"
# A clause shorter than this share of the limit reads as a fragment; cut at a word instead.
_MIN_CLAUSE_SHARE = 0.45
_MIN_CLAUSE_CHARS = 30

# Where a clause ends: before separating punctuation or a subordinating word.
_CLAUSE_BREAK = re.compile(
    r"(?=[,;:]\s)|(?=\s[–—-]\s)|(?=\s\()"
    r"|(?=\s(?:що|щоб|який|яка|яке|які|якого|якої|яких|якому|якій|яким|якими|але|однак|"
    r"проте|бо|коли|якщо|оскільки|поки|зокрема|that|which|who|because|while|but|although|"
    r"after|when|as)\s)",
    re.IGNORECASE,
)
# Words that cannot end a headline: prepositions, conjunctions, particles.
_DANGLING = frozenset(
    """
    в у на з із зі зо до про за проти для від під над між при через без по о об та і й
    а але чи як що ще не ні же ж би б щодо після перед біля серед навіть також зокрема
    the a an of to in on for by with and or but from at as that than into about
    is are was were be been has have had will would can could should may might must
    who which whose
    """.split()
)
_TRAILING_PUNCT = " \t,;:–—-(/"


def derive_headline(text: str, max_length: int = 110) -> str:
    """A headline from the first sentence of ``text``, at most ``max_length`` characters."""
    paragraph = next((p for p in text.split("\n\n") if p.strip()), "")
    sentences = split_sentences(paragraph)
    if not sentences:
        return ""
    sentence = _drop_final_stop(sentences[0])
    if len(sentence) <= max_length:
        return sentence
    budget = max_length - len(ELLIPSIS)
    for _ in range(3):  # make room for closing quotes the cut leaves open
        shortened = _close_quotes(_shorten(sentence, budget) + ELLIPSIS)
        if len(shortened) <= max_length:
            return shortened
        budget -= len(shortened) - max_length
    return sentence[: max_length - 1] + ELLIPSIS


def derive_summary(paragraph: str, max_length: int = 300) -> str:
    """Whole sentences of the lead paragraph up to ``max_length`` characters.

    When the first sentence alone is longer, it is cut at a word boundary with "…".
    """
    sentences = split_sentences(paragraph)
    summary = ""
    for count in range(1, len(sentences) + 1):
        candidate = _close_quotes(" ".join(sentences[:count]))
        if len(candidate) > max_length:
            break
        summary = candidate
    if summary or not sentences:
        return summary
    return _close_quotes(_cut_at_word(sentences[0], max_length - len(ELLIPSIS)) + ELLIPSIS)


def _drop_final_stop(sentence: str) -> str:
    """Headlines carry no full stop or dangling colon; "?", "!" and an author's "…" stay."""
    stripped = sentence[:-1] if sentence.endswith(".") and not sentence.endswith("..") else sentence
    stripped = stripped.rstrip(_TRAILING_PUNCT)
    return stripped or sentence


def _shorten(sentence: str, budget: int) -> str:
    """The longest readable clause within ``budget``, else the longest run of words."""
    min_clause = max(_MIN_CLAUSE_CHARS, int((budget + 1) * _MIN_CLAUSE_SHARE))
    best = ""
    for match in _CLAUSE_BREAK.finditer(sentence, 0, budget + 1):
        clause = _tidy_end(sentence[: match.start()])
        if min_clause <= len(clause) <= budget:
            best = clause
    return best or _cut_at_word(sentence, budget)


def _cut_at_word(sentence: str, budget: int) -> str:
    """Cut at the last space within ``budget``; a single overlong word is cut hard."""
    if len(sentence) <= budget:
        return _tidy_end(sentence)
    space = sentence.rfind(" ", 0, budget + 1)
    if space <= 0:
        return sentence[:budget]
    cut = sentence[:space]
    if sentence[space + 1 : space + 2].isupper():
        cut = _drop_partial_name(cut)
    return _tidy_end(cut) or cut


def _drop_partial_name(cut: str) -> str:
    """Do not end inside a run of capitalised words: "… Великої Британії Кіром…"."""
    words = cut.split(" ")
    kept = len(words)
    while kept > 1 and words[kept - 1][:1].isupper():
        kept -= 1
    return " ".join(words[:kept]) if kept > 1 else cut


def _tidy_end(text: str) -> str:
    """Drop trailing punctuation and dangling function words ("… війни Росії проти")."""
    words = text.rstrip(_TRAILING_PUNCT).split(" ")
    while len(words) > 1 and words[-1].lower().strip('«»"“”„') in _DANGLING:
        words.pop()
        words[-1] = words[-1].rstrip(_TRAILING_PUNCT)
    return " ".join(words).rstrip(_TRAILING_PUNCT)


def _close_quotes(text: str) -> str:
    """Close guillemets and curly quotes a cut left open."""
    # „…“ is the Ukrainian and German pair, “…” the English one.
    curly = ("„", "“") if "„" in text else ("“", "”")
    closers = ""
    for opener, closer in (("«", "»"), curly):
        closers += closer * max(0, text.count(opener) - text.count(closer))
    if text.count('"') % 2:
        closers += '"'
    return text + closers
