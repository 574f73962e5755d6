"""`newsgen check`: every problem printed, nothing written, the exit code a newsroom's CI reads."""

from __future__ import annotations

from pathlib import Path

from newsgen.build.builder import check
from newsgen.cli.main import main
from newsgen.site.config import load_config

GOOD = {
    "newsgen.yaml": "base_url: https://example.org/\n",  # absolute: no warning
    "seeds/a.txt": "date 2026-02-11 Перший абзац.\n\nДругий абзац.\n",
    "content/b.md": "---\ntitle: Добра\ndate: 2026-01-05\n---\nТекст.\n",
}


def run_check(site: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", str(site), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def problems(err: str, site: Path) -> list[str]:
    return [line.removeprefix(f"{site.resolve()}/") for line in err.splitlines()]


def test_a_clean_site_exits_0_and_writes_nothing(make_project, capsys) -> None:
    site = make_project(GOOD)
    code, out, err = run_check(site, capsys)
    assert code == 0 and err == ""
    assert out.startswith(f"checked {site.resolve()}: 0 errors, 0 warnings in ")
    assert sorted(p.name for p in site.iterdir()) == ["content", "newsgen.yaml", "seeds"]  # no build/, no staging


def test_every_source_error_is_printed_and_exits_1(make_project, capsys) -> None:
    site = make_project({
        **GOOD,
        "seeds/bad.txt": "no date here\n",
        "content/bad.md": "---\ntitle: Погана\ndate: вчора\n---\nТекст.\n",
    })
    code, out, err = run_check(site, capsys)
    assert code == 1
    found = problems(err, site)
    assert any(line.startswith("content/bad.md:3:") and "'date' is not a date" in line for line in found)
    assert any(line.startswith("seeds/bad.txt:1:1: missing date") for line in found)
    assert "2 errors, 0 warnings" in out
    assert not (site / "build").exists()


def test_template_syntax_errors_name_the_file_and_line(make_project, capsys) -> None:
    site = make_project({**GOOD, "templates/article.html": (
        '{% extends "builtin/article.html" %}\n{% block content %}\n<h1>{{ article.title }</h1>\n{% endblock %}\n')})
    code, _, err = run_check(site, capsys)
    assert code == 1
    assert problems(err, site) == ["templates/article.html:3: unexpected '}'"]


def test_templates_that_name_missing_templates(make_project, capsys) -> None:
    site = make_project({**GOOD, "templates/tag.html": (
        '{% extends "base.html" %}\n{% block content %}\n{% include "nope.html" %}\n'
        '{% include "maybe.html" ignore missing %}\n{% endblock %}\n')})
    code, _, err = run_check(site, capsys)
    assert code == 1
    assert problems(err, site) == ["templates/tag.html:3: template 'nope.html' not found"]


def test_warnings_pass_unless_strict(make_project, capsys) -> None:
    same = "---\ntitle: Та сама\nslug: ta-sama\ndate: 2026-01-05\n---\nТекст {n}.\n"
    site = make_project({"content/a.md": same.format(n=1), "content/b.md": same.format(n=2),
                         "newsgen.yaml": "base_url: https://example.org/\n"})
    code, out, err = run_check(site, capsys)
    assert code == 0 and "warning: 2 articles claim the URL" in err and "0 errors, 1 warning " in out
    assert run_check(site, capsys, "--strict")[0] == 1


def test_configuration_errors_exit_2(make_project, capsys) -> None:
    site = make_project({**GOOD, "newsgen.yaml": "titel: Архів\n"})
    code, _, err = run_check(site, capsys)
    assert code == 2 and "newsgen.yaml:1:1: 'titel' is not a known setting" in err


def test_quiet_prints_errors_only(make_project, capsys) -> None:
    site = make_project(GOOD)
    assert run_check(site, capsys, "-q") == (0, "", "")
    site = make_project({**GOOD, "seeds/bad.txt": "no date\n"}, name="bad")
    code, out, err = run_check(site, capsys, "-q")
    assert code == 1 and out == "" and "seeds/bad.txt:1:1: missing date" in err


def test_check_agrees_with_build(make_project) -> None:
    """The problems check reports are the ones a build would report."""
    from tests.conftest import build_project

    site = make_project({**GOOD, "seeds/bad.txt": "no date\n", "content/c.md": "---\ntitle: x\n---\nТекст.\n"})
    assert check(load_config(site)) == build_project(site).diagnostics


LINKS = {
    "newsgen.yaml": "title: T\nbase_url: https://example.org/archive/\n",
    "static/map.png": "png",
    "content/a.md": (
        "---\ntitle: Нічне метро\ndate: 2026-02-10\n---\n"
        "Текст [нижче](#rozklad) і [нікуди](#nowhere).\n\n## Розклад\n\n"
        "[Друга](/archive/2026/02/11/druha/), [зникла](/2025/01/01/gone/), [мапа](/static/map.png),\n"
        "[без мапи](/static/nomap.png), [її розділ](/2026/02/11/druha/#heading-x), [чужий](/2026/02/11/druha/#nope),\n"
        "[пошта](mailto:a@b.example), [сайт](https://x.example/y), [архів](/2026/), [тема](/tags/), [спорт](/sport/)\n"
    ),
    "content/b.md": "---\ntitle: Друга\nslug: druha\ndate: 2026-02-11\nsection: sport\n---\n## Heading X\n\n"
                    "Назад [туди](../../10/nichne-metro/) і [не туди](../nope/).\n",
}


def test_check_names_body_links_that_point_nowhere_with_file_and_line(make_project, capsys) -> None:
    site = make_project(LINKS)
    code, _, err = run_check(site, capsys)
    assert code == 0  # warnings: the site still builds
    assert problems(err, site) == [
        "content/a.md:5: warning: the link #nowhere points nowhere: no heading or element has the id 'nowhere'",
        "content/a.md:9: warning: the link /2025/01/01/gone/ points nowhere: no page or file of the site is at "
        "/2025/01/01/gone/",
        "content/a.md:10: warning: the link /static/nomap.png points nowhere: no page or file of the site is at "
        "/static/nomap.png",
        "content/a.md:10: warning: the link /2026/02/11/druha/#nope points nowhere: no heading or element has the "
        "id 'nope' on /2026/02/11/druha/",
        "content/b.md:9: warning: the link ../nope/ points nowhere: no page or file of the site is at /2026/02/11/nope/",
    ]
    assert run_check(site, capsys, "--strict")[0] == 1


def test_check_follows_old_urls_and_bundle_files_of_an_imported_archive(tmp_path: Path, capsys) -> None:
    fixture = Path(__file__).parent / "import_fixtures" / "zola"
    config = load_config(tmp_path, {"content_dir": str(fixture)})
    assert [str(d) for d in check(config) if "link" in d.message] == []  # /blog/harbour-reopens/, #the-timetable
    capsys.readouterr()


def test_check_reads_an_imported_archive_with_content(tmp_path: Path, capsys) -> None:
    fixture = Path(__file__).parent / "import_fixtures" / "jekyll"
    (tmp_path / "newsgen.yaml").write_text("base_url: https://example.org/\n", encoding="utf-8")
    code, out, err = run_check(tmp_path, capsys, "--content", str(fixture))
    assert code == 0 and out.startswith(f"checked {tmp_path.resolve()}: 0 errors, ")
    assert "_posts/2013-05-06-hello-world.md:16: warning: the link /about/ points nowhere" in err  # a page left behind
    assert run_check(tmp_path, capsys, "--content", str(tmp_path / "missing"))[0] == 2
