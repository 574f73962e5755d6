"""What an article may hold: a size limit, times within the calendar, and no characters HTML forbids.

Hostile or broken input gets a diagnostic, not an hour-long build or an
invalid page. A news article is tens of kilobytes; a 10 MB "article" is a
mistake (a whole export pasted into one file, a binary renamed .txt) or an
attack, and the text layer's work grows faster than linearly with a
paragraph's length, so the size limit keeps a build's time and memory bounded.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from newsgen.errors import Diagnostic, SourceError

MAX_ARTICLE_BYTES = 1024 * 1024  # UTF-8 bytes of one article's text (front matter included)
_MB = 1024 * 1024
# The calendar's first and last moments in UTC. Every date of the years 1 to 9999 is accepted, but a time
# near those ends in a zone east (west) of UTC lies before (after) them in UTC, where it cannot be converted
# to UTC for feeds: such a time is published at the calendar's first (last) moment instead.
FIRST_MOMENT = datetime.datetime.min.replace(tzinfo=datetime.UTC)
LAST_MOMENT = datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.UTC)  # whole seconds: feeds print it
# Code points HTML forbids in a document (controls other than tab, LF, FF, CR;
# noncharacters), which feeds cannot carry either; surrogates cannot even be written as UTF-8.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def check_article_size(text: str, path: Path, line: int) -> None:
    """SourceError when ``text`` (one article) is over the limit."""
    if len(text) * 4 <= MAX_ARTICLE_BYTES:  # cheap: no character takes more than 4 bytes
        return
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_ARTICLE_BYTES:
        raise SourceError(
            path, line, f"article too large ({size / _MB:.1f} MB; the limit is {MAX_ARTICLE_BYTES // _MB} MB)",
            hint="split it into several articles",
        )


def within_calendar(moment: datetime.datetime) -> datetime.datetime:
    """An aware ``moment``, or the calendar's first or last moment when it lies beyond it in UTC
    (comparing aware times never overflows; converting them does)."""
    return FIRST_MOMENT if moment < FIRST_MOMENT else LAST_MOMENT if moment > LAST_MOMENT else moment


def remove_forbidden_characters(text: str) -> str:
    """``text`` without the code points no HTML page or feed may contain."""
    return text if _surely_clean(text) else _FORBIDDEN.sub("", text)


def _surely_clean(text: str) -> bool:
    """True when no line holds an unprintable character, so none of the forbidden ones.

    str.isprintable runs in C; the regex costs some 30 ns a character, as much as
    deriving the rest of an article. Text with tabs or no-break spaces is scanned.
    """
    return all(line.isprintable() for line in text.split("\n"))


def forbidden_characters_warning(text: str, path: Path) -> Diagnostic | None:
    """A warning naming the first forbidden character of a source file and how many were dropped."""
    if _surely_clean(text):
        return None
    first = _FORBIDDEN.search(text)
    if first is None:
        return None
    count = len(_FORBIDDEN.findall(text))
    line = text.count("\n", 0, first.start()) + 1
    column = first.start() - (text.rfind("\n", 0, first.start()) + 1) + 1
    return Diagnostic(
        path, line, column,
        f"{count} control character(s) left out (the first is U+{ord(first.group()):04X}): "
        "HTML pages and feeds cannot hold them",
        severity="warning", hint="is the file UTF-8 text? remove the characters to silence this warning",
    )
