"""Machine-readable outputs checked from the outside: feeds with feedparser, sitemaps against the files.

Each function returns a list of problems (empty when all is well), so a test can
assert the count is zero and show every problem when it is not.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from tests.support.links import resolve

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NOINDEX = re.compile(r"<meta\s+name=\"robots\"\s+content=\"[^\"]*noindex", re.IGNORECASE)


def feed_files(output: Path) -> list[Path]:
    """Every feed a build wrote: the site's Atom and RSS feeds and each tag's feed."""
    return sorted(path for path in output.rglob("*.xml") if path.name in ("feed.xml", "rss.xml"))


def url_to_file(output: Path, base_url: str, url: str) -> Path | None:
    """The built file an absolute or root-relative URL of this deploy maps to, or None."""
    parts, base = urlsplit(url), urlsplit(base_url)
    if parts.scheme and base.scheme and (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    return resolve(output, base.path or "/", parts.path)


def feed_problems(output: Path, base_url: str, feeds: list[Path] | None = None) -> list[str]:
    """Feeds that feedparser finds malformed (``bozo``), or whose entries link to nothing built."""
    problems = []
    for feed in feeds if feeds is not None else feed_files(output):
        name = feed.relative_to(output).as_posix()
        parsed = feedparser.parse(feed.read_bytes())
        if parsed.bozo:
            problems.append(f"{name}: not a well-formed feed: {parsed.bozo_exception}")
            continue
        if not parsed.feed.get("title"):
            problems.append(f"{name}: the feed has no title")
        for entry in parsed.entries:
            link = entry.get("link")
            if not link or url_to_file(output, base_url, link) is None:
                problems.append(f"{name}: entry {entry.get('title', '?')!r} links to {link!r}, which was not built")
            if not entry.get("title") or not (entry.get("published") or entry.get("updated")):
                problems.append(f"{name}: entry {link!r} lacks a title or a date")
    return problems


def sitemap_urls(output: Path, base_url: str) -> tuple[list[str], list[str]]:
    """(page URLs listed by /sitemap.xml and its parts, problems met while reading them)."""
    urls: list[str] = []
    problems: list[str] = []
    pending = [output / "sitemap.xml"]
    while pending:
        file = pending.pop(0)
        try:
            root = ET.parse(file).getroot()
        except (ET.ParseError, OSError) as exc:
            problems.append(f"{file.relative_to(output)}: cannot be read as XML: {exc}")
            continue
        for loc in root.iter(f"{SITEMAP_NS}loc"):
            url = (loc.text or "").strip()
            if root.tag == f"{SITEMAP_NS}sitemapindex":
                part = url_to_file(output, base_url, url)
                if part is None:
                    problems.append(f"{file.name}: the sitemap part {url} was not built")
                else:
                    pending.append(part)
            else:
                urls.append(url)
    return urls, problems


def sitemap_problems(output: Path, base_url: str) -> list[str]:
    """Sitemap URLs (site, news, robots.txt) that map to no built file."""
    urls, problems = sitemap_urls(output, base_url)
    if not urls:
        problems.append("sitemap.xml lists no URL")
    for url in urls:
        if not url.startswith(base_url.rstrip("/")):
            problems.append(f"sitemap.xml: {url} is not under the site's URL {base_url}")
        elif url_to_file(output, base_url, url) is None:
            problems.append(f"sitemap.xml: {url} maps to no built file")
    news = output / "news-sitemap.xml"
    if news.exists():
        for loc in ET.parse(news).getroot().iter(f"{SITEMAP_NS}loc"):
            if url_to_file(output, base_url, (loc.text or "").strip()) is None:
                problems.append(f"news-sitemap.xml: {loc.text} maps to no built file")
    robots = (output / "robots.txt").read_text(encoding="utf-8")
    for url in re.findall(r"^Sitemap:\s*(\S+)", robots, re.MULTILINE):
        if url_to_file(output, base_url, url) is None:
            problems.append(f"robots.txt: {url} maps to no built file")
    return problems


def pages_missing_from_sitemap(output: Path, base_url: str) -> list[str]:
    """Built HTML pages that search engines may index (no robots noindex) but the sitemap leaves out."""
    listed = {url_to_file(output, base_url, url) for url in sitemap_urls(output, base_url)[0]}
    missing = []
    for page in sorted(output.rglob("*.html")):
        if page not in listed and not _NOINDEX.search(page.read_text(encoding="utf-8")[:4000]):
            missing.append(page.relative_to(output).as_posix())
    return missing


_HTML_LANG = re.compile(r"<html[^>]*\slang=\"([^\"]+)\"", re.IGNORECASE)
_CANONICAL = re.compile(r"<link rel=\"canonical\" href=\"([^\"]+)\"")
_ALTERNATE = re.compile(r"<link rel=\"alternate\" hreflang=\"([^\"]+)\" href=\"([^\"]+)\"")
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


def page_alternates(output: Path) -> dict[Path, tuple[str, str | None, list[tuple[str, str]]]]:
    """Every built page that names language alternates: (its html lang, its canonical URL, its (hreflang, URL)s)."""
    pages = {}
    for file in sorted(output.rglob("*.html")):
        text = file.read_text(encoding="utf-8")
        alternates = _ALTERNATE.findall(text)
        if alternates:
            lang, canonical = _HTML_LANG.search(text), _CANONICAL.search(text)
            pages[file] = (lang.group(1) if lang else "", canonical.group(1) if canonical else None, alternates)
    return pages


def hreflang_problems(output: Path, base_url: str) -> list[str]:
    """Language alternates that do not hold both ways (Google ignores those): each page names itself
    under its own language, each alternate is a built page that names this one back under this
    page's language, x-default is one of them; and the sitemap's xhtml:links say the same."""
    problems = []
    pages = page_alternates(output)
    for file, (lang, canonical, alternates) in pages.items():
        name = file.relative_to(output).as_posix()
        named = dict(alternates)
        if named.get(lang) != canonical:
            problems.append(f"{name}: does not name itself ({canonical}) as its {lang} version")
        if "x-default" not in named or named["x-default"] not in {url for code, url in alternates if code != "x-default"}:
            problems.append(f"{name}: no x-default among its versions")
        for code, url in alternates:
            if code == "x-default":
                continue
            target = url_to_file(output, base_url, url)
            if target is None or target not in pages:
                problems.append(f"{name}: its {code} version {url} is not a built page with alternates")
                continue
            target_lang, _, back = pages[target]
            if target_lang != code:
                problems.append(f"{name}: its {code} version {url} is written in {target_lang!r}")
            if (lang, canonical) not in back:
                problems.append(f"{name}: its {code} version {url} does not name it back as {lang}")
    problems += _sitemap_alternate_problems(output, pages)
    return problems


def _sitemap_alternate_problems(output: Path, pages: dict[Path, tuple[str, str | None, list[tuple[str, str]]]]
                                ) -> list[str]:
    """The sitemap lists each page's alternates as the page does."""
    by_url = {canonical: sorted(alternates) for lang, canonical, alternates in pages.values()}
    listed = {}
    for sitemap in [output / "sitemap.xml", *sorted((output / "sitemaps").glob("*.xml"))]:
        if not sitemap.is_file():
            continue
        for entry in ET.parse(sitemap).getroot().iter(f"{SITEMAP_NS}url"):
            loc = entry.findtext(f"{SITEMAP_NS}loc")
            links = sorted((link.get("hreflang", ""), link.get("href", "")) for link in entry.iter(f"{XHTML_NS}link"))
            if links:
                listed[loc] = links
    problems = [f"sitemap.xml: {url} lists {listed.get(url, [])} as its versions, the page {alternates}"
                for url, alternates in by_url.items() if listed.get(url) != alternates]
    problems += [f"sitemap.xml: {url} lists versions its page does not" for url in listed if url not in by_url]
    return problems
