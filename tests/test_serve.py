"""The dev server: safe paths, content types, 404s, live reload, and `newsgen serve` end to end."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsgen.cli.main import main
from newsgen.errors import Diagnostic
from newsgen.serve.http_server import DevServer, content_type, safe_path
from newsgen.serve.live_reload import LiveState, Snapshot
from newsgen.serve.overlay import describe, inject_live_script, not_found_page, serve_words
from newsgen.serve.server import ServeOptions, _Session
from newsgen.site.config import load_config
from newsgen.serve.watch import Debouncer, WatchedPaths, is_editor_temp, is_relevant
from tests.browser.served import Served

SEED = "date 2026-02-11 Перший абзац про НАТО.\n\nДругий абзац: стара версія.\n"
ARTICLE_ROUTE = "/2026/02/11/pershyi-abzats-pro-nato/"


# --- resolving request paths ------------------------------------------------------------

@pytest.fixture
def output(tmp_path: Path) -> Path:
    """A small built site, and a secret beside it that must never be served."""
    root = tmp_path / "out"
    (root / "2026" / "02").mkdir(parents=True)
    (root / "index.html").write_text("<html><body><p>Головна</p></body></html>", encoding="utf-8")
    (root / "2026" / "index.html").write_text("<html><body>2026</body></html>", encoding="utf-8")
    (root / "404.html").write_text("<html><body><h1>Не знайдено</h1></body></html>", encoding="utf-8")
    (root / "static").mkdir()
    (root / "static" / "site.css").write_text("body{}", encoding="utf-8")
    (root / "static" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "feed.xml").write_text("<feed/>", encoding="utf-8")
    (root / "робота.txt").write_text("текст", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "out-link").symlink_to(tmp_path / "secret.txt")
    (root / "dir-out").symlink_to(tmp_path)
    (root / "in-link.css").symlink_to(root / "static" / "site.css")
    return root


@pytest.mark.parametrize("attempt", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/static/../../secret.txt",
    "/static/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/out-link",
    "/dir-out/secret.txt", "/index.html%00.png", "/..\\secret.txt", "/%5c..%5csecret.txt",
])
def test_paths_that_leave_the_output_are_refused(output: Path, attempt: str) -> None:
    assert safe_path(output, attempt) is None


def test_paths_inside_the_output_resolve(output: Path) -> None:
    assert safe_path(output, "/") == output.resolve()
    assert safe_path(output, "/static/site.css") == output.resolve() / "static" / "site.css"
    assert safe_path(output, "/%D1%80%D0%BE%D0%B1%D0%BE%D1%82%D0%B0.txt") == output.resolve() / "робота.txt"
    assert safe_path(output, "/in-link.css") == output.resolve() / "static" / "site.css"  # symlink inside: fine
    # An absolute path in the URL is still looked up inside the output.
    assert safe_path(output, "//etc/passwd") == output.resolve() / "etc" / "passwd"


@pytest.mark.parametrize(("name", "expected"), [
    ("a.html", "text/html; charset=utf-8"), ("a.css", "text/css; charset=utf-8"),
    ("a.js", "text/javascript; charset=utf-8"), ("a.xml", "application/xml; charset=utf-8"),
    ("a.txt", "text/plain; charset=utf-8"), ("a.json", "application/json; charset=utf-8"),
    ("a.svg", "image/svg+xml; charset=utf-8"), ("a.png", "image/png"), ("a.woff2", "font/woff2"),
    ("A.HTML", "text/html; charset=utf-8"), ("noextension", "application/octet-stream"),
])
def test_content_types(name: str, expected: str) -> None:
    assert content_type(Path(name)) == expected


# --- the live-reload script ---------------------------------------------------------------

def test_script_goes_before_the_last_body_end_tag() -> None:
    html = b"<html><body><p>x</p></BODY></html>"
    result = inject_live_script(html, Snapshot(1, 1))
    assert result.startswith(b"<html><body><p>x</p><script>") and result.endswith(b"</script>\n</BODY></html>")
    assert b"EventSource" in result and b'{"build": 1, "errors": []}' in result


def test_script_is_appended_when_there_is_no_body_end_tag() -> None:
    assert inject_live_script(b"<p>x</p>", Snapshot(1, 1)).startswith(b"<p>x</p><script>")


def test_errors_cannot_close_the_script_element() -> None:
    html = inject_live_script(b"<body></body>", Snapshot(2, 1, ("a.html:1: </script><img src=x onerror=alert(1)>",)))
    assert html.count(b"</script>") == 1
    assert b"\\u003c/script>\\u003cimg" in html


def test_describe_shows_paths_relative_to_the_site(tmp_path: Path) -> None:
    inside = Diagnostic(tmp_path / "templates" / "article.html", 3, None, "unexpected '}'")
    assert describe(inside, tmp_path) == "templates/article.html:3: unexpected '}'"
    assert describe(Diagnostic(None, None, None, "boom"), tmp_path) == "newsgen: boom"


def test_only_good_builds_advance_the_build_number() -> None:
    live = LiveState()
    live.publish([])
    live.publish(["a.txt:1: bad"])
    assert live.snapshot() == Snapshot(version=2, build=1, errors=("a.txt:1: bad",))
    live.publish([])
    assert live.snapshot() == Snapshot(version=3, build=2, errors=())


# --- HTTP -------------------------------------------------------------------------------

@pytest.fixture
def server(output: Path) -> Iterator[DevServer]:
    live = LiveState()
    live.publish([])
    with DevServer(("127.0.0.1", 0), output, live, "/", log=False) as dev:
        thread = threading.Thread(target=dev.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        yield dev
        live.close()
        dev.shutdown()


def request(server: DevServer, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Send ``path`` exactly as written (no client-side normalising of "..")."""
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def raw_request(server: DevServer, request_line: bytes) -> bytes:
    with socket.create_connection(server.server_address[:2], timeout=10) as sock:
        sock.sendall(request_line + b"\r\nHost: x\r\nConnection: close\r\n\r\n")
        return b"".join(iter(lambda: sock.recv(65536), b""))


