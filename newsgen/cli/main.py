"""The command line: argparse in front, diagnostics to stderr, problems to exit codes.

Exit codes: 0 success (warnings allowed), 1 some sources had errors (or --strict
refused them, or the disk failed), 2 usage or configuration error, or a refusal to
protect the published site (including `serve` on a port that is in use). Ctrl-C stops `serve` with 0 and
interrupts any other command with 130.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import dataclasses
import datetime
import os
import re
import signal
import sys
import textwrap
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsgen import __version__
from newsgen.errors import BuildError, Diagnostic, Refusal, SourceError

if TYPE_CHECKING:
    from newsgen.build.builder import BuildReport
    from newsgen.records import Article
    from newsgen.serve.server import BuildOutcome
    from newsgen.site.config import SiteConfig
    from newsgen.site.schedule import Schedule

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
PROGRESS_AFTER_SECONDS = 1.0  # short builds finish before a bar would help
_EXIT_CODES = """exit status:
  0  success (warnings allowed)
  1  some sources have errors (--strict: any problem), or the output could not be written
  2  the command line, the site folder or newsgen.yaml is wrong (or the port is in use), or
     the build refused to touch the output (see "Output safety" in the README)"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgen", epilog=_EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
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
                               epilog=_EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)


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
    build.set_defaults(handler=_run_build)


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
    serve.set_defaults(handler=_run_serve)


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
    new.set_defaults(handler=_run_new)


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
    check.set_defaults(handler=_run_check)


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
    importing.set_defaults(handler=_run_import)


def _add_site_dir(command: argparse.ArgumentParser) -> None:
    command.add_argument("site_dir", nargs="?", default=".", type=Path, metavar="SITE_DIR",
                         help="the site folder with newsgen.yaml, seeds/, content/, templates/ (default: .)")


def _add_content_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--content", type=Path, metavar="SOURCE_DIR",
                         help="read the articles from SOURCE_DIR instead of SITE_DIR/content: a newsgen content "
                              "folder, a Jekyll, Hugo or Zola site (see `newsgen import`)")


def _content_override(args: argparse.Namespace, console: _Console) -> dict[str, str] | None:
    """{"content_dir": ...} for --content, {} without it; None (after saying why) when it is no folder."""
    if args.content is None:
        return {}
    if not args.content.is_dir():
        console.problem(f"newsgen: --content {args.content}: no such folder")
        return None
    return {"content_dir": str(args.content.resolve())}


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


def _load_config(site_dir: Path, **overrides: object) -> SiteConfig:
    from newsgen.site.config import load_config

    return load_config(site_dir, overrides)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class _Console:
    """Messages for people: results on stdout, problems on stderr, a progress bar on a terminal."""

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
        width = 30
        filled = width * done // max(total, 1)
        elapsed = time.perf_counter() - self.started
        sys.stderr.write(f"\r{stage:<8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}  {elapsed:.0f} s")
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
        self.info(
            f"built {_counts(report)} into {report.output} "
            f"({_plural(len(report.errors), 'error')}, {_plural(len(report.warnings), 'warning')}) "
            f"in {report.seconds:.2f} s"
        )
        if report.scheduled or report.expired:
            self.info(_schedule_line(report))

    def build_failed(self, errors: Sequence[Diagnostic], seconds: float, consequence: str) -> None:
        counted = f" ({_plural(len(errors), 'error')})" if errors else ""  # a refusal is no source error
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
            self.info(f"[{stamp}] built {_counts(report)} "
                      f"({_plural(len(report.errors), 'error')}, {_plural(len(report.warnings), 'warning')}) "
                      f"in {outcome.seconds:.2f} s")


def _counts(report: BuildReport) -> str:
    """"1 article, 18 pages, 8 tags": what a build made, each count with its noun's number."""
    return ", ".join(_plural(n, noun) for n, noun in
                     ((report.articles, "article"), (report.pages, "page"), (report.tags, "tag")))


def _schedule_line(report: BuildReport) -> str:
    """How many articles wait for their embargo and when the next goes live; how many expired."""
    parts = []
    if report.scheduled and report.next_release:
        parts.append(f"{_plural(report.scheduled, 'scheduled article')}; the next goes live at "
                     f"{report.next_release.isoformat()}: build again then")
    if report.expired:
        parts.append(f"{_plural(report.expired, 'expired article')} taken down")
    return f"schedule: {'; '.join(parts)}"


def _run_build(args: argparse.Namespace, console: _Console) -> int:
    from newsgen.build.builder import BuildOptions, build

    overrides = {"base_url": args.base_url, "output_dir": str(args.output.resolve()) if args.output else None,
                 "cache_dir": str(args.cache_dir.resolve()) if args.cache_dir else None,
                 "search": False if args.no_search else None}
    content = _content_override(args, console)  # import: an archive from Jekyll, Hugo or Zola, read where it is
    if content is None:
        return EXIT_USAGE
    config = _load_config(args.site_dir, **overrides, **content)
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


def _run_serve(args: argparse.Namespace, console: _Console) -> int:
    from newsgen.serve import server as serve
    from newsgen.urls import SiteURLs

    base_path = SiteURLs(args.base_url).base_path if args.base_url else "/"
    options = serve.ServeOptions(
        site_dir=args.site_dir, host=args.host, port=args.port, drafts=args.drafts, search=not args.no_search,
        base_path=base_path,
        output=args.output.resolve() if args.output else None, open_browser=args.open, log_requests=args.verbose,
        cache_dir=args.cache_dir.resolve() if args.cache_dir else None,
    )
    try:
        with _interrupt_on_signals():
            return serve.run(options, console)
    except serve.ServeError as exc:
        console.problem(f"newsgen: {exc}")
        return EXIT_USAGE


