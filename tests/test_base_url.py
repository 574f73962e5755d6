"""Outputs that hold absolute URLs only (sitemaps, robots.txt, feeds, canonical, og:url) need an absolute
base_url: without one a build warns once, naming them, `check` fails, and `serve` uses its own origin."""

from __future__ import annotations

from pathlib import Path

from newsgen.build.builder import BuildOptions, build
from newsgen.cli.main import main
from newsgen.serve.server import LiveState, ServeOptions, _Session
from newsgen.site.config import load_config
from tests.test_serve import _Recorder

SEED = {"seeds/a.txt": "date 2026-01-05 Перша новина з Києва.\n"}
WARNING = "warning: base_url is '/', not an absolute URL: the sitemaps, robots.txt, the feeds"


def base_url_messages(report) -> list[str]:  # noqa: ANN001
    return [str(d) for d in report.diagnostics if "base_url" in d.message]


def test_a_build_without_an_absolute_base_url_warns_once_naming_the_outputs(make_project) -> None:
    site = make_project({**SEED, "newsgen.yaml": "title: Архів\nbase_url: /\n"})
    report = build(load_config(site), BuildOptions(jobs=1))
    assert report.errors == [] and report.articles == 1
    [message] = base_url_messages(report)
    assert message.startswith(f"{site.resolve() / 'newsgen.yaml'}:2:1: {WARNING}")
    for output in ("robots.txt", "feed.xml", "rss.xml", "feed.json", "canonical URLs", "og:url"):
        assert output in message
    assert base_url_messages(build(load_config(site), BuildOptions(jobs=1))) == [message]  # a no-change build too


def test_without_newsgen_yaml_the_warning_names_the_setting(make_project) -> None:
    site = make_project(SEED)
    [message] = base_url_messages(build(load_config(site), BuildOptions(jobs=1)))
    assert message.startswith(f"<newsgen>: {WARNING}") and "set `base_url: https://example.org/`" in message


def test_an_absolute_base_url_gives_no_warning(make_project) -> None:
    site = make_project({**SEED, "newsgen.yaml": "base_url: https://example.org/archive/\n"})
    report = build(load_config(site), BuildOptions(jobs=1))
    assert report.diagnostics == []
    assert "<loc>https://example.org/archive/2026/01/05/" in (site / "build/sitemap.xml").read_text()


def test_check_exits_1_without_an_absolute_base_url(make_project, capsys) -> None:
    site = make_project({**SEED, "newsgen.yaml": "title: Архів\n"})
    assert main(["check", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{site.resolve() / 'newsgen.yaml'}: base_url is '/', not an absolute URL" in err
    (site / "newsgen.yaml").write_text("title: Архів\nbase_url: https://example.org/\n", encoding="utf-8")
    assert main(["check", str(site)]) == 0 and capsys.readouterr().err == ""


def test_build_exits_0_with_the_warning_and_strict_refuses(make_project, capsys) -> None:
    site = make_project(SEED)
    assert main(["build", str(site)]) == 0
    assert capsys.readouterr().err.count("base_url is") == 1
    assert main(["build", str(site), "--strict", "-o", str(site / "strict")]) == 1
    assert not (site / "strict").exists()


def test_the_sample_site_sets_an_absolute_base_url() -> None:
    config = load_config(Path(__file__).parents[1])
    assert config.base_url == "https://example.org/"


def test_serve_makes_absolute_urls_on_its_own_origin(make_project, tmp_path: Path) -> None:
    site = make_project({**SEED, "newsgen.yaml": "base_url: https://news.example.org/archive/\n"})
    session = _Session(ServeOptions(site_dir=site, base_path="/archive/"), tmp_path / "preview", LiveState(),
                       _Recorder(), origin="http://127.0.0.1:8123")
    outcome = session.rebuild()
    assert outcome.report is not None and outcome.report.diagnostics == []
    preview = tmp_path / "preview"
    assert "<loc>http://127.0.0.1:8123/archive/2026/01/05/" in (preview / "sitemap.xml").read_text()
    assert "Sitemap: http://127.0.0.1:8123/archive/sitemap.xml" in (preview / "robots.txt").read_text()
    page = next((preview / "2026/01/05").rglob("index.html")).read_text()
    assert '<link rel="canonical" href="http://127.0.0.1:8123/archive/2026/01/05/' in page
    assert "news.example.org" not in page and 'href="/archive/' in page  # links stay on the server, as paths

