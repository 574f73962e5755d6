"""`newsgen import SOURCE_DIR`: what a build would read from an archive, and what it would leave out.

Nothing is written. The report comes from the functions a build uses (survey, parse,
derive, place), so the URLs it lists are the URLs `newsgen build --content SOURCE_DIR
--drafts` writes; the site's seeds/ are not part of it, and topic tags are not derived
(the tags and categories the archive gives are shown).
"""

from __future__ import annotations

import json
import os
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from newsgen.build.collect import load_file
from newsgen.build.workers import parallel_map
from newsgen.cli.report import plural
from newsgen.errors import ERROR, WARNING, Diagnostic
from newsgen.records import Article, Derivation, SourceFile
from newsgen.site.catalog import newest_first
from newsgen.site.config import SiteConfig
from newsgen.sources.foreign import HUGO, JEKYLL, ZOLA, Layout, LeftOut, Skipped, bundle_assets, survey_content
from newsgen.sources.sourcesite import SourceSite, old_permalinks, read_source_site
from newsgen.text.language_guess import guess_language
from newsgen.urls.permalinks import DEFAULT_PERMALINK, Permalink, compile_permalink, place_articles

# Jekyll's default URLs for posts found outside a Jekyll site: the folders above them stand for categories.
JEKYLL_AS_FOUND = "/:sections/:year/:month/:day/:title.html"


@dataclass(slots=True)
class ImportReport:
    layout: Layout
    permalink: str | None  # newsgen.yaml's (or --permalink's) pattern; None: the old site's URLs are kept
    articles: list[Article]  # newest first, drafts included (``Article.draft``)
    sections: list[Path]  # Hugo and Zola _index.md files: a section's page, not an article
    skipped: list[Skipped]  # by place or name, or found to be a page (no date)
    problems: list[Diagnostic]  # errors and warnings, in the order found
    source: SourceSite | None  # the old generator's settings; None when there are none to read
    old_urls: OldURLs  # how many articles keep their old URL

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.problems if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.problems if d.severity == WARNING]


@dataclass(frozen=True, slots=True)
class OldURLs:
    known: int  # articles whose old URL newsgen can tell (their own, or their old site's pattern)
    kept: int  # of those, articles published at that URL
    redirected: int  # of those, articles whose old URL gets a redirect page instead


def survey_import(config: SiteConfig, jobs: int = 1) -> ImportReport:
    """Read ``config.content_dir`` as a build would, writing nothing."""
    survey = survey_content(config.content_dir)
    sources = [SourceFile(found.path, found.source_format, found.facts) for found in survey.files]
    derivation = Derivation(config.language, config.slug_style, 0, config.raw_html)  # 0: no derived tags
    shared = (derivation, zoneinfo.ZoneInfo(config.timezone))
    articles: list[Article] = []
    problems: list[Diagnostic] = []
    skipped = list(survey.skipped)
    for found, notes in parallel_map(load_file, shared, sources, jobs):
        articles += found
        for note in notes:
            if isinstance(note, LeftOut):
                skipped.append(Skipped(note.path or Path(), note.reason))
            else:
                problems.append(note)
    source = read_source_site(survey.layout)
    old = old_permalinks(source)
    expected = [_old_route(article, old) for article in articles]
    placed, placing = place_articles(articles, config.permalink, old)
    return ImportReport(
        layout=survey.layout, permalink=config.permalink, articles=newest_first(placed),
        sections=survey.sections, skipped=sorted(skipped, key=lambda s: s.path), problems=problems + placing,
        source=source, old_urls=_count_old_urls(expected, placed),
    )


def _old_route(article: Article, old: Callable[[Article], Permalink | None] | None) -> str | None:
    """The URL the article had on its old site, when newsgen can tell."""
    if article.placement.permalink:
        return compile_permalink(article.placement.permalink, own=True).route(article)
    permalink = old(article) if old else None
    return permalink.route(article) if permalink else None


def _count_old_urls(expected: list[str | None], placed: list[Article]) -> OldURLs:
    pairs = [(route, article) for route, article in zip(expected, placed, strict=True) if route is not None]
    kept = sum(article.route == route for route, article in pairs)
    redirected = sum(article.route != route and route in article.placement.aliases for route, article in pairs)
    return OldURLs(len(pairs), kept, redirected)


def format_report(report: ImportReport) -> str:
    """The report for people: what was found, with dates and URLs, and what was left out and why."""
    root = report.layout.root
    lines = [_heading(report.layout), *_url_lines(report), *_settings_lines(report), ""]
    published = [a for a in report.articles if not a.draft]
    drafts = [a for a in report.articles if a.draft]
    for heading, articles in (("articles", published), ("drafts", drafts)):
        lines.append(f"{heading} ({len(articles)}):")
        lines += [line for article in articles for line in _article_lines(article, root)]
    lines.append(f"sections ({len(report.sections)}):")
    lines += [f"  {_shown(path, root)}" for path in report.sections]
    lines.append(f"skipped ({len(report.skipped)}):")
    lines += [f"  {_shown(item.path, root)}: {item.reason}{_file_count(item.path)}" for item in report.skipped]
    counts = [(len(published), "article"), (len(drafts), "draft"), (len(report.sections), "section file"),
              (len(report.skipped), "skipped file")]
    problems = [(len(report.errors), "error"), (len(report.warnings), "warning")]
    lines.append(f"found {', '.join(plural(*c) for c in counts)} ({', '.join(plural(*p) for p in problems)}); "
                 "nothing was written")
    return "\n".join(lines)


