"""The command line: argparse in front, each command's run_* (in <command>_command.py) behind it.

Diagnostics go to stderr (console.py), problems become exit codes (exit_codes.py).
Exit codes: 0 success (warnings allowed), 1 some sources had errors (or --strict
refused them, or the disk failed), 2 usage or configuration error, or a refusal to
protect the published site (including `serve` on a port that is in use). Ctrl-C stops `serve` with 0 and
interrupts any other command with 130.
"""

from __future__ import annotations

import argparse
import atexit
import datetime
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from newsgen import __version__
from newsgen.cli.build_command import run_build
from newsgen.cli.check_command import run_check
from newsgen.cli.console import Console
from newsgen.cli.exit_codes import EXIT_CODES_HELP, EXIT_INTERRUPTED, EXIT_USAGE
from newsgen.cli.import_command import run_import
from newsgen.cli.new_command import run_new
from newsgen.cli.serve_command import run_serve
from newsgen.errors import SourceError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgen", epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build a static news archive from dated articles (seeds/*.txt and content/**/*.md).",
    )
    parser.add_argument("--version", action="version", version=f"newsgen {__version__}")
    parser.set_defaults(quiet=False, verbose=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                     help="what to do; `newsgen COMMAND --help` describes each")
    _add_build(commands)
    _add_serve(commands)
    _add_new(commands)
    _add_check(commands)
    _add_import(commands)
    return parser


def _command(commands: argparse._SubParsersAction, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    # Raw formatting keeps the exit-code table aligned, so the description is wrapped here.
    return commands.add_parser(name, help=summary, description=textwrap.fill(description, 79),
                               epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _add_build(commands: argparse._SubParsersAction) -> None:
    build = _command(commands, "build", "build the site into its output folder",
                     "Build the site in SITE_DIR into SITE_DIR/build (or --output).")
    _add_site_dir(build)
    _add_output_options(build)
    build.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    build.add_argument("--future", action="store_true",
                       help="also publish scheduled articles (dated after the build's clock), marked as "
                            "scheduled: a preview, not for the live site")
    build.add_argument("-j", "--jobs", type=_positive_int, metavar="N",
                       help="processes that load and render at once (default: the number of cores)")
    build.add_argument("--no-cache", action="store_true",
                       help="ignore and do not update the build cache (a full build)")
    build.add_argument("--allow-removals", action="store_true",
                       help="let this build take down more than half of the articles the output publishes now")
    build.add_argument("--no-search", action="store_true",
                       help="leave out the search index and page, whatever newsgen.yaml says (a quicker preview)")
    build.add_argument("--strict", action="store_true",
                       help="treat any problem in any source as fatal; nothing is written")
    _add_content_option(build)
    _add_verbosity(build)
    build.set_defaults(handler=run_build)


def _add_serve(commands: argparse._SubParsersAction) -> None:
    serve = _command(
        commands, "serve", "preview the site, rebuilding and reloading on every save",
        "Build the site, serve it at http://HOST:PORT/ and rebuild it whenever a file in seeds/, content/, "
        "templates/, static/ or newsgen.yaml changes; open pages reload by themselves, and a failed build "
        "shows its errors over the page. The preview is built into a temporary folder with links for this "
        "server (SITE_DIR/build is not touched) and removed on exit. Ctrl-C stops the server.",
    )
    _add_site_dir(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000; 0 picks a free one)")
    serve.add_argument("--open", action="store_true", help="open the site in the default web browser")
    serve.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    serve.add_argument("--no-search", action="store_true",
                       help="leave out the search index and page (a save of a large archive then reloads in about "
                            "a second instead of re-indexing its search shard)")
    serve.add_argument("--base-url", metavar="URL",
                       help="serve under this URL's path (e.g. https://example.org/archive/ -> /archive/); "
                            "links always stay on this server")
    serve.add_argument("-o", "--output", type=Path, metavar="OUTPUT",
                       help="build the preview here instead of a temporary folder (kept on exit)")
    _add_cache_dir(serve)
    _add_verbosity(serve, verbose_help="also print every request and each build stage")
    serve.set_defaults(handler=run_serve)


def _add_new(commands: argparse._SubParsersAction) -> None:
    new = _command(
        commands, "new", "start a new Markdown article",
        "Create content/YYYY/MM/<slug>.md with front matter (title, today's date, tags) and print its path. "
        "The file name is transliterated from the title; an existing file is never overwritten.",
    )
    new.add_argument("title", metavar="TITLE", help='the headline, e.g. "Заголовок статті"')
    new.add_argument("--tags", action="append", default=[], metavar="TAGS",
                     help='comma-separated tags, e.g. --tags "Київ, транспорт" (may be repeated)')
    new.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                     help="the article's date (default: today in the site's time zone)")
    new.add_argument("--draft", action="store_true", help="mark it draft: true (left out unless --drafts)")
    new.add_argument("--author", action="append", default=[], metavar="NAME",
                     help='the byline, e.g. --author "Олена Коваль" (repeat it for several authors)')
    new.add_argument("--section", metavar="SECTION", help="the section's slug or name, e.g. --section polityka")
    new.add_argument("--lang", metavar="LANG", help="the article's language when it is not the site's, e.g. en")
    new.add_argument("--slug", metavar="SLUG", help="the URL's last part (default: transliterated from the title)")
    new.add_argument("--site", type=Path, default=Path("."), metavar="SITE_DIR",
                     help="the site folder (default: .)")
    new.set_defaults(handler=run_new)


def _add_check(commands: argparse._SubParsersAction) -> None:
    check = _command(
        commands, "check", "validate the sources and templates without writing anything",
        "Load and validate newsgen.yaml, every article and every template, print each problem as "
        "path:line: message and exit 1 if any is an error. Nothing is rendered or written: run it in CI.",
    )
    _add_site_dir(check)
    check.add_argument("--drafts", action="store_true", help="also check articles marked draft: true")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    _add_content_option(check)
    _add_verbosity(check)
    check.set_defaults(handler=run_check)


def _add_import(commands: argparse._SubParsersAction) -> None:
    importing = _command(
        commands, "import", "list what an archive from Jekyll or Hugo holds, writing nothing",
        "Read SOURCE_DIR (a Jekyll site, a Hugo site or its content/ folder, or a newsgen content folder) the "
        "way `newsgen build --content SOURCE_DIR` would, and print its articles with their dates and URLs, its "
        "drafts, its section files and every skipped file with the reason. Nothing is written; the exit status "
        "is 1 when a file has errors.",
    )
    importing.add_argument("source_dir", type=Path, metavar="SOURCE_DIR", help="the folder to read")
    importing.add_argument("--site", type=Path, default=Path("."), metavar="SITE_DIR",
                           help="the site whose newsgen.yaml applies: permalink, timezone, language (default: .)")
    importing.add_argument("--permalink", metavar="PATTERN",
                           help="try this permalink instead of the site's, e.g. /:year/:month/:slug/")
    importing.set_defaults(handler=run_import)


def _add_site_dir(command: argparse.ArgumentParser) -> None:
    command.add_argument("site_dir", nargs="?", default=".", type=Path, metavar="SITE_DIR",
                         help="the site folder with newsgen.yaml, seeds/, content/, templates/ (default: .)")


def _add_content_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--content", type=Path, metavar="SOURCE_DIR",
                         help="read the articles from SOURCE_DIR instead of SITE_DIR/content: a newsgen content "
                              "folder, a Jekyll, Hugo or Zola site (see `newsgen import`)")