def test_index_is_served_with_the_live_script(server: DevServer, output: Path) -> None:
    status, headers, body = request(server, "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert "Головна" in body.decode() and b"/__newsgen__/events" in body
    assert int(headers["content-length"]) == len(body)
    assert b"__newsgen__" not in (output / "index.html").read_bytes()  # never written to disk


def test_directory_without_slash_redirects(server: DevServer) -> None:
    status, headers, _ = request(server, "/2026?x=1")
    assert status == 301 and headers["location"] == "/2026/?x=1"
    status, _, body = request(server, "/2026/")
    assert status == 200 and b"2026" in body


@pytest.mark.parametrize("path", [
    "/nope", "/../secret.txt", "/%2e%2e/secret.txt", "/static/%2e%2e/%2e%2e/secret.txt", "/out-link",
    "/dir-out/secret.txt", "/%00", "/2026/02/",  # a folder without index.html is not listed
])
def test_missing_and_forbidden_paths_get_the_sites_404(server: DevServer, path: str) -> None:
    status, headers, body = request(server, path)
    assert status == 404 and headers["content-type"] == "text/html; charset=utf-8"
    assert "Не знайдено" in body.decode() and b"secret" not in body


def test_absolute_form_and_raw_traversal_request_lines(server: DevServer) -> None:
    for line in (b"GET http://evil.example/../secret.txt HTTP/1.1", b"GET /../../secret.txt HTTP/1.1",
                 b"GET //tmp/../secret.txt HTTP/1.1"):
        response = raw_request(server, line)
        assert response.startswith(b"HTTP/1.1 404") and b"secret\r\n" not in response and not response.endswith(b"secret")


def test_plain_404_when_the_site_has_no_404_page(server: DevServer, output: Path) -> None:
    (output / "404.html").unlink()
    status, _, body = request(server, "/nope")
    assert status == 404 and b"<h1>404 Page not found</h1>" in body and b"EventSource" in body
    config = load_config(output.parent)  # a Ukrainian site's server answers in Ukrainian
    server.live.speak(serve_words(config.language), not_found_page(config.language))
    status, _, body = request(server, "/nope")
    assert status == 404 and "<h1>404 Сторінку не знайдено</h1>" in body.decode() and b'<html lang="uk">' in body


@pytest.mark.parametrize(("path", "kind"), [
    ("/static/site.css", "text/css; charset=utf-8"), ("/feed.xml", "application/xml; charset=utf-8"),
    ("/static/logo.png", "image/png"), ("/%D1%80%D0%BE%D0%B1%D0%BE%D1%82%D0%B0.txt", "text/plain; charset=utf-8"),
])
def test_static_files_are_served_as_they_are(server: DevServer, output: Path, path: str, kind: str) -> None:
    status, headers, body = request(server, path)
    assert status == 200 and headers["content-type"] == kind
    assert body == (output / safe_path(output, path).relative_to(output.resolve())).read_bytes()


def test_head_sends_the_headers_of_get_without_a_body(server: DevServer) -> None:
    for path in ("/", "/static/site.css", "/nope"):
        get_status, get_headers, get_body = request(server, path)
        status, headers, body = request(server, path, "HEAD")
        assert (status, body) == (get_status, b"")
        assert headers["content-length"] == get_headers["content-length"] == str(len(get_body))


def test_other_methods_are_not_allowed(server: DevServer) -> None:
    assert request(server, "/", "POST")[0] == 501


def test_events_stream_sends_the_state_then_every_change(server: DevServer) -> None:
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    connection.request("GET", "/__newsgen__/events")
    response = connection.getresponse()
    assert response.status == 200 and response.getheader("Content-Type") == "text/event-stream; charset=utf-8"

    def next_event() -> dict:
        while not (line := response.readline()).startswith(b"data: "):
            assert line, "the stream ended"
        return json.loads(line[6:])

    assert next_event() == {"build": 1, "errors": []}
    server.live.publish(["templates/article.html:3: unexpected '}'"])
    assert next_event() == {"build": 1, "errors": ["templates/article.html:3: unexpected '}'"]}
    server.live.publish([])
    assert next_event() == {"build": 2, "errors": []}
    connection.close()


def test_state_endpoint(server: DevServer) -> None:
    status, headers, body = request(server, "/__newsgen__/state")
    assert status == 200 and headers["content-type"] == "application/json; charset=utf-8"
    assert json.loads(body) == {"build": 1, "errors": []}


def test_site_mounted_under_a_sub_path(output: Path) -> None:
    with DevServer(("127.0.0.1", 0), output, LiveState(), "/archive/", log=False) as dev:
        threading.Thread(target=dev.serve_forever, args=(0.05,), daemon=True).start()
        try:
            assert request(dev, "/")[:2][0] == 301 and request(dev, "/")[1]["location"] == "/archive/"
            assert request(dev, "/archive")[1]["location"] == "/archive/"
            assert request(dev, "/archive/static/site.css")[0] == 200
            assert request(dev, "/static/site.css")[0] == 404
        finally:
            dev.shutdown()


# --- what the watcher reacts to -------------------------------------------------------------

@pytest.fixture
def watched(tmp_path: Path) -> WatchedPaths:
    site = tmp_path / "site"
    folders = tuple(site / name for name in ("seeds", "content", "templates", "static"))
    return WatchedPaths(folders, site / "newsgen.yaml", site / "build")


@pytest.mark.parametrize(("relative", "expected"), [
    ("seeds/a.txt", True), ("content/2026/01/a.md", True), ("templates/article.html", True),
    ("static/img/logo.png", True), ("newsgen.yaml", True), ("content", True),
    ("build/index.html", False), (".build.staging-123/index.html", False), (".build.staging-old-9", False),
    (".build.newsgen-cache.sqlite", False), (".build.newsgen-cache.sqlite-journal", False),
    ("seeds/.a.txt.swp", False), ("seeds/a.txt~", False), ("content/.#a.md", False), ("content/4913", False),
    ("content/#a.md#", False), ("README.md", False), ("newsgen.yaml.bak", False), (".git/index", False),
])
def test_which_changes_matter(watched: WatchedPaths, relative: str, expected: bool) -> None:
    assert is_relevant(watched.config_file.parent / relative, watched) is expected


def test_output_inside_a_watched_folder_is_still_ignored(tmp_path: Path) -> None:
    static = tmp_path / "static"
    paths = WatchedPaths((static,), tmp_path / "newsgen.yaml", static / "out")
    assert not is_relevant(static / "out" / "index.html", paths)
    assert not is_relevant(static / ".out.staging-42" / "index.html", paths)
    assert not is_relevant(static / ".out.newsgen-cache.sqlite-wal", paths)
    assert is_relevant(static / "style.css", paths)


def test_editor_temp_names() -> None:
    assert all(map(is_editor_temp, [".x.swp", "x~", ".#x", "4913", "#x#", ".goutputstream-AB12"]))
    assert not any(map(is_editor_temp, ["x.md", "#hashtag.md", "x.txt"]))


def test_a_burst_of_saves_is_one_rebuild() -> None:
    calls: list[float] = []
    debouncer = Debouncer(lambda: calls.append(time.monotonic()), quiet=0.15)
    debouncer.start()
    try:
        for _ in range(5):
            debouncer.poke()
            time.sleep(0.02)
        deadline = time.monotonic() + 5
        while not calls and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.4)
        assert len(calls) == 1
    finally:
        debouncer.stop()


