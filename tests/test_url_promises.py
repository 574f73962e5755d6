"""URLs are promises: a published URL does not move because content was added or edited."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from newsgen.build import memo as cache_module
from tests.conftest import build_project, read
from tests.search_answers import comparable


@pytest.fixture(autouse=True)
def trust_fresh_files(monkeypatch) -> None:
    """Edits here follow builds within a second: their signatures are safe to trust."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770854400")


def tree(folder: Path) -> dict[str, object]:
    """The built site, as builds must agree on it (the search index by what it answers: search_answers.py)."""
    return comparable({p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
                       if p.is_file() and p.name != ".newsgen-output"})


def markdown(title: str, date: str, tags: str = "", extra: str = "") -> str:
    tag_line = f"tags: [{tags}]\n" if tags else ""
    return f"---\ntitle: {title}\ndate: {date}\n{tag_line}{extra}---\nТекст статті про {title}.\n"


def heading(page: str) -> str:
    return html.unescape(page.split('<h1 class="page-heading">', 1)[1].split("</h1>", 1)[0])


def test_a_tag_url_stays_when_a_tag_with_the_same_slug_is_added(make_project) -> None:
    """A site with only "Київ" has /tags/kyiv/; articles tagged "Kyiv" join that page, which
    stays "Київ" on a Ukrainian site and lists "Kyiv" as another spelling: no /tags/kyiv-2/."""
    files = {"content/a.md": markdown("Метро", "2026-02-01", "Київ")}
    site = make_project(files)
    build_project(site)
    assert heading(read(site / "build/tags/kyiv/index.html")) == "Київ"
    added = {"content/b.md": markdown("Metro", "2026-02-02", "Kyiv"),
             "content/c.md": markdown("Bridge", "2026-02-03", "Kyiv")}
    for name, text in added.items():
        (site / name).write_text(text, encoding="utf-8")
    build_project(site)
    page = read(site / "build/tags/kyiv/index.html")
    assert heading(page) == "Київ"
    assert "Kyiv" in page.split("</h1>", 1)[1].split("<ul", 1)[0], "the other spelling is named on the page"
    assert all(title in page for title in ("Метро", "Metro", "Bridge"))
    assert not (site / "build/tags/kyiv-2").exists()
    clean = make_project({**files, **added}, "clean")
    build_project(clean)  # a fresh folder: no cache
    assert tree(site / "build") == tree(clean / "build")


def test_an_english_site_names_the_topic_in_latin_letters(make_project) -> None:
    site = make_project({
        "newsgen.yaml": "language: en\n",
        "content/a.md": markdown("Metro", "2026-02-01", "Київ"),
        "content/b.md": markdown("Bridge", "2026-02-02", "Kyiv"),
    })
    build_project(site)
    assert heading(read(site / "build/tags/kyiv/index.html")) == "Kyiv"
    assert "Also written: Київ" in read(site / "build/tags/kyiv/index.html")


def test_a_surname_page_redirects_once_its_full_name_joins_the_archive(make_project) -> None:
    site = make_project({"content/a.md": markdown("Заява", "2026-02-01", "Путін")})
    build_project(site)
    assert heading(read(site / "build/tags/putin/index.html")) == "Путін"
    (site / "content/b.md").write_text(markdown("Промова", "2026-02-02", "Володимир Путін"), encoding="utf-8")
    build_project(site)
    page = read(site / "build/tags/putin/index.html")
    assert 'http-equiv="refresh"' in page and "/tags/volodymyr-putin/" in page
    assert "Заява" in read(site / "build/tags/volodymyr-putin/index.html")
    assert "/tags/putin/" not in read(site / "build/sitemap.xml")


# --- articles keep the URL they were first published under (urls.tsv) ----------------------------------

SEED = "date 2026-02-11 Уряд ухвалив бюджет на наступний рік.\n\nДругий абзац.\n"
SEEDS = "date 2026-02-12 Перша новина дня про мости.\n\nТекст.\n\ndate 2026-02-12 Друга новина дня про метро.\n\nТекст.\n"


def title(page: str) -> str:
    return html.unescape(page.split("<title>", 1)[1].split(" — ", 1)[0])


def ledger_lines(site: Path) -> list[list[str]]:
    return [line.split("\t") for line in read(site / "urls.tsv").splitlines() if not line.startswith("#")]


def article_dirs(site: Path) -> set[str]:
    return {p.parent.relative_to(site / "build").as_posix() for p in (site / "build").glob("20*/*/*/*/index.html")}


