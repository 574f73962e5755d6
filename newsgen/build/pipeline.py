"""A build with something to do: load -> catalog -> plan -> render -> write, in this order.

builder.py decides whether anything changed; this module does the work, with
every heavy dependency (Markdown, Jinja, the morphology) imported only here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from newsgen import urls
from newsgen.build.builder import (
    BuildOptions, BuildReport, content_settings, protected_folders, read_ledger, refuse_if_strict, with_ledger,
)
from newsgen.build.collect import load_site
from newsgen.build.guards import refuse_empty_site, refuse_mass_removal
from newsgen.build.bodies import BodyReader
from newsgen.build.memo import BuildRecord, Memo
from newsgen.build.output import StagedOutput, read_article_count, read_build_id, replace_file, write_file
from newsgen.build.page_memo import recall_pages
from newsgen.build.pictures import survey_pictures
from newsgen.build.workers import parallel_map
from newsgen.digests import bytes_digest, digest
from newsgen.errors import ERROR, WARNING, BuildError, Diagnostic, Diagnostics
from newsgen.records import Body
from newsgen.plan.keys import stand_in_for
from newsgen.plan.pages import PageSpec, Paging, plan_groups
from newsgen.plan.views import ArticleView, Deferred, Link, SiteView, ViewMaker
from newsgen.render import feeds, sitemap
from newsgen.render.host_rules import host_files, redirect_pairs
from newsgen.render.page import render_page
from newsgen.render.theme import CompiledTemplates, fragment_cache, make_environment, unpack_cards, view_key_of
from newsgen.render.theme_files import BUILTIN_STATIC, site_static_files, template_files, templates_digest
from newsgen.site.body_links import body_link_problems
from newsgen.site.catalog import Catalog, build_catalog, compute_now
from newsgen.site.config import LEDGER_NAME, SiteConfig, base_url_problem
from newsgen.site.ledger import Entry, format_ledger, parse_ledger
from newsgen.site.newsroom import next_unpinning
from newsgen.site.placing import Ledger
from newsgen.site.schedule import Schedule, plan_schedule
from newsgen.sources import SourceFile
from newsgen.sources.discover import read_files
from newsgen.sources.foreign import bundle_assets
from newsgen.text.collation import collation_key
from newsgen.urls import SiteURLs, output_file

# What compiled templates depend on besides their sources (which Jinja checks): Jinja and newsgen.
COMPILED_TEMPLATES = digest("compiled templates", jinja2.__version__)

if TYPE_CHECKING:
    from newsgen.search.index import PendingIndex


def run(
    config: SiteConfig, options: BuildOptions, report: BuildReport, *, memo: Memo | None,
    sources: list[SourceFile], signatures: dict[str, str | None], fingerprint: str | None, now: datetime.datetime,
    ledger_text: str = "",
) -> None:
    """Load, catalog, plan, render and write the site; ``report`` gets the counts and diagnostics.

    The caller (builder.build) has paused the cyclic collector: what is loaded here lives to the end.
    """
    diagnostics = Diagnostics()
    ledger = parsed_ledger(config, ledger_text, now)
    loaded = load_site(
        config, drafts=options.drafts, diagnostics=diagnostics, jobs=options.jobs,
        progress=options.progress, memo=memo, remember=not options.strict, sources=sources,
        signatures=signatures, ledger=ledger,
    )
    if problem := base_url_problem(config, WARNING):  # once a build, stored with the others for a no-change one
        diagnostics.add(problem)
    report.diagnostics = diagnostics.items
    refuse_if_strict(options, diagnostics.items)
    refuse_empty_site(len(sources), loaded.drafts, len(loaded.articles), diagnostics.items)
    _step(options, "loaded", len(loaded.articles))
    schedule = plan_schedule(loaded.articles, now, future=options.future)  # after placing: no URL moves
    stamps = schedule.marked_stamps(loaded.stamps)
    recall = memo.recall if memo and not options.strict else compute_now  # --strict: nothing written first
    spread = functools.partial(parallel_map, jobs=options.jobs)
    catalog = build_catalog(schedule.published, collation_key(config.language), recall, spread, config.newsroom,
                            language=config.language)
    _step(options, "catalog", len(catalog.articles))
    output = config.output_dir.resolve()
    refuse_mass_removal(output, read_article_count(output), len(catalog.articles), options.allow_removals,
                        diagnostics.items, expired=len(schedule.expired))
    site_urls = SiteURLs(config.base_url)
    site = SiteView(
        title=config.title, description=config.description, lang=config.language,
        publisher=config.publication or config.title, home_href=site_urls.href("/"), base_url=config.base_url,
        sections=tuple(Link(s.name, site_urls.href(urls.section_route(s.slug))) for s in config.sections),
    )
    pictures, picture_files, picture_problems = survey_pictures(
        catalog.articles, config.static_dir, memo.pictures if memo and not options.strict else None, spread)
    for problem in picture_problems:
        diagnostics.add(problem)
    refuse_if_strict(options, diagnostics.items)
    views = ViewMaker(catalog, site_urls, stamps, pictures, scheduled=schedule.shown_early_at)
    views.key_every_article()  # before processes fork to key the page groups
    groups = plan_groups(catalog, site, site_urls, Paging(config.per_page), views, with_search=config.search,
                         now=now)
    _step(options, "plan", len(groups))
    compiled = CompiledTemplates(memo.compiled_templates(COMPILED_TEMPLATES) if memo else None)
    env = make_environment(config.templates_dir, site_urls, config.language, compiled)
    env.globals["search_href"] = site_urls.href(urls.SEARCH) if config.search else None
    salt = digest(content_settings(config), templates_digest(config.templates_dir))
    bodies = memo.bodies if memo else BodyReader(None)
    search_index = _start_search(config, catalog, stamps, options, memo.search_folder if memo else None, bodies)
    with (_abandoned_on_failure(search_index),
          StagedOutput.open(config.output_dir, protected_folders(config)) as staged):
        previous, recalled = memo.previous_output(read_build_id(staged.output)) if memo else ({}, {})
        site_pages = recall_pages(groups, salt, recalled, previous, spread, stand_in_for(views))
        in_sitemap = [route for _, route, _, listed in site_pages.pages if listed]
        machine = _machine_files(config, catalog, in_sitemap, site_urls, views, now, bodies)
        manifest = {path: signature for path, _, signature, _ in site_pages.pages}
        manifest.update({path: digest(salt, path, deferred.key) for path, deferred in machine.items()})
        changed = [*site_pages.changed,
                   *((path, made) for path, made in machine.items() if previous.get(path) != manifest[path])]
        cards = fragment_cache(env)
        if memo:
            cards.stored = memo.cards(salt, len(site_pages.changed) * config.per_page, len(catalog.articles))
        new_cards = _render_outputs(changed, env, staged.staging, bodies, options)
        _step(options, "pages", len(site_pages.changed))
        files = {**_bundle_files(catalog, manifest),  # page bundles: images beside their article
                 **host_files(config.redirects, redirect_pairs(catalog.articles, site_urls)),
                 **_static_files(config, diagnostics), **(search_index.files() if search_index else {})}
        files.update({path: data for path, data in picture_files.items() if path not in files and path not in manifest})
        for relative, data in files.items():
            manifest[relative] = signature = bytes_digest(data)
            if previous.get(relative) != signature:
                write_file(staged.staging, relative, data)
        _step(options, "files", len(manifest))
        build_id = digest(sorted(manifest.items()))
        if previous:
            staged.commit_changes(set(previous) - set(manifest), build_id, len(catalog.articles))
        else:
            staged.commit_swap(build_id, len(catalog.articles))
    if options.record_urls and loaded.urls is not None:  # only once the site it records is published
        ledger_text = _record_urls(ledger, loaded.urls)
    page_count = sum(len(pages) for _, pages in site_pages.groups)
    release = schedule.next_release
    counts = {"articles": len(catalog.articles), "pages": page_count, "tags": len(catalog.tags),
              "scheduled": len(schedule.scheduled), "expired": len(schedule.expired),
              "next_release": release.isoformat() if release else None}
    if memo:
        current = views.current_keys() if cards.stored else set()  # an edit reads none: nothing to forget
        memo.remember_build(BuildRecord(
            build_id, manifest, previous, {str(source.path) for source in sources}, site_pages.planned,
            {key for key, _ in site_pages.groups}, counts, diagnostics.items,
            with_ledger(fingerprint, ledger_text) or "", now,
            min(m for m in (_next_news_change(catalog, now), schedule.next_change) if m is not None),
            cards_salt=salt if new_cards or cards.stored else "",
            cards_added=(card for packed in new_cards for card in unpack_cards(packed).items()),
            cards_gone=[key for key in cards.stored if view_key_of(key) not in current],  # changed or gone
            templates=(COMPILED_TEMPLATES, compiled.known) if compiled.added else None,
        ))
    report.articles, report.pages, report.tags = len(catalog.articles), page_count, len(catalog.tags)
    report.scheduled, report.expired, report.next_release = (len(schedule.scheduled), len(schedule.expired),
                                                              schedule.next_release)
    report.files = len(manifest)
    report.rendered = len(site_pages.changed)


def check(config: SiteConfig, drafts: bool, now: datetime.datetime) -> tuple[list[Diagnostic], Schedule]:
    """Every problem a build would report in the sources and templates, and the articles' schedule at
    ``now``; nothing is rendered or written."""
    diagnostics = Diagnostics()
    try:
        ledger = parsed_ledger(config, read_ledger(config.site_dir), now)
    except BuildError as exc:  # named, and the rest checked as without a ledger
        ledger = None
        for problem in exc.diagnostics or (Diagnostic(config.site_dir / LEDGER_NAME, None, None, str(exc)),):
            diagnostics.add(problem)
    site = load_site(config, drafts=drafts, diagnostics=diagnostics, ledger=ledger)
    if problem := base_url_problem(config, ERROR):  # a site to publish needs one: CI's check fails without
        diagnostics.add(problem)
    for problem in body_link_problems(site.articles, config.base_url, config.static_dir, config.newsroom):
        diagnostics.add(problem)
    env = make_environment(config.templates_dir, SiteURLs(config.base_url), config.language)
    for path in template_files(config.templates_dir):
        for problem in _template_problems(env, path):
            diagnostics.add(problem)
    return diagnostics.items, plan_schedule(site.articles, now)


def parsed_ledger(config: SiteConfig, text: str, now: datetime.datetime | None) -> Ledger:
    """The site's URL ledger; a line newsgen cannot read stops the build (URLs would move)."""
    path = config.site_dir / LEDGER_NAME
    entries, problems = parse_ledger(text, path)
    if problems:
        raise BuildError(f"{path}: {len(problems)} line(s) cannot be read; nothing was written", tuple(problems))
    return Ledger(path, config.site_dir, text, tuple(entries), now)


