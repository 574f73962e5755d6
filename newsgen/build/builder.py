"""Building a site: whether anything changed since the output was written, and if so, the pipeline.

The recipe itself (load -> catalog -> plan -> render -> write) is pipeline.py;
this module keeps what a build with nothing to do needs, so that it stays fast.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import os
import sqlite3
import time
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgen.build.cache_folder import output_folder, output_lock
from newsgen.build.memo import Memo, cache_path_for, file_signatures, open_memo
from newsgen.build.output import check_output, read_build_id
from newsgen.build.workers import default_jobs, long_lived
from newsgen.digests import digest, text_digest
from newsgen.errors import BuildError, Diagnostic
from newsgen.render.theme_files import BUILTIN_STATIC, site_static_files, template_files
from newsgen.site.config import CONFIG_NAME, LEDGER_NAME, SiteConfig, require_site
from newsgen.site.schedule import Schedule
from newsgen.sources import SourceFile, discover_sources
from newsgen.sources.foreign import bundle_assets, detect_layout
from newsgen.sources.sidecar import sidecar_path
from newsgen.sources.sourcesite import settings_files

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
    allow_removals: bool = False  # take down more than half of the published articles (see pipeline.py)
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
    from newsgen.build import pipeline  # noqa: PLC0415 - as in build

    require_site(config)
    diagnostics, schedule = pipeline.check(config, drafts, build_clock(config, now))
    return SiteCheck(diagnostics, schedule)


def build(config: SiteConfig, options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build the whole site into ``config.output_dir``; the old output survives any failure.

    One build at a time writes an output (a lock in its cache folder): a second one waits
    for the first and then builds the sources as they are by then. When nothing the site
    depends on changed since the build that wrote the output, nothing is done (and the
    heavy modules are not even imported). Otherwise the pipeline (pipeline.py) runs, and
    pages whose inputs did not change (same signature in the cache's manifest of that very
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
            _build_locked(config, options, report, memo, started)
        finally:
            if memo:
                memo.close()
    report.seconds = time.perf_counter() - started
    return report


def read_ledger(site_dir: Path) -> str:
    """The site's URL ledger (urls.tsv, see site/ledger.py) as text; "" when it has none yet."""
    path = site_dir / LEDGER_NAME
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError as exc:
        raise BuildError(f"{path}: not valid UTF-8 ({exc.reason}); the URLs of articles depend on it") from None
    except OSError as exc:
        raise BuildError(f"{path}: cannot be read ({exc.strerror}); the URLs of articles depend on it") from None


def with_ledger(fingerprint: str | None, ledger_text: str) -> str | None:
    """The inputs' fingerprint with the URL ledger's text: a build stores it with the ledger it wrote."""
    return None if fingerprint is None else digest(fingerprint, text_digest(ledger_text))


def _build_locked(config: SiteConfig, options: BuildOptions, report: BuildReport, memo: Memo | None,
                  started: float) -> None:
    """``build`` once it holds the output's lock: the sources are found only now, so they are the newest."""
    now = build_clock(config, options.now)
    # What the build finds, loads, catalogs and plans lives to its end: the collector pauses from the
    # first file found (it walked the growing lists of 100,000 sources again and again).
    with long_lived():
        sources = discover_sources(config.seeds_dir, config.content_dir)
        signatures = _input_signatures(config, sources)
        fingerprint = _inputs_fingerprint(config, options, signatures)
        ledger_text = read_ledger(config.site_dir)
        if memo and memo.output_is_current(with_ledger(fingerprint, ledger_text), now,
                                           read_build_id(config.output_dir.resolve())):
            _unchanged_report(memo, report, started)
            refuse_if_strict(options, report.diagnostics)
            return
        from newsgen.build import pipeline  # noqa: PLC0415 - only a build with something to do pays for it

        pipeline.run(config, options, report, memo=memo, sources=sources, signatures=dict(signatures),
                     fingerprint=fingerprint, now=now, ledger_text=ledger_text)


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
    except sqlite3.OperationalError as exc:  # the build cache's disk: "database or disk is full"
        raise BuildError(f"{cache_file}: {exc}") from None


def protected_folders(config: SiteConfig) -> list[Path]:
    """Folders the output must never be, nor hold: the site and its sources."""
    return [config.site_dir, *source_folders(config)]


def source_folders(config: SiteConfig) -> list[Path]:
    """Folders a build reads: an output inside one would be read back as sources."""
    return [config.seeds_dir, config.content_dir, config.templates_dir, config.static_dir]


def refuse_if_strict(options: BuildOptions, problems: list[Diagnostic]) -> None:
    if options.strict and problems:
        raise BuildError(f"{len(problems)} problem(s) found; nothing was written (--strict)", tuple(problems))


def _input_signatures(config: SiteConfig, sources: list[SourceFile]) -> list[tuple[str, str | None]]:
    """(path, signature) of every file a build reads that exists; None for one too fresh to be trusted."""
    site_statics, links_out = site_static_files(config.static_dir, config.site_dir)  # a link gone: its warning too
    statics = [*BUILTIN_STATIC.rglob("*"), *site_statics.values(), *links_out]
    files = [source.path for source in sources] + template_files(config.templates_dir) + sorted(statics)
    files += [sidecar_path(s.path) for s in sources if s.source_format == "seed"]  # left out when missing
    files += [config.site_dir / CONFIG_NAME, *settings_files(detect_layout(config.content_dir))]  # imported: URLs
    files += [asset for s in sources if s.facts.bundle for _, asset in bundle_assets(s.facts.bundle)]
    return file_signatures(files)


def _inputs_fingerprint(config: SiteConfig, options: BuildOptions, signatures: list[tuple[str, str | None]]
                        ) -> str | None:
    """Everything a build reads, by file signature: equal fingerprints give an equal site.

    None when a file is too fresh to have a trustworthy signature.
    """
    if any(signature is None for _, signature in signatures):
        return None
    # Paths and signatures joined by NUL, which neither holds, hash at half the cost of their repr.
    files = text_digest("\0".join(itertools.chain.from_iterable(signatures)))  # type: ignore[arg-type]
    return digest(content_settings(config), options.drafts, options.future, files)


def _unchanged_report(memo: Memo, report: BuildReport, started: float) -> BuildReport:
    last = memo.last_build()
    counts = last.counts
    report.articles, report.pages, report.tags = counts.get("articles", 0), counts.get("pages", 0), counts.get("tags", 0)
    report.scheduled, report.expired = counts.get("scheduled", 0), counts.get("expired", 0)
    release = counts.get("next_release")
    report.next_release = datetime.datetime.fromisoformat(release) if release else None
    report.diagnostics = last.diagnostics
    report.seconds = time.perf_counter() - started
    return report


def content_settings(config: SiteConfig) -> tuple:
    """The settings that can change a page's bytes; folders cannot (templates count by content)."""
    return tuple(
        getattr(config, name) for name in SiteConfig.__dataclass_fields__ if not isinstance(getattr(config, name), Path)
    )
