"""Migrating a Zola, a Jekyll and a Hugo site: every old address is a page or a redirect after the build.

The fixtures (tests/import_fixtures/zola, jekyll-collections, hugo-configdir) are small sites
made for these tests; each sets its URLs where its generator reads them. The old addresses
below are written out by hand from those settings, front matter paths and aliases.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newsgen.build import memo as cache_module
from newsgen.cli.importer import format_report, survey_import
from newsgen.cli.main import main
from newsgen.site.config import load_config
from tests.conftest import build_project, read, write_project
from tests.support.links import broken_links

FIXTURES = Path(__file__).parent / "import_fixtures"
OLD_ADDRESSES = {
    "zola": [
        "/2019/11/07/ferry-strike/",  # its `path`
        "/blog/ferry-strike/", "/news/ferry.html",  # its aliases
        "/blog/harbour-reopens/",  # the section's path and the file name's slug, its date stripped
        "/2021/01/29/storm-warning/",  # `path`, with a date newsgen cannot read
        "/blog/night-market/", "/blog/night-market/lanterns.svg",  # a page folder and its file
    ],
    "jekyll-collections": [
        "/news/2018/02/03/spring-tides/", "/news/2018/06/07/storm-surge/",  # collections.posts.permalink
        "/news/2019/01/29/bad-date/",
        "/surge/", "/2018/storm-surge/",  # redirect_from
        "/reviews/tide-clock.html",  # defaults: the reviews/ folder's own permalink
    ],
    "hugo-configdir": [
        "/2019/03/porom-znovu-khodyt.html", "/2019/05/mist-nad-richkoiu.html",  # [permalinks] posts, uglyURLs
        "/stari/porom/",  # aliases
        "/zhurnal/",  # url
        "/notes/vitrila.html",  # Hugo's default for a section without a pattern, uglyURLs
    ],
}


def build_fixture(root: Path, folder: str, settings: str = "title: Архів\n") -> Path:
    site = write_project(root, {"newsgen.yaml": settings})
    report = build_project(site, content_dir=str(FIXTURES / folder))
    assert report.errors == [], report.errors
    return site / "build"


def page_or_redirect(output: Path, address: str) -> str:
    """"page", "redirect" (to a page that exists), or what is wrong with the address."""
    path = output / address.lstrip("/")
    path = path / "index.html" if address.endswith("/") else path
    if not path.is_file():
        return f"nothing at {address}"
    text = read(path) if path.suffix == ".html" else ""
    target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text)
    if target is None:
        return "page"
    found = page_or_redirect(output, target[1])
    return "redirect" if found == "page" else f"a redirect to {target[1]}: {found}"


@pytest.fixture(scope="module", params=sorted(OLD_ADDRESSES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return request.param, build_fixture(tmp_path_factory.mktemp(request.param), request.param)


def test_every_old_address_is_a_page_or_a_redirect(built: tuple[str, Path]) -> None:
    folder, output = built
    found = {address: page_or_redirect(output, address) for address in OLD_ADDRESSES[folder]}
    assert set(found.values()) <= {"page", "redirect"}, found
    assert "page" in found.values() and "redirect" in found.values()


def test_the_migrated_sites_links_resolve(built: tuple[str, Path]) -> None:
    _, output = built
    assert broken_links(output, "/")[0] == []


def test_a_new_permalink_turns_every_old_address_into_a_redirect(tmp_path: Path) -> None:
    output = build_fixture(tmp_path, "jekyll-collections", "permalink: /:year/:slug/\n")
    assert (output / "2018/spring-tides/index.html").is_file()
    found = {address: page_or_redirect(output, address) for address in OLD_ADDRESSES["jekyll-collections"]}
    assert found.pop("/2018/storm-surge/") == "page"  # an old alias that is the new URL
    assert set(found.values()) == {"redirect"}, found
    sitemap = "".join(read(p) for p in output.rglob("sitemap*.xml"))
    assert "/news/2018/" not in sitemap


def test_pages_and_undated_zola_pages_are_not_published(built: tuple[str, Path]) -> None:
    folder, output = built
    if folder == "zola":
        assert not (output / "about").exists() and not (output / "notes").exists()
        assert "Storm warning" in read(output / "2021/01/29/storm-warning/index.html")


def survey(folder: str, settings: Path) -> str:
    return format_report(survey_import(load_config(settings, {"content_dir": str(FIXTURES / folder)})))


@pytest.mark.parametrize(("folder", "expected"), [
    ("zola", [
        "zola/content: Zola content (found config.toml)",
        "URLs: as on the old site",
        "  the old site's URLs: /:sections/:slugorfilename/ (Zola's default: the section's path and the page's slug)",
        "  4 of 4 articles keep their old URL",
        "newsgen.yaml for this archive:",
        '  title: "Harbour Notes"',
        "  language: en  # English: 4 of 4 articles; the old site says en",
        "  permalink: /:sections/:slugorfilename/  # or leave it out: the old URLs are kept",
    ]),
    ("jekyll-collections", [
        "jekyll-collections: a Jekyll site (found _config.yml)",
        "URLs: as on the old site",
        "  the old site's URLs for reviews/: /reviews/:title.html (_config.yml: defaults, path reviews)",
        "  the old site's URLs: /news/:year/:month/:day/:title/ (_config.yml: collections.posts.permalink)",
        "  4 of 4 articles keep their old URL",
        "newsgen.yaml for this archive:",
        '  title: "Tide Tables"',
        "  language: en  # English: 4 of 4 articles; the old site says en",
        "  # permalink: leave it out, and each folder keeps its old site's pattern",
    ]),
    ("hugo-configdir", [
        "hugo-configdir/content: Hugo content (found config/_default/hugo.toml)",
        "URLs: as on the old site",
        "  the old site's URLs for posts/: /:year/:month/:slug.html (config/_default/permalinks.toml: "
        "[permalinks] posts)",
        "  the old site's URLs: /:sections/:slugorfilename.html (Hugo's default, uglyURLs in "
        "config/_default/hugo.toml)",
        "  4 of 4 articles keep their old URL",
        "newsgen.yaml for this archive:",
        '  title: "Пристань"',
        "  language: uk  # Ukrainian: 3 of 4 articles; the old site says uk-UA",
        "  # permalink: leave it out, and each folder keeps its old site's pattern",
    ]),
])
def test_import_names_the_old_settings_the_kept_urls_and_the_lines_to_use(
        folder: str, expected: list[str], tmp_path: Path) -> None:
    lines = survey(folder, tmp_path).split("\n\n")[0].splitlines()
    assert [lines[0].removeprefix(f"{FIXTURES}/"), *lines[1:]] == expected


def test_import_says_when_it_cannot_know_the_old_urls(tmp_path: Path) -> None:
    posts = write_project(tmp_path / "posts", {
        "city/2020-01-02-bridge.md": "---\ntitle: Bridge\n---\nThe bridge opened on Thursday to all the traffic.\n"})
    text = survey_import(load_config(tmp_path / "site", {"content_dir": str(posts)}))
    lines = format_report(text).splitlines()
    assert lines[1] == "URLs: /:year/:month/:day/:slug/ (newsgen's default)"
    assert lines[2].startswith("  newsgen cannot know the old site's URLs: no Jekyll, Hugo or Zola settings")
    assert lines[3] == "  (files named like Jekyll posts had Jekyll's default URLs: /:sections/:year/:month/:day/:title.html)"


def test_an_old_pattern_newsgen_cannot_make_is_named_and_not_used(tmp_path: Path) -> None:
    site = write_project(tmp_path / "hugo", {
        "hugo.toml": 'title = "T"\n[permalinks]\nposts = "/:year/:monthname/:slug/"\n',
        "content/posts/a.md": "---\ntitle: A\ndate: 2020-01-02\n---\nText of the article about the harbour.\n"})
    report = survey_import(load_config(tmp_path / "site", {"content_dir": str(site)}))
    assert [a.route for a in report.articles] == ["/2020/01/02/a/"]  # newsgen's default instead
    text = format_report(report)
    assert "    newsgen cannot make them: the pattern has an unknown placeholder :monthname" in text
    assert "  0 of 1 articles keep their old URL\n  for 1 articles newsgen cannot know the old URL" in text
    assert "permalink: /:year/:monthname/:slug/" not in text


def test_build_content_keeps_the_old_urls_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path), "--content", str(FIXTURES / "zola"), "-q"]) == 0
    assert (tmp_path / "build/2019/11/07/ferry-strike/index.html").is_file()
    assert capsys.readouterr() == ("", "")  # -q: the warnings (a page without a date, a bad date) are counted only


def test_host_redirect_rules_are_written_only_when_asked_for(tmp_path: Path) -> None:
    plain = build_fixture(tmp_path / "plain", "zola")
    assert not any((plain / name).exists() for name in ("_redirects", "nginx-redirects.conf", ".nojekyll"))
    output = build_fixture(tmp_path / "hosts", "zola", "redirects: [netlify, nginx, github]\n"
                                                      "base_url: https://example.org/notes/\n")
    assert read(output / "_redirects").splitlines() == [
        "/notes/blog/ferry-strike/ /notes/2019/11/07/ferry-strike/ 301!",
        "/notes/news/ferry.html /notes/2019/11/07/ferry-strike/ 301!",
    ]
    nginx = read(output / "nginx-redirects.conf")
    assert 'map $uri $newsgen_redirect {\n    "/notes/blog/ferry-strike/" "/notes/2019/11/07/ferry-strike/";\n' in nginx
    assert (output / ".nojekyll").read_bytes() == b""
    cloudflare = build_fixture(tmp_path / "cf", "jekyll-collections", "redirects: cloudflare\n")
    assert "/surge/ /news/2018/06/07/storm-surge/ 301\n" in read(cloudflare / "_redirects")


def test_moved_urls_get_host_rules_too(tmp_path: Path) -> None:
    output = build_fixture(tmp_path, "jekyll-collections", "permalink: /:year/:slug/\nredirects: netlify\n")
    rules = read(output / "_redirects")
    assert "/news/2018/02/03/spring-tides/ /2018/spring-tides/ 301!\n" in rules
    assert "/reviews/tide-clock.html /2018/tide-clock/ 301!\n" in rules


@pytest.mark.parametrize(("setting", "message"), [
    ("redirects: apache\n", "'redirects' names an unknown host 'apache' (known: netlify, cloudflare, nginx, github)"),
    ("redirects: [netlify, cloudflare]\n", "'redirects' names netlify and cloudflare: both read _redirects"),
    ("redirects: 3\n", "'redirects' must be"),
])
def test_a_wrong_redirects_setting_names_its_line(tmp_path: Path, setting: str, message: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    write_project(tmp_path, {"newsgen.yaml": f"title: T\n{setting}"})
    assert main(["build", str(tmp_path), "-q"]) == 2
    assert f"newsgen.yaml:2:1: {message}" in capsys.readouterr().err


def test_a_changed_old_site_setting_rebuilds_the_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)  # every signature trusted, as long after a save
    source = tmp_path / "old"
    shutil.copytree(FIXTURES / "jekyll-collections", source)
    site = write_project(tmp_path / "site", {"newsgen.yaml": "title: T\n"})
    assert build_project(site, content_dir=str(source)).errors == []
    assert (site / "build/news/2018/02/03/spring-tides/index.html").is_file()
    config = source / "_config.yml"
    config.write_text(read(config).replace("/news/:year/:month/:day/:title/", "/stories/:title/"), encoding="utf-8")
    assert build_project(site, content_dir=str(source)).errors == []
    assert (site / "build/stories/spring-tides/index.html").is_file()


def test_a_newsgen_site_is_not_told_its_old_urls_are_unknown(tmp_path: Path) -> None:
    site = write_project(tmp_path / "site", {"newsgen.yaml": "title: T\n",
                                             "content/a.md": "---\ntitle: A\ndate: 2020-01-02\n---\nText.\n"})
    lines = format_report(survey_import(load_config(tmp_path / "other", {"content_dir": str(site)}))).splitlines()
    assert lines[:2] == [f"{site / 'content'}: a newsgen content folder", "URLs: /:year/:month/:day/:slug/ (newsgen's default)"]
    assert not any("cannot know" in line for line in lines)


def test_a_blog_whose_pages_have_no_date_anywhere_fails_the_build_and_says_why(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 25's first report: a Zola blog whose every page was left out built an empty site, exit 0."""
    blog = write_project(tmp_path / "blog", {
        "config.toml": 'base_url = "https://blog.example"\n',
        "content/_index.md": '+++\nsort_by = "date"\n+++\n',
        "content/notes/one.md": '+++\ntitle = "One"\npath = "notes/one"\n+++\nNo date here, nor in the path.\n',
        "content/notes/two.md": '+++\ntitle = "Two"\n+++\nNone here either.\n',
    })
    site = write_project(tmp_path / "site", {"newsgen.yaml": "title: T\n"})
    assert main(["build", str(site), "--content", str(blog)]) == 1
    err = capsys.readouterr().err
    assert "no article to publish, from 2 source files" in err
    assert err.count("not an article (a page without a date)") == 2
    assert not (site / "build").exists()
