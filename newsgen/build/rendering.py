"""The recipe's render stage: the pages and machine files whose signature changed, made and staged.

Pages whose group the memo recalls and whose signature the output holds are neither
planned nor rendered (page_memo.py). The text of the articles a page shows is read
before its template runs (``with_bodies``); the cards of list pages are recalled.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from newsgen import urls
from newsgen.build.bodies import BodyReader
from newsgen.build.languages import environments
from newsgen.build.machine_files import edition_files
from newsgen.build.memo import Memo
from newsgen.build.options import BuildOptions, content_settings, spread, stage_progress, step_done
from newsgen.build.workers import parallel_map
from newsgen.build.output import write_file
from newsgen.build.page_memo import SitePages, recall_pages
from newsgen.build.planning import SitePlan
from newsgen.digests import digest
from newsgen.errors import BuildError, Diagnostic
from newsgen.plan.keys import stand_in_for
from newsgen.plan.languages import EditionKeys
from newsgen.plan.pages import PageSpec
from newsgen.plan.views import ArticleView, Deferred, ListedArticle
from newsgen.records import Body, UnreadText
from newsgen.render.page import render_page
from newsgen.render.theme import CompiledTemplates, fragment_cache, unpack_cards, view_key_of
from newsgen.render.theme_files import templates_digest
from newsgen.site.config import SiteConfig
from newsgen.urls import output_file

# What compiled templates depend on besides their sources (which Jinja checks): Jinja and newsgen.
COMPILED_TEMPLATES = digest("compiled templates", jinja2.__version__)

Output = PageSpec | tuple[str, Deferred]  # a page, or a machine file (output path, how it is made)


@dataclass(frozen=True, slots=True)
class Templates:
    """The Jinja environment of a build, and the signature salt of its settings and templates."""

    env: jinja2.Environment  # the site's first language's
    compiled: CompiledTemplates
    salt: str  # every page's and machine file's signature starts from it
    envs: dict[str, jinja2.Environment] = field(default_factory=dict)  # each page language's, the first's first


@dataclass(frozen=True, slots=True)
class Rendered:
    """What the render stage did, and what the memo learns from it."""

    manifest: dict[str, str]  # {output path: signature} of every page and machine file
    pages: SitePages
    cards_salt: str = ""  # the cards' salt, when there are cards to keep or forget
    cards_added: Iterable[tuple[str, bytes]] = ()
    cards_gone: list[str] = field(default_factory=list)
    templates: tuple[str, object] | None = None  # (version, compiled templates) when more were compiled


def prepare_templates(config: SiteConfig, memo: Memo | None, plan: SitePlan) -> Templates:
    """The site's templates over the built-in theme, compiled ones recalled from the memo: an environment
    for each language a page is written in (its labels, its edition's links; build/languages.py)."""
    compiled = CompiledTemplates(memo.compiled_templates(COMPILED_TEMPLATES) if memo else None)
    envs = environments(config, plan.editions, compiled)
    return Templates(envs[config.language], compiled, digest(content_settings(config),
                     templates_digest(config.templates_dir)), envs)


def render_site(
    config: SiteConfig, options: BuildOptions, memo: Memo | None, plan: SitePlan, templates: Templates,
    previous: dict[str, str], recalled: dict[str, tuple], staging: Path, now: datetime.datetime,
) -> Rendered:
    """Render into ``staging`` every page and machine file whose signature is not the one ``previous``
    (the output's manifest) holds; ``recalled``: the page groups of the build that wrote it."""
    salt, bodies = templates.salt, memo.bodies if memo else BodyReader(None)
    keys = plan.views if len(plan.editions) < 2 else EditionKeys(plan.editions)  # each article as its edition knows it
    site_pages = recall_pages(plan.groups, salt, recalled, previous, spread(options), stand_in_for(keys))  # type: ignore[arg-type]
    in_sitemap = [route for _, route, _, listed in site_pages.pages if listed]
    machine = edition_files(config, plan.editions, plan.catalog, in_sitemap, plan.versions, now, bodies)
    manifest = {path: signature for path, _, signature, _ in site_pages.pages}
    manifest.update({path: digest(salt, path, deferred.key) for path, deferred in machine.items()})
    changed = [*site_pages.changed,
               *((path, made) for path, made in machine.items() if previous.get(path) != manifest[path])]
    cards = fragment_cache(templates.env)
    if memo:
        cards.stored = memo.cards(salt, len(site_pages.changed) * config.per_page, len(plan.catalog.articles))
    new_cards = _render_outputs(changed, templates.envs, staging, bodies, options)
    step_done(options, "pages", len(site_pages.changed))
    current = plan.editions[0].views.current_keys() if cards.stored else set()  # an edit reads none: nothing to forget
    return Rendered(
        manifest, site_pages, cards_salt=salt if new_cards or cards.stored else "",
        cards_added=(card for packed in new_cards for card in unpack_cards(packed).items()),
        cards_gone=[key for key in cards.stored if view_key_of(key) not in current],  # articles changed or gone
        templates=(COMPILED_TEMPLATES, templates.compiled.known) if templates.compiled.added else None,
    )


def with_bodies(context: dict, bodies: BodyReader) -> dict:
    """A page's context with the text of each article view it holds by name read, before its template
    runs: an article page's own article and its neighbours, a front page's lead. The articles a page
    lists (its cards, related articles) show no text: theirs stays in the memo, unread."""
    for name, value in context.items():
        if isinstance(value, ArticleView):
            context[name] = _view_with_text(value, bodies)
    return context


def with_every_body(context: dict, bodies: BodyReader) -> dict:
    """A page's context with the text of every article view it holds read, listed ones too (a site's
    template that shows the text of the articles it lists, or of related ones)."""
    for name, value in context.items():
        if isinstance(value, ArticleView | ListedArticle):
            context[name] = _view_with_text(value, bodies)
        elif isinstance(value, tuple | list) and any(isinstance(item, ArticleView | ListedArticle) for item in value):
            context[name] = tuple(_view_with_text(item, bodies) if isinstance(item, ArticleView | ListedArticle)
                                  else item for item in value)
    return context


def _view_with_text(view: ArticleView | ListedArticle, bodies: BodyReader) -> ArticleView:
    made = view.made() if isinstance(view, ListedArticle) else view
    return made if isinstance(made.body, Body) else dataclasses.replace(made, body=bodies.body(made.body))


def _rendered_with_text(page: PageSpec, env: jinja2.Environment, bodies: BodyReader) -> bytes:
    """The page rendered with the text of the views it holds by name read; when its templates also show
    the text of the articles it lists (a site's own templates may), rendered again with every text read."""
    try:
        return render_page(page._replace(make_context=lambda: with_bodies(page.make_context(), bodies)), env)
    except UnreadText:
        pass
    try:
        return render_page(page._replace(make_context=lambda: with_every_body(page.make_context(), bodies)), env)
    except UnreadText as exc:  # held deeper than a page's values and their lists: say where
        problem = Diagnostic(Path(page.template), None, None, f"template error while rendering {page.route}: "
                             f"the text of the article {exc} is only available as a page value or in a list of them")
        raise BuildError(str(problem), (problem,)) from None


def _render_outputs(outputs: list[Output], envs: dict[str, jinja2.Environment], staging: Path, bodies: BodyReader,
                    options: BuildOptions) -> list[bytes]:
    """Make and write the pages and machine files that changed, in worker processes when there are many;
    the list cards made on the way are returned, packed (theme.unpack_cards), for the memo. ``envs``: the
    environment of each language a page is written in, the site's first language first."""
    made = parallel_map(_write_output, (envs, staging, bodies), outputs, options.jobs,
                        stage_progress(options, "render"))
    return [cards for cards in made if cards]


def _write_output(shared: tuple[dict[str, jinja2.Environment], Path, BodyReader], output: Output) -> bytes | None:
    """Runs in a worker: make the output's bytes and write them into the staging folder; return
    the list cards that making them added, if any (the first language's: the memo keeps those)."""
    envs, staging, bodies = shared
    first = next(iter(envs.values()))
    env = envs.get(output.lang, first) if isinstance(output, PageSpec) else first
    if isinstance(output, PageSpec):
        write_file(staging, output_file(output.route), _rendered_with_text(output, env, bodies))
    else:
        relative, deferred = output
        write_file(staging, relative, deferred.make())  # type: ignore[arg-type]
    added = fragment_cache(env).take_added()
    return added if env is first else None

