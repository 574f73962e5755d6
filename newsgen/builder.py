"""The recipe: load -> derive -> catalog -> plan -> render -> write. Stages run in this order, by name."""

from __future__ import annotations

import datetime
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from newsgen import feeds, search, sitemap, urls
from newsgen.cache import BuildCache, bytes_digest, digest, environment_fingerprint, file_signature, open_cache, payload, unpayload
from newsgen.catalog import Catalog, build_catalog
from newsgen.collect import load_articles, load_site
from newsgen.config import CONFIG_NAME, SiteConfig
from newsgen.errors import BuildError, Diagnostic, Diagnostics
from newsgen.loader import SourceFile, discover_sources
from newsgen.loader.foreign import bundle_assets
from newsgen.output import StagedOutput, read_build_id, write_file
from newsgen.pages import PageSpec, Paging, plan_pages
from newsgen.render import render_page
from newsgen.text.collation import collation_key
from newsgen.theme import BUILTIN_STATIC, make_environment, template_files
from newsgen.urls import SiteURLs, output_file
from newsgen.views import Deferred, SiteView, ViewMaker
from newsgen.workers import default_jobs, parallel_map

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    drafts: bool = False
    strict: bool = False
    cache: bool = True  # memoise derivation and skip unchanged pages
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
    rendered: int = 0  # pages rendered this time; the others were unchanged
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
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
        except (OverflowError, ValueError, OSError):
            pass  # beyond the year 9999: not a usable build time, so the clock it is
    return datetime.datetime.now(tz=datetime.UTC)


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
    """Build the whole site into ``config.output_dir``; the old output survives any failure.

    Pages whose inputs did not change since the previous build (same signature
    in the cache's manifest of that very output) are neither rendered nor rewritten.
    """
    started = time.perf_counter()
    report = BuildReport(output=config.output_dir)
    diagnostics = Diagnostics()
    cache = open_cache(config.output_dir.resolve(), options.cache)
    now = build_time()
    try:
        sources = discover_sources(config.seeds_dir, config.content_dir)
        inputs = _inputs_fingerprint(config, options, sources)
        if cache and _output_is_current(cache, config, inputs, now):
            report = _unchanged_report(cache, report, started)
            _refuse_if_strict(options, report.diagnostics)
            return report
        loaded = load_site(
            config, drafts=options.drafts, diagnostics=diagnostics, jobs=options.jobs,
            progress=options.progress, cache=cache, remember=not options.strict, sources=sources,
        )
        report.diagnostics = diagnostics.items
        _refuse_if_strict(options, diagnostics.items)
        _step(options, "loaded", len(loaded.articles))
        catalog = build_catalog(loaded.articles, collation_key(config.language))
        _step(options, "catalog", len(catalog.articles))
        site_urls = SiteURLs(config.base_url)
        site = SiteView(
            title=config.title, description=config.description, lang=config.language,
            publisher=config.publication or config.title, home_href=site_urls.href("/"), base_url=config.base_url,
        )
        views = ViewMaker(catalog, site_urls, loaded.stamps)
        specs = plan_pages(catalog, site, site_urls, Paging(config.per_page), views)
        if not config.search:  # no search page (and no box) when search is off
            specs = [spec for spec in specs if spec.route != urls.SEARCH]
        _step(options, "plan", len(specs))
        env = make_environment(config.templates_dir, site_urls, config.language)
        env.globals["search_href"] = site_urls.href(urls.SEARCH) if config.search else None
        salt = digest(_content_settings(config), environment_fingerprint(template_files(config.templates_dir)))
        protected = [config.site_dir / name for name in (config.seeds_dir, config.content_dir, config.templates_dir)]
        search_index = _start_search(config, catalog, loaded.stamps, options)  # Pagefind indexes while pages render
        with StagedOutput.open(config.output_dir, protected + [config.site_dir]) as staged:
            previous = cache.manifest(read_build_id(staged.output)) if cache else {}
            machine = list(_machine_files(config, catalog, specs, site_urls, views, now).items())
            manifest = _render_outputs([*specs, *machine], env, staged.staging, salt, previous, options)
            _step(options, "pages", len(specs))
            files = {**_bundle_files(catalog, manifest),  # imported page bundles: images beside their article
                     **_static_files(config.static_dir), **(search_index.files() if search_index else {})}
            for relative, data in files.items():
                manifest[relative] = signature = bytes_digest(data)
                if previous.get(relative) != signature:
                    write_file(staged.staging, relative, data)
            _step(options, "files", len(manifest))
            build_id = digest(sorted(manifest.items()))
            if previous:
                staged.commit_changes(set(previous) - set(manifest), build_id)
            else:
                staged.commit_swap(build_id)
        if cache:
            cache.store_manifest(build_id, manifest)
            counts = {"articles": len(catalog.articles), "pages": len(specs), "tags": len(catalog.tags)}
            cache.set_meta({
                "inputs": inputs or "", "counts": json.dumps(counts), "diagnostics": payload(diagnostics.items).hex(),
                "valid_until": _next_news_change(catalog, now).isoformat(),
            })
    finally:
        if cache:
            cache.close()
    report.articles, report.pages, report.tags = len(catalog.articles), len(specs), len(catalog.tags)
    report.files = len(manifest)
    report.rendered = sum(1 for spec in specs if previous.get(path := _page_file(spec)) != manifest[path])
    report.seconds = time.perf_counter() - started
    return report


