"""Front-matter dates: a `date:` as written, and the fallbacks an imported archive has. Pure.

A date may be written as YAML's or TOML's own timestamp or as text (dateutil reads
``2013-05-06 18:13:01 -0700``); an article is filed under the calendar date as written.
When the front matter has no date, or one that cannot be read, the file name's date
(``2015-11-09-slug.md``) or the date in the article's own URL (Zola's ``path``, Hugo's
``url``) stands in, the latter two with a warning.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path

from newsgen.errors import WARNING, Diagnostic, SourceError
from newsgen.records import FileFacts
from newsgen.sources.foreign import NotAnArticle, undated_reason
from newsgen.sources.limits import within_calendar
from newsgen.yamlmap import Entry


def timestamp(
    entry: Entry, key: str, path: Path, default_tz: datetime.tzinfo
) -> tuple[datetime.datetime, datetime.date]:
    """An aware datetime and the calendar date as written."""
    value = entry.value
    if isinstance(value, str) and value.strip()[:1] in ("-", "+"):  # dateutil reads "-0001-01-01" as the year 1
        raise SourceError(path, entry.line, f"'{key}' is not a date: {entry.value!r}", column=entry.column,
                          hint="years run from 1 to 9999")
    if isinstance(value, str):
        from dateutil import parser as dateparser  # noqa: PLC0415 - only parsing needs it, not every build

        try:
            value = dateparser.parse(value)
        except (ValueError, OverflowError):
            raise SourceError(
                path, entry.line, f"'{key}' is not a date: {entry.value!r}",
                column=entry.column, hint="write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+02:00",
            ) from None
    if isinstance(value, datetime.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=default_tz)
        written = moment.date()
    elif isinstance(value, datetime.date):
        moment, written = datetime.datetime.combine(value, datetime.time(0, 0), tzinfo=default_tz), value
    else:
        raise SourceError(path, entry.line, f"'{key}' must be a date, not {value!r}", column=entry.column)
    return within_calendar(moment), written


def published_date(
    entries: dict[str, Entry], facts: FileFacts, path: Path, default_tz: datetime.tzinfo, own_url: str | None,
) -> tuple[datetime.datetime, datetime.date, list[Diagnostic]]:
    """The front matter's date, else the file name's or the own URL's (Zola's `path`, Hugo's `url`).

    When the front matter's date disagrees with the file name's, or cannot be read while the
    file name or URL holds one, a warning names its line.
    """
    entry = entries.get("date")
    fallback, source = (facts.date, "the file name's") if facts.date else (date_in_path(own_url), "the URL's")
    if entry is None and fallback is None:
        if reason := undated_reason(facts):
            raise NotAnArticle(path, reason)
        raise SourceError(path, 1, "missing date", hint="add `date: YYYY-MM-DD` to the front matter")
    warnings: list[Diagnostic] = []
    if entry is not None:
        try:
            published, date = timestamp(entry, "date", path, default_tz)
        except SourceError as exc:
            if fallback is None:
                raise
            warnings.append(dataclasses.replace(exc.diagnostic, severity=WARNING,
                                                hint=f"{source} date {fallback} is used instead"))
        else:
            if fallback is None or fallback == date or facts.date is None:
                return published, date, []
            return published, date, [Diagnostic(
                path, entry.line, None, f"front matter date {date} differs from the file name's {fallback}", WARNING,
                hint="the front matter wins",
            )]
    moment = datetime.datetime.combine(fallback, datetime.time(0, 0), tzinfo=default_tz)
    return within_calendar(moment), fallback, warnings


_DATE_IN_PATH = re.compile(r"(?:\A|/)(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?=/|-|_|\Z)")


def date_in_path(url: str | None) -> datetime.date | None:
    """The date a URL such as /2019/11/07/slug/ or /news/2019-11-07-slug/ holds, or None."""
    for match in _DATE_IN_PATH.finditer(url or ""):
        try:
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None