_NAMES = {JEKYLL: "a Jekyll site", HUGO: "Hugo content", ZOLA: "Zola content"}


def _heading(layout: Layout) -> str:
    if layout.kind in _NAMES:
        return f"{layout.root}: {_NAMES[layout.kind]} (found {layout.evidence})"
    return f"{layout.root}: a newsgen content folder"


def _url_lines(report: ImportReport) -> list[str]:
    """Which URLs the articles get, the old site's settings they come from, and how many keep theirs."""
    source, counts = report.source, report.old_urls
    if report.permalink is not None:
        lines = [f"URLs: {report.permalink} (newsgen.yaml or --permalink)"]
    elif source is not None:
        lines = ["URLs: as on the old site"]
    else:
        lines = [f"URLs: {DEFAULT_PERMALINK} (newsgen's default)"]
    for rule in source.rules if source else ():
        scope = f" for {rule.scope}/" if rule.scope else ""
        lines.append(f"  the old site's URLs{scope}: {rule.pattern} ({rule.where})")
        if rule.problem:
            lines.append(f"    newsgen cannot make them: the pattern {rule.problem}; those articles get "
                         f"{report.permalink or DEFAULT_PERMALINK}")
    total = len(report.articles)
    if report.layout.evidence == "newsgen.yaml":  # a newsgen site: its URLs are newsgen's
        return lines
    if source is None and counts.known == 0:
        lines.append("  newsgen cannot know the old site's URLs: no Jekyll, Hugo or Zola settings were found "
                     "with these files; set `permalink:` in newsgen.yaml to the old site's pattern")
        if any(a.source_path.stem.startswith(f"{a.date.isoformat()}-") for a in report.articles):
            lines.append(f"  (files named like Jekyll posts had Jekyll's default URLs: {JEKYLL_AS_FOUND})")
        return lines
    lines.append(f"  {counts.kept} of {total} articles keep their old URL"
                 + (f"; the old URLs of {counts.redirected} more get redirect pages" if counts.redirected else ""))
    if total > counts.known:
        lines.append(f"  for {total - counts.known} articles newsgen cannot know the old URL")
    return lines


def _settings_lines(report: ImportReport) -> list[str]:
    """The newsgen.yaml lines that fit the archive: its title, its language, and its URLs."""
    source = report.source
    language, count, read = guess_language(f"{a.title}\n{a.body_text}" for a in report.articles)
    lines = []
    if source is not None and source.title:
        lines.append(f"  title: {json.dumps(source.title, ensure_ascii=False)}")
    if language:
        lines.append(f"  language: {language}  # {_language_name(language)}: {count} of {read} articles"
                     + (f"; the old site says {source.language}" if source and source.language else ""))
    elif source is not None and source.language:
        lines.append(f"  language: {source.language.split('_')[0].lower()}  # the old site's setting")
    patterns = {rule.pattern for rule in source.rules if not rule.problem} if source else set()
    if len(patterns) == 1:
        lines.append(f"  permalink: {patterns.pop()}  # or leave it out: the old URLs are kept")
    elif patterns:
        lines.append("  # permalink: leave it out, and each folder keeps its old site's pattern")
    return ["newsgen.yaml for this archive:", *lines] if lines else []


def _language_name(code: str) -> str:
    try:
        return Locale.parse(code).english_name or code
    except (ValueError, UnknownLocaleError):
        return code


def _article_lines(article: Article, root: Path) -> list[str]:
    lines = [f"  {article.date.isoformat()}  {article.route}  {article.title}  ({_shown(article.source_path, root)})"]
    details = []
    if article.tags:
        details.append("tags: " + ", ".join(tag.name for tag in article.tags))
    if article.placement.aliases:
        details.append("old URLs: " + ", ".join(article.placement.aliases))
    if article.placement.bundle is not None:
        details.append(f"files copied beside it: {len(bundle_assets(article.placement.bundle))}")
    return lines + ([f"      {'; '.join(details)}"] if details else [])


def _file_count(path: Path) -> str:
    """How much a skipped folder holds (counted here: a build skips it without looking inside)."""
    if not path.is_dir():
        return ""
    count = sum(len(files) for _, _, files in os.walk(path))
    return f" ({plural(count, 'file')})"


def _shown(path: Path, root: Path) -> str:
    """Relative to the archive's folder: shorter, and what the author sees in it."""
    try:
        return path.relative_to(root).as_posix() + ("/" if path.is_dir() else "")
    except ValueError:
        return str(path)
