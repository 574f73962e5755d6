"""The words a build ends with: its summary line, its schedule line, counts with their nouns' number."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgen.build.builder import BuildReport


def plural(count: int, word: str) -> str:
    """"1 article", "2 articles": the count with its noun's number (English nouns that take an s)."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def made_counts(report: BuildReport) -> str:
    """"1 article, 18 pages, 8 tags": what a build made, each count with its noun's number."""
    return ", ".join(plural(n, noun) for n, noun in
                     ((report.articles, "article"), (report.pages, "page"), (report.tags, "tag")))


def problem_counts(report: BuildReport) -> str:
    """"(0 errors, 1 warning)": the diagnostics a build reported."""
    return f"({plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')})"


def summary_line(report: BuildReport) -> str:
    """The one line every `newsgen build` ends with."""
    return f"built {made_counts(report)} into {report.output} {problem_counts(report)} in {report.seconds:.2f} s"


def schedule_line(report: BuildReport) -> str:
    """How many articles wait for their embargo and when the next goes live; how many expired."""
    parts = []
    if report.scheduled and report.next_release:
        parts.append(f"{plural(report.scheduled, 'scheduled article')}; the next goes live at "
                     f"{report.next_release.isoformat()}: build again then")
    if report.expired:
        parts.append(f"{plural(report.expired, 'expired article')} taken down")
    return f"schedule: {'; '.join(parts)}"