def _record_urls(ledger: Ledger, entries: list[Entry]) -> str:
    """Write the URL ledger if it changed; its text now."""
    text = format_ledger(entries)
    if text != ledger.text:
        try:
            replace_file(ledger.path, text.encode("utf-8"))
        except OSError as exc:
            raise BuildError(f"the site was published, but {ledger.path} could not be written ({exc.strerror}); "
                             "the next build records its URLs") from None
    return text


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


def _step(options: BuildOptions, stage: str, count: int) -> None:
    """A stage without a progress bar of its own has finished (shown with --verbose)."""
    if options.progress:
        options.progress(stage, count, count)


def _stage_progress(options: BuildOptions, stage: str) -> Callable[[int, int], None] | None:
    """``options.progress`` for one stage with a progress bar of its own: (done, total)."""
    progress = options.progress
    return (lambda done, total: progress(stage, done, total)) if progress else None


def _next_news_change(catalog: Catalog, now: datetime.datetime) -> datetime.datetime:
    """When the news sitemap's two-day window next gains or loses an article, or a pinned story leaves its
    lead slot (the clock's inputs)."""
    unpinned = next_unpinning(catalog.articles, now)
    moments = [unpinned] if unpinned else []
    for article in catalog.articles:  # newest first: older articles have left the window for good
        if article.published <= sitemap.news_window_start(now):
            break
        if article.published > now:
            moments.append(article.published)
        elif article.published < _LAST_MOMENT - sitemap.NEWS_WINDOW:  # else it never leaves the window
            moments.append(article.published + sitemap.NEWS_WINDOW)
    return min(moments, default=_LAST_MOMENT)


