"""Input meant to break newsgen: each case gets a clear diagnostic, no crash, nothing written outside the output.

What newsgen trusts and what it does not is written down in README.md ("Security"):
seed text and front-matter values are untrusted; the site's templates and its
Markdown (as far as `raw_html` allows) are the site's own.
"""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
import time
import tracemalloc
import zoneinfo
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

import newsgen.yamlmap
from newsgen.build.builder import BuildOptions, build
from newsgen.errors import SourceError
from newsgen.site.config import load_config
from newsgen.sources.frontmatter import parse_markdown_article
from newsgen.sources.limits import FIRST_MOMENT, LAST_MOMENT, MAX_ARTICLE_BYTES
from newsgen.yamlmap import read_yaml_mapping
from tests.conftest import build_project, read, write_project
from tests.support.links import broken_links

KYIV_ZONE = zoneinfo.ZoneInfo("Europe/Kyiv")

MB = 1024 * 1024
MEMORY_LIMIT = 2 * 1024 * MB  # address space of one build process (and of each worker it forks)
BUILD_TIMEOUT = 180  # seconds: far above what any case below needs, far below "hangs"
LOADERS = ["libyaml", "pure-python"]


# ------------------------------------------------------------------ helpers


def files_outside(tmp_path: Path, output: Path) -> dict[str, tuple[int, int]]:
    """Every file under tmp_path except the output folder, newsgen's own files beside it (staging, cache)
    and the site's URL ledger (urls.tsv, which a build keeps)."""
    found = {}
    for path in tmp_path.rglob("*"):
        relative = path.relative_to(output.parent) if output.parent in path.parents else None
        if path == output or output in path.parents or path == output.parent / "urls.tsv":
            continue
        if relative is not None and (relative.parts[0].startswith(f".{output.name}.") or relative.parts[0] == ".newsgen"):
            continue
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            found[str(path.relative_to(tmp_path))] = (info.st_size, info.st_mtime_ns)
    return found


def build_safely(tmp_path: Path, files: dict[str, str | bytes], **overrides: object):  # noqa: ANN201
    """Build a project and assert that nothing outside its output folder was created or changed."""
    site = write_project(tmp_path / "site", files)
    output = site / "build"
    before = files_outside(tmp_path, output)
    overrides.setdefault("base_url", "https://example.org/")  # else every build warns that it has none
    report = build_project(site, **overrides)
    assert files_outside(tmp_path, output) == before, "the build wrote outside its output folder"
    assert not list(site.glob(".build.staging-*")), "a staging folder was left behind"
    return site, report


def messages(report) -> list[str]:  # noqa: ANN001
    return [str(d) for d in report.diagnostics]


def run_cli(site: Path, *args: str, timeout: float = BUILD_TIMEOUT) -> tuple[subprocess.CompletedProcess, float]:
    """`python -m newsgen build SITE` in a child with bounded address space and time."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "newsgen", "build", str(site), *args], capture_output=True, text=True,
        timeout=timeout, preexec_fn=limit, check=False, cwd=site.parent,
    )
    return result, time.monotonic() - started


@pytest.fixture(params=LOADERS)
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a case with libyaml's parser and with PyYAML's pure-Python one (machines without libyaml)."""
    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML was built without libyaml here")
        monkeypatch.setattr(newsgen.yamlmap, "_Loader", yaml.CSafeLoader, raising=False)
    else:
        monkeypatch.setattr(newsgen.yamlmap, "_Loader", yaml.SafeLoader, raising=False)
    return request.param


def front_matter_error(front: str) -> str:
    with pytest.raises(SourceError) as caught:
        parse_markdown_article(f"---\n{front}\n---\nТекст.\n", Path("content/a.md"))
    return str(caught.value)


# ----------------------------------------------------------------- YAML


