"""`newsgen new`: a Markdown article with front matter, a transliterated name, never an overwrite."""

from __future__ import annotations

import datetime
import zoneinfo
from pathlib import Path

import pytest

from newsgen.cli import scaffold
from newsgen.cli.main import main
from newsgen.sources.frontmatter import parse_markdown_article


def run_new(site: Path, capsys, *args: str) -> tuple[int, Path | None, str]:
    code = main(["new", *args, "--site", str(site)])
    captured = capsys.readouterr()
    printed = captured.out.strip()
    return code, (Path(printed) if printed else None), captured.err


def absolute(path: Path) -> Path:
    return path if path.is_absolute() else Path.cwd() / path


def test_cyrillic_title_gets_a_transliterated_file_with_readable_front_matter(make_project, capsys) -> None:
    site = make_project({"newsgen.yaml": "timezone: Europe/Kyiv\n"})
    code, printed, _ = run_new(site, capsys, "Заголовок статті", "--date", "2026-03-01")
    assert code == 0
    path = absolute(printed)  # type: ignore[arg-type]
    assert path == site / "content" / "2026" / "03" / "zaholovok-statti.md"
    text = path.read_text(encoding="utf-8")
    assert text == "---\ntitle: Заголовок статті\ndate: 2026-03-01\n---\n\n"


def test_front_matter_round_trips_through_the_loader(tmp_path: Path) -> None:
    article = scaffold.NewArticle('НАТО: «Їжак» каже "так" — 100%', datetime.date(2026, 2, 11),
                                  ("Київ", "транспорт"), draft=True)
    text = scaffold.article_text(article) + "Текст статті.\n"
    parsed = parse_markdown_article(text, tmp_path / "a.md")
    assert (parsed.title, parsed.date, parsed.tags, parsed.draft) == (
        article.title, article.date, ("Київ", "транспорт"), True)
    assert "tags: [Київ, транспорт]" in text and "\\u" not in text


@pytest.mark.parametrize("title", ["yes", "2026", "null", "- list?", "#hash", "a: b", "'quoted'"])
def test_titles_that_look_like_yaml_stay_text(tmp_path: Path, title: str) -> None:
    text = scaffold.article_text(scaffold.NewArticle(title, datetime.date(2026, 1, 1))) + "Текст.\n"
    assert parse_markdown_article(text, tmp_path / "a.md").title == title


def test_tags_draft_and_date_options(make_project, capsys) -> None:
    site = make_project({"newsgen.yaml": ""})
    code, printed, _ = run_new(site, capsys, "Нічне метро", "--tags", "Київ, транспорт", "--tags", "метро,Київ",
                               "--draft", "--date", "2025-12-31")
    assert code == 0
    parsed = parse_markdown_article(absolute(printed).read_text(encoding="utf-8") + "Текст.\n", printed)  # type: ignore[arg-type]
    assert parsed.tags == ("Київ", "транспорт", "метро") and parsed.draft
    assert absolute(printed).parent == site / "content" / "2025" / "12"  # type: ignore[arg-type]


def test_an_existing_file_is_never_overwritten(make_project, capsys) -> None:
    site = make_project({"content/2026/03/zaholovok-statti.md": "мій текст\n"})
    paths = [absolute(run_new(site, capsys, "Заголовок статті", "--date", "2026-03-01")[1]) for _ in range(2)]  # type: ignore[arg-type]
    assert [p.name for p in paths] == ["zaholovok-statti-2.md", "zaholovok-statti-3.md"]
    assert (site / "content/2026/03/zaholovok-statti.md").read_text(encoding="utf-8") == "мій текст\n"


def test_the_path_is_relative_when_inside_the_working_folder(make_project, capsys, monkeypatch) -> None:
    site = make_project({"newsgen.yaml": ""})
    site.mkdir(exist_ok=True)
    monkeypatch.chdir(site)
    assert main(["new", "Привіт, світе", "--date", "2026-01-02"]) == 0
    assert capsys.readouterr().out == "content/2026/01/pryvit-svite.md\n"


def test_the_site_content_dir_setting_is_followed(make_project, capsys) -> None:
    site = make_project({"newsgen.yaml": "content_dir: articles\n"})
    _, printed, _ = run_new(site, capsys, "Текст", "--date", "2026-01-02")
    assert absolute(printed) == site / "articles" / "2026" / "01" / "tekst.md"  # type: ignore[arg-type]


def test_a_title_without_letters_gets_a_fallback_name(make_project, capsys) -> None:
    site = make_project({"newsgen.yaml": ""})
    _, printed, _ = run_new(site, capsys, "🎉 !!!", "--date", "2026-01-02")
    assert absolute(printed).name == "article.md"  # type: ignore[union-attr]