def test_a_url_does_not_move_when_the_headline_is_corrected(make_project) -> None:
    site = make_project({"seeds/a.txt": SEED, "content/m.md": markdown("Нічне метро", "2026-02-10")})
    build_project(site)
    first = article_dirs(site)
    assert first == {"2026/02/11/uriad-ukhvalyv-biudzhet-na-nastupnyi-rik", "2026/02/10/nichne-metro"}
    assert ledger_lines(site) == [["content/m.md", "1", "/2026/02/10/nichne-metro/", "-"],
                                  ["seeds/a.txt", "1", "/2026/02/11/uriad-ukhvalyv-biudzhet-na-nastupnyi-rik/", "-"]]
    (site / "seeds/a.txt").write_text(SEED.replace("Уряд ухвалив", "Кабмін затвердив"), encoding="utf-8")
    (site / "content/m.md").write_text(markdown("Метро вночі", "2026-02-10"), encoding="utf-8")
    build_project(site)
    assert article_dirs(site) == first
    assert "Кабмін затвердив" in read(site / "build/2026/02/11/uriad-ukhvalyv-biudzhet-na-nastupnyi-rik/index.html")
    assert title(read(site / "build/2026/02/10/nichne-metro/index.html")) == "Метро вночі"
    assert not (site / "build/2026/02/10/metro-vnochi").exists()


def test_an_explicit_new_slug_moves_the_article_and_redirects_the_old_url(make_project) -> None:
    site = make_project({"content/m.md": markdown("Нічне метро", "2026-02-10")})
    build_project(site)
    (site / "content/m.md").write_text(markdown("Нічне метро", "2026-02-10", extra="slug: kyiv-night-metro\n"),
                                       encoding="utf-8")
    build_project(site)
    old = read(site / "build/2026/02/10/nichne-metro/index.html")
    assert 'http-equiv="refresh"' in old and "/2026/02/10/kyiv-night-metro/" in old and "noindex" in old
    assert title(read(site / "build/2026/02/10/kyiv-night-metro/index.html")) == "Нічне метро"
    assert ledger_lines(site) == [["content/m.md", "1", "/2026/02/10/kyiv-night-metro/", "kyiv-night-metro",
                                   "/2026/02/10/nichne-metro/"]]
    assert "/2026/02/10/nichne-metro/" not in read(site / "build/sitemap.xml")
    # a new title later: the URL stays, and so does the redirect
    (site / "content/m.md").write_text(markdown("Метро до ранку", "2026-02-10", extra="slug: kyiv-night-metro\n"),
                                       encoding="utf-8")
    build_project(site)
    assert title(read(site / "build/2026/02/10/kyiv-night-metro/index.html")) == "Метро до ранку"
    assert "/2026/02/10/kyiv-night-metro/" in read(site / "build/2026/02/10/nichne-metro/index.html")


def test_a_fresh_clone_with_the_ledger_builds_the_same_urls(make_project, tmp_path) -> None:
    files = {"seeds/a.txt": SEEDS, "content/m.md": markdown("Нічне метро", "2026-02-10", "Київ")}
    site = make_project(files)
    build_project(site)
    edited = {"seeds/a.txt": SEEDS.replace("Перша новина", "Головна новина"),
              "content/m.md": markdown("Метро вночі", "2026-02-10", "Київ", extra="slug: metro\n")}
    for name, text in edited.items():
        (site / name).write_text(text, encoding="utf-8")
    build_project(site)
    clone = make_project({**edited, "urls.tsv": read(site / "urls.tsv")}, "clone")  # sources and ledger only
    build_project(clone)
    assert tree(clone / "build") == tree(site / "build")
    assert read(clone / "urls.tsv") == read(site / "urls.tsv")
    without = make_project(edited, "without-ledger")
    build_project(without)
    assert article_dirs(without) != article_dirs(site), "without its ledger a clone would move the stories"


def test_a_deleted_articles_url_is_not_given_to_another(make_project) -> None:
    site = make_project({"content/a.md": markdown("Звіт", "2026-02-10")})
    build_project(site)
    (site / "content/a.md").unlink()
    (site / "content/b.md").write_text(markdown("Інше", "2026-02-11"), encoding="utf-8")
    build_project(site)
    assert ["content/a.md", "gone", "/2026/02/10/zvit/", "-"] in ledger_lines(site)
    (site / "content/c.md").write_text(markdown("Звіт", "2026-02-10"), encoding="utf-8")  # another story, same headline
    build_project(site)
    assert "2026/02/10/zvit-2" in article_dirs(site) and "2026/02/10/zvit" not in article_dirs(site)
    (site / "content/a.md").write_text(markdown("Звіт", "2026-02-10"), encoding="utf-8")  # the story restored
    build_project(site)
    assert {"2026/02/10/zvit", "2026/02/10/zvit-2"} <= article_dirs(site)


def test_a_renamed_file_keeps_its_url(make_project) -> None:
    site = make_project({"content/a.md": markdown("Звіт", "2026-02-10")})
    build_project(site)
    (site / "content/a.md").rename(site / "content/zvit.md")
    build_project(site)
    assert ledger_lines(site) == [["content/zvit.md", "1", "/2026/02/10/zvit/", "-"]]


