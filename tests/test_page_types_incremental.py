"""Every page type, after every kind of change, is byte-identical to a clean build of the same sources.

One site that has every page newsgen makes (lists in several pages, every archive, author and
section pages, redirects, every feed and sitemap) goes through each kind of change a newsroom
makes, one after another; after each, its incrementally built output must equal a clean build
(no cache, fresh folder) byte for byte, the search index by what it answers. A page whose key left out something it is made of would keep its old
bytes here.
"""

from __future__ import annotations

import datetime
import functools
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from newsgen.build import memo as cache_module, rendering
from newsgen.build.builder import BuildOptions, build
from newsgen.render import sitemap
from newsgen.render.theme_files import BUILTIN_TEMPLATES
from newsgen.plan.keys import function_name, plan_problem, stand_in_for
from newsgen.plan.specs import PageGroup, Plans
from newsgen.plan.views import ViewMaker
from newsgen.site.catalog import Catalog, Period, build_catalog
from newsgen.site.config import load_config
from newsgen.urls import SiteURLs
from tests.search_answers import comparable
from tests.support import factories

NOW = datetime.datetime(2026, 2, 3, 12, tzinfo=datetime.UTC)  # the news sitemap holds the last two days
CONFIG = """\
title: {title}
per_page: 2
base_url: https://example.org/a/
sections:
  polityka: Політика
  ekonomika: Економіка
authors:
  olena-koval:
    name: Олена Коваль
    bio: Пише про політику.
"""


def _png(colour: tuple[int, int, int], size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def _story(title: str, date: str, body: str = "Текст.", **fields: str) -> str:
    extra = "".join(f"{name}: {value}\n" for name, value in fields.items())
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n"


SOURCES: dict[str, str | bytes] = {
    "newsgen.yaml": CONFIG.format(title="Архів"),
    "content/a.md": _story("Зимова", "2025-12-31", tags="[Київ, НАТО]", author="Олена Коваль", section="polityka"),
    "content/b.md": _story("Новорічна", "2026-01-01", tags="[Київ]", author="Петро Мельник", section="ekonomika"),
    "content/c.md": _story("Січнева", "2026-01-31", tags="[Львів, Путін]", aliases="[/old/c.html]"),
    "content/d.md": _story("Лютнева", "2026-02-01", "Текст.\n\n![Мапа](/static/map.png)", tags="[Володимир Путін]",
                           image="/static/lead.png", image_alt="Ранок", author="Олена Коваль"),
    "content/e.md": _story("Друга лютнева", "2026-02-02", tags="[Київ, економіка]", section="polityka"),
    "content/f.md": _story("Ще одна", "2026-02-02", tags="[НАТО]", author="Ірина Бойко"),
    "static/map.png": _png((90, 120, 160)),
    "static/lead.png": _png((160, 120, 90)),
}

# (what changed, how): applied in this order to one site, each after the one before.
Change = Callable[[Path], None]


def _write(relative: str, text: str) -> Change:
    def change(site: Path) -> None:
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(text, encoding="utf-8")
    return change


def _rename(old: str, new: str) -> Change:
    def change(site: Path) -> None:
        (site / old).rename(site / new)
    return change


def _delete(relative: str) -> Change:
    return lambda site: (site / relative).unlink()


def _card_with_word_count(site: Path) -> None:
    """The site's own list card: the theme's, with each article's word count."""
    card = (Path(BUILTIN_TEMPLATES) / "_card.html").read_text(encoding="utf-8")
    _write("templates/_card.html", card.replace("</article>", "<p>{{ item.word_count }}</p></article>"))(site)


CHANGES: list[tuple[str, Change]] = [
    ("title", _write("content/b.md", _story("Новорічна, оновлена", "2026-01-01", tags="[Київ]",
                                            author="Петро Мельник", section="ekonomika"))),
    ("body", _write("content/e.md", _story("Друга лютнева", "2026-02-02", "Новий текст.", tags="[Київ, економіка]",
                                           section="polityka"))),
    ("tags", _write("content/f.md", _story("Ще одна", "2026-02-02", tags="[НАТО, Львів]", author="Ірина Бойко"))),
    ("author", _write("content/a.md", _story("Зимова", "2025-12-31", tags="[Київ, НАТО]", author="Ірина Бойко",
                                             section="polityka"))),
    ("section", _write("content/e.md", _story("Друга лютнева", "2026-02-02", "Новий текст.",
                                              tags="[Київ, економіка]", section="ekonomika"))),
    ("date", _write("content/c.md", _story("Січнева", "2026-01-30", tags="[Львів, Путін]", aliases="[/old/c.html]"))),
    ("added", _write("content/g.md", _story("Нова", "2026-02-02", tags="[Київ]", author="Олена Коваль",
                                            section="polityka"))),
    ("deleted", _delete("content/f.md")),
    ("renamed file", _rename("content/b.md", "content/b-renamed.md")),
    ("picture", lambda site: (site / "static/lead.png").write_bytes(_png((10, 200, 10), (80, 60)))),
    ("author profile", _write("newsgen.yaml", CONFIG.format(title="Архів").replace("Пише про політику.",
                                                                                 "Пише про економіку."))),
    ("settings", _write("newsgen.yaml", CONFIG.format(title="Новини"))),
    ("card template", _card_with_word_count),
    ("template edited", _write("templates/base.html",
                               '{% extends "builtin/base.html" %}{% block head %}<!-- змінено -->{% endblock %}')),
]

# One output file of each page type the site above has, as the clean build first makes it.
EVERY_PAGE_TYPE = {
    "front": "index.html", "front, page 2": "page/2/index.html",
    "article": "2026/02/01/liutneva/index.html",
    "tag": "tags/kyiv/index.html", "tags index": "tags/index.html",
    "tag redirect": "tags/putin/index.html",
    "author": "authors/olena-koval/index.html", "authors index": "authors/index.html",
    "section": "polityka/index.html",
    "year": "2026/index.html", "month": "2026/02/index.html", "day": "2026/02/02/index.html",
    "archive": "archive/index.html", "search": "search/index.html", "404": "404.html",
    "redirect": "old/c.html",
    "atom feed": "feed.xml", "rss feed": "rss.xml", "json feed": "feed.json",
    "tag feed": "tags/kyiv/feed.xml", "author feed": "authors/olena-koval/feed.xml",
    "section feed": "polityka/feed.xml",
    "sitemap index": "sitemap.xml", "sitemap part": "sitemaps/sitemap-1.xml", "news sitemap": "news-sitemap.xml",
}


@pytest.fixture(autouse=True)
def _small_sitemaps(monkeypatch) -> None:
    """Sitemap parts (50,000 URLs each) at a size this site reaches; fresh files trusted (sizes change)."""
    monkeypatch.setattr(sitemap, "MAX_URLS", 10)
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)