_LAST_MOMENT = datetime.datetime.max.replace(tzinfo=datetime.UTC)


Output = PageSpec | tuple[str, Deferred]  # a page, or a machine file (output path, how it is made)


def _render_outputs(outputs: list[Output], env: jinja2.Environment, staging: Path, bodies: BodyReader,
                    options: BuildOptions) -> list[bytes]:
    """Make and write the pages and machine files that changed, in worker processes when there are many;
    the list cards made on the way are returned, packed (theme.unpack_cards), for the build cache."""
    made = parallel_map(_write_output, (env, staging, bodies), outputs, options.jobs,
                        _stage_progress(options, "render"))
    return [cards for cards in made if cards]


def _write_output(shared: tuple[jinja2.Environment, Path, BodyReader], output: Output) -> bytes | None:
    """Runs in a worker: make the output's bytes and write them into the staging folder; return
    the list cards that making them added, if any."""
    env, staging, bodies = shared
    if isinstance(output, PageSpec):
        page = output._replace(make_context=lambda: with_bodies(output.make_context(), bodies))
        write_file(staging, output_file(output.route), render_page(page, env))
    else:
        relative, deferred = output
        write_file(staging, relative, deferred.make())  # type: ignore[arg-type]
    return fragment_cache(env).take_added()


def read_views(views: tuple[ArticleView, ...], bodies: BodyReader) -> tuple[ArticleView, ...]:
    """The article views, each holding its text: read before a template or feed shows it."""
    return tuple(view if isinstance(view.body, Body) else dataclasses.replace(view, body=bodies.body(view.body))
                 for view in views)


