"""The dev server: build, serve the output, rebuild on save, reload open pages.

Pages reload through Server-Sent Events at ``/__newsgen__/events``; the script
that listens is added to HTML responses only, never to the files on disk. A
failed rebuild leaves the last good site in place and the script shows every
``path:line: message`` over the page; the next good build reloads the page.
The HTTP side is http_server.py, the shared build state live_reload.py, the page's
script and overlay overlay.py; this module runs the builds and ties them together.
"""

from __future__ import annotations

import dataclasses
import errno
import shutil
import tempfile
import threading
import time
import traceback
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newsgen.build.builder import BuildOptions, BuildReport, build, check
from newsgen.errors import BuildError, Diagnostic, SourceError
from newsgen.serve.http_server import DevServer, ServeError, server_origin, server_url
from newsgen.serve.live_reload import LiveState
from newsgen.serve.overlay import describe, not_found_page, serve_words
from newsgen.serve.watch import QUIET_SECONDS, Debouncer, SiteWatcher, WatchedPaths
from newsgen.site.config import CONFIG_NAME, SiteConfig, load_config, require_site
from newsgen.site.labels import LABELS_FOLDER


@dataclass(frozen=True, slots=True)
class BuildOutcome:
    """One build of the dev server: the report when it wrote a site, and its errors."""

    report: BuildReport | None  # None when nothing was written
    errors: list[Diagnostic]
    seconds: float
    crash: str | None = None  # a traceback: newsgen itself failed
    has_site: bool = True  # False while no build has succeeded: there is nothing to serve yet


class Reporter(Protocol):
    """Where the dev server tells the person at the terminal what happens."""

    def info(self, message: str) -> None: ...
    def build_started(self) -> None: ...
    def progress(self, stage: str, done: int, total: int) -> None: ...
    def build_finished(self, outcome: BuildOutcome) -> None: ...


@dataclass(frozen=True, slots=True)
class ServeOptions:
    site_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000
    drafts: bool = False
    search: bool = True  # False: no search index or page whatever newsgen.yaml says (saves re-indexing on a save)
    base_path: str = "/"  # where the site is mounted; its links are made for this path
    output: Path | None = None  # None: a private temporary folder, removed on exit
    cache_dir: Path | None = None  # None: the site's .newsgen/, or, for a temporary output, beside it
    open_browser: bool = False
    log_requests: bool = False
    quiet_seconds: float = QUIET_SECONDS


def open_server(options: ServeOptions, output: Path, live: LiveState) -> DevServer:
    """Bind the port now, so a port in use is reported before the first build."""
    try:
        return DevServer((options.host, options.port), output, live, options.base_path, options.log_requests)
    except OSError as exc:
        where = f"{options.host}:{options.port}"
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(f"port {options.port} is already in use on {options.host} (another "
                             "newsgen serve?); stop it or choose another port with --port") from None
        if exc.errno == errno.EACCES:
            raise ServeError(f"not allowed to listen on {where}; choose a port above 1023 with --port") from None
        raise ServeError(f"cannot listen on {where}: {exc.strerror or exc}") from None


