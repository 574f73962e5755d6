"""The recipe: load -> derive -> catalog -> plan -> render -> write. Stages run in this order, by name."""

from __future__ import annotations

import datetime
import os
import shutil
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from newsgen import feeds, sitemap, urls
from newsgen.articles import Derivation, derive_article, unique_slugs
from newsgen.catalog import Catalog, build_catalog
from newsgen.config import SiteConfig
from newsgen.errors import BuildError, Diagnostic, Diagnostics
from newsgen.loader import discover_sources, load_sources
from newsgen.output import staged_output, write_file
from newsgen.pages import PageSpec, Paging, plan_pages
from newsgen.records import Article, SourceArticle
from newsgen.render import render_page
from newsgen.text.collation import collation_key
from newsgen.theme import BUILTIN_STATIC, make_environment, template_files
from newsgen.urls import SiteURLs
from newsgen.views import SiteView, ViewMaker
from newsgen.workers import default_jobs, parallel_map

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    drafts: bool = False
    strict: bool = False
    jobs: int = field(default_factory=default_jobs)  # worker processes for derivation and rendering
    progress: Progress | None = None


@dataclass(slots=True)
class BuildReport:
    """What a build did: counts for the summary line, and every diagnostic."""

    output: Path
    articles: int = 0
    pages: int = 0
    files: int = 0
    tags: int = 0
    seconds: float = 0.0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def build_time() -> datetime.datetime:
    """The build's only clock: SOURCE_DATE_EPOCH when set, so builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
    return datetime.datetime.now(tz=datetime.UTC)


def load_articles(
    config: SiteConfig, *, drafts: bool, diagnostics: Diagnostics, jobs: int = 1, progress: Progress | None = None
) -> list[Article]:
    """Every publishable article of the site, slugs unique, problems collected."""
    sources = discover_sources(config.seeds_dir, config.content_dir)
    parsed, problems = load_sources(sources, zoneinfo.ZoneInfo(config.timezone))
    for problem in problems:
        diagnostics.add(problem)
    derivation = Derivation(config.language, config.slug_style, config.max_tags, config.raw_html)
    publishable = [source for source in parsed if drafts or not source.draft]
    report = (lambda done, total: progress("derive", done, total)) if progress else None
    articles = parallel_map(_derive, derivation, publishable, jobs, report)
    _report_collisions(articles, diagnostics)
    return unique_slugs(articles)


def _derive(derivation: Derivation, source: SourceArticle) -> Article:
    return derive_article(source, derivation)


def _report_collisions(articles: list[Article], diagnostics: Diagnostics) -> None:
    claims: dict[str, list[Article]] = {}
    for article in articles:
        claims.setdefault(article.id, []).append(article)
    for article_id, claimants in claims.items():
        # Derived slugs collide by coincidence (two bulletins with one headline) and are
        # simply numbered; an author who chose the same slug twice should hear of it.
        if sum(not a.slug_is_derived for a in claimants) > 1:
            where = ", ".join(f"{a.source_path}:{a.source_line}" for a in claimants)
            first = claimants[0]
            diagnostics.warning(
                first.source_path, first.source_line,
                f"{len(claimants)} articles claim the URL /{article_id}/ ({where}); "
                "all are kept, with -2, -3 added to the slug in a stable order",
            )


def check(config: SiteConfig, drafts: bool = False) -> list[Diagnostic]:
    """Every problem a build would report in the sources and templates; nothing is rendered or written."""
    diagnostics = Diagnostics()
    load_articles(config, drafts=drafts, diagnostics=diagnostics)
    env = make_environment(config.templates_dir, SiteURLs(config.base_url), config.language)
    for path in template_files(config.templates_dir):
        for problem in _template_problems(env, path):
            diagnostics.add(problem)
    return diagnostics.items


def _template_problems(env: jinja2.Environment, path: Path) -> list[Diagnostic]:
    """A template's syntax errors, and the templates it names that do not exist."""
    try:
        tree = env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
    except UnicodeDecodeError as exc:
        return [Diagnostic(path, None, None, f"not valid UTF-8 ({exc.reason})")]
    except jinja2.TemplateSyntaxError as exc:
        return [Diagnostic(path, exc.lineno, None, exc.message or str(exc))]
    problems = []
    for node in tree.find_all((jinja2.nodes.Extends, jinja2.nodes.Include, jinja2.nodes.Import,
                               jinja2.nodes.FromImport)):
        name = node.template.value if isinstance(node.template, jinja2.nodes.Const) else None
        if isinstance(name, str) and not getattr(node, "ignore_missing", False):
            try:
                env.loader.get_source(env, name)  # type: ignore[union-attr]
            except jinja2.TemplateNotFound:
                problems.append(Diagnostic(path, node.lineno, None, f"template {name!r} not found"))
    return problems


