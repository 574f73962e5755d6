"""What the command line prints: summaries, progress, verbosity, help, and where each goes."""

from __future__ import annotations

import argparse
import io
import re

import pytest

from newsgen.cli import main as cli
from newsgen.cli.console import Console
from newsgen.cli.main import main

GOOD = {
    "newsgen.yaml": "base_url: https://example.org/\n",  # absolute: no warning
    "seeds/a.txt": "date 2026-02-11 Перший абзац про НАТО.\n\nДругий абзац.\n",
    "content/b.md": "---\ntitle: Добра\ndate: 2026-01-05\ntags: [Київ]\n---\nТекст.\n",
}
SUMMARY = re.compile(r"^built (\d+) articles, (\d+) pages, (\d+) tags into .+ \((\d+) errors?, (\d+) warnings?\) "
                     r"in \d+\.\d\d s$")


def test_every_build_ends_with_a_one_line_summary(make_project, capsys) -> None:
    site = make_project(GOOD)
    assert main(["build", str(site)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    *_, last = out.splitlines()
    articles, pages, tags, errors, warnings = map(int, SUMMARY.match(last).groups())  # type: ignore[union-attr]
    assert (articles, errors, warnings) == (2, 0, 0) and pages > 2 and tags >= 1


def test_errors_go_to_stderr_and_the_summary_to_stdout(make_project, capsys) -> None:
    site = make_project({**GOOD, "seeds/bad.txt": "no date\n"})
    assert main(["build", str(site)]) == 1
    out, err = capsys.readouterr()
    assert "seeds/bad.txt:1:1: missing date" in err and "missing date" not in out
    assert SUMMARY.match(out.strip()) and "(1 error, 0 warnings)" in out


def test_quiet_prints_only_errors(make_project, capsys) -> None:
    site = make_project({**GOOD, "seeds/bad.txt": "no date\n"})
    assert main(["build", str(site), "-q"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "missing date" in err


def test_quiet_leaves_out_warnings_that_the_summary_counts(make_project, capsys) -> None:
    site = make_project({**GOOD, "content/c.md": "---\ntitle: Дві дати\ndate: 2026-01-05\n---\nТекст {{< shortcode >}}.\n",
                         "content/_index.md": "---\ntitle: Розділ\n---\n"})
    assert main(["build", str(site), "-q"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == ""
    assert main(["build", str(site)]) == 0
    out, err = capsys.readouterr()
    assert "warning: " in err and re.search(r"\(0 errors, [1-9]\d* warnings?\)", out)


def test_verbose_prints_the_stages(make_project, capsys) -> None:
    site = make_project(GOOD)
    assert main(["build", str(site), "-v"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"building {site.resolve()} into {site.resolve() / 'build'}\n")
    assert "  render: " in out and SUMMARY.match(out.splitlines()[-1])


def test_a_failed_template_ends_with_a_failure_line_and_keeps_the_old_site(make_project, capsys) -> None:
    site = make_project(GOOD)
    assert main(["build", str(site), "-q"]) == 0
    before = (site / "build" / "index.html").read_bytes()
    (site / "templates").mkdir()
    (site / "templates" / "index.html").write_text('{% extends "base.html" %}\n{% block content %}{{ nope }}{% endblock %}\n')
    assert main(["build", str(site)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == ""
    assert re.match(rf"{re.escape(str(site.resolve()))}/templates/index.html:2: template error while rendering /", lines[0])
    assert lines[-1].startswith("newsgen: the build failed (1 error) in ") and "was left as it was" in lines[-1]
    assert (site / "build" / "index.html").read_bytes() == before


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def terminal(monkeypatch) -> _Terminal:
    """Called in the test body: pytest's capture re-installs sys.stderr after fixtures run."""
    stream = _Terminal()
    monkeypatch.setattr("sys.stderr", stream)
    monkeypatch.delenv("TERM", raising=False)
    return stream


def test_no_progress_bar_for_a_short_build(monkeypatch) -> None:
    stream = terminal(monkeypatch)
    console = Console(quiet=False, verbose=False)
    console.build_started()
    console.progress("render", 200, 400)
    assert stream.getvalue() == ""


def test_progress_bar_on_a_terminal_after_a_second(monkeypatch) -> None:
    stream = terminal(monkeypatch)
    console = Console(quiet=False, verbose=False)
    console.build_started()
    console.started -= 2  # as if the build had been running for two seconds
    console.progress("render", 200, 400)
    assert re.fullmatch(r"\rrender   \[#{15}\.{15}\] 200/400  2 s", stream.getvalue())
    console.progress("render", 400, 400)
    assert stream.getvalue().endswith("\r\x1b[K")  # the bar is wiped before the summary


def test_no_progress_bar_when_not_a_terminal(capsys) -> None:
    console = Console(quiet=False, verbose=False)
    console.started -= 10
    console.progress("render", 200, 400)
    assert capsys.readouterr() == ("", "")


def test_no_progress_bar_when_quiet_or_dumb(monkeypatch) -> None:
    stream = terminal(monkeypatch)
    quiet = Console(quiet=True, verbose=False)
    quiet.started -= 10
    quiet.progress("render", 200, 400)
    monkeypatch.setenv("TERM", "dumb")
    dumb = Console(quiet=False, verbose=False)
    dumb.started -= 10
    dumb.progress("render", 200, 400)
    assert stream.getvalue() == ""


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli._parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {"": parser, **action.choices}


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_help_describes_every_option(command: str, capsys) -> None:
    parser = _subcommands()[command]
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"] if command else ["--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for action in parser._actions:
        for option in action.option_strings:
            assert option in text
        assert action.help, f"{command} {action.dest} has no help"
    assert "exit status:" in text


def test_top_level_help_names_every_command(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for command in ("build", "serve", "new", "check"):
        assert re.search(rf"^\s+{command}\s+\S", text, re.MULTILINE)