def test_a_save_during_a_rebuild_gets_one_more_rebuild() -> None:
    started, calls = threading.Event(), []

    def slow_build() -> None:
        calls.append(1)
        started.set()
        time.sleep(0.3)

    debouncer = Debouncer(slow_build, quiet=0.05)
    debouncer.start()
    try:
        debouncer.poke()
        assert started.wait(5)
        debouncer.poke()
        debouncer.poke()
        deadline = time.monotonic() + 5
        while len(calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.5)
        assert len(calls) == 2
    finally:
        debouncer.stop()


# --- `newsgen serve` as a person runs it ------------------------------------------------------

@pytest.fixture
def serve() -> Iterator[Callable[..., Served]]:
    """Start `newsgen serve` subprocesses; any still running after the test is killed."""
    started: list[Served] = []

    def start(site: Path, *args: str) -> Served:
        started.append(Served(site, *args))
        return started[-1]

    yield start
    for served in started:
        served.kill()


@pytest.fixture
def site(make_project) -> Path:
    return make_project({
        "seeds/a.txt": SEED,
        "newsgen.yaml": "title: Архів\nbase_url: https://news.example.org/\n",
    })


def test_serve_rebuilds_on_save_and_shows_template_errors(site: Path, serve) -> None:
    served = serve(site)
    try:
        status, page = served.get(ARTICLE_ROUTE)
        assert status == 200 and "стара версія" in page
        assert "news.example.org" not in page  # links stay on the dev server
        first = served.state()["build"]

        (site / "seeds" / "a.txt").write_text(SEED.replace("стара", "нова"), encoding="utf-8")
        served.wait_for(lambda s: s["build"] > first)
        assert "нова версія" in served.get(ARTICLE_ROUTE)[1]

        (site / "templates").mkdir()
        (site / "templates" / "article.html").write_text(
            '{% extends "builtin/article.html" %}\n{% block content %}\n<h1>{{ article.title }</h1>\n{% endblock %}\n',
            encoding="utf-8",
        )
        broken = served.wait_for(lambda s: s["errors"])
        assert broken["errors"][0].startswith("templates/article.html:3: ")
        assert "нова версія" in served.get(ARTICLE_ROUTE)[1]  # the last good site is still served

        (site / "templates" / "article.html").unlink()
        fixed = served.wait_for(lambda s: not s["errors"])
        assert fixed["build"] > broken["build"]
    finally:
        code, out, err = served.stop()
    assert code == 0, err
    assert "templates/article.html:3:" in err and "still serving the previous site" in err, err
    assert not (site / "build").exists()  # the preview never touches the production output
    assert not list(site.parent.glob("newsgen-serve-*"))  # its temporary folder is removed


