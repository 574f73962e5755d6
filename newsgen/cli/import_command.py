"""`newsgen import`: what an archive from Jekyll, Hugo or Zola holds, as `build --content` would read it."""

from __future__ import annotations

import argparse

from newsgen.cli.console import Console
from newsgen.cli.exit_codes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from newsgen.cli.site_folder import load_site_config


def run_import(args: argparse.Namespace, console: Console) -> int:
    from newsgen.build.workers import default_jobs
    from newsgen.cli import importer

    if not args.source_dir.is_dir():
        console.problem(f"newsgen: {args.source_dir}: no such folder")
        return EXIT_USAGE
    config = load_site_config(args.site, content_dir=str(args.source_dir.resolve()), permalink=args.permalink)
    report = importer.survey_import(config, jobs=default_jobs())
    for diagnostic in report.problems:
        console.problem(diagnostic)
    print(importer.format_report(report), flush=True)  # the result, also with -q
    return EXIT_PROBLEMS if report.errors else EXIT_OK