class _Session:
    """Builds the site into the served folder and publishes each outcome to the pages."""

    def __init__(self, options: ServeOptions, output: Path, live: LiveState, reporter: Reporter,
                 origin: str = "") -> None:
        self.options, self.output, self.live, self.reporter = options, output, live, reporter
        self.origin = origin  # "http://127.0.0.1:8000": the preview's absolute URLs (feeds, canonical) point here
        self.config = self._load_config()  # a bad newsgen.yaml at start is a usage error
        self._speak()
        self.watcher: SiteWatcher | None = None
        self.stopping = False  # set on Ctrl-C: a build still finishing is not reported

    def _load_config(self) -> SiteConfig:
        cache_dir = self.options.cache_dir
        overrides = {"base_url": self.origin + self.options.base_path, "output_dir": str(self.output),
                     "cache_dir": str(cache_dir) if cache_dir else None, "search": None if self.options.search else False}
        config = load_config(self.options.site_dir, overrides)
        require_site(config)
        return config

    def _speak(self) -> None:
        """The overlay and the server's own pages in the site's first language."""
        self.live.speak(serve_words(self.config.language, self.config.labels),
                        not_found_page(self.config.language, self.config.labels))

    def watched(self) -> WatchedPaths:
        c = self.config
        folders = tuple(p.resolve() for p in (c.seeds_dir, c.content_dir, c.templates_dir, c.static_dir,
                                              c.site_dir / LABELS_FOLDER))
        return WatchedPaths(folders, (c.site_dir / CONFIG_NAME).resolve(), self.output.resolve())

    def _all_errors(self, failure: BuildError) -> list[Diagnostic]:
        """The error that stopped the build, and every other error in the sources and templates
        (a failed render hides the source errors found before it; the writer needs them all)."""
        found = list(failure.diagnostics) or [Diagnostic(None, None, None, str(failure))]
        seen = {(d.path, d.line) for d in found}
        try:
            others = check(self.config, drafts=self.options.drafts)
        except Exception:  # the failure itself is what matters; never hide it behind another
            return found
        return found + [d for d in others if d.severity == "error" and (d.path, d.line) not in seen]

    def rebuild(self) -> BuildOutcome:
        self.reporter.build_started()
        started = time.perf_counter()
        report, errors, crash = None, [], None
        try:
            self.config = self._load_config()
            self._speak()
            # Scheduled articles are shown, marked: the writer previews what will go live. A preview
            # records no URL (urls.tsv): a headline still being written is not a promise yet.
            report = build(self.config, BuildOptions(drafts=self.options.drafts, future=True,
                                                     progress=self.reporter.progress, record_urls=False,
                                                     waiting=self.reporter.info))
            errors = report.errors
        except SourceError as exc:
            errors = [exc.diagnostic]
        except BuildError as exc:
            errors = self._all_errors(exc)
        except Exception as exc:  # a bug in newsgen must not stop the server; show it instead
            errors, crash = [Diagnostic(None, None, None, f"newsgen failed: {exc!r}")], traceback.format_exc()
        self.live.publish([describe(d, self.config.site_dir) for d in errors])
        if self.watcher is not None:
            self.watcher.sync(self.watched())  # newsgen.yaml may have moved a folder
        outcome = BuildOutcome(report, errors, time.perf_counter() - started, crash, self.output.is_dir())
        if not self.stopping:
            self.reporter.build_finished(outcome)
        return outcome


def run(options: ServeOptions, reporter: Reporter) -> int:
    """Serve until KeyboardInterrupt (Ctrl-C; the CLI maps SIGTERM to it too); returns 0 after
    a clean stop. Raises ServeError (cannot listen) and SourceError (bad newsgen.yaml)."""
    scratch = None if options.output else Path(tempfile.mkdtemp(prefix="newsgen-serve-"))
    output = (options.output or scratch / "site").resolve()  # type: ignore[operator]
    if scratch is not None and options.cache_dir is None:  # a private preview: its cache goes with it
        options = dataclasses.replace(options, cache_dir=scratch / "cache")
    live = LiveState()
    try:
        session = _Session(options, output, live, reporter)  # a bad newsgen.yaml is reported before the port
        with open_server(options, output, live) as server:
            session.origin = server_origin(server)
            session.rebuild()
            _serve_until_interrupted(server, session, reporter, options)
    except KeyboardInterrupt:  # during the first build: stopping is still a clean stop
        reporter.info("stopped")
    finally:
        live.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


def _serve_until_interrupted(server: DevServer, session: _Session, reporter: Reporter, options: ServeOptions) -> None:
    debouncer = Debouncer(session.rebuild, options.quiet_seconds)
    watcher = session.watcher = SiteWatcher(session.watched(), lambda _path: debouncer.poke())
    try:
        threading.Thread(target=server.serve_forever, args=(0.1,), name="newsgen-http", daemon=True).start()
        debouncer.start()
        watcher.start()
        url = server_url(server)
        reporter.info(f"serving {session.config.site_dir} at {url}  (Ctrl-C stops)")
        if options.host not in ("127.0.0.1", "localhost", "::1"):
            reporter.info(f"warning: listening on {options.host}: other machines can read this site, drafts included")
        if options.open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        threading.Event().wait()  # until Ctrl-C or SIGTERM
    except KeyboardInterrupt:
        reporter.info("stopping")
    finally:
        session.stopping = True
        watcher.stop()
        server.live.close()  # ends every open event stream
        server.shutdown()
        debouncer.stop(timeout=30)  # let a running build finish before its folder is removed