@contextlib.contextmanager
def _interrupt_on_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM stop `serve` cleanly (as KeyboardInterrupt in this thread), even where
    a parent shell ignores SIGINT for background jobs.

    Forked build workers inherit the handler: there Ctrl-C is left to this process (a worker
    killed mid-task would hang its pool), and SIGTERM, which multiprocessing uses to stop
    its workers, ends them as if no handler were set.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()

    def interrupt(signum: int, _frame: object) -> None:
        if os.getpid() == owner:
            raise KeyboardInterrupt
        if signum == signal.SIGTERM:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _run_new(args: argparse.Namespace, console: _Console) -> int:
    from newsgen.cli import scaffold

    title = " ".join(args.title.split())
    if not title:
        console.problem("newsgen: the title is empty; write it in quotes: newsgen new \"Заголовок статті\"")
        return EXIT_USAGE
    if not scaffold.is_site(args.site):
        console.problem(f"newsgen: {args.site} is not a site (no newsgen.yaml, seeds/ or content/): nothing written; "
                        "give the site with --site SITE_DIR")
        return EXIT_USAGE
    if problem := _new_article_problem(args):
        console.problem(f"newsgen: {problem}")
        return EXIT_USAGE
    config = _load_config(args.site)
    article = scaffold.NewArticle(
        title, args.date or scaffold.today_in(config.timezone), scaffold.split_tags(args.tags), args.draft,
        authors=tuple(dict.fromkeys(" ".join(name.split()) for name in args.author if name.strip())),
        section=(args.section or "").strip(), lang=(args.lang or "").strip(), slug=(args.slug or "").strip(),
    )
    path = scaffold.create_article(config.content_dir, article, config.language)
    print(_shown_path(path), flush=True)  # the result, also with -q: scripts open it in an editor
    return EXIT_OK


def _new_article_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with `new`'s --section, --lang or --slug, if anything."""
    from newsgen.urls.permalinks import section_slug_problem

    if args.section is not None and (problem := section_slug_problem(args.section.strip()) if args.section.strip()
                                     else "is empty"):
        return f"--section {problem}"
    if args.lang is not None and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", args.lang.strip()):
        return f"--lang must be a language code such as uk or en, not {args.lang!r}"
    if args.slug is not None and (not args.slug.strip() or re.search(r"[\s/\\?#%]", args.slug.strip())):
        return f"--slug must be one URL part without spaces, / or ?, such as kyiv-metro, not {args.slug!r}"
    return None


def _shown_path(path: Path) -> str:
    """Relative to the working folder when inside it: shorter to read and to type."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _run_check(args: argparse.Namespace, console: _Console) -> int:
    from newsgen.build.builder import check_site

    started = time.perf_counter()
    content = _content_override(args, console)
    if content is None:
        return EXIT_USAGE
    config = _load_config(args.site_dir, **content)
    console.detail(f"checking {config.site_dir}")
    checked = check_site(config, drafts=args.drafts)
    diagnostics = checked.diagnostics
    for diagnostic in diagnostics:
        console.problem(diagnostic)
    for line in _schedule_listing(checked.schedule):
        console.info(line)
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = len(diagnostics) - len(errors)
    console.info(f"checked {config.site_dir}: {_plural(len(errors), 'error')}, {_plural(warnings, 'warning')} "
                 f"in {time.perf_counter() - started:.2f} s")
    return EXIT_PROBLEMS if errors or (args.strict and diagnostics) else EXIT_OK


def _schedule_listing(schedule: Schedule) -> list[str]:
    """`check`'s list of the articles the clock decides on: held back, taken down, to be taken down."""
    def line(article: Article, what: str, moment: datetime.datetime) -> str:
        return f"{article.source_path}:{article.source_line}: {what} {schedule.local(moment).isoformat()}: {article.title}"

    return ([line(a, "scheduled: goes live at", a.published) for a in schedule.scheduled]
            + [line(a, "expired: taken down at", a.expires) for a in schedule.expired]  # type: ignore[arg-type]
            + [line(a, "expires at", a.expires) for a in schedule.expiring])  # type: ignore[arg-type]


def _run_import(args: argparse.Namespace, console: _Console) -> int:
    from newsgen.build.workers import default_jobs
    from newsgen.cli import importer

    if not args.source_dir.is_dir():
        console.problem(f"newsgen: {args.source_dir}: no such folder")
        return EXIT_USAGE
    config = _load_config(args.site, content_dir=str(args.source_dir.resolve()), permalink=args.permalink)
    report = importer.survey_import(config, jobs=default_jobs())
    for diagnostic in report.problems:
        console.problem(diagnostic)
    print(importer.format_report(report), flush=True)  # the result, also with -q
    return EXIT_PROBLEMS if report.errors else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    console = _Console(quiet=args.quiet, verbose=args.verbose)
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

    Freeing what a build leaves in caches (morphology, tags, templates) at interpreter exit
    took 40-60 ms of a one-second rebuild; the operating system takes the memory back at once.
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