def test_sigterm_stops_cleanly(site: Path, serve) -> None:
    served = serve(site)
    code, out, err = served.stop(signal.SIGTERM)
    assert (code, err) == (0, ""), err
    assert out.rstrip().endswith("stopping"), out


def test_port_in_use_is_a_clear_usage_error(site: Path, capsys) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(site), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"port {port} is already in use" in err and "--port" in err
    assert not (site / "build").exists()


def test_serve_with_a_broken_config_is_a_usage_error(make_project, capsys) -> None:
    site = make_project({"seeds/a.txt": SEED, "newsgen.yaml": "per_page: lots\n"})
    assert main(["serve", str(site), "--port", "0"]) == 2
    assert "newsgen.yaml:1:1: 'per_page'" in capsys.readouterr().err


# --- one dev-server build, in process ---------------------------------------------------------

class _Recorder:
    """A Reporter that keeps what the session tells the terminal."""

    def __init__(self) -> None:
        self.outcomes: list = []

    def info(self, message: str) -> None:
        pass

    def build_started(self) -> None:
        pass

    def progress(self, stage: str, done: int, total: int) -> None:
        pass

    def build_finished(self, outcome) -> None:  # noqa: ANN001
        self.outcomes.append(outcome)


def make_session(site: Path, tmp_path: Path) -> tuple[_Session, LiveState]:
    live = LiveState()
    return _Session(ServeOptions(site_dir=site), tmp_path / "preview", live, _Recorder(), "http://127.0.0.1:8000"), live


