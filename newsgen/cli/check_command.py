"""`newsgen check`: validate the sources and templates, list the schedule, write nothing."""

from __future__ import annotations

import argparse
import datetime
import time
from typing import TYPE_CHECKING

from newsgen.cli.console import Console
from newsgen.cli.exit_codes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from newsgen.cli.report import plural
from newsgen.cli.site_folder import content_override, load_site_config
from newsgen.errors import NOTE

if TYPE_CHECKING:
    from newsgen.records import Article
    from newsgen.site.schedule import Schedule


def run_check(args: argparse.Namespace, console: Console) -> int:
    from newsgen.build.builder import check_site

    started = time.perf_counter()
    content = content_override(args, console)
    if content is None:
        return EXIT_USAGE
    config = load_site_config(args.site_dir, **content)
    console.detail(f"checking {config.site_dir}")
    checked = check_site(config, drafts=args.drafts)
    diagnostics = [d for d in checked.diagnostics if d.severity != NOTE]  # notes are no problems
    for diagnostic in checked.diagnostics:
        console.problem(diagnostic)
    for line in schedule_listing(checked.schedule):
        console.info(line)
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = len(diagnostics) - len(errors)
    console.info(f"checked {config.site_dir}: {plural(len(errors), 'error')}, {plural(warnings, 'warning')} "
                 f"in {time.perf_counter() - started:.2f} s")
    return EXIT_PROBLEMS if errors or (args.strict and diagnostics) else EXIT_OK


def schedule_listing(schedule: Schedule) -> list[str]:
    """`check`'s list of the articles the clock decides on: held back, taken down, to be taken down."""
    def line(article: Article, what: str, moment: datetime.datetime) -> str:
        return f"{article.source_path}:{article.source_line}: {what} {schedule.local(moment).isoformat()}: {article.title}"

    return ([line(a, "scheduled: goes live at", a.published) for a in schedule.scheduled]
            + [line(a, "expired: taken down at", a.expires) for a in schedule.expired]  # type: ignore[arg-type]
            + [line(a, "expires at", a.expires) for a in schedule.expiring])  # type: ignore[arg-type]