def with_bodies(context: dict, bodies: BodyReader) -> dict:
    """A page's context with the text of the article views in it read, before its template runs: an
    article page's own, its neighbours', a front page's lead. The cards of a list (ListedArticle)
    show no text and keep theirs in the memo."""
    for name, value in context.items():
        if isinstance(value, ArticleView):
            context[name] = read_views((value,), bodies)[0]
        elif isinstance(value, tuple) and value and isinstance(value[0], ArticleView):
            context[name] = read_views(value, bodies)
    return context


def _machine_files(
    config: SiteConfig, catalog: Catalog, in_sitemap: list[str], site_urls: SiteURLs, views: ViewMaker,
    now: datetime.datetime, bodies: BodyReader,
) -> dict[str, Deferred]:
    """Feeds, sitemaps and robots.txt: {output path: bytes to be made, and what they are made of}.

    Every key holds what its file is made of besides the settings (which the caller adds).
    """
    latest = views.deferred_list(catalog.articles[: config.feed_size])
    home = site_urls.absolute("/")
    files = {
        urls.ATOM_FEED: Deferred(("atom", latest.key), lambda: feeds.atom_feed(
            title=config.title, feed_url=site_urls.absolute(urls.ATOM_FEED), site_url=home,
            lang=config.language, author=config.publication, articles=read_views(latest.make(), bodies),
        )),
        urls.RSS_FEED: Deferred(("rss", latest.key), lambda: feeds.rss_feed(
            title=config.title, description=config.description, feed_url=site_urls.absolute(urls.RSS_FEED),
            site_url=home, lang=config.language, articles=read_views(latest.make(), bodies),
        )),
        urls.JSON_FEED: Deferred(("json", latest.key), lambda: feeds.json_feed(
            title=config.title, description=config.description, feed_url=site_urls.absolute(urls.JSON_FEED),
            site_url=home, lang=config.language, author=config.publication,
            articles=read_views(latest.make(), bodies),
        )),
    }
    lists = [(urls.tag_feed_route(e.tag.slug), e.tag.name, urls.tag_route(e.tag.slug), e.articles) for e in catalog.tags]
    lists += [(urls.author_feed_route(e.author.slug), e.author.name, urls.author_route(e.author.slug), e.articles)
              for e in catalog.authors]
    lists += [(urls.section_feed_route(e.section.slug), e.section.name, urls.section_route(e.section.slug),
               e.articles) for e in catalog.sections]
    for route, name, page, members in lists:
        articles = views.deferred_list(members[: config.feed_size])
        files[route] = Deferred((name, page, articles.key), lambda name=name, page=page, route=route, articles=articles: (
            feeds.atom_feed(
                title=f"{name} — {config.title}", feed_url=site_urls.absolute(route),
                site_url=site_urls.absolute(page), lang=config.language,
                author=config.publication, articles=articles.make(),
                full_content=False,  # hundreds of tag feeds: summaries keep them small
            )
        ))
    files.update(_sitemap_files(catalog, in_sitemap, site_urls))
    made: dict[str, bytes] = {}
    recent = views.deferred_list(sitemap.recent_for_news([(a.published, a) for a in catalog.articles], now))
    files[urls.NEWS_SITEMAP] = Deferred(("news", recent.key), lambda: sitemap.news_sitemap(
        recent.make(), publication=config.publication, lang=config.language
    ))
    made[urls.ROBOTS] = sitemap.robots_txt(
        [site_urls.absolute(urls.SITEMAP), site_urls.absolute(urls.NEWS_SITEMAP)]
    )
    files.update({route: Deferred(bytes_digest(data), lambda data=data: data) for route, data in made.items()})
    return {SiteURLs.output_path(route).as_posix(): deferred for route, deferred in files.items()}


