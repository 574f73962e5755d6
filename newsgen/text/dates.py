"""Dates in the site's language, through Babel's CLDR data.

Datelines use the month in the genitive ("11 лютого 2026"), archive headings the
stand-alone nominative ("Лютий 2026"). Machine-readable dates are plain ISO 8601 and
need no help from here (``date.isoformat()`` in ``<time datetime>``).
An unknown language falls back to English rather than failing a build.
"""

from __future__ import annotations

import datetime
import functools
import re

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_date_format

FALLBACK_LANG = "en"
# Patterns where CLDR's "long" form is not what a news dateline shows: bare "en" is
# "February 11, 2026" in CLDR (US), and we want the international "11 February 2026".
_DATELINE_PATTERNS = {"en": "d MMMM y"}
# CLDR's uk and ru long dates end in a year abbreviation ("2026 р.", "2026 г.")
# that readers of news datelines do not expect.
_TRAILING_LITERAL = re.compile(r"\s*'[^']*'\.?\s*$")


@functools.lru_cache(maxsize=64)
def babel_locale(lang: str) -> Locale:
    """The Babel locale for a BCP 47 tag ("uk", "en-GB"); English when unknown."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(FALLBACK_LANG)


def capitalise(text: str) -> str:
    """Upper-case the first letter only ("лютий 2026" -> "Лютий 2026")."""
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=64)
def _dateline_pattern(lang: str) -> str:
    locale = babel_locale(lang)
    if str(locale) in _DATELINE_PATTERNS:
        return _DATELINE_PATTERNS[str(locale)]
    return _TRAILING_LITERAL.sub("", get_date_format("long", locale=locale).pattern)


@functools.lru_cache(maxsize=16384)  # an archive has a few thousand distinct days
def format_dateline(d: datetime.date, lang: str) -> str:
    """The date as a news dateline: "11 лютого 2026", "11 February 2026"."""
    return str(format_date(d, _dateline_pattern(lang), locale=babel_locale(lang)))


def format_month_name(
    month: int, lang: str, *, width: str = "wide", context: str = "stand-alone"
) -> str:
    """A capitalised month name: "Лютий" (stand-alone), "Лютого" (format context)."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, not {month}")
    return capitalise(babel_locale(lang).months[context][width][month])


@functools.lru_cache(maxsize=64)
def _month_heading_pattern(lang: str) -> str:
    # CLDR's year-month skeleton picks the stand-alone month where the language has one.
    skeleton = babel_locale(lang).datetime_skeletons.get("yMMMM")
    pattern = skeleton.pattern if skeleton is not None else "LLLL y"
    return _TRAILING_LITERAL.sub("", pattern)


def format_month_heading(year: int, month: int, lang: str) -> str:
    """An archive heading: "Лютий 2026", "February 2026" (stand-alone nominative month)."""
    first_day = datetime.date(year, month, 1)
    return capitalise(
        format_date(first_day, _month_heading_pattern(lang), locale=babel_locale(lang))
    )


def format_weekday(d: datetime.date, lang: str) -> str:
    """The weekday name as used in running text: "середа", "Wednesday"."""
    return str(format_date(d, "EEEE", locale=babel_locale(lang)))


def format_day_heading(d: datetime.date, lang: str) -> str:
    """A day heading: "Середа, 11 лютого 2026", "Wednesday, 11 February 2026"."""
    return f"{capitalise(format_weekday(d, lang))}, {format_dateline(d, lang)}"


def format_moment(moment: datetime.datetime, lang: str) -> str:
    """A date and time as the moment it is in: "5 березня 2026, 09:00 (UTC+02:00)"."""
    offset = moment.strftime("%z")
    zone = "UTC" if offset in ("", "+0000") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{format_dateline(moment.date(), lang)}, {moment:%H:%M} ({zone})"
