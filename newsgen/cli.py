"""The command line: argparse in front, diagnostics to stderr, problems to exit codes.

Exit codes: 0 built cleanly (warnings allowed), 1 built but some sources had
errors (or --strict refused), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from newsgen import __version__
from newsgen.errors import BuildError, Diagnostic, SourceError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgen",
        description="Build a static news archive from dated articles (seeds/*.txt and content/**/*.md).",
    )
    parser.add_argument("--version", action="version", version=f"newsgen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser("build", help="build the site into its output folder",
                                description="Build the site in SITE_DIR into SITE_DIR/build (or --output).")
    _add_site_options(build)
    build.add_argument("--strict", action="store_true",
                       help="treat any problem in any source as fatal; nothing is written")
    build.set_defaults(handler=_run_build)
    return parser


def _add_site_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("site_dir", nargs="?", default=".", type=Path, metavar="SITE_DIR",
                         help="the site folder with newsgen.yaml, seeds/, content/, templates/ (default: .)")
    command.add_argument("-o", "--output", type=Path, metavar="OUTPUT",
                         help="write the site here instead of SITE_DIR/build")
    command.add_argument("--base-url", metavar="URL",
                         help="the URL the site is deployed at, e.g. https://example.org/archive/")
    command.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    verbosity = command.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    verbosity.add_argument("-v", "--verbose", action="store_true", help="print every stage and file count")


def _load_config(args: argparse.Namespace):  # noqa: ANN202
    from newsgen.config import load_config

    overrides = {"base_url": args.base_url}
    if args.output is not None:
        overrides["output_dir"] = str(args.output.resolve())
    return load_config(args.site_dir, overrides)


class _Console:
    """Messages for people: results on stdout, problems on stderr, a progress bar on a terminal."""

    def __init__(self, quiet: bool, verbose: bool) -> None:
        self.quiet, self.verbose = quiet, verbose
        self.started = time.perf_counter()
        self.tty = sys.stderr.isatty()
        self._drew = False

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message)

    def problem(self, diagnostic: Diagnostic | str) -> None:
        self._clear()
        print(str(diagnostic), file=sys.stderr)

    def progress(self, stage: str, done: int, total: int) -> None:
        if self.quiet or not self.tty or time.perf_counter() - self.started < 1.0:
            return
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r{stage:<8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        self._drew = True
        if done == total:
            self._clear()

    def _clear(self) -> None:
        if self._drew:
            sys.stderr.write("\r\033[K")
            self._drew = False


def _run_build(args: argparse.Namespace, console: _Console) -> int:
    from newsgen.builder import BuildOptions, build

    config = _load_config(args)
    if args.verbose:
        console.info(f"building {config.site_dir} into {config.output_dir}")
    report = build(config, BuildOptions(drafts=args.drafts, strict=args.strict, progress=console.progress))
    for diagnostic in report.diagnostics:
        console.problem(diagnostic)
    console.info(
        f"built {report.articles} articles, {report.pages} pages, {report.tags} tags into {report.output} "
        f"({len(report.errors)} errors, {len(report.warnings)} warnings) in {report.seconds:.2f} s"
    )
    return EXIT_PROBLEMS if report.errors else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    console = _Console(quiet=args.quiet, verbose=args.verbose)
    try:
        return args.handler(args, console)
    except SourceError as exc:
        console.problem(exc.diagnostic)
        return EXIT_USAGE
    except BuildError as exc:
        for diagnostic in exc.diagnostics:
            console.problem(diagnostic)
        console.problem(f"newsgen: error: {exc}" if not exc.diagnostics or len(exc.diagnostics) > 1 else
                        "newsgen: the build stopped; the previous output was left as it was")
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        console.problem("newsgen: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
