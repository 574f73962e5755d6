"""The dev server: build, serve the output, rebuild on save, reload open pages.

Pages reload through Server-Sent Events at ``/__newsgen__/events``; the script
that listens is added to HTML responses only, never to the files on disk. A
failed rebuild leaves the last good site in place and the script shows every
``path:line: message`` over the page; the next good build reloads the page.
Requests are resolved inside the output folder only (symlinks out are 404).
"""

from __future__ import annotations

import dataclasses
import errno
import json
import mimetypes
import shutil
import socket
import tempfile
import threading
import time
import traceback
import webbrowser
from collections.abc import Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol
from urllib.parse import quote, unquote, urlsplit

from newsgen.build.builder import BuildOptions, BuildReport, build, check
from newsgen.errors import BuildError, Diagnostic, SourceError
from newsgen.serve.watch import QUIET_SECONDS, Debouncer, SiteWatcher, WatchedPaths
from newsgen.site.config import CONFIG_NAME, SiteConfig, load_config, require_site

LIVE_PREFIX = "/__newsgen__/"  # reserved: never looked up in the output folder
EVENTS_PATH = LIVE_PREFIX + "events"
STATE_PATH = LIVE_PREFIX + "state"
KEEPALIVE_SECONDS = 15.0

_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".css": "text/css", ".js": "text/javascript",
    ".mjs": "text/javascript", ".json": "application/json", ".map": "application/json",
    ".xml": "application/xml", ".txt": "text/plain", ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
    ".ico": "image/x-icon", ".woff": "font/woff", ".woff2": "font/woff2", ".pdf": "application/pdf",
}
_TEXT_TYPES = {"application/json", "application/xml", "image/svg+xml", "application/manifest+json",
               "application/javascript", "application/atom+xml", "application/rss+xml"}

# The page side of live reload. It reloads when a newer good build is announced,
# and draws the overlay with textContent only (diagnostics are never parsed as HTML).
_CLIENT_JS = """(function (state) {
  var ID = "newsgen-overlay";
  function show(errors) {
    var old = document.getElementById(ID);
    if (old) old.remove();
    if (!errors.length) return;
    var box = document.createElement("div"), add = function (tag, text, parent) {
      var el = document.createElement(tag); el.textContent = text; (parent || box).appendChild(el); return el;
    };
    box.id = ID; box.setAttribute("role", "alert"); box.title = "click to hide";
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
      "background:rgba(40,0,0,.97);color:#fff;font:15px/1.6 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
    add("strong", "newsgen: " + errors.length + (errors.length === 1 ? " error" : " errors") + " in the last build");
    var list = add("ul", "");
    errors.forEach(function (text) { add("li", text, list); });
    add("p", state.build ? "Fix the file and save: this page reloads by itself." :
      "Nothing could be built yet. Fix the file and save: this page reloads by itself.");
    box.addEventListener("click", function () { box.remove(); });
    document.body.appendChild(box);
  }
  show(state.errors);
  var source = new EventSource("%(events)s");
  source.onmessage = function (event) {
    var next = JSON.parse(event.data);
    if (next.build !== state.build && !next.errors.length) { source.close(); location.reload(); return; }
    show(next.errors);
  };
})(%(state)s);"""


class ServeError(Exception):
    """The server cannot start (port in use, address not available)."""


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


@dataclass(frozen=True, slots=True)
class Snapshot:
    version: int  # changes on every published build, good or bad
    build: int  # changes on every good build: pages reload when it does
    errors: tuple[str, ...] = field(default=())

    def to_json(self) -> str:
        return json.dumps({"build": self.build, "errors": list(self.errors)}, ensure_ascii=True)


