"""Scheduled publishing: the build's clock, embargoes, expiry, --future and what `check` says."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from newsgen.builder import build_clock
from newsgen.config import load_config

KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")


def at(text: str) -> datetime.datetime:
    """A moment in Kyiv: "2026-03-05 09:00"."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=KYIV)


# ------------------------------------------------------------------ the clock


def test_the_clock_is_the_given_moment_told_in_the_sites_zone(make_project) -> None:
    config = load_config(make_project({"newsgen.yaml": "timezone: Europe/Kyiv\n"}))
    moment = datetime.datetime(2026, 3, 5, 7, 0, tzinfo=datetime.UTC)
    clock = build_clock(config, moment)
    assert clock == moment and clock.utcoffset() == datetime.timedelta(hours=2) and clock.hour == 9


def test_the_clock_is_source_date_epoch_when_set(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(make_project({"newsgen.yaml": "timezone: Europe/Kyiv\n"}))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770854400")  # 2026-02-12T00:00:00Z
    assert build_clock(config) == at("2026-02-12 02:00")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    now = datetime.datetime.now(tz=datetime.UTC)
    assert abs(build_clock(config) - now) < datetime.timedelta(minutes=1)


def test_a_clock_without_a_zone_is_refused(make_project) -> None:
    config = load_config(make_project({}))
    with pytest.raises(ValueError, match="timezone-aware"):
        build_clock(config, datetime.datetime(2026, 3, 5, 9, 0))


def test_a_clock_at_the_end_of_the_calendar_stays_in_utc(make_project) -> None:
    config = load_config(make_project({"newsgen.yaml": "timezone: Europe/Kyiv\n"}))
    last = datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.UTC)
    assert build_clock(config, last) == last