def billion_laughs(levels: int = 30) -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        lines.append(f"lol{n}: &lol{n} [" + ", ".join([f"*lol{n - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\ntags: *lol{levels - 1}"


def test_billion_laughs_is_refused_in_bounded_time_and_memory(yaml_loader: str) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        message = front_matter_error("date: 2026-01-01\n" + billion_laughs())
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert "content/a.md:" in message and "YAML too large" in message
    assert time.perf_counter() - started < 5
    assert peak < 50 * MB


def test_merge_key_bomb_is_refused(yaml_loader: str) -> None:
    lines = ["m0: &m0 {a: 1, b: 2}"]
    for n in range(1, 25):
        lines.append(f"m{n}: &m{n}\n  <<: [" + ", ".join([f"*m{n - 1}"] * 9) + "]")
    started = time.perf_counter()
    assert "YAML too large" in front_matter_error("date: 2026-01-01\n" + "\n".join(lines))
    assert time.perf_counter() - started < 5


def test_billion_laughs_in_the_site_configuration_exits_2(tmp_path: Path) -> None:
    site = write_project(tmp_path / "site", {"newsgen.yaml": billion_laughs().replace("tags:", "title:"),
                                             "seeds/a.txt": "date 2026-01-01 Текст."})
    result, seconds = run_cli(site)
    assert result.returncode == 2, result.stderr
    assert "newsgen.yaml" in result.stderr and "YAML too large" in result.stderr
    assert "Traceback" not in result.stderr and not (site / "build").exists()
    assert seconds < 60


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:pathlib.Path {{}}",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
])
def test_python_object_tags_are_refused_and_never_run(tag: str, tmp_path: Path, yaml_loader: str) -> None:
    marker = tmp_path / "pwned"
    message = front_matter_error("date: 2026-01-01\ntitle: " + tag.format(marker=marker))
    assert message.startswith("content/a.md:3:") and "invalid YAML" in message
    assert not marker.exists()


@pytest.mark.parametrize("shape", ["flow", "block", "flow-mapping"])
def test_deep_nesting_is_refused(shape: str, yaml_loader: str) -> None:
    depth = 5000
    if shape == "flow":
        text = "tags: " + "[" * depth + "]" * depth
    elif shape == "flow-mapping":
        text = "tags: " + "{a: " * depth + "1" + "}" * depth
    else:  # indentation: each level costs its depth in spaces, so stay near the size limit
        text = "tags:\n" + "".join(" " * level + "-\n" for level in range(1, 1200))
    with pytest.raises(SourceError, match=r"nest|depth"):
        read_yaml_mapping(text, Path("content/a.md"), first_line=2)


@pytest.mark.parametrize(("front", "expected"), [
    ("date: 2026-13-45", "content/a.md:2:7: 'date' has an impossible value: month must be in 1..12"),
    ("date: 2026-01-01 10:00:00 +25:00", "content/a.md:2:7: 'date' has an impossible value"),
    ("date: 2026-01-01\ntitle: " + "9" * 5000, "content/a.md:3:8: 'title' has an impossible value"),
    ("date: 0000-12-31", "content/a.md:2:7: 'date' has an impossible value: year 0 is out of range"),
    ("date: 10000-01-01", "content/a.md:2:1: 'date' is not a date: '10000-01-01'"),
    ("date: 9999-12-32", "content/a.md:2:7: 'date' has an impossible value: day is out of range for month"),
    ("date: '-0001-01-01'", "content/a.md:2:1: 'date' is not a date: '-0001-01-01' (years run from 1 to 9999)"),
])
def test_impossible_values_are_named_with_their_line(front: str, expected: str, yaml_loader: str) -> None:
    assert front_matter_error(front).startswith(expected)


@pytest.mark.parametrize(("front", "published"), [
    ("date: 9999-12-31T23:00:00-05:00", "9999-12-31T23:59:59+00:00"),  # after 9999 in UTC: its last moment
    ("date: 0001-01-01T00:30:00+05:00", "0001-01-01T00:00:00+00:00"),  # before the year 1 in UTC: its first
    ("date: 0001-01-01", "0001-01-01T00:00:00+00:00"),
    ("date: 9999-12-31T23:59:59Z", "9999-12-31T23:59:59+00:00"),
])
def test_times_at_the_ends_of_the_calendar_stay_inside_it(front: str, published: str) -> None:
    article = parse_markdown_article(f"---\n{front}\n---\nТекст.\n", Path("content/a.md"), KYIV_ZONE)
    assert article.published.isoformat() == published and article.date.year in (1, 9999)


@pytest.mark.parametrize("zone", ["Europe/Kyiv", "America/New_York", "UTC"])
def test_articles_of_the_years_1_and_9999_are_published(zone: str, tmp_path: Path) -> None:
    site = write_project(tmp_path / "site", {
        "newsgen.yaml": f"timezone: {zone}\nbase_url: https://example.org/\n",
        "seeds/a.txt": "date 0001-01-01 Дуже давно.\n\ndate 9999-12-31 Дуже нескоро.\n\ndate 2026-01-01 Сьогодні.\n",
        "content/end.md": "---\ntitle: Кінець\ndate: 9999-12-31T23:00:00-05:00\nupdated: 9999-12-31T23:59:59-12:00\n"
                          "---\nОстанній день.\n",
        "content/start.md": "---\ntitle: Початок\ndate: 0001-01-01T00:30:00+05:00\n---\nПерший день.\n",
    })
    report = build(load_config(site), BuildOptions(now=LAST_MOMENT, jobs=1))  # a clock past every article
    assert report.errors == [] and report.articles == 5 and report.scheduled == 0
    output = site / "build"
    assert (output / "0001/01/01/index.html").is_file() and (output / "9999/12/31/index.html").is_file()
    for feed in ("feed.xml", "rss.xml"):
        parsed = feedparser.parse((output / feed).read_bytes())
        assert not parsed.bozo and len(parsed.entries) == 5
    early = build(load_config(site), BuildOptions(now=FIRST_MOMENT, jobs=1))  # the calendar's first moment
    out_at_once = {"Europe/Kyiv": 2, "America/New_York": 1, "UTC": 2}[zone]  # midnight LMT in New York is later
    assert early.articles == out_at_once and early.scheduled == 5 - out_at_once


# ------------------------------------------------------------ size limits


def test_a_10_mb_seed_article_is_refused_with_its_size(tmp_path: Path) -> None:
    paragraph = "Президент України Володимир Зеленський заявив у Києві, що уряд розгляне реформу. " * 60
    huge = "date 2026-01-02 " + "\n\n".join([paragraph] * (10 * MB // len(paragraph.encode())))
    site = write_project(tmp_path / "site", {"seeds/big.txt": huge, "seeds/small.txt": "date 2026-01-01 Звичайна."})
    result, seconds = run_cli(site)
    assert result.returncode == 1, result.stderr
    assert f"{site / 'seeds/big.txt'}:1: article too large (10.0 MB; the limit is 1 MB)" in result.stderr
    assert "built 1 article, " in result.stdout and "Traceback" not in result.stderr
    assert seconds < 90


def test_a_10_mb_markdown_article_is_refused_with_its_size(tmp_path: Path) -> None:
    body = "Рядок тексту з [посиланням](https://example.org/) і *наголосом*.\n\n" * (10 * MB // 80)
    site = write_project(tmp_path / "site", {"content/big.md": "---\ntitle: Велика\ndate: 2026-01-02\n---\n" + body,
                                             "content/small.md": "---\ntitle: Мала\ndate: 2026-01-01\n---\nТекст.\n"})
    result, seconds = run_cli(site)
    assert result.returncode == 1, result.stderr
    assert f"{site / 'content/big.md'}:1: article too large" in result.stderr
    assert "built 1 article, " in result.stdout
    assert seconds < 90


def test_the_limit_is_on_one_article_not_on_a_file(tmp_path: Path) -> None:
    article = "date 2026-01-{day:02d} " + "Абзац новини про події в Україні. " * 900 + "\n\n"
    text = "".join(article.format(day=day) for day in range(1, 29)) * 2  # 56 articles, about 3.5 MB
    assert len(text.encode()) > 2 * MAX_ARTICLE_BYTES
    site = write_project(tmp_path / "site", {"seeds/many.txt": text})
    result, _ = run_cli(site)
    assert result.returncode == 0, result.stderr
    assert "built 56 articles" in result.stdout


@pytest.mark.parametrize("case", ["seed, paragraphs", "seed, one long paragraph", "markdown list"])
def test_a_100000_line_file_builds_in_bounded_time_and_memory(case: str, tmp_path: Path) -> None:
    lines = 100_000
    if case == "seed, paragraphs":
        files = {"seeds/lines.txt": "date 2026-01-01 Початок.\n" + "".join(f"Абзац {i}.\n\n" for i in range(lines // 2))}
    elif case == "seed, one long paragraph":
        files = {"seeds/lines.txt": "date 2026-01-01 Початок\n" + "".join(f"x{i % 10}\n" for i in range(lines))}
    else:
        files = {"content/list.md": "---\ntitle: Список\ndate: 2026-01-01\n---\n" + "".join("- x\n" for _ in range(lines))}
    assert next(iter(files.values())).count("\n") >= lines
    site = write_project(tmp_path / "site", files)
    result, seconds = run_cli(site)
    assert result.returncode == 0, result.stderr
    assert "built 1 article, " in result.stdout
    assert seconds < 120


# --------------------------------------------------------- HTML and script


SCRIPT = "<script>alert('x')</script>"


def _no_active_content(html: str) -> list[str]:
    """Script elements (other than JSON-LD), event-handler attributes and javascript: URLs in a page."""
    soup = BeautifulSoup(html, "html.parser")
    data = ("application/ld+json", "application/json")  # data blocks: the browser never runs them
    found = [str(s)[:80] for s in soup.find_all("script") if s.get("type") not in data and not s.get("src")]
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") or text.strip().lower().startswith(("javascript:", "data:text")):
                found.append(f"<{element.name} {name}={text[:40]!r}>")
    return found


def test_html_in_seed_text_is_shown_as_text_everywhere(tmp_path: Path) -> None:
    seed = (f"date 2026-02-11 Заголовок {SCRIPT} <img src=x onerror=alert(1)> & </title>\n\n"
            f"Абзац з <a href=\"javascript:alert(1)\">посиланням</a> і {SCRIPT}.\n")
    site, report = build_safely(tmp_path, {"seeds/a.txt": seed})
    assert report.errors == [] and report.articles == 1
    output = site / "build"
    for page in output.rglob("*.html"):
        assert _no_active_content(read(page)) == [], page
    [article] = (output / "2026/02/11").glob("*/index.html")
    soup = BeautifulSoup(read(article), "html.parser")
    assert SCRIPT in soup.select_one("h1").get_text()
    assert "<img src=x onerror=alert(1)>" in soup.select_one("h1").get_text()
    assert '<a href="javascript:alert(1)">посиланням</a>' in soup.select_one(".story-body").get_text()
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert SCRIPT in ld["headline"]
    for feed in ("feed.xml", "rss.xml"):
        assert SCRIPT not in read(output / feed) and "&lt;script&gt;" in read(output / feed)


def test_front_matter_values_cannot_inject_markup(tmp_path: Path) -> None:
    site, report = build_safely(tmp_path, {"content/a.md": (
        "---\n"
        f"title: \"</title>{SCRIPT}\"\n"
        "date: 2026-02-11\n"
        "summary: '\" onmouseover=\"alert(1)'\n"
        "author: \"<img src=x onerror=alert(1)>\"\n"
        f"tags: [\"{SCRIPT}\", \"<b>жирний</b>\"]\n"
        "lang: en\n"
        "---\nТекст.\n"
    )})
    assert report.errors == [] and report.articles == 1
    output = site / "build"
    for page in output.rglob("*.html"):
        assert _no_active_content(read(page)) == [], page
    [article] = (output / "2026/02/11").glob("*/index.html")
    soup = BeautifulSoup(read(article), "html.parser")
    assert soup.select_one("h1").get_text() == f"</title>{SCRIPT}"
    assert soup.find("meta", attrs={"name": "description"})["content"] == '" onmouseover="alert(1)'
    assert SCRIPT in [a.get_text() for a in soup.select(".tag-list a")]
    for xml in ("feed.xml", "rss.xml", "sitemap.xml", "news-sitemap.xml"):
        assert "<script" not in read(output / xml)


MARKDOWN_WITH_HTML = (
    "---\ntitle: Сирий HTML\ndate: 2026-02-11\n---\n"
    "Текст <script>alert(1)</script> <b onclick=\"alert(2)\">жирний</b> <iframe src=\"https://evil.example/\"></iframe>\n\n"
    "[посилання](javascript:alert(3)) <a href=\"JaVaScRiPt:alert(4)\">ще</a> <em>курсив</em>\n\n"
    "```\nкод <b>у блоці</b> & більше\n```\n"
)


def _story(site: Path) -> BeautifulSoup:
    [article] = (site / "build/2026/02/11").glob("*/index.html")
    return BeautifulSoup(read(article), "html.parser").select_one(".story-body")


def test_raw_html_in_markdown_is_sanitised_by_default(tmp_path: Path) -> None:
    site, _ = build_safely(tmp_path, {"content/a.md": MARKDOWN_WITH_HTML})
    body = _story(site)
    assert _no_active_content(str(body)) == []
    assert body.find("iframe") is None and body.find("script") is None
    assert body.find("b").get_text() == "жирний" and body.find("em").get_text() == "курсив"
    assert "alert(1)" not in body.get_text()  # the script's text goes with it
    assert body.find("code").get_text() == "код <b>у блоці</b> & більше\n"


def test_raw_html_escape_shows_it_as_text_and_still_drops_javascript_links(tmp_path: Path) -> None:
    site, _ = build_safely(tmp_path, {"content/a.md": MARKDOWN_WITH_HTML, "newsgen.yaml": "raw_html: escape\n"})
    body = _story(site)
    assert _no_active_content(str(body)) == []
    assert "<script>alert(1)</script>" in body.get_text() and "<em>курсив</em>" in body.get_text()
    assert body.find("code").get_text() == "код <b>у блоці</b> & більше\n"  # escaped once, not twice


def test_raw_html_allow_keeps_it_as_the_config_says(tmp_path: Path) -> None:
    site, _ = build_safely(tmp_path, {"content/a.md": MARKDOWN_WITH_HTML, "newsgen.yaml": "raw_html: allow\n"})
    body = _story(site)
    assert body.find("script") is not None and body.find("iframe") is not None


def test_control_characters_are_left_out_with_a_warning(tmp_path: Path) -> None:
    site, report = build_safely(tmp_path, {
        "seeds/a.txt": "date 2026-01-01 Текст\x00 з\x01 керівними\x7f символами\x85 і\ufffe ще.\n",
        "content/b.md": "---\ntitle: \"Заголовок\\0 \\x01 \\uFFFF\"\ndate: 2026-01-02\n---\nТекст\x1b.\n",
    })
    assert report.articles == 2 and report.errors == []
    warnings = sorted(m for m in messages(report) if "control character" in m)
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{site / 'content/b.md'}:5:6: warning: 1 control character(s) left out")
    assert warnings[1].startswith(f"{site / 'seeds/a.txt'}:1:22: warning: 5 control character(s) left out")
    forbidden = {chr(c) for c in (*range(0, 9), 0x0B, *range(0x0E, 0x20), 0x7F, 0x85, 0xFFFE, 0xFFFF)}
    for file in (site / "build").rglob("*"):
        if file.suffix in (".html", ".xml", ".txt", ".json"):
            assert not forbidden & set(file.read_text(encoding="utf-8")), file


def test_a_utf16_file_is_refused_with_a_hint(tmp_path: Path) -> None:
    _, report = build_safely(tmp_path, {"seeds/a.txt": "date 2026-01-01 Текст.".encode("utf-16"),
                                        "seeds/good.txt": "date 2026-01-02 Добрий текст."})
    assert report.articles == 1
    [message] = messages(report)
    assert "not valid UTF-8" in message and "save the file as UTF-8" in message


# ----------------------------------------------------- paths that try to leave


SLUGS = [
    "../../etc", "../../../../../../../../tmp/newsgen-escape", "/etc/passwd", "..", ".", "./.", "a/../../b",
    "..\\..\\windows", "%2e%2e%2f%2e%2e", "\x00", "a\x00b", "~root", "  ", "-", "page", "feed.xml", "index.html",
    "C:\\Windows", "a" * 5000, "я" * 300, "..%00", "\u202eevil", "CON", "a?b#c", "<b>",
]


@pytest.mark.parametrize("slug", SLUGS, ids=lambda s: repr(s[:24]))
def test_a_slug_cannot_leave_the_output(slug: str, tmp_path: Path) -> None:
    front = json.dumps(slug)  # YAML accepts JSON strings, escapes and all
    site, report = build_safely(tmp_path, {
        "content/a.md": f"---\ntitle: Спроба\nslug: {front}\ndate: 2026-02-11\n---\nТекст.\n",
        "content/b.md": "---\ntitle: Сусідня стаття\ndate: 2026-02-11\n---\nТекст.\n",
    })
    assert report.errors == [] and report.articles == 2
    output = site / "build"
    day = output / "2026/02/11"
    articles = sorted(p.parent.name for p in day.glob("*/index.html"))
    assert len(articles) == 2, articles
    for name in articles:
        assert name not in ("", ".", "..") and "/" not in name and "\x00" not in name
        assert len(name.encode()) <= 255
    assert broken_links(output, "/")[0] == []


@pytest.mark.parametrize("front", [
    "permalink: /../../../../etc/newsgen/",
    "permalink: ../../outside.html",
    "permalink: \"/a/\\0/b/\"",
    "url: /../../../tmp/x/",
    "aliases: [../../../../etc/old/, /../x.html, \"/a\\0b/\", \"//evil.example/\"]",
    "redirect_from: [\"/../../up/\", \"..\\\\..\\\\win\"]",
    "categories: [\"../../..\", \"/\", \"..\"]",
    "permalink: /:categories/:title/\ncategories: [\"../../..\", \"..\", \"%2e%2e\"]",
])
def test_url_keys_from_imported_archives_cannot_leave_the_output(front: str, tmp_path: Path) -> None:
    """Jekyll's and Hugo's permalink, url, aliases, redirect_from and categories decide where files go."""
    site, report = build_safely(tmp_path, {
        "content/a.md": f"---\ntitle: Спроба\ndate: 2026-02-11\n{front}\n---\nТекст.\n",
        "content/b.md": "---\ntitle: Сусідня\ndate: 2026-02-10\n---\nТекст.\n",
    })
    assert report.articles >= 1
    assert all(m.startswith(f"{site / 'content/a.md'}:") for m in messages(report)), messages(report)
    assert broken_links(site / "build", "/")[0] == []


def test_titles_and_tags_that_look_like_paths_stay_inside(tmp_path: Path) -> None:
    site, report = build_safely(tmp_path, {"content/a.md": (
        "---\ntitle: ../../../../etc/passwd\ndate: 2026-02-11\n"
        "tags: [\"../../..\", \"/\", \"..\", \".\", \"/etc/cron.d\", \"%2e%2e\"]\n---\nТекст.\n"
    )})
    assert report.errors == []
    output = site / "build"
    tag_pages = sorted(p.parent.name for p in (output / "tags").glob("*/index.html"))
    assert len(tag_pages) == 6 and all(name not in ("", ".", "..") for name in tag_pages)
    assert broken_links(output, "/")[0] == []


def test_two_sources_claiming_one_url_are_both_kept_and_named(tmp_path: Path) -> None:
    site, report = build_safely(tmp_path, {
        "content/first.md": "---\ntitle: Перша\nslug: same\ndate: 2026-02-11\n---\nТекст один.\n",
        "content/second.md": "---\ntitle: Друга\nslug: same\ndate: 2026-02-11\n---\nТекст два.\n",
    })
    assert report.articles == 2
    [warning] = [m for m in messages(report) if "claim the URL" in m]
    assert "2 articles claim the URL /2026/02/11/same/" in warning
    assert f"{site / 'content/first.md'}:1" in warning and f"{site / 'content/second.md'}:1" in warning
    pages = sorted(p.parent.name for p in (site / "build/2026/02/11").glob("*/index.html"))
    assert len(pages) == 2 and "same" in pages


# ---------------------------------------------------- files that are not files


def test_symlink_loops_fifos_and_devices_in_content_do_not_hang(tmp_path: Path) -> None:
    site = write_project(tmp_path / "site", {"content/ok.md": "---\ntitle: Добра\ndate: 2026-01-01\n---\nТекст.\n"})
    content = site / "content"
    (content / "loop").symlink_to(content, target_is_directory=True)  # content/loop/loop/loop/...
    (content / "sub").mkdir()
    (content / "sub" / "up").symlink_to("..", target_is_directory=True)
    (content / "a.md").symlink_to("b.md")
    (content / "b.md").symlink_to("a.md")  # a.md -> b.md -> a.md
    (content / "dangling.md").symlink_to("nowhere.md")
    os.mkfifo(content / "pipe.md")  # reading it would wait for a writer forever
    (content / "zero.md").symlink_to("/dev/zero")  # reading it would never end
    result, seconds = run_cli(site, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "built 1 article, " in result.stdout and "Traceback" not in result.stderr
    for name, reason in [("a.md", "cannot read the file"), ("b.md", "cannot read the file"),
                         ("dangling.md", "cannot read the file"), ("pipe.md", "not a regular file"),
                         ("zero.md", "not a regular file")]:
        assert f"{content / name}: {reason}" in result.stderr, result.stderr
    assert seconds < 60


def test_an_unreadable_file_is_named_and_the_rest_is_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"seeds/secret.txt": "date 2026-01-01 Таємне.", "seeds/open.txt": "date 2026-01-02 Відкрите."}
    site = write_project(tmp_path / "site", files)
    secret = site / "seeds/secret.txt"
    if os.geteuid() == 0:  # root reads any file whatever its mode: make the read fail as it would
        real = Path.read_bytes

        def read_bytes(path: Path) -> bytes:
            if path.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    else:
        secret.chmod(0)
    try:
        report = build_project(site)
    finally:
        secret.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert report.articles == 1
    assert f"{secret}: cannot read the file: Permission denied" in messages(report)


def test_output_symlinked_out_of_the_site_is_not_followed_for_deletion(tmp_path: Path) -> None:
    """A `build` that is a symlink to someone's folder: newsgen must not empty that folder."""
    precious = tmp_path / "precious"
    (precious / "keep.txt").parent.mkdir()
    (precious / "keep.txt").write_text("do not delete")
    site = write_project(tmp_path / "site", {"seeds/a.txt": "date 2026-01-01 Текст."})
    (site / "build").symlink_to(precious, target_is_directory=True)
    result, _ = run_cli(site)
    assert "Traceback" not in result.stderr
    assert (precious / "keep.txt").read_text() == "do not delete"


@pytest.mark.parametrize("epoch", ["99999999999999999999", "253402300800"])
def test_a_garbage_source_date_epoch_does_not_crash_the_build(epoch: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    _, report = build_safely(tmp_path, {"seeds/a.txt": "date 2026-01-01 Текст."})
    assert report.articles == 1 and report.errors == []
