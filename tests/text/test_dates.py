"""Dates in the site language (Babel): datelines, archive headings, weekdays."""

from __future__ import annotations

import datetime

import pytest

from newsgen.text.dates import (
    format_dateline,
    format_day_heading,
    format_month_heading,
    format_month_name,
    format_weekday,
)

UK_GENITIVE = [
    "січня", "лютого", "березня", "квітня", "травня", "червня",
    "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
]  # fmt: skip
UK_NOMINATIVE = [
    "Січень", "Лютий", "Березень", "Квітень", "Травень", "Червень",
    "Липень", "Серпень", "Вересень", "Жовтень", "Листопад", "Грудень",
]  # fmt: skip
EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
FEB_11 = datetime.date(2026, 2, 11)


def test_the_sample_dateline() -> None:
    assert format_dateline(FEB_11, "uk") == "11 лютого 2026"


@pytest.mark.parametrize(("month", "genitive"), list(enumerate(UK_GENITIVE, start=1)))
def test_ukrainian_datelines_use_the_genitive(month: int, genitive: str) -> None:
    assert format_dateline(datetime.date(2026, month, 1), "uk") == f"1 {genitive} 2026"


@pytest.mark.parametrize(("month", "nominative"), list(enumerate(UK_NOMINATIVE, start=1)))
def test_ukrainian_month_headings_use_the_nominative(month: int, nominative: str) -> None:
    assert format_month_heading(2026, month, "uk") == f"{nominative} 2026"
    assert format_month_name(month, "uk") == nominative


@pytest.mark.parametrize(("month", "genitive"), list(enumerate(UK_GENITIVE, start=1)))
def test_month_name_in_format_context_is_the_genitive(month: int, genitive: str) -> None:
    assert format_month_name(month, "uk", context="format") == genitive.capitalize()


@pytest.mark.parametrize(("month", "name"), list(enumerate(EN_MONTHS, start=1)))
def test_english_months(month: int, name: str) -> None:
    assert format_dateline(datetime.date(2026, month, 11), "en") == f"11 {name} 2026"
    assert format_month_heading(2026, month, "en") == f"{name} 2026"


def test_no_year_abbreviation_after_the_year() -> None:
    assert not format_dateline(FEB_11, "uk").endswith("р.")
    assert format_dateline(FEB_11, "ru") == "11 февраля 2026"
    assert format_month_heading(2026, 2, "ru") == "Февраль 2026"


def test_abbreviated_month_names() -> None:
    assert format_month_name(2, "en", width="abbreviated") == "Feb"


@pytest.mark.parametrize(
    ("lang", "weekday", "heading"),
    [
        ("uk", "середа", "Середа, 11 лютого 2026"),
        ("en", "Wednesday", "Wednesday, 11 February 2026"),
    ],
)
def test_weekdays(lang: str, weekday: str, heading: str) -> None:
    assert format_weekday(FEB_11, lang) == weekday
    assert format_day_heading(FEB_11, lang) == heading


@pytest.mark.parametrize("lang", ["uk-UA", "uk_UA"])
def test_region_tags(lang: str) -> None:
    assert format_dateline(FEB_11, lang) == "11 лютого 2026"


@pytest.mark.parametrize("lang", ["xx", "", "not a language"])
def test_unknown_language_falls_back_to_english(lang: str) -> None:
    assert format_dateline(FEB_11, lang) == "11 February 2026"
    assert format_month_heading(2026, 2, lang) == "February 2026"
    assert format_weekday(FEB_11, lang) == "Wednesday"


def test_iso_dates_need_no_helper() -> None:
    # <time datetime="..."> takes the ISO form, whatever the site language.
    assert FEB_11.isoformat() == "2026-02-11"


def test_month_out_of_range() -> None:
    with pytest.raises(ValueError):
        format_month_name(13, "uk")
