"""`newsgen import` on the fixture folders in tests/import_fixtures/: what is found, and what is skipped and why."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from newsgen.cli.importer import ImportReport, format_report, survey_import
from newsgen.site.config import load_config

FIXTURES = Path(__file__).parent / "import_fixtures"
JEKYLL_PERMALINK = "/:categories/:year/:month/:day/:title.html"


def survey(folder: str, permalink: str | None = None, tmp_path: Path | None = None) -> ImportReport:
    site = tmp_path or Path("/nonexistent-newsgen-site")
    return survey_import(load_config(site, {"content_dir": str(FIXTURES / folder), "permalink": permalink}))


def rows(report: ImportReport) -> list[tuple]:
    return [(a.date.isoformat(), a.route, a.title, a.draft) for a in report.articles]


def skipped(report: ImportReport) -> dict[str, str]:
    return {item.path.relative_to(report.layout.root).as_posix(): item.reason for item in report.skipped}


@pytest.fixture(scope="module")
def jekyll() -> ImportReport:
    return survey("jekyll", JEKYLL_PERMALINK)


@pytest.fixture(scope="module")
def hugo() -> ImportReport:
    return survey("hugo", "/:year/:month/:slug/")


def test_jekyll_articles_dates_titles_and_urls(jekyll: ImportReport) -> None:
    assert jekyll.layout.kind == "jekyll" and jekyll.layout.evidence == "_config.yml"
    assert rows(jekyll) == [
        ("2019-04-05", "/2019/04/05/work-in-progress.html", "Work In Progress", True),
        ("2018-01-01", "/2018/01/01/unpublished.html", "Not Yet", True),
        ("2017-02-02", "/2017/02/02/html-post.html", "An HTML Post", False),
        ("2017-01-01", "/news/2017/01/01/briefing.html", "Morning Briefing", False),
        ("2017-01-01", "/sport/2017/01/01/briefing.html", "Morning Briefing", False),
        ("2016-05-06", "/2016/05/06/chosen-slug.html", "Renamed By Slug", False),
        ("2016-03-04", "/custom/explicit-page/", "An Explicit URL", False),
        ("2015-11-10", "/local news/2015/11/10/dates-disagree.html", "Dates Disagree", False),
        ("2014-01-02", "/2014/01/02/from-the-file-name.html", "From The File Name", False),
        ("2013-05-06", "/news/world/2013/05/06/hello-world.html", "Hello World", False),
    ]


def test_jekyll_tags_times_and_redirects(jekyll: ImportReport) -> None:
    by_title = {a.title: a for a in jekyll.articles}
    assert [t.name for t in by_title["Hello World"].tags] == ["news", "world", "ruby", "jekyll"]
    assert [t.name for t in by_title["From The File Name"].tags] == ["council", "budget"]
    hello = by_title["Hello World"].published
    assert hello == datetime.datetime(2013, 5, 7, 1, 13, 1, tzinfo=datetime.UTC)
    assert by_title["An Explicit URL"].placement.aliases == ("/old/explicit/", "/2016/03/04/explicit.html")


def test_jekyll_skipped_files_each_with_a_reason(jekyll: ImportReport) -> None:
    assert skipped(jekyll) == {
        "_config.yml": "Jekyll's own file (settings), not an article",
        "_drafts/undated-idea.md":
            "a draft without a date: Jekyll dates drafts by the file's time; add `date:` to import it",
        "_layouts": "Jekyll's _layouts folder: templates, data or settings, not articles",
        "_posts/notes.md": "not a post: Jekyll reads only YYYY-MM-DD-title files in _posts/",
        "_posts/readme.txt": "not a post: only .md, .markdown and .html files in _posts/ are articles",
        "_site": "Jekyll's output folder",
        "about.md": "a page, not a post: in a Jekyll site only _posts/ and _drafts/ hold articles",
        "assets/logo.png": "not an article: a file Jekyll would copy as it is",
        "index.html": "a page, not a post: in a Jekyll site only _posts/ and _drafts/ hold articles",
    }


def test_jekyll_warnings_name_their_files(jekyll: ImportReport) -> None:
    found = sorted((d.path.name, d.line, d.message.split(" (")[0]) for d in jekyll.problems)  # type: ignore[union-attr]
    assert found == [
        ("2013-05-06-hello-world.md", 8, "Liquid template code removed"),
        ("2015-11-09-dates-disagree.md", 3, "front matter date 2015-11-10 differs from the file name's 2015-11-09"),
        ("2017-02-02-html-post.html", 4, "Liquid template code removed"),
    ]
    assert jekyll.errors == []


def test_hugo_articles_sections_and_pages(hugo: ImportReport) -> None:
    assert hugo.layout.kind == "hugo" and hugo.layout.root == FIXTURES / "hugo" / "content"
    assert rows(hugo) == [
        ("2016-07-08", "/2016/07/shortcodes/", "Shortcodes", False),
        ("2016-06-07", "/special/own-url/", "Own URL", False),
        ("2016-02-03", "/2016/02/harbour-photos/", "Harbour Photos", False),
        ("2016-01-01", "/2016/01/a-draft/", "A Draft", True),
        ("2015-11-09", "/2015/11/ferry-timetable/", "Ferry Timetable Changes", False),
        ("2015-11-09", "/2015/11/unpadded-date/", "Unpadded Date In The Name", False),
    ]
    assert [p.relative_to(hugo.layout.root).as_posix() for p in hugo.sections] == ["_index.md", "posts/_index.md"]
    assert skipped(hugo) == {
        "about.md": "a page without a date",
        "posts/harbour-photos/caption.md":
            "a resource of the page bundle posts/harbour-photos/: Hugo does not publish it as a page",
    }


def test_hugo_tags_updates_aliases_and_bundles(hugo: ImportReport) -> None:
    by_title = {a.title: a for a in hugo.articles}
    ferry = by_title["Ferry Timetable Changes"]
    assert [t.name for t in ferry.tags] == ["city", "ferries", "transport"]
    assert ferry.updated == datetime.datetime(2015, 11, 12, 8, tzinfo=datetime.UTC)
    assert ferry.placement.aliases == ("/old/ferry/", "/2015/11/ferry.html")
    assert ferry.extra == {"params": {"source": "wire"}}
    assert by_title["Own URL"].placement.aliases == ("/special/older-name/",)  # relative to its page's folder
    assert by_title["Harbour Photos"].placement.bundle == FIXTURES / "hugo/content/posts/harbour-photos"
    assert [(d.path.name, d.line, d.message[:26]) for d in hugo.problems] == [  # type: ignore[union-attr]
        ("shortcodes.md", 5, "Hugo shortcodes shown as w")]


def test_newsgen_folder_with_html_articles_and_a_broken_file() -> None:
    report = survey("plain")
    assert report.layout.kind == "newsgen"
    assert rows(report) == [("2026-01-06", "/2026/01/06/dated-name/", "Назва", False),
                            ("2026-01-05", "/2026/01/05/stattia-v-html/", "Стаття в HTML", False)]
    assert skipped(report) == {"snippet.html": "an .html file without front matter"}
    assert [str(e).split(str(FIXTURES))[1] for e in report.errors] == [
        "/plain/broken.md:2:16: invalid TOML: Illegal character '\\n'"]


def test_the_report_lists_everything_and_advises_the_source_permalink(hugo: ImportReport) -> None:
    moved = survey("jekyll", "/:year/:month/:day/:slug/")
    text = format_report(moved)
    assert text.splitlines()[:8] == [
        f"{FIXTURES / 'jekyll'}: a Jekyll site (found _config.yml)",
        "URLs: /:year/:month/:day/:slug/ (newsgen.yaml or --permalink)",
        "  the old site's URLs: /:categories/:year/:month/:day/:title.html (_config.yml: permalink)",
        "  1 of 10 articles keep their old URL; the old URLs of 9 more get redirect pages",
        "newsgen.yaml for this archive:",
        '  title: "Old Town Gazette"',
        "  language: en  # English: 3 of 10 articles",
        "  permalink: /:categories/:year/:month/:day/:title.html  # or leave it out: the old URLs are kept",
    ]
    assert "  2013-05-06  /2013/05/06/hello-world/  Hello World  (_posts/2013-05-06-hello-world.md)" in text
    assert "old URLs: /news/world/2013/05/06/hello-world.html" in text
    assert "  about.md: a page, not a post: in a Jekyll site only _posts/ and _drafts/ hold articles" in text
    assert "  _layouts/: Jekyll's _layouts folder: templates, data or settings, not articles (2 files)" in text
    assert "  _site/: Jekyll's output folder (1 file)" in text
    assert text.endswith("found 8 articles, 2 drafts, 0 section files, 9 skipped files (0 errors, 4 warnings); "
                         "nothing was written")
    hugo_text = format_report(hugo)
    assert "  the old site's URLs for posts/: /:year/:month/:slug/ (hugo.toml: [permalinks] posts)" in hugo_text
    assert "  6 of 6 articles keep their old URL" in hugo_text
    assert "      files copied beside it: 2" in hugo_text
    assert "      tags: city, ferries, transport; old URLs: /old/ferry/, /2015/11/ferry.html" in hugo_text