def test_drafts_previews_and_scheduled_articles_are_not_recorded(make_project, monkeypatch) -> None:
    from newsgen.build.builder import BuildOptions, build
    from newsgen.site.config import load_config

    site = make_project({
        "content/a.md": markdown("Опубліковано", "2026-02-10"),
        "content/d.md": markdown("Чернетка", "2026-02-10", extra="draft: true\n"),
        "content/f.md": markdown("Завтрашня", "2026-03-01"),  # after the build's clock (SOURCE_DATE_EPOCH)
    })
    build(load_config(site, {"output_dir": str(site / "preview")}), BuildOptions(drafts=True, record_urls=False))
    assert not (site / "urls.tsv").exists(), "a preview writes no ledger"
    build_project(site, drafts=True)
    assert [line[0] for line in ledger_lines(site)] == ["content/a.md"]
    assert (site / "build/2026/02/10/chernetka/index.html").is_file()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772409600")  # 2026-03-02: now it is published
    build_project(site)
    assert [line[0] for line in ledger_lines(site)] == ["content/a.md", "content/f.md"]


def test_a_build_that_fails_or_refuses_writes_no_ledger(make_project) -> None:
    from newsgen.errors import BuildError

    site = make_project({"content/a.md": markdown("Звіт", "2026-02-10"),
                         "templates/article.html": '{% extends "builtin/article.html" %}{% block content %}{{ nope }}'
                                                   "{% endblock %}"})
    with pytest.raises(BuildError):
        build_project(site)
    assert not (site / "urls.tsv").exists()
    (site / "templates/article.html").unlink()
    (site / "content/b.md").write_text("---\ntitle: Без дати\n---\nТекст.\n", encoding="utf-8")
    with pytest.raises(BuildError):
        build_project(site, strict=True)
    assert not (site / "urls.tsv").exists()


def test_two_lines_claiming_one_url_keep_one_article_there(make_project) -> None:
    """After a merge of two branches, each of which published an article with one headline."""
    site = make_project({
        "content/a.md": markdown("Звіт", "2026-02-10"),
        "content/b.md": markdown("Звіт", "2026-02-10").replace("Текст", "Інший текст"),
        "urls.tsv": "content/a.md\t1\t/2026/02/10/zvit/\t-\ncontent/b.md\t1\t/2026/02/10/zvit/\t-\n",
    })
    report = build_project(site)
    assert {"2026/02/10/zvit", "2026/02/10/zvit-2"} == article_dirs(site)
    assert any("published under the URL /2026/02/10/zvit/" in d.message for d in report.warnings)
    assert sorted(line[2] for line in ledger_lines(site)) == ["/2026/02/10/zvit-2/", "/2026/02/10/zvit/"]


LEDGER_CASES = sorted(p for p in (Path(__file__).parent / "invalid_ledgers").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", LEDGER_CASES, ids=[c.name for c in LEDGER_CASES])
def test_a_ledger_newsgen_cannot_read_stops_the_build_naming_its_lines(case: Path, tmp_path: Path, capsys) -> None:
    """URLs depend on urls.tsv: rather than move them, a build with an unreadable line writes nothing
    (not even the ledger), and `check` names the same lines."""
    from newsgen.cli.main import main

    site = tmp_path / case.name
    shutil.copytree(case, site)
    before = read(site / "urls.tsv")
    expected = read(site / "expected.txt").splitlines()
    for command in ("check", "build"):
        assert main([command, str(site)]) == 1
        problems = [line.removeprefix(f"{site.resolve()}/").split(" (the URLs")[0]
                    for line in capsys.readouterr().err.splitlines() if line.startswith(f"{site.resolve()}/urls.tsv:")]
        assert problems == expected, command
    assert not (site / "build").exists() and read(site / "urls.tsv") == before


def test_an_article_that_fails_to_load_keeps_its_line(make_project) -> None:
    """A typo that stops an article does not mark its URL gone: fixed (and retitled), it is back at it."""
    site = make_project({"content/a.md": markdown("Звіт", "2026-02-10"), "content/b.md": markdown("Інше", "2026-02-11")})
    build_project(site)
    (site / "content/a.md").write_text("---\ntitle: [Звіт\ndate: 2026-02-10\n---\nТекст.\n", encoding="utf-8")
    report = build_project(site)
    assert report.errors and ["content/a.md", "1", "/2026/02/10/zvit/", "-"] in ledger_lines(site)
    (site / "content/a.md").write_text(markdown("Річний звіт", "2026-02-10"), encoding="utf-8")
    build_project(site)
    assert title(read(site / "build/2026/02/10/zvit/index.html")) == "Річний звіт"
