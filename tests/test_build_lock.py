"""One build per output at a time, with real processes: a second build waits and then builds the
newest sources; `serve` waits for a build of its output too; a killed build leaves no lock behind
and no worker writing on.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from newsgen.build.cache_folder import output_folder, output_lock
from tests.conftest import write_project

ARTICLES = 300  # rendering takes a few seconds: long enough to start another build meanwhile


def _articles(version: str) -> dict[str, str]:
    body = " ".join(["Міська рада ухвалила бюджет на наступний рік."] * 40)
    return {f"content/a{n:03d}.md": f"---\ntitle: Новина {n}\ndate: 2025-{1 + n % 12:02d}-{1 + n % 28:02d}\n---\n"
                                    f"{body} Версія{version}.\n" for n in range(ARTICLES)}


def _start(site: Path, log: Path, *args: str) -> subprocess.Popen:
    with log.open("w") as stream:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([sys.executable, "-m", "newsgen", *args, str(site), "--no-search"],
                                stdout=stream, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                                start_new_session=True)


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.02)


def _staged(site: Path) -> int:
    return sum(len(files) for staging in site.glob(".build.staging-*") for _, _, files in os.walk(staging))


def _article_pages(output: Path) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in output.glob("2025/*/*/novyna-*/index.html")]


def test_a_second_build_waits_for_the_first_then_builds_the_newest_sources(tmp_path: Path) -> None:
    site = write_project(tmp_path / "site", _articles("A"))
    first = _start(site, tmp_path / "first.log", "build")
    try:
        _wait_for(lambda: _staged(site) >= 30 or first.poll() is not None, "the first build renders")
        os.killpg(first.pid, signal.SIGSTOP)  # paused mid-build, however slow the second one is to start
        assert first.poll() is None, "the first build finished before the second started: make the site bigger"
        write_project(site, _articles("B"))  # an editor saves while the first build runs
        second = _start(site, tmp_path / "second.log", "build")
        _wait_for(lambda: "waiting for another build" in (tmp_path / "second.log").read_text(),
                  "the second build says it waits")
        os.killpg(first.pid, signal.SIGCONT)
        assert first.wait(300) == 0 and second.wait(300) == 0, (tmp_path / "second.log").read_text()
    finally:
        for process in (first, locals().get("second")):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
    pages = _article_pages(site / "build")
    assert len(pages) == ARTICLES
    assert all("ВерсіяB" in page and "ВерсіяA" not in page for page in pages), "the site mixes two builds"
    assert not list(site.glob(".build.staging-*")), "a staging folder was left behind"


def test_build_and_serve_wait_while_another_process_builds_the_output(tmp_path: Path) -> None:
    site = write_project(tmp_path / "site", {"content/a.md": "---\ntitle: Перша\ndate: 2026-01-02\n---\nТекст.\n"})
    output = (site / "build").resolve()
    serve = None
    with output_lock(output_folder(site / ".newsgen", output), output):  # as a build in another process would
        build = _start(site, tmp_path / "build.log", "build")
        _wait_for(lambda: "waiting for another build of" in (tmp_path / "build.log").read_text(), "build waits")
        serve = _start(site, tmp_path / "serve.log", "serve", "--port", "0", "-o", str(output))
        _wait_for(lambda: "waiting for another build of" in (tmp_path / "serve.log").read_text(), "serve waits")
        time.sleep(0.3)
        assert build.poll() is None and not output.exists(), "a build wrote while another held the output"
        write_project(site, {"content/a.md": "---\ntitle: Перша\ndate: 2026-01-02\n---\nНовий текст.\n"})
    try:
        assert build.wait(120) == 0, (tmp_path / "build.log").read_text()
        assert "Новий текст." in (output / "2026/01/02/persha/index.html").read_text(encoding="utf-8")
        _wait_for(lambda: "serving" in (tmp_path / "serve.log").read_text(), "serve builds and serves")
    finally:
        for process in (build, serve):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(60)


def _alive(pid: int) -> bool:
    """A process that exists and is not a zombie (a zombie has ended; only its exit status is left)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def test_a_killed_build_leaves_no_lock_and_no_worker_behind(tmp_path: Path) -> None:
    site = write_project(tmp_path / "site", _articles("A"))
    killed = _start(site, tmp_path / "killed.log", "build", "--jobs", "2")
    workers: list[int] = []
    try:
        _wait_for(lambda: (_staged(site) >= 30 and _children(killed.pid)) or killed.poll() is not None,
                  "the build renders in its workers")
        os.killpg(killed.pid, signal.SIGSTOP)  # held mid-build while its workers are listed
        workers = _children(killed.pid)
        assert killed.poll() is None and workers, "the build finished before it could be killed: make the site bigger"
        os.kill(killed.pid, signal.SIGKILL)  # the build process only, as the OOM killer would
        killed.wait(60)
        # Its workers, still paused, would write on into the staging folder once resumed: they die with it.
        _wait_for(lambda: not any(_alive(pid) for pid in workers), "the workers end with their build", timeout=30)
    finally:
        for pid in [killed.pid, *workers]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        killed.wait(60)
    assert list(site.glob(".build.staging-*")), "the killed build left its staging folder"
    write_project(site, _articles("B"))
    result = subprocess.run([sys.executable, "-m", "newsgen", "build", str(site), "--no-search"], capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "waiting" not in result.stderr, "the killed build's lock outlived it"
    assert not list(site.glob(".build.staging-*")), "the dead build's staging folder was not removed"
    pages = _article_pages(site / "build")
    assert len(pages) == ARTICLES and all("ВерсіяB" in page for page in pages)