class LiveState:
    """The served site's build number and current errors, shared by the builder and every page."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._now = Snapshot(0, 0)
        self._closed = False

    def publish(self, errors: Sequence[str]) -> None:
        with self._changed:
            build_number = self._now.build + (0 if errors else 1)
            self._now = Snapshot(self._now.version + 1, build_number, tuple(errors))
            self._changed.notify_all()

    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._now

    def wait(self, seen: int | None, timeout: float) -> Snapshot | None:
        """The state once its version differs from ``seen`` (or after timeout); None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._now.version != seen, timeout)
            return None if self._closed else self._now

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def safe_path(root: Path, url_path: str) -> Path | None:
    """The file a URL path names inside ``root``, or None if it would leave it.

    Percent-decoding happens once, before the check; ``..`` is refused outright;
    the resolved path (symlinks followed) must still be inside the resolved root.
    """
    text = unquote(url_path, errors="replace")
    if "\x00" in text or "\\" in text:
        return None
    parts = [part for part in text.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    try:
        real_root = root.resolve()
        candidate = real_root.joinpath(*parts).resolve()
    except (OSError, RuntimeError, ValueError):  # symlink loops, names too long
        return None
    return candidate if candidate == real_root or real_root in candidate.parents else None


def content_type(path: Path) -> str:
    """The Content-Type header for a file; text types say they are UTF-8."""
    kind = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind in _TEXT_TYPES else kind


def live_script(snapshot: Snapshot) -> bytes:
    state = snapshot.to_json().replace("<", "\\u003c")  # cannot close the <script> element
    return f"<script>{_CLIENT_JS % {'events': EVENTS_PATH, 'state': state}}</script>\n".encode()


def inject_live_script(html: bytes, snapshot: Snapshot) -> bytes:
    """The page with the live-reload script before its last </body> (or at the end)."""
    at = html.lower().rfind(b"</body>")
    script = live_script(snapshot)
    return html + script if at < 0 else html[:at] + script + html[at:]


def describe(diagnostic: Diagnostic, site_dir: Path) -> str:
    """``path:line: message`` with the path relative to the site when it is inside it."""
    if diagnostic.path is None:
        return f"newsgen: {diagnostic.message}"
    if diagnostic.path.is_absolute() and diagnostic.path.is_relative_to(site_dir):
        diagnostic = dataclasses.replace(diagnostic, path=diagnostic.path.relative_to(site_dir))
    return str(diagnostic)


_NOT_FOUND_PAGE = (b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404 Not Found</title></head>"
                   b"<body><h1>404 Not Found</h1></body></html>\n")


class DevServer(ThreadingHTTPServer):
    """Serves one output folder, mounted at ``mount``, with the live endpoints."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], output: Path, live: LiveState, mount: str, log: bool) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.output, self.live, self.mount, self.log = output, live, mount, log
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: DevServer
    protocol_version = "HTTP/1.1"
    timeout = 120  # seconds; an idle keep-alive connection must not hold its thread forever

    def version_string(self) -> str:
        return "newsgen"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.server.log:
            super().log_message(format, *args)

    def _respond(self, send_body: bool) -> None:
        try:
            url = urlsplit(self.path)
            if url.path == EVENTS_PATH:
                return self._events(send_body)
            if url.path == STATE_PATH:
                body = self.server.live.snapshot().to_json().encode()
                return self._send(HTTPStatus.OK, "application/json; charset=utf-8", body, send_body)
            snapshot = self.server.live.snapshot()  # before reading: a page never claims a newer build
            self._serve_path(url.path, url.query, snapshot, send_body)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True  # the browser went away; nothing to answer

    def _serve_path(self, path: str, query: str, snapshot: Snapshot, send_body: bool) -> None:
        mount = self.server.mount
        if path + "/" == mount or (path == "/" and mount != "/"):
            return self._redirect(mount, query)
        if not path.startswith(mount):
            return self._not_found(snapshot, send_body)
        target = safe_path(self.server.output, path[len(mount) - 1:])
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                return self._redirect(quote(path, safe="/%") + "/", query)
            target = safe_path(self.server.output, path[len(mount) - 1:] + "index.html")
        if target is None or not target.is_file():
            return self._not_found(snapshot, send_body)
        self._send_file(target, HTTPStatus.OK, snapshot, send_body)

    def _send_file(self, target: Path, status: HTTPStatus, snapshot: Snapshot, send_body: bool) -> None:
        kind = content_type(target)
        try:
            with target.open("rb") as stream:
                if kind.startswith("text/html"):
                    return self._send(status, kind, inject_live_script(stream.read(), snapshot), send_body)
                size = target.stat().st_size
                self._head(status, kind, size)
                if send_body:
                    shutil.copyfileobj(stream, self.wfile)
        except FileNotFoundError:  # swapped away by a rebuild since we looked
            self._not_found(snapshot, send_body)

    def _not_found(self, snapshot: Snapshot, send_body: bool) -> None:
        page = safe_path(self.server.output, "/404.html")
        if page is not None and page.is_file():
            return self._send_file(page, HTTPStatus.NOT_FOUND, snapshot, send_body)
        body = inject_live_script(_NOT_FOUND_PAGE, snapshot)
        self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", body, send_body)

    def _redirect(self, location: str, query: str) -> None:
        self._head(HTTPStatus.MOVED_PERMANENTLY, None, 0, location + (f"?{query}" if query else ""))

    def _head(self, status: HTTPStatus, kind: str | None, length: int, location: str | None = None) -> None:
        self.send_response(status)
        for name, value in (("Content-Type", kind), ("Location", location), ("Content-Length", str(length)),
                            ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")):
            if value is not None:
                self.send_header(name, value)
        self.end_headers()

    def _send(self, status: HTTPStatus, kind: str, body: bytes, send_body: bool) -> None:
        self._head(status, kind, len(body))
        if send_body:
            self.wfile.write(body)

    def _events(self, send_body: bool) -> None:
        """A Server-Sent Events stream: the state now, then on every change, until shutdown."""
        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        if not send_body:
            return
        self.wfile.write(b"retry: 1000\n\n")
        seen: int | None = None
        while (now := self.server.live.wait(seen, KEEPALIVE_SECONDS)) is not None:
            message = b": keepalive\n\n" if now.version == seen else f"data: {now.to_json()}\n\n".encode()
            self.wfile.write(message)
            self.wfile.flush()
            seen = now.version


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


def server_url(server: DevServer) -> str:
    return f"{server_origin(server, wildcard=True)}{server.mount}"


def server_origin(server: DevServer, wildcard: bool = False) -> str:
    """``http://HOST:PORT`` of the server; a wildcard address (0.0.0.0, ::) as this machine unless ``wildcard``."""
    host, port = server.server_address[:2]
    if not wildcard:
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(str(host), str(host))
    host = f"[{host}]" if ":" in str(host) else host
    return f"http://{host}:{port}"


class _Session:
    """Builds the site into the served folder and publishes each outcome to the pages."""

    def __init__(self, options: ServeOptions, output: Path, live: LiveState, reporter: Reporter,
                 origin: str = "") -> None:
        self.options, self.output, self.live, self.reporter = options, output, live, reporter
        self.origin = origin  # "http://127.0.0.1:8000": the preview's absolute URLs (feeds, canonical) point here
        self.config = self._load_config()  # a bad newsgen.yaml at start is a usage error
        self.watcher: SiteWatcher | None = None
        self.stopping = False  # set on Ctrl-C: a build still finishing is not reported

    def _load_config(self) -> SiteConfig:
        cache_dir = self.options.cache_dir
        overrides = {"base_url": self.origin + self.options.base_path, "output_dir": str(self.output),
                     "cache_dir": str(cache_dir) if cache_dir else None, "search": None if self.options.search else False}
        config = load_config(self.options.site_dir, overrides)
        require_site(config)
        return config

    def watched(self) -> WatchedPaths:
        c = self.config
        folders = tuple(p.resolve() for p in (c.seeds_dir, c.content_dir, c.templates_dir, c.static_dir))
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