def test_a_failed_render_lists_every_error_in_the_site(make_project, tmp_path: Path) -> None:
    site = make_project({
        "seeds/a.txt": SEED, "seeds/b.txt": "date 2026-02-31 Погана дата.\n",
        "templates/article.html": '{% extends "builtin/article.html" %}\n\n{% block title %}{{ article.title }{% endblock %}\n',
    })
    session, live = make_session(site, tmp_path)
    outcome = session.rebuild()
    assert outcome.report is None and not outcome.has_site
    assert [e.split(": ")[0] for e in live.snapshot().errors] == ["templates/article.html:3", "seeds/b.txt:1:6"]
    assert live.snapshot().build == 0


def test_source_errors_show_without_reloading_and_a_good_build_reloads(make_project, tmp_path: Path) -> None:
    site = make_project({"seeds/a.txt": SEED})
    session, live = make_session(site, tmp_path)
    session.rebuild()
    assert live.snapshot() == Snapshot(1, 1, ())
    (site / "seeds" / "b.txt").write_text("no date\n", encoding="utf-8")
    session.rebuild()
    assert live.snapshot().build == 1 and live.snapshot().errors == ("seeds/b.txt:1:1: missing date: "
        "the article does not start with `date YYYY-MM-DD` (each article must start with `date YYYY-MM-DD`)",)
    (site / "seeds" / "b.txt").unlink()
    session.rebuild()
    assert live.snapshot() == Snapshot(3, 2, ())


def test_preview_links_are_local_whatever_the_configured_base_url(make_project, tmp_path: Path) -> None:
    site = make_project({"seeds/a.txt": SEED, "newsgen.yaml": "base_url: https://news.example.org/archive/\n"})
    session, _ = make_session(site, tmp_path)
    session.rebuild()
    html = (tmp_path / "preview" / "index.html").read_text(encoding="utf-8")
    assert "news.example.org" not in html and f'href="{ARTICLE_ROUTE}"' in html
    assert not (site / "build").exists()


def test_serve_without_search_builds_no_index_and_no_search_page(make_project, tmp_path: Path) -> None:
    site = make_project({"seeds/a.txt": SEED})
    live = LiveState()
    session = _Session(ServeOptions(site_dir=site, search=False), tmp_path / "preview", live, _Recorder())
    outcome = session.rebuild()
    assert outcome.report is not None and not outcome.report.errors
    preview = tmp_path / "preview"
    assert (preview / "index.html").is_file()
    assert not (preview / "pagefind").exists() and not (preview / "search").exists()
    assert "/search/" not in (preview / "index.html").read_text(encoding="utf-8")

