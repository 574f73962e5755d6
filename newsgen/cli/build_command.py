"""`newsgen build`: build the site into its output folder, or refuse and leave it as it was."""

from __future__ import annotations

import argparse
import dataclasses

from newsgen.cli.console import Console
from newsgen.cli.exit_codes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from newsgen.cli.site_folder import content_override, load_site_config
from newsgen.errors import BuildError, Refusal


def run_build(args: argparse.Namespace, console: Console) -> int:
    from newsgen.build.builder import BuildOptions, build

    overrides = {"base_url": args.base_url, "output_dir": str(args.output.resolve()) if args.output else None,
                 "cache_dir": str(args.cache_dir.resolve()) if args.cache_dir else None,
                 "search": False if args.no_search else None}
    content = content_override(args, console)  # import: an archive from Jekyll, Hugo or Zola, read where it is
    if content is None:
        return EXIT_USAGE
    config = load_site_config(args.site_dir, **overrides, **content)
    console.detail(f"building {config.site_dir} into {config.output_dir}")
    console.build_started()
    try:
        options = BuildOptions(drafts=args.drafts, future=args.future, strict=args.strict,
                               progress=console.progress, cache=not args.no_cache,
                               allow_removals=args.allow_removals, waiting=console.problem)
        if args.jobs:
            options = dataclasses.replace(options, jobs=args.jobs)
        report = build(config, options)
    except BuildError as exc:
        console.build_stopped(exc, f"{config.output_dir} was left as it was")
        return EXIT_USAGE if isinstance(exc, Refusal) else EXIT_PROBLEMS
    for diagnostic in report.diagnostics:
        console.problem(diagnostic)
    console.summary(report)
    return EXIT_PROBLEMS if report.errors else EXIT_OK
