"""URLs are promises: a published URL does not move because content was added or edited."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from newsgen import cache as cache_module
from tests.conftest import build_project, read


@pytest.fixture(autouse=True)
def trust_fresh_files(monkeypatch) -> None:
    """Edits here follow builds within a second: their signatures are safe to trust."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770854400")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".newsgen-output"}


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
