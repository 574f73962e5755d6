"""Markdown articles with YAML front matter between ``---`` lines.

Known keys become typed fields of a SourceArticle; unknown keys are kept, as
they are, in its ``extra`` mapping. Pure: text in, record out, or SourceError.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path

from dateutil import parser as dateparser

from newsgen.errors import SourceError
from newsgen.loader.seed import normalise_newlines
from newsgen.records import FrozenMapping, SourceArticle
from newsgen.yamlmap import Entry, read_yaml_mapping

_OPENING = re.compile(r"\A---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
KNOWN_KEYS = ("title", "date", "tags", "summary", "slug", "draft", "updated", "lang", "author")


def split_front_matter(text: str, path: Path) -> tuple[str, int, str, int]:
    """(front matter, its first line, body, the body's first line)."""
    if not _OPENING.match(text):
        return "", 1, text, 1
    opening_end = text.index("\n") + 1
    closing = _CLOSING.search(text, opening_end)
    if closing is None:
        raise SourceError(path, 1, "front matter is not closed", hint="end it with a line `---`")
    front = text[opening_end : closing.start()]
    body_offset = min(closing.end() + 1, len(text))
    return front, 2, text[body_offset:], text.count("\n", 0, body_offset) + 1


def parse_markdown_article(text: str, path: Path, default_tz: datetime.tzinfo = datetime.UTC) -> SourceArticle:
    """One Markdown article. Datetimes written without an offset are in ``default_tz``."""
    text = normalise_newlines(text)
    front, front_line, body, body_line = split_front_matter(text, path)
    entries = read_yaml_mapping(front, path, first_line=front_line)
    if "date" not in entries:
        raise SourceError(path, 1, "missing date", hint="add `date: YYYY-MM-DD` to the front matter")
    if not body.strip():
        raise SourceError(path, body_line, "empty body: the article has no text")
    published, date = _timestamp(entries["date"], "date", path, default_tz)
    updated = _timestamp(entries["updated"], "updated", path, default_tz)[0] if "updated" in entries else None
    return SourceArticle(
        source_path=path,
        source_line=1,
        source_format="markdown",
        date=date,
        published=published,
        updated=updated,
        body=body,
        body_line=body_line,
        title=_optional(entries, "title", _text, path),
        tags=_optional(entries, "tags", _tags, path) or (),
        summary=_optional(entries, "summary", _text, path),
        slug=_optional(entries, "slug", _text, path),
        draft=bool(_optional(entries, "draft", _flag, path)),
        lang=_optional(entries, "lang", _language, path),
        author=_optional(entries, "author", _text, path),
        extra=FrozenMapping({k: e.value for k, e in entries.items() if k not in KNOWN_KEYS}),
    )


def _optional(entries: dict[str, Entry], key: str, convert: Callable[[object], object], path: Path):  # noqa: ANN202
    """The converted value of ``key``, None when absent or null; a bad value names its line."""
    entry = entries.get(key)
    if entry is None or entry.value is None:
        return None
    try:
        return convert(entry.value)
    except ValueError as exc:
        raise SourceError(path, entry.line, f"'{key}' {exc}", column=entry.column) from None


def _text(value: object) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    raise ValueError(f"must be text, not {type(value).__name__}")


def _tags(value: object) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise ValueError("must be a list of tags or a comma-separated text")
    tags = tuple(_text(item) for item in items if item is not None)
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"must be true or false, not {value!r}")


def _language(value: object) -> str:
    if isinstance(value, str) and _LANGUAGE.fullmatch(value.strip()):
        return value.strip()
    raise ValueError(f"must be a language code such as uk or en, not {value!r}")


def _timestamp(
    entry: Entry, key: str, path: Path, default_tz: datetime.tzinfo
) -> tuple[datetime.datetime, datetime.date]:
    """An aware datetime and the calendar date as written."""
    value = entry.value
    if isinstance(value, str):
        try:
            value = dateparser.parse(value)
        except (ValueError, OverflowError):
            raise SourceError(
                path, entry.line, f"'{key}' is not a date: {entry.value!r}",
                column=entry.column, hint="write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+02:00",
            ) from None
    if isinstance(value, datetime.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=default_tz)
        return moment, moment.date()
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time(0, 0), tzinfo=default_tz), value
    raise SourceError(path, entry.line, f"'{key}' must be a date, not {value!r}", column=entry.column)
