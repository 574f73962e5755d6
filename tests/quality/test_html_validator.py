"""The W3C Nu Html Checker (vnu.jar) reports no error on any page type, on the sample site and the corpus.

Validating thousands of pages costs minutes, so one page of each type (the
largest, the richest example) is copied from each built site into one folder
and the checker runs once over all of them, and over a page broken on purpose,
which must show errors: a checker that cannot fail proves nothing.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import build_project
from tests.quality.page_types import missing_types, page_of_each_type
from tests.quality.tools import Built, HtmlProblem, require_vnu, validate_html

BROKEN_PAGE = Path(__file__).parent / "fixtures" / "broken-page.html"
CHECKED_SITES = ("sample_root", "corpus_markdown_root", "corpus_seed_sub_path")


@dataclass(frozen=True, slots=True)
class CheckerRun:
    pages: dict[str, dict[str, Path]]  # site -> page type -> the copy that was checked
    problems: list[HtmlProblem]

    def problems_in(self, files: list[Path]) -> list[HtmlProblem]:
        wanted = {file.resolve() for file in files}
        return [p for p in self.problems if Path(p.file).resolve() in wanted]


@pytest.fixture(scope="session")
def checker_run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> CheckerRun:
    require_vnu()  # before the builds: a missing checker should not cost a corpus build
    folder = tmp_path_factory.mktemp("vnu")
    pages: dict[str, dict[str, Path]] = {}
    for site in CHECKED_SITES:
        built: Built = request.getfixturevalue(site)
        found = page_of_each_type(built.output)
        assert not missing_types(found), f"{built.name}: no page of type {missing_types(found)}"
        pages[site] = {}
        for kind, file in found.items():
            copy = folder / site / (re.sub(r"\W+", "-", kind).strip("-") + ".html")
            copy.parent.mkdir(exist_ok=True)
            shutil.copy(file, copy)
            pages[site][kind] = copy
    broken = folder / "broken" / BROKEN_PAGE.name
    broken.parent.mkdir()
    shutil.copy(BROKEN_PAGE, broken)
    files = [copy for by_kind in pages.values() for copy in by_kind.values()] + [broken]
    return CheckerRun(pages, validate_html(files))


@pytest.mark.parametrize("site", CHECKED_SITES)
def test_no_html_errors_on_any_page_type(checker_run: CheckerRun, site: str) -> None:
    checked = checker_run.pages[site]
    problems = checker_run.problems_in(list(checked.values()))
    kinds = {copy.resolve(): kind for kind, copy in checked.items()}
    report = "\n".join(f"{kinds.get(Path(p.file).resolve(), '?')}: {p}" for p in problems)
    assert len(problems) == 0, f"the Nu Html Checker found {len(problems)} error(s) in {site}:\n{report}"
    assert {"front", "article", "tag", "month", "tag index"} <= set(checked)


def test_the_checker_reports_the_broken_page(checker_run: CheckerRun) -> None:
    problems = [p for p in checker_run.problems if Path(p.file).name == BROKEN_PAGE.name]
    messages = " | ".join(p.message for p in problems)
    assert len(problems) >= 4, f"the broken page should fail in at least four ways, got: {messages}"
    for expected in ("alt", "Duplicate ID", "End tag “div” seen, but there were open elements"):
        assert expected in messages


def test_a_seed_with_markup_and_control_characters_still_gives_valid_html(make_project, tmp_path: Path) -> None:
    """Hostile seed text lands in titles, summaries, meta tags and JSON-LD: all of it must stay valid."""
    require_vnu()
    site = make_project({
        "seeds/a.txt": "date 2026-01-01 Заголовок <script>alert(1)</script> & </title><b>\x01\x00\x7f\ufffe "
                       "\"лапки\" 'апостроф' ]]> <!-- -->\n\nДругий абзац <img src=x onerror=alert(1)>.\n",
        "content/b.md": "---\ntitle: \"</title><script>alert(2)</script>\\x01\"\ndate: 2026-01-02\n"
                        "author: \"<b onmouseover=x>Автор</b>\"\ntags: [\"<i>тег</i>\", \"a\\u0000b\"]\n"
                        "summary: \"\\\" onfocus=\\\"x\"\n---\nТекст <script>alert(3)</script>.\n",
    })
    report = build_project(site)
    assert report.errors == [] and report.articles == 2
    pages = sorted((site / "build").rglob("*.html"))
    problems = validate_html(pages)
    assert len(problems) == 0, "\n".join(map(str, problems))
