"""SIGKILL in the middle of a build: the previous site stays complete, and the next build succeeds.

A real `python -m newsgen build` runs in a child process (in its own process
group, so its forked workers die with it, as in a power cut or the OOM killer);
the test waits until the build is writing its staging folder, then kills it.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgen.build.builder import BuildOptions, build
from newsgen.build.output import MARKER
from newsgen.site.config import load_config
from tests.conftest import write_project

ARTICLES = 600  # about 900 pages: rendering takes seconds, the kill points come well before the end
EPOCH = "1769904000"  # 2026-02-01, after every article here: builds of the same input are byte-identical
WORDS = ("уряд місто рада реформа бюджет школа лікарня дорога міст вибори суд закон податок енергетика "
         "культура Київ Львів Одеса").split()


def _article(number: int, rng: random.Random) -> str:
    date = f"{2010 + number % 15}-{1 + number % 12:02d}-{1 + number % 28:02d}"
    body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) + "." for _ in range(4))
    return f"---\ntitle: Новина {number} {rng.choice(WORDS)}\ndate: {date}\ntags: [{rng.choice(WORDS)}]\n---\n{body}\n"


@pytest.fixture(scope="module")
def big_content() -> dict[str, str]:
    rng = random.Random(42)
    return {f"content/bulk/a{number:04d}.md": _article(number, rng) for number in range(ARTICLES)}


def snapshot(folder: Path) -> dict[str, str]:
    """{relative path: sha256} of every file: what a reader of the site would get."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONUNBUFFERED": "1"}


def cli_build(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgen", "build", str(site)], capture_output=True, text=True,
                          env=_env(), timeout=600, check=False)


def _staged_files(site: Path, enough: int) -> int:
    count = 0
    for staging in site.glob(".build.staging-*"):
        for _root, _dirs, files in os.walk(staging):
            count += len(files)
            if count >= enough:
                return count
    return count


def kill_mid_build(site: Path, staged: int | None, timeout: float = 300) -> str:
    """Start a build and SIGKILL it (and its workers) once ``staged`` files are in its staging folder.

    ``staged=None`` kills it before it stages anything (while it reads and derives).
    Returns the build's stderr.
    """
    process = subprocess.Popen([sys.executable, "-m", "newsgen", "build", str(site)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, env=_env(), start_new_session=True)
    deadline = time.monotonic() + timeout
    try:
        if staged is None:
            time.sleep(0.3)
        else:
            while _staged_files(site, staged) < staged:
                assert process.poll() is None, "the build finished before it could be killed: make the site bigger"
                assert time.monotonic() < deadline, "the build staged nothing in time"
                time.sleep(0.005)
        assert process.poll() is None, "the build finished before it could be killed: make the site bigger"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the build and every worker it forked
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    return process.stderr.read() if process.stderr else ""


def test_sigkill_mid_build_leaves_the_previous_site_and_the_next_build_succeeds(
    tmp_path: Path, big_content: dict[str, str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = write_project(tmp_path / "site", {
        "newsgen.yaml": "title: Архів\nbase_url: https://example.org/\n",
        "content/first.md": "---\ntitle: Перша\ndate: 2026-01-02\ntags: [Київ]\n---\nТекст першої.\n",
        "seeds/a.txt": "date 2026-01-01 Перша новина з насіння.\n\ndate 2025-12-31 Друга новина.\n",
    })
    first = cli_build(site)
    assert first.returncode == 0, first.stderr
    before = snapshot(site / "build")
    assert len(before) > 20

    write_project(site, big_content)  # the next build has much more to do
    for staged in (None, 1, 300):  # while reading, as staging starts, deep into rendering
        kill_mid_build(site, staged)
        assert (site / "build").is_dir(), f"killed at {staged} staged files: the site is gone"
        assert snapshot(site / "build") == before, f"killed at {staged} staged files: the site changed"

    assert list(site.glob(".build.staging-*")), "a killed build leaves its staging folder (the next build removes it)"
    second = cli_build(site)
    assert second.returncode == 0, second.stderr
    assert f"built {ARTICLES + 3} articles" in second.stdout
    assert not list(site.glob(".build.staging-*")), "the killed builds' staging folders were left behind"

    # The build that followed the kills equals a clean build of the same sources, file for file.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    clean = tmp_path / "clean"
    build(load_config(site, {"output_dir": str(clean)}), BuildOptions(cache=False))
    after, expected = snapshot(site / "build"), snapshot(clean)
    after.pop(MARKER, None)
    expected.pop(MARKER, None)
    assert sorted(after) == sorted(expected)
    assert [name for name in after if after[name] != expected[name]] == []


def test_sigkill_during_the_first_build_leaves_no_half_site(tmp_path: Path, big_content: dict[str, str]) -> None:
    site = write_project(tmp_path / "site", {"newsgen.yaml": "title: Архів\n", **big_content})
    kill_mid_build(site, staged=100)
    assert not (site / "build").exists(), "a half-written site became the output"
    result = cli_build(site)
    assert result.returncode == 0, result.stderr
    assert (site / "build" / "index.html").is_file() and not list(site.glob(".build.staging-*"))
