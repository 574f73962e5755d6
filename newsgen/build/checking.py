"""`newsgen check`: every problem a build would report in the sources and templates; nothing rendered or written."""

from __future__ import annotations

import datetime
from pathlib import Path

import jinja2

from newsgen.build.collect import load_site
from newsgen.build.inputs import read_ledger
from newsgen.build.site_ledger import parsed_ledger
from newsgen.errors import ERROR, BuildError, Diagnostic, Diagnostics
from newsgen.render.theme import make_environment
from newsgen.render.theme_files import template_files
from newsgen.site.body_links import body_link_problems
from newsgen.site.config import LEDGER_NAME, SiteConfig, base_url_problem
from newsgen.site.languages import language_problems
from newsgen.site.schedule import Schedule, plan_schedule
from newsgen.urls import SiteURLs


def check_sources(config: SiteConfig, drafts: bool, now: datetime.datetime) -> tuple[list[Diagnostic], Schedule]:
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
    for problem in language_problems(config, site.articles):
        diagnostics.add(problem)
    for problem in body_link_problems(site.articles, config.base_url, config.static_dir, config.newsroom):
        diagnostics.add(problem)
    env = make_environment(config.templates_dir, SiteURLs(config.base_url), config.language,
                           site_labels=config.labels)
    for path in template_files(config.templates_dir):
        for problem in _template_problems(env, path):
            diagnostics.add(problem)
    return diagnostics.items, plan_schedule(site.articles, now)


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