def _tree(folder: Path) -> dict[str, object]:
    """The output as builds must agree on it: every file byte for byte, the search bundle by what it
    answers (an incremental build patches its edited shards: search_answers.py)."""
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    files.pop(".newsgen-output", None)
    return comparable(files)


def _clean_build(site: Path, folder: Path) -> dict[str, object]:
    """The same sources (the URL ledger included) built without a cache in a fresh folder."""
    shutil.copytree(site, folder, ignore=shutil.ignore_patterns("build", ".newsgen"))
    build(load_config(folder), BuildOptions(jobs=1, cache=False, now=NOW))
    return _tree(folder / "build")


def _differences(incremental: dict[str, object], clean: dict[str, object]) -> list[str]:
    return sorted(name for name in incremental.keys() | clean.keys() if incremental.get(name) != clean.get(name))


def test_every_page_type_equals_a_clean_build_after_every_kind_of_change(make_project, tmp_path) -> None:
    site = make_project(SOURCES)
    build(load_config(site), BuildOptions(jobs=1, now=NOW))
    first = _tree(site / "build")
    missing = {kind: path for kind, path in EVERY_PAGE_TYPE.items() if path not in first}
    assert not missing, f"the site lacks a page type this test is about: {missing}"
    for step, (change, apply) in enumerate(CHANGES):
        before = _tree(site / "build")
        apply(site)
        build(load_config(site), BuildOptions(jobs=1, now=NOW))
        incremental = _tree(site / "build")
        clean = _clean_build(site, tmp_path / f"clean-{step}")
        assert _differences(incremental, clean) == [], f"after the change of {change}"
        assert incremental != before, f"the change of {change} changed nothing: it tests nothing"