def test_default_date_is_today_in_the_site_time_zone(make_project, capsys, monkeypatch) -> None:
    site = make_project({"newsgen.yaml": "timezone: Pacific/Kiritimati\n"})
    seen: list[str] = []
    monkeypatch.setattr(scaffold, "today_in", lambda tz: seen.append(tz) or datetime.date(2030, 7, 4))
    _, printed, _ = run_new(site, capsys, "Новина")
    assert seen == ["Pacific/Kiritimati"]
    assert "date: 2030-07-04\n" in absolute(printed).read_text(encoding="utf-8")  # type: ignore[union-attr]


def test_today_in_uses_the_zone() -> None:
    zone = "Pacific/Kiritimati"  # UTC+14: often a day ahead of UTC
    assert scaffold.today_in(zone) in {
        datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date(),
        (datetime.datetime.now(zoneinfo.ZoneInfo(zone)) - datetime.timedelta(seconds=5)).date(),
    }


def test_empty_title_and_bad_date_are_usage_errors(make_project, capsys) -> None:
    site = make_project({"newsgen.yaml": ""})
    assert main(["new", "   ", "--site", str(site)]) == 2
    assert "title is empty" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "Новина", "--date", "2026-02-30", "--site", str(site)])
    assert exit_info.value.code == 2
    assert not (site / "content").exists()


def test_a_new_article_is_reported_until_it_is_written(make_project, capsys) -> None:
    """The body starts empty on purpose, so an unwritten stub fails `check` instead of being published."""
    site = make_project({"newsgen.yaml": "base_url: https://example.org/\n"})
    _, printed, _ = run_new(site, capsys, "Чернетка", "--date", "2026-01-02")
    assert main(["check", str(site)]) == 1
    assert "empty body" in capsys.readouterr().err
    with absolute(printed).open("a", encoding="utf-8") as stream:  # type: ignore[union-attr]
        stream.write("Текст статті.\n")
    assert main(["check", str(site), "-q"]) == 0


def test_byline_section_language_and_slug_options(make_project, capsys) -> None:
    site = make_project({"newsgen.yaml": "sections:\n  polityka: Політика\n"})
    code, printed, _ = run_new(site, capsys, "Вибори в Раді", "--date", "2026-03-01", "--author", "Олена Коваль",
                               "--author", "Петро  Мельник", "--section", "polityka", "--lang", "en",
                               "--slug", "rada-vote")
    assert code == 0
    path = absolute(printed)  # type: ignore[arg-type]
    assert path == site / "content/2026/03/rada-vote.md"
    parsed = parse_markdown_article(path.read_text(encoding="utf-8") + "Текст.\n", path)
    assert (parsed.authors, parsed.editorial.section, parsed.lang, parsed.slug) == (
        ("Олена Коваль", "Петро Мельник"), "polityka", "en", "rada-vote")
    code, printed, _ = run_new(site, capsys, "Один автор", "--date", "2026-03-01", "--author", "Олена Коваль")
    assert "author: Олена Коваль\n" in absolute(printed).read_text(encoding="utf-8")  # type: ignore[arg-type]


@pytest.mark.parametrize("files", [{}, {"notes.txt": "не сайт"}])
def test_outside_a_site_nothing_is_written(make_project, capsys, files: dict) -> None:
    folder = make_project(files, name="not-a-site")
    code, printed, err = run_new(folder, capsys, "Заголовок")
    assert (code, printed) == (2, None) and "is not a site" in err
    assert not (folder / "content").exists()


@pytest.mark.parametrize("marker", ["newsgen.yaml", "seeds/a.txt", "content/old.md"])
def test_any_of_the_site_markers_is_enough(make_project, capsys, marker: str) -> None:
    site = make_project({marker: "date 2026-01-01 Текст.\n" if marker.endswith(".txt") else ""})
    assert run_new(site, capsys, "Заголовок", "--date", "2026-03-01")[0] == 0


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--section", "tags", "--section 'tags' is a folder the site fills itself"),
    ("--section", "2026", "--section '2026' is a folder the site fills itself"),
    ("--lang", "Ukrainian", "--lang must be a language code"),
    ("--slug", "a/b", "--slug must be one URL part"),
])
def test_bad_options_are_usage_errors_and_write_nothing(make_project, capsys, option: str, value: str,
                                                        message: str) -> None:
    site = make_project({"newsgen.yaml": ""})
    code, printed, err = run_new(site, capsys, "Заголовок", option, value)
    assert (code, printed) == (2, None) and message in err
    assert not (site / "content").exists()
