"""The native seed format: ``date YYYY-MM-DD`` then the body, paragraphs split by blank lines.

One file may hold several articles, each starting with ``date`` at the start of
a line. A bad article is reported and skipped; its neighbours in the same file
still load. Pure: text in, records and diagnostics out.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from newsgen.errors import Diagnostic, SourceError
from newsgen.records import SourceArticle
from newsgen.sources.limits import check_article_size, within_calendar

# An article starts where a line begins with "date" and something date-shaped.
_ARTICLE_START = re.compile(r"^[ \t]*date[ \t]+(?=\d{1,4}-\d{1,2}-\d{1,2}(?!\S))", re.MULTILINE)
_DATE_TOKEN = re.compile(r"(\S+)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_HINT = "each article must start with `date YYYY-MM-DD`"


def normalise_newlines(text: str) -> str:
    """CRLF and CR to LF, and a leading byte-order mark dropped."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_seed(
    text: str, path: Path, default_tz: datetime.tzinfo = datetime.UTC
) -> tuple[list[SourceArticle], list[Diagnostic]]:
    """Every article in one seed file, plus a diagnostic for each one that is bad.

    Seeds carry no time of day: an article is published at midnight in ``default_tz``.
    """
    text = normalise_newlines(text)
    starts = [match.start() for match in _ARTICLE_START.finditer(text)]
    problems: list[Diagnostic] = []
    first = starts[0] if starts else len(text)
    if text[:first].strip():
        problems.append(_missing_date(text, path))
    articles: list[SourceArticle] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        result = _parse_article(text, start, end, path, default_tz)
        (articles if isinstance(result, SourceArticle) else problems).append(result)  # type: ignore[arg-type]
    if not starts and not text.strip():
        problems.append(Diagnostic(path, 1, None, "empty file: no article found", hint=_HINT))
    return articles, problems


def _missing_date(text: str, path: Path) -> Diagnostic:
    offset = len(text) - len(text.lstrip())
    line, column = _position(text, offset)
    found = text[offset:].split("\n", 1)[0]
    if re.match(r"date\b", found):
        token = found[4:].strip().split(" ", 1)[0] or "nothing"
        message = f"invalid date '{token}': expected YYYY-MM-DD"
        column += len(found) - len(found[4:].lstrip()) if token != "nothing" else 0
    else:
        message = "missing date: the article does not start with `date YYYY-MM-DD`"
    return Diagnostic(path, line, column, message, hint=_HINT)


def _parse_article(
    text: str, start: int, end: int, path: Path, default_tz: datetime.tzinfo
) -> SourceArticle | Diagnostic:
    header = _ARTICLE_START.match(text, start)
    assert header is not None  # start positions come from the same pattern
    token = _DATE_TOKEN.match(text, header.end())
    assert token is not None
    line, column = _position(text, token.start())
    try:
        date = datetime.date.fromisoformat(_zero_pad(token.group(1)))
    except ValueError:
        return Diagnostic(
            path, line, column, f"impossible date '{token.group(1)}': no such day in the calendar", hint=_HINT
        )
    body_start = token.end()
    raw_body = text[body_start:end]
    try:
        check_article_size(raw_body, path, line)
    except SourceError as exc:
        return exc.diagnostic
    body = "\n\n".join(_paragraphs(raw_body))
    if not body:
        return Diagnostic(path, line, None, f"empty body: the article dated {date} has no text")
    leading = len(raw_body) - len(raw_body.lstrip())
    body_line, _ = _position(text, body_start + leading)
    published = within_calendar(datetime.datetime.combine(date, datetime.time(0, 0), tzinfo=default_tz))
    return SourceArticle(
        source_path=path,
        source_line=line,
        source_format="seed",
        date=date,
        published=published,
        body=body,
        body_line=body_line,
    )


def _paragraphs(raw_body: str) -> list[str]:
    """Blank lines split paragraphs; a paragraph wrapped over lines is rejoined."""
    paragraphs = (" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(raw_body))
    return [paragraph for paragraph in paragraphs if paragraph]


def _zero_pad(token: str) -> str:
    """Accept 2026-2-1 as 2026-02-01; anything else is checked by fromisoformat."""
    parts = token.split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts) and len(parts[0]) == 4:
        return f"{parts[0]}-{int(parts[1]):02d}-{int(parts[2]):02d}"
    return token


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
