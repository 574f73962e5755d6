"""A published article that stops loading stays published as it was last built (README "Output safety").

Each folder under tests/broken_edits/ is a site as it was (``before/``, built and published)
and the files an edit wrote over it (``after/``). ``expected.txt`` holds the start of each
error line the second build prints (paths relative to the site), ``published.txt`` the URLs
that must be published after it, each with a text its page must show, and ``absent.txt``
(if present) URLs that must not be: articles never published are left out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsgen.build import memo as cache_module
from newsgen.cli.main import main
from newsgen.serve.server import LiveState, ServeOptions, _Session
from tests.conftest import write_project

CASES = sorted(p for p in (Path(__file__).parent / "broken_edits").iterdir() if p.is_dir())


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


def _page(output: Path, route: str) -> Path:
    return output / route.strip("/") / "index.html"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_published_article_that_breaks_stays_as_last_built(case: Path, tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    shutil.copytree(case / "before", site)
    assert main(["build", str(site), "--no-search", "-q"]) == 0
    shutil.copytree(case / "after", site, dirs_exist_ok=True)
    for attempt in ("edited", "again, nothing changed"):
        assert main(["build", str(site), "--no-search"]) == 1, attempt
        errors = [line.removeprefix(f"{site}/") for line in capsys.readouterr().err.splitlines()
                  if ": warning: " not in line]
        assert len(errors) == len(_lines(case / "expected.txt")), errors
        for line, start in zip(errors, _lines(case / "expected.txt"), strict=True):
            assert line.startswith(start), (attempt, line)
        sitemap = (site / "build/sitemap.xml").read_text(encoding="utf-8")
        for entry in _lines(case / "published.txt"):
            route, text = entry.split(" ", 1)
            assert text in _page(site / "build", route).read_text(encoding="utf-8"), (attempt, route)
            assert f"{route}</loc>" in sitemap, (attempt, route)
        for route in _lines(case / "absent.txt"):
            assert not _page(site / "build", route).exists() and f"{route}</loc>" not in sitemap, (attempt, route)


def test_once_corrected_the_article_is_built_from_its_file_again(tmp_path: Path, capsys) -> None:
    case = Path(__file__).parent / "broken_edits" / "markdown-date-typo"
    site = tmp_path / "site"
    shutil.copytree(case / "before", site)
    assert main(["build", str(site), "--no-search", "-q"]) == 0
    shutil.copytree(case / "after", site, dirs_exist_ok=True)
    assert main(["build", str(site), "--no-search", "-q"]) == 1
    capsys.readouterr()
    (site / "content/pub.md").write_text("---\ntitle: Опублікована стаття\ndate: 2026-03-06\n---\nВиправлено.\n",
                                         encoding="utf-8")
    assert main(["build", str(site), "--no-search"]) == 0
    assert "pub.md" not in capsys.readouterr().err
    # The URL the article was first published under stays (urls.tsv); its text is the file's again.
    assert "Виправлено." in _page(site / "build", "/2026/03/05/opublikovana-stattia/").read_text(encoding="utf-8")
    assert not _page(site / "build", "/2026/03/06/opublikovana-stattia/").exists()


def test_strict_still_writes_nothing(tmp_path: Path, capsys) -> None:
    case = Path(__file__).parent / "broken_edits" / "markdown-date-typo"
    site = tmp_path / "site"
    shutil.copytree(case / "before", site)
    assert main(["build", str(site), "--no-search", "-q"]) == 0
    published = {p: p.read_bytes() for p in (site / "build").rglob("*") if p.is_file()}
    shutil.copytree(case / "after", site, dirs_exist_ok=True)
    assert main(["build", str(site), "--no-search", "--strict"]) == 1
    assert "nothing was written (--strict)" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in (site / "build").rglob("*") if p.is_file()} == published


class _Quiet:
    def info(self, message: str) -> None: ...
    def build_started(self) -> None: ...
    def progress(self, stage: str, done: int, total: int) -> None: ...
    def build_finished(self, outcome: object) -> None: ...


def test_serve_shows_the_error_over_the_page_that_stays(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    case = Path(__file__).parent / "broken_edits" / "markdown-date-typo"
    site = tmp_path / "site"
    shutil.copytree(case / "before", site)
    live = LiveState()
    session = _Session(ServeOptions(site_dir=site, search=False), tmp_path / "preview", live, _Quiet())
    assert session.rebuild().report is not None and live.snapshot().errors == ()
    shutil.copytree(case / "after", site, dirs_exist_ok=True)
    outcome = session.rebuild()
    assert outcome.report is not None
    assert [error.split(": ")[0] for error in live.snapshot().errors] == ["content/pub.md:3:1"]
    page = _page(tmp_path / "preview", "/2026/03/05/opublikovana-stattia/").read_text(encoding="utf-8")
    assert "Текст опублікованої статті." in page


def test_an_edit_beside_the_broken_article_is_published_once(tmp_path: Path) -> None:
    """The broken article is the one kept, by its place in the file, even when the edit of its neighbour
    changed that neighbour's headline (and so, without a recorded URL, its id)."""
    site = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "broken_edits" / "seed-one-of-three" / "before", site)
    assert main(["build", str(site), "--no-search", "-q"]) == 0
    (site / "seeds/s.txt").write_text("date 2026-03-01\nЗовсім інший заголовок першої новини.\n\n"
                                      "date 2026-03-32\nДруга новина з насіння.\n\n"
                                      "date 2026-03-03\nТретя новина з насіння.\n", encoding="utf-8")
    assert main(["build", str(site), "--no-search", "-q"]) == 1
    pages = [p for p in (site / "build/2026/03").glob("??/*/index.html")]
    assert len(pages) == 3, sorted(p.parent.name for p in pages)
    assert (site / "build/2026/03/02/druha-novyna-z-nasinnia/index.html").is_file()


def test_a_refused_build_in_between_does_not_lose_the_last_built_version(tmp_path: Path) -> None:
    """A build refused after loading (here: the content folder was away, which would take most articles
    down) must not forget what the files it did not find last published."""
    site = tmp_path / "site"
    files = {f"content/a{n:02d}.md": f"---\ntitle: Стаття {n}\ndate: 2026-01-{n:02d}\n---\nТекст {n}.\n"
             for n in range(1, 13)}
    write_project(site, {**files, "seeds/s.txt": "date 2026-01-20\nНовина з насіння.\n"})
    assert main(["build", str(site), "--no-search", "-q"]) == 0
    (site / "content").rename(tmp_path / "content-away")  # a checkout of the wrong branch, a sync halfway
    assert main(["build", str(site), "--no-search", "-q"]) == 2
    (tmp_path / "content-away").rename(site / "content")
    (site / "content/a01.md").write_text("---\ntitle: Стаття 1\ndate: 2026-01-01x\n---\nТекст 1.\n", encoding="utf-8")
    assert main(["build", str(site), "--no-search", "-q"]) == 1
    assert "Текст 1." in _page(site / "build", "/2026/01/01/stattia-1/").read_text(encoding="utf-8")
