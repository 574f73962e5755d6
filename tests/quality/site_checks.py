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
