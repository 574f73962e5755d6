"""The recipe's steps for a site in several languages: each language's catalog, and a Jinja
environment for each language a page is written in (its labels, its edition's links)."""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from newsgen import urls
from newsgen.plan.languages import Edition, page_languages
from newsgen.plan.views import ViewMaker
from newsgen.records import Article
from newsgen.render.theme import make_environment
from newsgen.site.catalog import Catalog, Recall, Spread, build_catalog
from newsgen.site.config import SiteConfig
from newsgen.text.collation import collation_key


def language_catalog(config: SiteConfig, spread: Spread, articles: Sequence[Article], lang: str,
                     recall: Recall) -> Catalog:
    """One language's articles catalogued: its topics named and sorted in that language."""
    return build_catalog(articles, collation_key(lang), recall, spread, config.newsroom, language=lang)


def keyed(views: ViewMaker) -> ViewMaker:
    """``views`` with every article's key made, before processes fork to key the page groups."""
    views.key_every_article()
    return views


def environments(config: SiteConfig, editions: Sequence[Edition], compiled: jinja2.BytecodeCache
                 ) -> dict[str, jinja2.Environment]:
    """A Jinja environment for each language a page is written in, the site's first language first:
    an edition's language links within its edition; an article's language no edition has, within the first."""
    by_lang = {edition.lang: edition for edition in editions}
    envs = {}
    for lang in page_languages(editions):
        edition = by_lang.get(lang, editions[0])
        env = make_environment(config.templates_dir, edition.urls, lang, compiled, config.labels)
        env.globals["search_href"] = edition.urls.href(urls.SEARCH) if config.search else None
        envs[lang] = env
    return envs
