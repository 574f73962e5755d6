"""The command line: help, exit codes, where messages go."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsgen.cli.main import main

GOOD = {"content/a.md": "---\ntitle: Добра\ndate: 2026-01-05\n---\nТекст.\n",
        "newsgen.yaml": "base_url: https://example.org/\n"}  # absolute: no warning


def test_help_lists_commands_and_options(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for option in ("--output", "--base-url", "--drafts", "--strict", "--quiet", "--verbose", "SITE_DIR"):
        assert option in out


def test_clean_build_exits_0_and_prints_a_summary(make_project, capsys) -> None:
    site = make_project(GOOD)
    assert main(["build", str(site)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "built 1 article, " in captured.out and "0 errors" in captured.out


def test_quiet_prints_nothing_on_success(make_project, capsys) -> None:
    site = make_project(GOOD)
    assert main(["build", str(site), "-q"]) == 0
    assert capsys.readouterr() == ("", "")


def test_source_errors_exit_1_on_stderr(make_project, capsys) -> None:
    site = make_project({**GOOD, "seeds/bad.txt": "no date here"})
    assert main(["build", str(site), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "seeds/bad.txt:1:1: missing date" in captured.err


def test_configuration_errors_exit_2(make_project, capsys) -> None:
    site = make_project({**GOOD, "newsgen.yaml": "per_page: lots\n"})
    assert main(["build", str(site)]) == 2
    assert "newsgen.yaml:1:1: 'per_page' must be a whole number" in capsys.readouterr().err
    assert not (site / "build").exists()


def test_unknown_option_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--frobnicate"])
    assert exit_info.value.code == 2


def test_refusing_a_foreign_output_exits_2_and_deletes_nothing(make_project, tmp_path: Path, capsys) -> None:
    site = make_project(GOOD)
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("keep me")
    assert main(["build", str(site), "--output", str(documents)]) == 2
    err = capsys.readouterr().err
    assert "not created by newsgen" in err and "0 errors" not in err and len(err.splitlines()) == 1
    assert [p.name for p in documents.iterdir()] == ["letter.txt"]
    assert not list(tmp_path.glob(".Documents*")), "a refused build leaves no file beside the folder"
    assert not (site / ".newsgen").exists(), "nor a cache folder in the site"


def test_output_and_base_url_flags(make_project, tmp_path: Path) -> None:
    site = make_project(GOOD)
    out = tmp_path / "public"
    assert main(["build", str(site), "-o", str(out), "--base-url", "https://example.org/archive/", "-q"]) == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="/archive/2026/01/05/dobra/"' in html
    assert not (site / "build").exists()


def test_python_dash_m_and_default_site_dir(make_project) -> None:
    site = make_project(GOOD)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    result = subprocess.run([sys.executable, "-m", "newsgen", "build", "-q"], cwd=site, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (site / "build/index.html").is_file()


def test_the_command_exits_with_main_s_code_its_output_flushed_and_exit_handlers_run(make_project, tmp_path) -> None:
    """`newsgen` ends without tearing the interpreter down (cli.run): nothing a normal exit does may be lost."""
    site = make_project({**GOOD, "seeds/broken.txt": "no date here\n"})
    marker = tmp_path / "exit-handler-ran"
    script = (f"import atexit, pathlib; atexit.register(pathlib.Path({str(marker)!r}).touch); "
              "import sys; from newsgen.cli.main import run; sys.argv[1:] = ['build']; run()")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    env.pop("PYTHONUNBUFFERED", None)  # piped output is then buffered, as it is for most users
    result = subprocess.run([sys.executable, "-c", script], cwd=site, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "broken.txt:1" in result.stderr and "built " in result.stdout  # both streams flushed
    assert marker.exists()


def test_a_profiler_watching_the_command_still_gets_to_write_its_report(make_project, tmp_path) -> None:
    site = make_project(GOOD)
    report = tmp_path / "build.prof"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    result = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(report), "-m", "newsgen", "build", "-q"],
                            cwd=site, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert report.stat().st_size > 0


def test_output_in_a_folder_that_does_not_exist_yet(make_project, tmp_path: Path) -> None:
    site = make_project(GOOD)
    out = tmp_path / "deep" / "er" / "site"
    assert main(["build", str(site), "-o", str(out), "-q"]) == 0
    assert (out / "index.html").is_file()


def test_jobs_and_no_cache_flags(make_project, tmp_path: Path) -> None:
    site = make_project(GOOD)
    assert main(["build", str(site), "--jobs", "1", "--no-cache", "-q"]) == 0
    assert (site / "build/index.html").is_file()
    assert not (site / ".newsgen").exists() or not list((site / ".newsgen").rglob("cache.sqlite"))
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(site), "--jobs", "0"])
    assert exit_info.value.code == 2


def test_no_search_leaves_out_the_index_and_its_page(make_project) -> None:
    site = make_project(GOOD)
    assert main(["build", str(site), "--no-search", "-q"]) == 0
    assert not (site / "build/pagefind").exists() and not (site / "build/search/index.html").exists()
    assert 'role="search"' not in (site / "build/index.html").read_text(encoding="utf-8")
    assert main(["build", str(site), "-q"]) == 0  # the site's own setting again: search on
    assert (site / "build/pagefind/pagefind.js").is_file() and (site / "build/search/index.html").is_file()
