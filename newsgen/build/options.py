"""What a build is asked to do and what it reports; the build's clock. Light: no stage is imported here."""

from __future__ import annotations

import datetime
import functools
import os
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsgen.build.workers import default_jobs, parallel_map
from newsgen.errors import NOTE, BuildError, Diagnostic
from newsgen.site.config import SiteConfig

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    drafts: bool = False
    future: bool = False  # publish scheduled articles now, marked as such (a preview; site/schedule.py)
    strict: bool = False
    cache: bool = True  # memoise derivation and skip unchanged pages
    jobs: int = field(default_factory=default_jobs)  # worker processes for derivation and rendering
    progress: Progress | None = None
    # The build's clock, the one "now" of the whole build (scheduled and expiring articles, the news
    # sitemap's window). None: SOURCE_DATE_EPOCH when set, else the system clock (``build_clock``).
    now: datetime.datetime | None = None
    record_urls: bool = True  # write the URL ledger (urls.tsv); a preview (serve) only reads it
    allow_removals: bool = False  # take down more than half of the published articles (see guards.py)
    waiting: Callable[[str], None] | None = None  # told when the build waits for another build of its output


@dataclass(slots=True)
class BuildReport:
    """What a build did: counts for the summary line, and every diagnostic."""

    output: Path
    articles: int = 0
    pages: int = 0
    files: int = 0
    tags: int = 0
    rendered: int = 0  # pages rendered this time; the others were unchanged
    scheduled: int = 0  # articles held back until their embargo lifts (or shown early, marked, with --future)
    expired: int = 0  # articles taken down at their `expires` moment
    next_release: datetime.datetime | None = None  # when the next held-back article goes live
    seconds: float = 0.0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def build_time() -> datetime.datetime:
    """The moment a build happens, in UTC: SOURCE_DATE_EPOCH when set, so builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
        except (OverflowError, ValueError, OSError):
            pass  # beyond the year 9999: not a usable build time, so the clock it is
    return datetime.datetime.now(tz=datetime.UTC)


def build_clock(config: SiteConfig, now: datetime.datetime | None = None) -> datetime.datetime:
    """The build's "now" in the site's time zone: ``now`` (``BuildOptions.now``), else ``build_time()``.

    Every stage that asks what time it is gets this value, never the system clock.
    """
    moment = now or build_time()
    if moment.tzinfo is None:
        raise ValueError("a build's clock must be timezone-aware")
    try:
        return moment.astimezone(zoneinfo.ZoneInfo(config.timezone))
    except OverflowError:  # within hours of the year 9999's end: the same moment, told in UTC
        return moment


def protected_folders(config: SiteConfig) -> list[Path]:
    """Folders the output must never be, nor hold: the site and its sources."""
    return [config.site_dir, *source_folders(config)]


def source_folders(config: SiteConfig) -> list[Path]:
    """Folders a build reads: an output inside one would be read back as sources."""
    return [config.seeds_dir, config.content_dir, config.templates_dir, config.static_dir]


def refuse_if_strict(options: BuildOptions, problems: list[Diagnostic]) -> None:
    problems = [problem for problem in problems if problem.severity != NOTE]  # a note is no problem
    if options.strict and problems:
        raise BuildError(f"{len(problems)} problem(s) found; nothing was written (--strict)", tuple(problems))


def content_settings(config: SiteConfig) -> tuple:
    """The settings that can change a page's bytes; folders cannot (templates count by content)."""
    return tuple(
        getattr(config, name) for name in SiteConfig.__dataclass_fields__ if not isinstance(getattr(config, name), Path)
    )


def step_done(options: BuildOptions, stage: str, count: int) -> None:
    """A stage without a progress bar of its own has finished (shown with --verbose)."""
    if options.progress:
        options.progress(stage, count, count)


def stage_progress(options: BuildOptions, stage: str) -> Callable[[int, int], None] | None:
    """``options.progress`` for one stage with a progress bar of its own: (done, total)."""
    progress = options.progress
    return (lambda done, total: progress(stage, done, total)) if progress else None


def spread(options: BuildOptions):  # noqa: ANN201 - a site.catalog.Spread
    """The map the stages spread their work with: this process and ``options.jobs - 1`` forked workers."""
    return functools.partial(parallel_map, jobs=options.jobs)
