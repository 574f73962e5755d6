"""The dev server's HTTP side: files from the output folder (and nothing outside it), the live endpoints.

Requests are resolved inside the output folder only (symlinks out are 404); HTML responses get
the live-reload script; ``/__newsgen__/events`` streams the build state as Server-Sent Events.
"""

from __future__ import annotations

import mimetypes
import shutil
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from newsgen.serve.live_reload import EVENTS_PATH, STATE_PATH, LiveState, Snapshot
from newsgen.serve.overlay import inject_live_script, not_found_page

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

class ServeError(Exception):
    """The server cannot start (port in use, address not available)."""


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


_NOT_FOUND_PAGE = not_found_page("en")  # until the site's language is known


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
                    return self._send(status, kind, inject_live_script(stream.read(), snapshot, self.server.live.words), send_body)
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
        body = inject_live_script(self.server.live.not_found or _NOT_FOUND_PAGE, snapshot, self.server.live.words)
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


def server_url(server: DevServer) -> str:
    return f"{server_origin(server, wildcard=True)}{server.mount}"


def server_origin(server: DevServer, wildcard: bool = False) -> str:
    """``http://HOST:PORT`` of the server; a wildcard address (0.0.0.0, ::) as this machine unless ``wildcard``."""
    host, port = server.server_address[:2]
    if not wildcard:
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(str(host), str(host))
    host = f"[{host}]" if ":" in str(host) else host
    return f"http://{host}:{port}"
