"""Messages for people: results on stdout, problems on stderr, a progress bar on a terminal."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsgen.cli.report import made_counts, plural, problem_counts, schedule_line, summary_line
from newsgen.errors import NOTE, BuildError, Diagnostic

if TYPE_CHECKING:
    from newsgen.build.builder import BuildReport
    from newsgen.serve.server import BuildOutcome

PROGRESS_AFTER_SECONDS = 1.0  # short builds finish before a bar would help
PROGRESS_BAR_WIDTH = 30


class Console:
    """What a command tells the person at the terminal; -q keeps errors only, -v adds each stage."""

    def __init__(self, quiet: bool, verbose: bool) -> None:
        self.quiet, self.verbose = quiet, verbose
        self.tty = sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
        self.started = time.perf_counter()
        self._drew = False
        self._stages: set[str] = set()

    def info(self, message: str) -> None:
        if not self.quiet:
            self._clear()
            print(message, flush=True)

    def detail(self, message: str) -> None:
        if self.verbose:
            self.info(message)

    def problem(self, diagnostic: Diagnostic | str) -> None:
        """An error always; a warning unless quiet (the summary line still counts it)."""
        if self.quiet and isinstance(diagnostic, Diagnostic) and diagnostic.severity != "error":
            return
        if isinstance(diagnostic, Diagnostic) and diagnostic.severity == NOTE and not self.verbose:
            return
        self._clear()
        print(str(diagnostic), file=sys.stderr, flush=True)

    def build_started(self) -> None:
        self.started = time.perf_counter()
        self._stages.clear()

    def progress(self, stage: str, done: int, total: int) -> None:
        if done >= total and stage not in self._stages:
            self._stages.add(stage)
            self.detail(f"  {stage}: {done} done, {time.perf_counter() - self.started:.2f} s after the start")
        if self.quiet or not self.tty or time.perf_counter() - self.started < PROGRESS_AFTER_SECONDS:
            return
        filled = PROGRESS_BAR_WIDTH * done // max(total, 1)
        elapsed = time.perf_counter() - self.started
        bar = "#" * filled + "." * (PROGRESS_BAR_WIDTH - filled)
        sys.stderr.write(f"\r{stage:<8} [{bar}] {done}/{total}  {elapsed:.0f} s")
        sys.stderr.flush()
        self._drew = True
        if done >= total:
            self._clear()

    def _clear(self) -> None:
        if self._drew:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self._drew = False

    def summary(self, report: BuildReport) -> None:
        """The one line every build ends with (and one on its schedule, when it has one)."""
        self.info(summary_line(report))
        if report.scheduled or report.expired:
            self.info(schedule_line(report))

    def build_failed(self, errors: Sequence[Diagnostic], seconds: float, consequence: str) -> None:
        counted = f" ({plural(len(errors), 'error')})" if errors else ""  # a refusal is no source error
        self.problem(f"newsgen: the build failed{counted} in {seconds:.2f} s; {consequence}")

    def build_stopped(self, failure: BuildError, consequence: str) -> None:
        """A build that wrote nothing: its diagnostics, then why it stopped. A stop without diagnostics
        (a refusal, a full disk) is one line."""
        seconds = time.perf_counter() - self.started
        if not failure.diagnostics:
            self.problem(f"newsgen: {failure} ({consequence})")
            return
        for diagnostic in failure.diagnostics:
            self.problem(diagnostic)
        if str(failure) not in {str(d) for d in failure.diagnostics}:  # say why, unless a diagnostic already did
            self.problem(f"newsgen: {failure}")
        self.build_failed(failure.diagnostics, seconds, consequence)

    def build_finished(self, outcome: BuildOutcome) -> None:
        """A dev-server build: every problem, then one line stamped with the time of day."""
        if outcome.crash:
            self.problem(outcome.crash.rstrip())
        report = outcome.report
        for diagnostic in report.diagnostics if report else outcome.errors:
            self.problem(diagnostic)
        stamp = time.strftime("%H:%M:%S")
        if report is None:
            serving = "still serving the previous site" if outcome.has_site else "nothing to serve yet"
            self.build_failed(outcome.errors, outcome.seconds, f"{serving} [{stamp}]")
        else:
            self.info(f"[{stamp}] built {made_counts(report)} {problem_counts(report)} in {outcome.seconds:.2f} s")
