"""Building the fixture archives: pages at their old URLs, redirect pages, bundle files; and the CLI."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from newsgen.cli.main import main
from tests.conftest import build_project, read, write_project
from tests.support.links import broken_links

FIXTURES = Path(__file__).parent / "import_fixtures"
JEKYLL_PERMALINK = "/:categories/:year/:month/:day/:title.html"


def build_fixture(root: Path, folder: str, permalink: str, **options: object) -> Path:
    site = write_project(root, {"newsgen.yaml": f"title: Архів\npermalink: {permalink}\n"})
    report = build_project(site, content_dir=str(FIXTURES / folder), **options)
    assert report.errors == [], report.errors
    return site / "build"


@pytest.fixture(scope="module")
def jekyll_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("jekyll"), "jekyll", JEKYLL_PERMALINK)


@pytest.fixture(scope="module")
def hugo_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("hugo"), "hugo", "/:year/:month/:slug/")


def test_jekyll_articles_keep_their_urls(jekyll_output: Path) -> None:
    for page in ("news/world/2013/05/06/hello-world.html", "local news/2015/11/10/dates-disagree.html",
                 "news/2017/01/01/briefing.html", "sport/2017/01/01/briefing.html",
                 "custom/explicit-page/index.html", "2017/02/02/html-post.html"):
        assert (jekyll_output / page).is_file(), page
    assert not (jekyll_output / "2019/04/05/work-in-progress.html").exists()  # a draft
    assert 'href="/local%20news/2015/11/10/dates-disagree.html"' in read(jekyll_output / "index.html")


def test_jekyll_pages_show_no_template_code(jekyll_output: Path) -> None:
    hello = read(jekyll_output / "news/world/2013/05/06/hello-world.html")
    assert "{%" not in hello and "site.title" not in hello and "post_url" not in hello
    assert "Write {{ page.title }} to show a title." in hello  # {% raw %} text, as written
    assert '<code class="language-ruby">puts "hello"' in hello
    assert "Read the first post and" in hello and '<img alt="Logo" src="/assets/logo.png">' in hello
    html_post = read(jekyll_output / "2017/02/02/html-post.html")
    assert "<strong>HTML</strong>" in html_post and "alert(1)" not in html_post


def test_old_urls_get_small_redirect_pages_outside_the_sitemap(jekyll_output: Path) -> None:
    for old in ("old/explicit/index.html", "2016/03/04/explicit.html"):
        page = read(jekyll_output / old)
        assert '<meta http-equiv="refresh" content="0; url=/custom/explicit-page/">' in page
        assert '<link rel="canonical" href="/custom/explicit-page/">' in page
        assert '<meta name="robots" content="noindex">' in page
        assert '<a href="/custom/explicit-page/">An Explicit URL</a>' in page
    sitemaps = "".join(read(p) for p in jekyll_output.rglob("sitemap*.xml"))
    assert "/custom/explicit-page/" in sitemaps and "/old/explicit/" not in sitemaps


def test_only_links_to_files_outside_the_posts_are_broken(jekyll_output: Path) -> None:
    broken, _ = broken_links(jekyll_output, "/")
    assert sorted({b.target for b in broken}) == ["/about/", "/assets/logo.png"]  # a page and an asset: skipped


def test_hugo_bundles_aliases_and_pages(hugo_output: Path) -> None:
    bundle = hugo_output / "2016/02/harbour-photos"
    assert sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()) == [
        "boats.jpg", "charts/tide.svg", "index.html"]  # caption.md is a resource, not a file to publish
    assert (bundle / "boats.jpg").read_text() == "jpeg bytes\n"
    for old, target in (("old/ferry/index.html", "/2015/11/ferry-timetable/"),
                        ("2015/11/ferry.html", "/2015/11/ferry-timetable/"),
                        ("special/older-name/index.html", "/special/own-url/")):
        assert f'url={target}"' in read(hugo_output / old)
    assert not (hugo_output / "about").exists() and not (hugo_output / "2016/01/a-draft").exists()
    assert broken_links(hugo_output, "/")[0] == []


def test_import_prints_the_report_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted((str(p), p.stat().st_mtime_ns) for p in FIXTURES.rglob("*"))
    assert main(["import", str(FIXTURES / "hugo"), "--site", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "  2016-02-03  /2016/02/harbour-photos/  Harbour Photos  (posts/harbour-photos/index.md)" in out
    assert "  about.md: a page without a date" in out and "shortcodes.md:5: warning: Hugo shortcodes" in err
    assert out.rstrip().endswith("nothing was written")
    assert sorted((str(p), p.stat().st_mtime_ns) for p in FIXTURES.rglob("*")) == before
    assert list(tmp_path.iterdir()) == []


def test_import_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(FIXTURES / "plain"), "--site", str(tmp_path)]) == 1  # broken.md has an error
    assert "broken.md:2:16: invalid TOML" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing")]) == 2
    assert main(["import", str(FIXTURES / "jekyll"), "--site", str(tmp_path), "--permalink", "/:year/"]) == 2
    assert "--permalink must contain :slug, :title or :filename" in capsys.readouterr().err


def test_import_uses_the_site_permalink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_project(tmp_path, {"newsgen.yaml": "permalink: pretty\n"})
    assert main(["import", str(FIXTURES / "jekyll"), "--site", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "URLs: pretty (newsgen.yaml or --permalink)\n" in out and "  2013-05-06  /news/world/2013/05/06/hello-world/  Hello World" in out


def test_build_content_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path), "--content", str(FIXTURES / "hugo"), "--drafts", "-q"]) == 0
    assert (tmp_path / "build/2016/01/a-draft/index.html").is_file()  # hugo.toml's [permalinks]
    assert (tmp_path / "build/2016/02/harbour-photos/boats.jpg").is_file()
    assert main(["build", str(tmp_path), "--content", str(tmp_path / "missing")]) == 2
    assert "--content" in capsys.readouterr().err


def test_help_mentions_import_and_content(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["--help"], ["build", "--help"], ["import", "--help"]):
        with pytest.raises(SystemExit):
            main(command)
    out = capsys.readouterr().out
    assert "import" in out and "--content SOURCE_DIR" in out and "--permalink PATTERN" in out


def test_native_content_keeps_the_default_urls(make_project) -> None:  # noqa: ANN001
    site = make_project({"content/a.md": "---\ntitle: Нічне метро\ndate: 2026-02-10\n---\nТекст.\n"})
    assert build_project(site).errors == []
    assert (site / "build/2026/02/10/nichne-metro/index.html").is_file()
    assert not re.search(r"http-equiv", "".join(read(p) for p in (site / "build").rglob("*.html")))
    assert os.listdir(site / "content") == ["a.md"]