def _sitemap_files(catalog: Catalog, in_sitemap: list[str], site_urls: SiteURLs) -> dict[str, Deferred]:
    """sitemap.xml, or its parts and their index: each made only when its routes or their dates changed."""
    lastmod = {urls.article_route(a.date, a.slug, a.route): (a.updated or a.published).isoformat()
               for a in catalog.articles}
    pages = [(route, lastmod.get(route)) for route in in_sitemap]
    layout = sitemap.sitemap_layout(len(pages), lambda number: f"/sitemaps/sitemap-{number}.xml")
    files = {}
    for route, which in layout:
        chosen = tuple(pages[which])
        files[route] = Deferred(("sitemap", chosen), lambda chosen=chosen: sitemap.urlset(
            [sitemap.SitemapEntry(site_urls.absolute(page), modified) for page, modified in chosen]
        ))
    if len(layout) > 1:
        part_urls = [site_urls.absolute(route) for route, _ in layout]
        files[urls.SITEMAP] = Deferred(("sitemap index", tuple(part_urls)), lambda: sitemap.sitemap_index(part_urls))
    return files


def _static_files(config: SiteConfig, diagnostics: Diagnostics) -> dict[str, bytes]:
    """The theme's static files, then the site's own on top (same name wins): {output path: bytes}.

    A link in the site's static/ that leads outside the site is left out, with a warning.
    """
    files = {f"static/{path.relative_to(BUILTIN_STATIC).as_posix()}": path
             for path in sorted(BUILTIN_STATIC.rglob("*")) if path.is_file()}
    site_files, skipped = site_static_files(config.static_dir, config.site_dir)
    for link in skipped:
        diagnostics.warning(link, None, f"left out: a link to {os.path.realpath(link)}, outside the site",
                            hint="copy the file into the site if it is meant to be published")
    files.update({f"static/{relative}": path for relative, path in site_files.items()})
    return read_files(files)


def _bundle_files(catalog: Catalog, pages: dict[str, str]) -> dict[str, bytes]:
    """A page bundle's files in its article's folder: {output path: bytes}; a page of the same name wins."""
    files: dict[str, Path] = {}
    for article in catalog.articles:
        if article.placement.bundle is not None:
            folder = SiteURLs.output_path(urls.article_route(article.date, article.slug, article.route)).parent
            for name, path in bundle_assets(article.placement.bundle):
                if (target := (folder / name).as_posix()) not in pages:
                    files[target] = path
    return read_files(files)


# search ---------------------------------------------------------------------------------
@contextlib.contextmanager
def _abandoned_on_failure(search_index: PendingIndex | None) -> Iterator[None]:
    """A build that fails leaves its search index unfinished, not running on behind it."""
    try:
        yield
    except BaseException:
        if search_index is not None:
            search_index.abandon()
        raise


def _start_search(
    config: SiteConfig, catalog: Catalog, stamps: dict[str, str], options: BuildOptions, memo: Path | None,
    bodies: BodyReader,
) -> PendingIndex | None:
    """The Pagefind index under /pagefind/ (newsgen/search.py), started; a missing Pagefind stops the build.

    Its shards are remembered in ``memo`` (the output's cache folder), so a build re-indexes only the
    shards whose articles changed.
    """
    if not config.search:
        return None
    from newsgen.search import index as search  # noqa: PLC0415 - Pagefind's side of the build: not loaded when search is off

    spread = functools.partial(parallel_map, jobs=options.jobs, progress=_stage_progress(options, "search"))
    return search.start_search(catalog.articles, search.SearchSettings(config.language), options.jobs,
                               spread=spread, memo_dir=memo, stamps=stamps, read_bodies=bodies.articles)
