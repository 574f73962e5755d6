#!/usr/bin/env python3
"""How long a saved edit takes to reach the browser under ``newsgen serve``.

    .venv/bin/python bench/serve_edit.py CORPUS_DIR [--format markdown] [--repeat 3] [--out DIR]

CORPUS_DIR is a corpus made by ``bench/corpus.py`` (``bench/corpus/N``): its manifest names
the article the benchmark's edit changes. The script starts ``newsgen serve`` on the corpus's
site (output and cache under ``--out``, so the corpus folder gets no ``.newsgen``; on a fixed
``--port``, so a second run's first build finds the first's cache), waits for its first build, opens the edited article's page in Chromium (the live-reload script runs in
it), then, ``--repeat`` times: appends a sentence with a fresh marker to the article's source,
and waits until the page has reloaded by itself and shows the marker. Measured each time:
from the file's write to the reloaded page's ``load`` event, and the build's own seconds as
the server reports them. The source gets its bytes back at the end (and on Ctrl-C).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVING = re.compile(r"serving .* at (http://\S+)")
BUILT = re.compile(r"\] built .* in ([0-9.]+) s")


class Server:
    """``newsgen serve`` as a child process, its output read line by line in a thread."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, start_new_session=True)
        self.url: str | None = None
        self.builds: list[float] = []  # seconds of each finished build, as the server printed them
        self.lines: list[str] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            with self._changed:
                self.lines.append(line.rstrip())
                if found := SERVING.search(line):
                    self.url = found.group(1)
                if found := BUILT.search(line):
                    self.builds.append(float(found.group(1)))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait(self, condition, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: condition() or self.process.poll() is not None, timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def article_url(output: Path, source: Path) -> str:
    """The edited article's page: the one whose headline is the source's title."""
    title = re.search(r'^title:\s*"?(.*?)"?\s*$', source.read_text(encoding="utf-8"), re.M)
    if not title:
        raise SystemExit(f"{source}: no title in its front matter")
    headline = html.escape(title.group(1), quote=False) + "</h1>"
    found = subprocess.run(["grep", "-rlF", "--include=index.html", headline, str(output)],
                           capture_output=True, text=True).stdout.split()
    if len(found) != 1:
        raise SystemExit(f"expected one page headed {title.group(1)!r} in {output}, found {len(found)}")
    return "/" + Path(found[0]).parent.relative_to(output).as_posix() + "/"


def measure(args: argparse.Namespace) -> dict:
    from playwright.sync_api import sync_playwright

    corpus = args.corpus.resolve()
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    site = corpus / args.format
    source = site / manifest["edit"][args.format]
    original = source.read_bytes()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    command = [args.python, "-m", "newsgen", "serve", str(site), "--port", str(args.port), "-o", str(out / "site"),
               "--cache-dir", str(out / "cache"), *(["--no-search"] if args.no_search else [])]
    started = time.perf_counter()
    server = Server(command, Path(__file__).resolve().parent.parent)
    runs: list[dict] = []
    try:
        if not server.wait(lambda: server.url is not None, args.first_build_timeout) or server.url is None:
            raise SystemExit("serve did not start:\n" + "\n".join(server.lines[-20:]))
        first_build = time.perf_counter() - started
        print(f"first build done in {first_build:.1f} s, serving at {server.url}", flush=True)
        path = article_url(out / "site", source)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page()
            page.goto(server.url.rstrip("/") + path)
            page.wait_for_timeout(1000)  # the live-reload stream connects
            for turn in range(args.repeat):
                marker = f"Позначка{turn}{int(time.time())}"
                builds_before = len(server.builds)
                with page.expect_event("load", timeout=args.edit_timeout * 1000):
                    saved = time.perf_counter()
                    text = source.read_text(encoding="utf-8").rstrip("\n")
                    source.write_text(f"{text} {marker} щойно додано.\n", encoding="utf-8")
                loaded = time.perf_counter() - saved
                shown = marker in page.inner_text("main")
                server.wait(lambda: len(server.builds) > builds_before, 30)
                build = server.builds[-1] if len(server.builds) > builds_before else None
                runs.append({"to_browser_s": round(loaded, 3), "build_s": build, "marker_shown": shown})
                print(f"edit {turn + 1}: in the browser after {loaded:.2f} s (build {build} s), "
                      f"marker shown: {shown}", flush=True)
                page.wait_for_timeout(1500)
            browser.close()
    finally:
        source.write_bytes(original)
        server.stop()
    return {"corpus": str(corpus), "format": args.format, "search": not args.no_search,
            "first_build_s": round(first_build, 1), "page": path, "runs": runs,
            "median_to_browser_s": statistics.median(r["to_browser_s"] for r in runs) if runs else None,
            "load_average": os.getloadavg()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a bench corpus folder (bench/corpus/N)")
    parser.add_argument("--format", choices=("markdown", "seed"), default="markdown")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765,
                        help="a fixed port keeps the preview's links, so a second run's first build reuses the first's cache")
    parser.add_argument("--no-search", action="store_true", help="serve --no-search")
    parser.add_argument("--out", type=Path, default=Path("bench/out/serve"))
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--first-build-timeout", type=float, default=7200)
    parser.add_argument("--edit-timeout", type=float, default=600)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    result = measure(args)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
