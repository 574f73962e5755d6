"""Headlines and summaries for articles that arrive without them.

A first paragraph that reads as a title line (short, one sentence, no final full stop)
is the headline. Otherwise the headline is the first self-contained sentence: not one
that continues a story ("Разом з тим", "Зокрема", "Нагадаємо", "Також" …) and not a bare
fragment ("Міф 2."). A sentence too long is cut at a clause boundary (a comma, dash or
colon, or before "що"/"який"), which needs no ellipsis; failing that at a word boundary,
with one. Never mid-word, never on a comma, dash or a dangling preposition. A card's
summary continues where the headline stops and never repeats it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dataclasses import dataclass

from newsgen.text.sentences import split_sentences

__all__ = ["Lead", "derive_headline", "derive_lead", "derive_summary", "split_sentences"]

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


# Openers that make a sentence lean on what came before it: not a headline.
CONTINUING_OPENERS = (
    "разом з тим", "разом із тим", "зокрема", "нагадаємо", "також", "крім того", "окрім того",
    "водночас", "однак", "проте", "тому", "отже", "натомість", "при цьому", "до того ж",
    "між тим", "втім", "утім", "адже", "тим часом", "відтак", "таким чином", "як відомо",
    "як повідомлялося", "до речі", "у свою чергу", "в свою чергу", "згодом", "потім",
    "після цього", "крім цього", "окрім цього", "щоправда", "також", "ще", "але", "а", "і",
    "й", "та", "він", "вона", "воно", "вони", "це", "цей", "ця", "ці", "там", "тут", "тоді",
    "про це", "за його словами", "за її словами", "за їхніми словами", "як зазначив",
    "як зазначила", "як повідомили", "як повідомляє", "такий", "така", "таке", "такі",
    "moreover", "however", "also", "meanwhile", "but", "and", "he", "she", "they", "it",
)  # fmt: skip
_OPENER = re.compile(
    r"(?:%s)(?![\w'’ʼ-])" % "|".join(sorted(map(re.escape, CONTINUING_OPENERS), key=len, reverse=True)),
    re.IGNORECASE,
)
_MIN_SENTENCE_WORDS = 4  # "Міф 2." is a fragment
_TITLE_LINE_MAX = 120
_SENTENCES_TRIED = 6
_PARAGRAPHS_TRIED = 3


@dataclass(frozen=True, slots=True)
class Lead:
    """A derived headline and card summary, and whether the first paragraph was the headline."""

    headline: str
    summary: str
    title_line: bool  # the first paragraph is the headline: the body starts after it


def derive_lead(paragraphs: Sequence[str], max_length: int = 110, summary_length: int = 300) -> Lead:
    """The headline and summary of an article that has neither, from its paragraphs."""
    paragraphs = [p for p in paragraphs if p.strip()]
    if not paragraphs:
        return Lead("", "", title_line=False)
    first = " ".join(paragraphs[0].split())
    if len(paragraphs) > 1 and is_title_line(first):
        headline, _ = _headline_and_rest(first, max_length)
        return Lead(headline, derive_summary(paragraphs[1], summary_length), title_line=True)
    # The first self-contained sentence of the first paragraphs; else the very first one.
    sentences = [(n, split_sentences(p)) for n, p in enumerate(paragraphs[:_PARAGRAPHS_TRIED])]
    candidates = [(n, k) for n, found in sentences for k in range(len(found))][:_SENTENCES_TRIED]
    n, k = next(((n, k) for n, k in candidates if self_contained(sentences[n][1][k])), (0, 0))
    chosen = sentences[n][1]
    if not chosen:
        return Lead("", "", title_line=False)
    headline, rest = _headline_and_rest(chosen[k], max_length)
    following = " ".join([rest, *chosen[k + 1 :]]).strip()
    if not following and len(paragraphs) > n + 1:
        following = paragraphs[n + 1]
    summary = derive_summary(following, summary_length)
    return Lead(headline, f"{ELLIPSIS}{summary}" if rest and summary else summary, title_line=False)


def is_title_line(paragraph: str) -> bool:
    """A short line without a final full stop, the way editors write a headline."""
    text = paragraph.strip()
    return (
        0 < len(text) <= _TITLE_LINE_MAX
        and not text.endswith((".", ",", ":", ";", "–", "—", "-"))
        and len(split_sentences(text)) == 1
    )


def self_contained(sentence: str) -> bool:
    """Not a fragment, and not leaning on what came before it."""
    bare = sentence.lstrip("«„“\"'([–—- ")
    return len(sentence.split()) >= _MIN_SENTENCE_WORDS and _OPENER.match(bare) is None


def _headline_and_rest(sentence: str, max_length: int) -> tuple[str, str]:
    """The headline a sentence gives, and what of the sentence it leaves out."""
    whole = _drop_final_stop(sentence)
    if len(whole) <= max_length:
        return whole, ""
    clause = _clause_within(sentence, max_length)
    if clause and _close_quotes(clause) == clause:
        return clause, sentence[len(clause) :].lstrip(" ,;:–—-")
    headline = derive_headline(sentence, max_length)
    return headline, sentence[len(headline.rstrip(ELLIPSIS + "»")) :].lstrip(" ,;:–—-")


def _clause_within(sentence: str, budget: int) -> str:
    """The longest readable clause within ``budget``, or "" when there is none."""
    min_clause = max(_MIN_CLAUSE_CHARS, int((budget + 1) * _MIN_CLAUSE_SHARE))
    best = ""
    for match in _CLAUSE_BREAK.finditer(sentence, 0, budget + 1):
        clause = _tidy_end(sentence[: match.start()])
        if min_clause <= len(clause) <= budget:
            best = clause
    return best


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
    return _clause_within(sentence, budget) or _cut_at_word(sentence, budget)


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
