"""`newsgen import SOURCE_DIR`: what a build would read from an archive, and what it would leave out.

Nothing is written. The report comes from the functions a build uses (survey, parse,
derive, place), so the URLs it lists are the URLs `newsgen build --content SOURCE_DIR
--drafts` writes; the site's seeds/ are not part of it, and topic tags are not derived
(the tags and categories the archive gives are shown).
"""

from __future__ import annotations

import json
import os
import tomllib
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

import yaml

from newsgen.catalog import newest_first
from newsgen.collect import load_file
from newsgen.config import SiteConfig
from newsgen.errors import ERROR, WARNING, Diagnostic
from newsgen.loader.discover import SourceFile
from newsgen.loader.foreign import (
    HUGO, HUGO_CONFIGS, JEKYLL, Layout, LeftOut, Skipped, bundle_assets, survey_content,
)
from newsgen.permalinks import JEKYLL_STYLES, check_permalink, place_articles
from newsgen.records import Article, Derivation
from newsgen.workers import parallel_map

HUGO_DEFAULT = "/:sections/:slugorfilename/"  # Hugo's URLs when its config sets no [permalinks]


@dataclass(slots=True)
class ImportReport:
    layout: Layout
    permalink: str  # the pattern the URLs were made with
    articles: list[Article]  # newest first, drafts included (``Article.draft``)
    sections: list[Path]  # Hugo _index.md files: a section's page, not an article
    skipped: list[Skipped]  # by place or name, or found to be a page (no date)
    problems: list[Diagnostic]  # errors and warnings, in the order found
    source_permalink: tuple[str, str] | None  # (pattern, where it is set) in the source site's own settings

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.problems if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.problems if d.severity == WARNING]


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
    placed, placing = place_articles(articles, config.permalink)
    return ImportReport(
        layout=survey.layout, permalink=config.permalink, articles=newest_first(placed),
        sections=survey.sections, skipped=sorted(skipped, key=lambda s: s.path), problems=problems + placing,
        source_permalink=source_permalink(survey.layout),
    )


def source_permalink(layout: Layout) -> tuple[str, str] | None:
    """The permalink the source site was built with: its own setting, or its generator's default."""
    if layout.kind == JEKYLL:
        for name in ("_config.yml", "_config.yaml"):
            value = _settings(layout.root / name).get("permalink")
            if isinstance(value, str) and value.strip():
                return JEKYLL_STYLES.get(value.strip(), value.strip()), f"{name}: permalink"
        return JEKYLL_STYLES["date"], "Jekyll's default"
    if layout.kind == HUGO:
        name = layout.evidence.removeprefix("../")  # the Hugo config found beside content/
        settings = _settings(layout.root.parent / name) if name in HUGO_CONFIGS else {}
        patterns = _hugo_patterns(settings.get("permalinks"))
        if len(set(patterns.values())) == 1:
            section, pattern = next(iter(patterns.items()))
            return pattern, f"{name}: [permalinks] {section}"
        if patterns:
            return "; ".join(f"{k} = {v}" for k, v in patterns.items()), f"{name}: [permalinks], one per section"
        return HUGO_DEFAULT, "Hugo's default"
    return None


def _settings(path: Path) -> dict:
    """A generator's settings file as a mapping; {} when missing or unreadable (the report only advises)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = (tomllib.loads(text) if path.suffix == ".toml" else json.loads(text) if path.suffix == ".json"
                else yaml.safe_load(text))
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _hugo_patterns(value: object) -> dict[str, str]:
    """Hugo's [permalinks] (section = pattern), also in the newer [permalinks.page] form."""
    if not isinstance(value, dict):
        return {}
    if isinstance(value.get("page"), dict):
        value = value["page"]
    return {str(k): v for k, v in value.items() if isinstance(v, str)}


def format_report(report: ImportReport) -> str:
    """The report for people: what was found, with dates and URLs, and what was left out and why."""
    root = report.layout.root
    lines = [_heading(report.layout), f"URLs: {report.permalink}", *_advice(report), ""]
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
    lines.append(f"found {', '.join(_plural(*c) for c in counts)} ({', '.join(_plural(*p) for p in problems)}); "
                 "nothing was written")
    return "\n".join(lines)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _heading(layout: Layout) -> str:
    if layout.kind == JEKYLL:
        return f"{layout.root}: a Jekyll site (found {layout.evidence})"
    if layout.kind == HUGO:
        return f"{layout.root}: Hugo content (found {layout.evidence})"
    return f"{layout.root}: a newsgen content folder"


def _advice(report: ImportReport) -> list[str]:
    """How to keep the source site's URLs, when the permalink in use differs from the one it had."""
    if report.source_permalink is None:
        return []
    pattern, where = report.source_permalink
    if JEKYLL_STYLES.get(report.permalink, report.permalink) == pattern:
        return [f"  the same pattern as the source site ({where})"]
    lines = [f"  the source site used {pattern} ({where})"]
    problem = check_permalink(pattern) if ";" not in pattern else "one pattern per section"
    if problem:
        return [*lines, f"  newsgen cannot use it as it is: it {problem}"]
    return [*lines, "  to keep those URLs, add to newsgen.yaml:", f"    permalink: {pattern}"]


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
    return f" ({_plural(count, 'file')})"


def _shown(path: Path, root: Path) -> str:
    """Relative to the archive's folder: shorter, and what the author sees in it."""
    try:
        return path.relative_to(root).as_posix() + ("/" if path.is_dir() else "")
    except ValueError:
        return str(path)
