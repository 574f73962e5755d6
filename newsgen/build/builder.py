"""Building a site: the entry point. Whether anything changed since the output was written, and if so, the recipe.

The recipe itself (discover -> load -> catalog -> plan -> render -> write) is recipe.py.
This module keeps only what a build with nothing to do needs, so that it stays fast: the
recipe's modules (Markdown, Jinja, the morphology) are imported only when there is work.
"""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgen.build.cache_folder import output_folder, output_lock
from newsgen.build.inputs import discover
from newsgen.build.memo import Memo, cache_path_for, open_memo
from newsgen.build.options import (
    BuildOptions, BuildReport, build_clock, build_time, protected_folders, refuse_if_strict, source_folders,
)
from newsgen.build.output import check_output, read_build_id
from newsgen.build.workers import long_lived
from newsgen.errors import BuildError, Diagnostic
from newsgen.site.config import SiteConfig, require_site
from newsgen.site.schedule import Schedule

__all__ = ["BuildOptions", "BuildReport", "SiteCheck", "build", "build_clock", "build_time", "check", "check_site"]


@dataclass(frozen=True, slots=True)
class SiteCheck:
    """What `newsgen check` finds: every problem, and the articles the clock holds back or took down."""

    diagnostics: list[Diagnostic]
    schedule: Schedule


def check(config: SiteConfig, drafts: bool = False) -> list[Diagnostic]:
    """Every problem a build would report in the sources and templates; nothing is rendered or written."""
    return check_site(config, drafts).diagnostics


def check_site(config: SiteConfig, drafts: bool = False, now: datetime.datetime | None = None) -> SiteCheck:
    """``check``, with the articles' schedule at ``now`` (default: the build clock)."""
    from newsgen.build.checking import check_sources  # noqa: PLC0415 - the recipe's modules, as in build

    require_site(config)
    diagnostics, schedule = check_sources(config, drafts, build_clock(config, now))
    return SiteCheck(diagnostics, schedule)


def build(config: SiteConfig, options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build the whole site into ``config.output_dir``; the old output survives any failure.

    One build at a time writes an output (a lock in its cache folder): a second one waits
    for the first and then builds the sources as they are by then. When nothing the site
    depends on changed since the build that wrote the output, nothing is done (and the
    heavy modules are not even imported). Otherwise the recipe (recipe.py) runs, and
    pages whose inputs did not change (same signature in the memo's manifest of that very
    output) are neither rendered nor rewritten.
    """
    started = time.perf_counter()
    report = BuildReport(output=config.output_dir)
    require_site(config)
    check_output(config.output_dir, protected_folders(config), source_folders(config))  # before any file is made
    output = config.output_dir.resolve()
    folder = output_folder(config.cache_dir, output)
    with _disk_failures_reported(cache_path_for(folder)), output_lock(folder, output, options.waiting):
        memo = open_memo(folder, options.cache)
        try:
            _build_locked(config, options, report, memo)
        finally:
            if memo:
                memo.close()
    report.seconds = time.perf_counter() - started
    return report


def _build_locked(config: SiteConfig, options: BuildOptions, report: BuildReport, memo: Memo | None) -> None:
    """``build`` once it holds the output's lock: the sources are found only now, so they are the newest."""
    now = build_clock(config, options.now)
    # What the build finds, loads, catalogs and plans lives to its end: the collector pauses from the
    # first file found (it walked the growing lists of 100,000 sources again and again).
    with long_lived():
        found = discover(config, options)
        if memo and memo.output_is_current(found.fingerprint_with_ledger, now,
                                           read_build_id(config.output_dir.resolve())):
            _unchanged_report(memo, report)
            refuse_if_strict(options, report.diagnostics)
            return
        from newsgen.build.recipe import build_site  # noqa: PLC0415 - only a build with something to do pays for it

        build_site(config, options, report, memo, found, now)


@contextlib.contextmanager
def _disk_failures_reported(cache_file: Path) -> Iterator[None]:
    """A full or read-only disk stops the build with one line naming the file and the cause (no traceback);
    the previous site stays as it was, as after any failed build."""
    try:
        yield
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower() if exc.errno else str(exc)
        where = f"{exc.filename}: " if exc.filename else ""
        raise BuildError(f"{where}{reason}") from None
    except sqlite3.OperationalError as exc:  # the memo's disk: "database or disk is full"
        raise BuildError(f"{cache_file}: {exc}") from None


def _unchanged_report(memo: Memo, report: BuildReport) -> None:
    """The report of the build that wrote the output, for a build that had nothing to do."""
    last = memo.last_build()
    counts = last.counts
    report.articles, report.pages, report.tags = counts.get("articles", 0), counts.get("pages", 0), counts.get("tags", 0)
    report.scheduled, report.expired = counts.get("scheduled", 0), counts.get("expired", 0)
    release = counts.get("next_release")
    report.next_release = datetime.datetime.fromisoformat(release) if release else None  # type: ignore[arg-type]
    report.diagnostics = last.diagnostics