def _site_groups(site: Path, monkeypatch) -> list[PageGroup]:
    """The page groups a build of ``site`` plans, as the build hands them to the page memo."""
    seen: list[PageGroup] = []
    original = rendering.recall_pages

    def keeping(groups, *rest):  # noqa: ANN001, ANN002, ANN202
        seen.extend(groups)
        return original(groups, *rest)

    monkeypatch.setattr(rendering, "recall_pages", keeping)
    build(load_config(site), BuildOptions(jobs=1, now=NOW))
    return seen


def test_every_plan_function_is_given_all_it_reads(make_project, monkeypatch) -> None:
    """A group's key is its plan function and arguments (plan/keys.py): every plan function and every
    page's context function is a method of the settings-only ``Plans`` (or a module-level function), and
    every argument can stand in a key. Otherwise a key could miss what its pages are made of."""
    groups = _site_groups(make_project(SOURCES), monkeypatch)
    functions = set()
    for group in groups:
        assert plan_problem(group.plan, group.args, Plans) is None, plan_problem(group.plan, group.args, Plans)
        functions.add(function_name(group.plan))
        for spec in group.pages():
            made = spec.make_context
            assert plan_problem(made.func, made.args, Plans) is None, plan_problem(made.func, made.args, Plans)
    assert len(functions) >= 10, "the site above has pages of every plan function"
    settings = {getattr(group.plan, "__self__", None) for group in groups} - {None}
    assert len(settings) == 1
    assert not any(isinstance(value, Catalog) for value in vars(settings.pop()).values()), "the settings hold no catalog"


class _WithCatalog:
    """Not the settings: a plan function bound to it could read a catalog its key does not hold."""

    def __init__(self, catalog: object) -> None:
        self.catalog = catalog

    def pages(self) -> list:
        return []


def _module_plan(*args: object) -> list:
    return []


def test_the_guard_refuses_a_plan_function_that_could_read_beyond_its_arguments() -> None:
    settings = Plans.__new__(Plans)  # its methods' owner; nothing is planned here
    assert plan_problem(_module_plan, ("tag", 2, ("a", None), Period(2026, 1)), Plans) is None
    assert plan_problem(settings.page, ("/x/", "x.html"), Plans) is None
    refused = {
        "a lambda": (lambda: [], ()),
        "a nested function": (_nested(), ()),
        "a partial": (functools.partial(_module_plan, "held"), ()),
        "a method of an object that is not the settings": (_WithCatalog({}).pages, ()),
        "a list argument": (_module_plan, (["mutable"],)),
        "a dict inside a tuple": (_module_plan, (("kind", {"a": 1}),)),
        "an object": (_module_plan, (_WithCatalog(None),)),
    }
    for what, (function, args) in refused.items():
        assert plan_problem(function, args, Plans) is not None, what


def _nested() -> object:
    def plan() -> list:
        return []
    return plan


def test_an_argument_stands_in_a_key_as_its_parts_do_at_any_depth() -> None:
    """The stand-in's shortcuts (tuples of articles, of plain values, one level down) give what
    converting each part gives: an article its view's key, a period a plain tuple, the rest itself."""
    kyiv = factories.tag("Київ", "place")
    catalog = build_catalog([factories.article("a", "2026-01-01", kyiv), factories.article("b", "2026-01-02")],
                            lambda text: text)
    views = ViewMaker(catalog, SiteURLs("https://example.org/"), {a.id: f"stamp {a.id}" for a in catalog.articles})
    stand_in = stand_in_for(views)
    b, a = catalog.articles
    key = views.key
    assert stand_in((a, b)) == (key(a), key(b)) and stand_in(((a,), (), (b, a))) == ((key(a),), (), (key(b), key(a)))
    assert stand_in((a, None, (b,), "x")) == (key(a), None, (key(b),), "x")
    assert stand_in(((1, 2), (3, 4))) == ((1, 2), (3, 4)) and stand_in(((a,), ("x",))) == ((key(a),), ("x",))
    assert stand_in(("month", Period(2026, 1))) == ("month", (2026, 1, 0))
    assert stand_in((("feeds", (kyiv,)),)) == (("feeds", (kyiv,)),), "a record stands for itself"
    assert key(a) != key(b) and isinstance(key(a), str)