def build(config: SiteConfig, options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build the whole site into ``config.output_dir``; the old output survives any failure."""
    started = time.perf_counter()
    report = BuildReport(output=config.output_dir)
    diagnostics = Diagnostics()
    articles = load_articles(
        config, drafts=options.drafts, diagnostics=diagnostics, jobs=options.jobs, progress=options.progress
    )
    report.diagnostics = diagnostics.items
    if options.strict and diagnostics.items:
        raise BuildError(f"{len(diagnostics.items)} problem(s) found; nothing was written (--strict)",
                         tuple(diagnostics.items))
    catalog = build_catalog(articles, collation_key(config.language))
    site_urls = SiteURLs(config.base_url)
    site = SiteView(
        title=config.title, description=config.description, lang=config.language,
        publisher=config.publication or config.title, home_href=site_urls.href("/"), base_url=config.base_url,
    )
    specs = plan_pages(catalog, site, site_urls, Paging(config.per_page))
    env = make_environment(config.templates_dir, site_urls, config.language)
    protected = [config.site_dir / name for name in (config.seeds_dir, config.content_dir, config.templates_dir)]
    with staged_output(config.output_dir, protected + [config.site_dir]) as staging:
        _render_pages(specs, env, staging, options.jobs, options.progress)
        machine_files = _machine_files(config, catalog, specs, site_urls)
        for route, data in machine_files.items():
            write_file(staging, SiteURLs.output_path(route), data)
        _copy_static(config.static_dir, staging / "static")
    report.articles, report.pages, report.tags = len(catalog.articles), len(specs), len(catalog.tags)
    report.files = len(specs) + len(machine_files)
    report.seconds = time.perf_counter() - started
    return report


def _render_pages(
    specs: list[PageSpec], env: jinja2.Environment, staging: Path, jobs: int, progress: Progress | None
) -> None:
    report = (lambda done, total: progress("render", done, total)) if progress else None
    parallel_map(_render_one, (env, staging), specs, jobs, report)


def _render_one(shared: tuple[jinja2.Environment, Path], spec: PageSpec) -> None:
    env, staging = shared
    write_file(staging, SiteURLs.output_path(spec.route), render_page(spec, env))


def _machine_files(config: SiteConfig, catalog: Catalog, specs: list[PageSpec], site_urls: SiteURLs) -> dict[str, bytes]:
    """Feeds, sitemaps and robots.txt: {route: bytes}."""
    views = ViewMaker(catalog, site_urls)
    latest = views.articles(catalog.articles[: config.feed_size])
    home = site_urls.absolute("/")
    files = {
        urls.ATOM_FEED: feeds.atom_feed(
            title=config.title, feed_url=site_urls.absolute(urls.ATOM_FEED), site_url=home,
            lang=config.language, author=config.publication, articles=latest,
        ),
        urls.RSS_FEED: feeds.rss_feed(
            title=config.title, description=config.description, feed_url=site_urls.absolute(urls.RSS_FEED),
            site_url=home, lang=config.language, articles=latest,
        ),
    }
    for entry in catalog.tags:
        route = urls.tag_feed_route(entry.tag.slug)
        files[route] = feeds.atom_feed(
            title=f"{entry.tag.name} — {config.title}", feed_url=site_urls.absolute(route),
            site_url=site_urls.absolute(urls.tag_route(entry.tag.slug)), lang=config.language,
            author=config.publication, articles=views.articles(entry.articles[: config.feed_size]),
            full_content=False,  # hundreds of tag feeds: summaries keep them small
        )
    lastmod = {site_urls.absolute(urls.article_route(a.date, a.slug)): (a.updated or a.published).isoformat()
               for a in catalog.articles}
    entries = [sitemap.SitemapEntry(site_urls.absolute(s.route), lastmod.get(site_urls.absolute(s.route)))
               for s in specs if s.in_sitemap]
    files.update(sitemap.sitemap_files(entries, lambda n: f"/sitemaps/sitemap-{n}.xml", site_urls.absolute))
    recent = sitemap.recent_for_news([(a.published, a) for a in catalog.articles], build_time())
    files[urls.NEWS_SITEMAP] = sitemap.news_sitemap(
        views.articles(recent), publication=config.publication, lang=config.language
    )
    files[urls.ROBOTS] = sitemap.robots_txt(
        [site_urls.absolute(urls.SITEMAP), site_urls.absolute(urls.NEWS_SITEMAP)]
    )
    return files


def _copy_static(site_static: Path, target: Path) -> None:
    """The theme's static files, then the site's own on top (same name wins)."""
    shutil.copytree(BUILTIN_STATIC, target, dirs_exist_ok=True)
    if site_static.is_dir():
        shutil.copytree(site_static, target, dirs_exist_ok=True, symlinks=False)