def _step(options: BuildOptions, stage: str, count: int) -> None:
    """A stage without a progress bar of its own has finished (shown with --verbose)."""
    if options.progress:
        options.progress(stage, count, count)


def _refuse_if_strict(options: BuildOptions, problems: list[Diagnostic]) -> None:
    if options.strict and problems:
        raise BuildError(f"{len(problems)} problem(s) found; nothing was written (--strict)", tuple(problems))


def _inputs_fingerprint(config: SiteConfig, options: BuildOptions, sources: list[SourceFile]) -> str | None:
    """Everything a build reads, by file signature: equal fingerprints give an equal site.

    None when a file is too fresh to have a trustworthy signature.
    """
    statics = [p for folder in (BUILTIN_STATIC, config.static_dir) if folder.is_dir() for p in folder.rglob("*")]
    files = [source.path for source in sources] + template_files(config.templates_dir) + sorted(statics)
    files += [config.site_dir / CONFIG_NAME]
    files += [asset for s in sources if s.facts.bundle for _, asset in bundle_assets(s.facts.bundle)]
    signatures = [(str(p), file_signature(p)) for p in files if p.exists()]
    if any(signature is None for _, signature in signatures):
        return None
    return digest(_content_settings(config), options.drafts, signatures)


def _output_is_current(cache: BuildCache, config: SiteConfig, inputs: str | None, now: datetime.datetime) -> bool:
    """True when nothing the site depends on changed since the build that wrote the output."""
    valid_until = cache.get_meta("valid_until")
    return (
        inputs is not None
        and cache.get_meta("inputs") == inputs
        and valid_until is not None
        and now < datetime.datetime.fromisoformat(valid_until)
        and cache.get_meta("build_id") == read_build_id(config.output_dir.resolve())
    )


def _unchanged_report(cache: BuildCache, report: BuildReport, started: float) -> BuildReport:
    counts = json.loads(cache.get_meta("counts") or "{}")
    report.articles, report.pages, report.tags = counts.get("articles", 0), counts.get("pages", 0), counts.get("tags", 0)
    report.diagnostics = unpayload(bytes.fromhex(cache.get_meta("diagnostics") or payload([]).hex()))
    report.seconds = time.perf_counter() - started
    return report


def _next_news_change(catalog: Catalog, now: datetime.datetime) -> datetime.datetime:
    """When the news sitemap's two-day window next gains or loses an article (the one clock input)."""
    moments = [a.published + sitemap.NEWS_WINDOW for a in catalog.articles if a.published <= now]
    moments += [a.published for a in catalog.articles if a.published > now]
    later = [moment for moment in moments if moment > now]
    return min(later, default=datetime.datetime.max.replace(tzinfo=datetime.UTC))


def _content_settings(config: SiteConfig) -> tuple:
    """The settings that can change a page's bytes; folders cannot (templates count by content)."""
    return tuple(
        getattr(config, name) for name in SiteConfig.__dataclass_fields__ if not isinstance(getattr(config, name), Path)
    )


def _page_file(spec: PageSpec) -> str:
    return output_file(spec.route)


Output = PageSpec | tuple[str, Deferred]  # a page, or a machine file (output path, how it is made)


def _render_outputs(
    outputs: list[Output], env: jinja2.Environment, staging: Path, salt: str, previous: dict[str, str],
    options: BuildOptions,
) -> dict[str, str]:
    """Render and write every page and machine file whose signature changed; {output path: signature} for all."""
    report = (lambda done, total: options.progress("render", done, total)) if options.progress else None
    signatures = parallel_map(_render_if_changed, (env, staging, salt, previous), outputs, options.jobs, report)
    return dict(zip(map(_output_path, outputs), signatures, strict=True))


def _output_path(output: Output) -> str:
    return _page_file(output) if isinstance(output, PageSpec) else output[0]


def _render_if_changed(shared: tuple[jinja2.Environment, Path, str, dict[str, str]], output: Output) -> str:
    """Runs in a worker: the output's signature, making and writing it only when it changed."""
    env, staging, salt, previous = shared
    if isinstance(output, PageSpec):
        relative = _page_file(output)
        signature = digest(salt, output.template, output.route, output.inputs)
        if previous.get(relative) != signature:
            write_file(staging, relative, render_page(output, env))
        return signature
    relative, deferred = output
    signature = digest(salt, relative, deferred.key)
    if previous.get(relative) != signature:
        write_file(staging, relative, deferred.make())  # type: ignore[arg-type]
    return signature


