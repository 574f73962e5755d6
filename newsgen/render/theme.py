"""The Jinja environment: the site's own templates/ first, then the built-in theme.

``builtin/<name>`` always reaches the built-in template, so a site's override
can extend the template it replaces.
"""

from __future__ import annotations

import functools
import marshal
import zlib
from collections.abc import Mapping
from pathlib import Path

import jinja2
import jinja2.bccache
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from markupsafe import Markup

from newsgen import urls
from newsgen.plan.views import ListedArticle
from newsgen.render.theme_files import BUILTIN_TEMPLATES
from newsgen.text.dates import format_dateline
from newsgen.text.labels import SiteLabels, count_label, labels_for
from newsgen.urls import SiteURLs


def make_environment(templates_dir: Path | None, site_urls: SiteURLs, lang: str,
                     compiled: jinja2.BytecodeCache | None = None, site_labels: SiteLabels = ()) -> jinja2.Environment:
    """Strict (undefined names are errors) and autoescaping for HTML and XML; ``compiled`` keeps the
    templates' compiled code between builds; ``site_labels``: the site's own (labels/<lang>.yaml)."""
    builtin = jinja2.FileSystemLoader(BUILTIN_TEMPLATES)
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None and templates_dir.is_dir():
        loaders.append(jinja2.FileSystemLoader(templates_dir))
    loaders += [jinja2.PrefixLoader({"builtin": builtin}), builtin]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: no need to stat every template for every page
        bytecode_cache=compiled,
    )
    env.globals.update(
        url=site_urls.href,
        absolute_url=site_urls.absolute,
        routes=urls,
        labels=labels_for(lang, site_labels),
    )
    env.globals["card"] = FragmentCache(env, "_card.html", lang)
    env.filters["dateline"] = format_dateline
    env.filters["open_graph_locale"] = open_graph_locale
    env.filters["articles_count"] = lambda count: count_label(count, "articles", lang, site_labels)
    return env


@functools.lru_cache(maxsize=64)
def open_graph_locale(lang: str) -> str:
    """og:locale is language_TERRITORY: a bare language gets the territory CLDR finds likeliest for
    it ("uk" -> "uk_UA", "en" -> "en_US"), a tag with a region keeps its own ("en-GB" -> "en_GB")."""
    tag = lang.replace("-", "_")
    try:
        locale = Locale.parse(tag)
        if locale.territory is None:
            locale = Locale.parse(get_global("likely_subtags").get(locale.language, tag))
    except (UnknownLocaleError, ValueError, TypeError):
        return tag  # a language CLDR does not know: as written
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled by an earlier build, by name and file (Jinja checks each against its
    source's checksum before use). An edit renders a few pages; compiling their templates took half
    of that. What this process compiles anew is in ``added``: workers' additions stay theirs."""

    def __init__(self, known: dict[str, bytes] | None = None) -> None:
        self.known: dict[str, bytes] = dict(known or {})
        self.added: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.known.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.known[bucket.key] = self.added[bucket.key] = bucket.bytecode_to_string()


FRAGMENTS_KEPT = 20_000  # cards of about a fifth of a 100,000-article archive, ~20 MiB


class FragmentCache:
    """Renders a small per-article template once and reuses its HTML.

    An article's card appears on the front page, its tag pages, its date
    archives and as a related story: about ten times per build. The cards of list
    pages (views.ListedArticle, which carry their view's key) are also kept between
    builds: ``stored`` holds an earlier build's, by card key, and ``added`` the ones
    this process made that ``stored`` lacked, for the build cache. A card key stands
    for the view and the heading level; the settings and templates are the same
    for a whole cache of cards (build/memo.py keeps them apart).
    """

    def __init__(self, env: jinja2.Environment, template_name: str, lang: str) -> None:
        self._env, self._name, self._lang = env, template_name, lang
        self._html: dict[object, Markup] = {}
        self.stored: Mapping[str, bytes] = {}
        self.added: dict[str, bytes] = {}
        self._reported: set[str] = set()  # a card made again after ``_html`` was cleared is reported once

    def __call__(self, item: object, heading_level: int = 2) -> Markup:
        listed = type(item) is ListedArticle
        key = card_key(item.key, heading_level) if listed else (item.id, heading_level)  # type: ignore[attr-defined]
        html = self._html.get(key)
        if html is None:
            if len(self._html) >= FRAGMENTS_KEPT:  # bounded memory in a big archive: start afresh
                self._html.clear()
            stored = self.stored.get(key) if listed else None  # type: ignore[call-overload]
            if stored is not None:
                html = Markup(stored.decode("utf-8"))
            else:
                template = self._env.get_template(self._name)
                view = item.made() if listed else item  # type: ignore[attr-defined]
                html = Markup(template.render(item=view, heading_level=heading_level, page_lang=self._lang))
                if listed and key not in self._reported:
                    self._reported.add(key)  # type: ignore[arg-type]
                    self.added[key] = html.encode("utf-8")  # type: ignore[index]
            self._html[key] = html
        return html

    def take_added(self) -> bytes | None:
        """The cards made since the last call, packed for the trip to the build process (workers send
        them back page by page), or None. Packed, they take a third of the room: they wait there until
        every page is rendered, and a 100,000-article archive has 70 MB of cards."""
        if not self.added:
            return None
        added, self.added = self.added, {}
        return zlib.compress(marshal.dumps(added), 1)


def unpack_cards(packed: bytes) -> dict[str, bytes]:
    """``FragmentCache.take_added``'s cards, unpacked: {card key: UTF-8 HTML}."""
    return marshal.loads(zlib.decompress(packed))  # noqa: S302 - made by take_added in this build


def fragment_cache(env: jinja2.Environment) -> FragmentCache:
    """The environment's ``card`` (make_environment)."""
    return env.globals["card"]  # type: ignore[return-value]


def card_key(view_key: str, heading_level: int) -> str:
    return f"{heading_level} {view_key}"


def view_key_of(card: str) -> str:
    """The view key a card key stands for (``card_key``'s inverse)."""
    return card.partition(" ")[2]