def _add_output_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("-o", "--output", type=Path, metavar="OUTPUT",
                         help="write the site here instead of SITE_DIR/build")
    _add_cache_dir(command)
    command.add_argument("--base-url", metavar="URL",
                         help="the URL the site is deployed at, e.g. https://example.org/archive/")


def _add_cache_dir(command: argparse.ArgumentParser) -> None:
    command.add_argument("--cache-dir", type=Path, metavar="DIR",
                         help="keep the build cache here instead of SITE_DIR/.newsgen (one folder per output)")


def _add_verbosity(command: argparse.ArgumentParser, verbose_help: str = "print each stage as it finishes") -> None:
    verbosity = command.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    verbosity.add_argument("-v", "--verbose", action="store_true", help=verbose_help)


def _iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (write YYYY-MM-DD)") from None


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    console = Console(quiet=args.quiet, verbose=args.verbose)
    try:
        return args.handler(args, console)
    except SourceError as exc:
        console.problem(exc.diagnostic)
        return EXIT_USAGE
    except KeyboardInterrupt:
        console.problem("newsgen: interrupted")
        return EXIT_INTERRUPTED


def run() -> None:
    """The `newsgen` command: ``main``, then an exit that does not free the process's objects one by one.

    Freeing what a build leaves in caches (morphology, tags, templates) at interpreter exit is a
    noticeable part of a quick rebuild; the operating system takes the memory back at once.
    Buffered output is flushed and exit handlers run first, as in a normal exit.
    """
    code = main()
    if sys.getprofile() or sys.gettrace():  # a profiler or coverage tool writes its report at a normal exit
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    atexit._run_exitfuncs()  # noqa: SLF001 - what a normal exit runs before it tears the interpreter down
    os._exit(code)


if __name__ == "__main__":
    run()