def _machine_files(
    config: SiteConfig, catalog: Catalog, specs: list[PageSpec], site_urls: SiteURLs, views: ViewMaker,
    now: datetime.datetime,
) -> dict[str, Deferred]:
    """Feeds, sitemaps and robots.txt: {output path: bytes to be made, and what they are made of}.

    Every key holds what its file is made of besides the settings (which the caller adds).
    """
    latest = views.deferred_list(catalog.articles[: config.feed_size])
    home = site_urls.absolute("/")
    files = {
        urls.ATOM_FEED: Deferred(("atom", latest.key), lambda: feeds.atom_feed(
            title=config.title, feed_url=site_urls.absolute(urls.ATOM_FEED), site_url=home,
            lang=config.language, author=config.publication, articles=latest.make(),
        )),
        urls.RSS_FEED: Deferred(("rss", latest.key), lambda: feeds.rss_feed(
            title=config.title, description=config.description, feed_url=site_urls.absolute(urls.RSS_FEED),
            site_url=home, lang=config.language, articles=latest.make(),
        )),
    }
    for entry in catalog.tags:
        route = urls.tag_feed_route(entry.tag.slug)
        articles = views.deferred_list(entry.articles[: config.feed_size])
        files[route] = Deferred((entry.tag, articles.key), lambda tag=entry.tag, route=route, articles=articles: (
            feeds.atom_feed(
                title=f"{tag.name} — {config.title}", feed_url=site_urls.absolute(route),
                site_url=site_urls.absolute(urls.tag_route(tag.slug)), lang=config.language,
                author=config.publication, articles=articles.make(),
                full_content=False,  # hundreds of tag feeds: summaries keep them small
            )
        ))
    made: dict[str, bytes] = {}
    lastmod = {urls.article_route(a.date, a.slug, a.route): (a.updated or a.published).isoformat()
               for a in catalog.articles}
    entries = [sitemap.SitemapEntry(site_urls.absolute(s.route), lastmod.get(s.route)) for s in specs if s.in_sitemap]
    made.update(sitemap.sitemap_files(entries, lambda n: f"/sitemaps/sitemap-{n}.xml", site_urls.absolute))
    recent = views.deferred_list(sitemap.recent_for_news([(a.published, a) for a in catalog.articles], now))
    files[urls.NEWS_SITEMAP] = Deferred(("news", recent.key), lambda: sitemap.news_sitemap(
        recent.make(), publication=config.publication, lang=config.language
    ))
    made[urls.ROBOTS] = sitemap.robots_txt(
        [site_urls.absolute(urls.SITEMAP), site_urls.absolute(urls.NEWS_SITEMAP)]
    )
    files.update({route: Deferred(bytes_digest(data), lambda data=data: data) for route, data in made.items()})
    return {SiteURLs.output_path(route).as_posix(): deferred for route, deferred in files.items()}


def _static_files(site_static: Path) -> dict[str, bytes]:
    """The theme's static files, then the site's own on top (same name wins): {output path: bytes}."""
    files: dict[str, bytes] = {}
    for folder in (BUILTIN_STATIC, site_static):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    files[f"static/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return files


def _bundle_files(catalog: Catalog, pages: dict[str, str]) -> dict[str, bytes]:
    """A page bundle's files in its article's folder: {output path: bytes}; a page of the same name wins."""
    files: dict[str, bytes] = {}
    for article in catalog.articles:
        if article.placement.bundle is not None:
            folder = SiteURLs.output_path(urls.article_route(article.date, article.slug, article.route)).parent
            for name, path in bundle_assets(article.placement.bundle):
                if (target := (folder / name).as_posix()) not in pages:
                    files[target] = path.read_bytes()
    return files


# search ---------------------------------------------------------------------------------
def _start_search(
    config: SiteConfig, catalog: Catalog, stamps: dict[str, str], options: BuildOptions,
) -> search.PendingIndex | None:
    """The Pagefind index under /pagefind/ (newsgen/search.py), started; a missing Pagefind stops the build.

    Its shards are remembered beside the output (like the cache), so a build re-indexes only the shards
    whose articles changed.
    """
    if not config.search:
        return None
    report = (lambda done, total: options.progress("search", done, total)) if options.progress else None
    output = config.output_dir.resolve()
    memo = output.parent / f".{output.name}.newsgen-search" if options.cache else None
    return search.start_search(catalog.articles, search.SearchSettings(config.language), options.jobs, report,
                               memo_dir=memo, stamps=stamps)
