"""Incremental builds are byte-identical to clean builds, whatever happened in between.

A hypothesis state machine edits, adds and deletes articles, changes a template
and the configuration; after every step the incrementally built site (with its
cache) must equal a clean build of the same sources (no cache, fresh folder).
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
import threading
from pathlib import Path
from xml.etree import ElementTree

import jinja2
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from newsgen import digests
from newsgen.build import bodies, collect, memo as cache_module
from newsgen.build.builder import BuildOptions, build
from newsgen.build.cache_folder import output_folder
from newsgen.render import sitemap
from newsgen.site.config import load_config
from tests.search_answers import comparable

WORDS = ["НАТО", "Київ", "Львів", "Рютте", "Макрон", "Москва", "Україна", "економіка", "війна", "культура"]
# Days on both sides of a month's and a year's end: neighbours, archives and page groups cross them.
SPRING = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)  # a build clock after the March articles below
DAYS = ["2025-12-31", "2026-01-01", "2026-01-31", "2026-02-01", "2026-02-02"]
AUTHORS = st.lists(st.sampled_from(["Олена Коваль", "Петро Мельник", "Ірина Бойко"]), max_size=2, unique=True)
SECTIONS = st.sampled_from(["", "polityka", "Економіка", "kultura"])
TAGS = st.lists(st.sampled_from(["Київ", "Львів", "економіка", "НАТО", "культура"]), max_size=3, unique=True)


def cache_file(site: Path, output: str = "build") -> Path:
    """The build cache of the site's output ``output``, in the site's cache folder."""
    return cache_module.cache_path_for(output_folder(site / ".newsgen", site / output))


def tree(folder: Path) -> dict[str, object]:
    """The built site, as builds must agree on it (the search index by what it answers: search_answers.py)."""
    return comparable({p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()})


class IncrementalBuilds(RuleBasedStateMachine):
    articles = Bundle("articles")

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="newsgen-incremental-"))
        self.site = self.root / "site"
        (self.site / "content").mkdir(parents=True)
        (self.site / "seeds").mkdir()
        self.per_page = 2
        self.counter = 0
        self._write_config()

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _write_config(self, title: str = "Архів") -> None:
        (self.site / "newsgen.yaml").write_text(
            f"title: {title}\nper_page: {self.per_page}\nbase_url: https://example.org/a/\n"
            "sections:\n  polityka: Політика\n  ekonomika: Економіка\n"
            "authors:\n  olena-koval:\n    name: Олена Коваль\n    bio: Пише про політику.\n", encoding="utf-8"
        )

    @rule(target=articles, day=st.sampled_from(DAYS), words=st.lists(st.sampled_from(WORDS), min_size=3, max_size=8),
          tags=TAGS, as_seed=st.booleans())
    def add_article(self, day: str, words: list[str], tags: list[str], as_seed: bool) -> Path:
        self.counter += 1
        text = " ".join(words) + f" {self.counter}."
        if as_seed:
            path = self.site / "seeds" / f"{self.counter:04d}.txt"
            path.write_text(f"date {day} {text}\n\nДругий абзац про {words[0]}.", encoding="utf-8")
        else:
            path = self.site / "content" / f"{self.counter:04d}.md"
            tag_line = f"tags: [{', '.join(tags)}]\n" if tags else ""
            path.write_text(f"---\ntitle: Стаття {self.counter}\ndate: {day}\n{tag_line}---\n{text}\n",
                            encoding="utf-8")
        return path

    @rule(path=articles, authors=AUTHORS, section=SECTIONS, featured=st.booleans())
    def change_desk(self, path: Path, authors: list[str], section: str, featured: bool) -> None:
        """Another byline, section or lead slot: the old and the new author's and section's pages change."""
        if path.exists() and path.suffix == ".md":
            head, body = path.read_text(encoding="utf-8").split("---\n")[1:3]
            head = "".join(line + "\n" for line in head.splitlines()
                           if not line.startswith(("authors:", "section:", "featured:")))
            head += f"authors: [{', '.join(authors)}]\n" + (f"section: {section}\n" if section else "")
            head += "featured: true\n" if featured else ""
            path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")

    @rule(path=articles, extra=st.sampled_from(WORDS))
    def edit_article(self, path: Path, extra: str) -> None:
        if path.exists():  # every edit makes the file longer, so its signature changes
            path.write_text(path.read_text(encoding="utf-8") + f"\n\nДоповнення: {extra}.", encoding="utf-8")

    @rule(path=articles, word=st.sampled_from(WORDS))
    def retitle_article(self, path: Path, word: str) -> None:
        """A new title (Markdown) or first sentence (a seed's title): the article's card changes on every list."""
        if path.exists():
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".md":
                title = text.split("title: ", 1)[1].split("\n", 1)[0]
                text = text.replace(f"title: {title}", f"title: {word} — {title}", 1)
            else:
                date_line, rest = text.split(" ", 2)[:2], text.split(" ", 2)[2]
                text = " ".join(date_line) + f" {word} {rest}"
            path.write_text(text, encoding="utf-8")

    @rule(path=articles)
    def touch_article(self, path: Path) -> None:
        """Same bytes, new times (a checkout, a copy): the cache keeps the derivation and its stored body."""
        if path.exists():
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    @rule(path=consumes(articles))
    def delete_article(self, path: Path) -> None:
        path.unlink(missing_ok=True)

    @rule(variant=st.sampled_from(["", "<!-- a -->", "<!-- b -->"]))
    def change_template(self, variant: str) -> None:
        templates = self.site / "templates"
        if not variant:
            shutil.rmtree(templates, ignore_errors=True)
            return
        templates.mkdir(exist_ok=True)
        (templates / "base.html").write_text(
            '{% extends "builtin/base.html" %}{% block head %}' + variant + "{% endblock %}", encoding="utf-8"
        )

    @rule(per_page=st.integers(1, 3), title=st.sampled_from(["Архів", "Новини"]))
    def change_config(self, per_page: int, title: str) -> None:
        self.per_page = per_page
        self._write_config(title)

    @invariant()
    def incremental_equals_clean(self) -> None:
        incremental = load_config(self.site, {"output_dir": str(self.root / "incremental")})
        clean_dir = self.root / "clean"
        shutil.rmtree(clean_dir, ignore_errors=True)
        clean = load_config(self.site, {"output_dir": str(clean_dir)})
        build(incremental, BuildOptions(jobs=1))
        build(clean, BuildOptions(jobs=1, cache=False))
        assert tree(self.root / "incremental") == tree(clean_dir)


@pytest.fixture(autouse=True)
def trust_fresh_files(monkeypatch) -> None:
    """Every edit here changes a file's size, so fresh signatures are safe to trust."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770854400")


IncrementalBuilds.TestCase.settings = settings(
    max_examples=10, stateful_step_count=6, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
test_incremental_builds_equal_clean_builds = IncrementalBuilds.TestCase


def test_a_deleted_article_leaves_every_page(make_project) -> None:
    site = make_project({
        "newsgen.yaml": "base_url: https://example.org/\n",
        "content/keep.md": "---\ntitle: Лишається\ndate: 2026-02-01\ntags: [Київ]\n---\nТекст.\n",
        "content/gone.md": "---\ntitle: Зникне\ndate: 2026-02-02\ntags: [Київ]\nslug: gone\n---\nТекст.\n",
    })
    build(load_config(site), BuildOptions(jobs=1))
    (site / "content/gone.md").unlink()
    build(load_config(site), BuildOptions(jobs=1))
    output = site / "build"
    assert not (output / "2026/02/02").exists()
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt"):
            assert "Зникне" not in path.read_text(encoding="utf-8") and "/gone/" not in path.read_text(encoding="utf-8"), path


def test_only_pages_whose_inputs_changed_are_rewritten(make_project, monkeypatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    site = make_project({"content/a.md": "---\ntitle: Одна\ndate: 2026-02-01\n---\nТекст.\n",
                         "content/b.md": "---\ntitle: Друга\ndate: 2026-02-02\n---\nТекст.\n",
                         "content/c.md": "---\ntitle: Третя\ndate: 2026-02-03\n---\nТекст.\n"})
    first = build(load_config(site), BuildOptions(jobs=1))
    oldest = site / "build/2026/02/01/odna/index.html"
    before = oldest.stat().st_mtime_ns
    (site / "content/c.md").write_text("---\ntitle: Третя\ndate: 2026-02-03\n---\nІнший текст.\n", encoding="utf-8")
    second = build(load_config(site), BuildOptions(jobs=1))
    assert first.rendered == first.pages and 0 < second.rendered < second.pages
    assert oldest.stat().st_mtime_ns == before, "a page whose inputs did not change is not rewritten"
    assert "Інший текст" in (site / "build/2026/02/03/tretia/index.html").read_text(encoding="utf-8")


def test_a_touched_file_keeps_its_text_through_a_full_rerender(make_project, monkeypatch) -> None:
    """The body of a touched file stays in the cache under the file's new key, and every page can still read it."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    site = make_project({"content/a.md": "---\ntitle: Одна\ndate: 2026-02-01\n---\nТекст, що лишається.\n"})
    build(load_config(site), BuildOptions(jobs=1))
    source = site / "content/a.md"
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 5_000_000_000))
    build(load_config(site), BuildOptions(jobs=1))
    (site / "templates").mkdir()
    (site / "templates/base.html").write_text(
        '{% extends "builtin/base.html" %}{% block head %}<!-- new -->{% endblock %}', encoding="utf-8")
    bodies._file_bodies.cache_clear()  # as a new process would: bodies read in earlier builds are not at hand
    report = build(load_config(site), BuildOptions(jobs=1))
    assert report.rendered == report.pages
    assert "Текст, що лишається." in (site / "build/2026/02/01/odna/index.html").read_text(encoding="utf-8")


def test_a_cache_deleted_between_builds_of_one_process_is_rebuilt(make_project, monkeypatch) -> None:
    """The dev server builds many times in one process: bodies are read from the cache file as it is now."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    site = make_project({"content/a.md": "---\ntitle: Одна\ndate: 2026-02-01\n---\nПерший текст.\n",
                         "content/b.md": "---\ntitle: Друга\ndate: 2026-02-02\n---\nДругий текст.\n"})
    build(load_config(site), BuildOptions(jobs=1))
    cache_file(site).unlink()
    (site / "content/b.md").write_text("---\ntitle: Друга\ndate: 2026-02-02\n---\nНовий текст.\n", encoding="utf-8")
    bodies._file_bodies.cache_clear()  # what this process read before is not at hand
    build(load_config(site), BuildOptions(jobs=1, cache=True))
    assert "Перший текст." in (site / "build/2026/02/01/odna/index.html").read_text(encoding="utf-8")
    assert "Новий текст." in (site / "build/2026/02/02/druha/index.html").read_text(encoding="utf-8")


def test_the_manifest_names_exactly_the_files_of_the_output(make_project, monkeypatch) -> None:
    """Written as changes from the last build, the manifest still lists every output file and nothing else."""
    from newsgen.build.output import read_build_id

    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    site = make_project({"newsgen.yaml": "per_page: 1\n",
                         "content/a.md": "---\ntitle: Одна\ndate: 2026-02-01\ntags: [Київ]\n---\nТекст.\n",
                         "content/b.md": "---\ntitle: Друга\ndate: 2026-02-02\ntags: [Львів]\n---\nТекст.\n"})
    output = site / "build"

    def listed() -> set[str]:
        cache = cache_module.BuildCache(cache_file(site))
        try:
            return set(cache.manifest(read_build_id(output)))
        finally:
            cache.close()

    def on_disk() -> set[str]:
        return {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()} - {".newsgen-output"}

    build(load_config(site), BuildOptions(jobs=1))
    assert listed() == on_disk()
    (site / "content/b.md").unlink()
    (site / "content/c.md").write_text("---\ntitle: Третя\ndate: 2026-02-03\ntags: [Одеса]\n---\nТекст.\n",
                                       encoding="utf-8")
    build(load_config(site), BuildOptions(jobs=1))
    assert listed() == on_disk() and any("odesa" in path for path in listed())
    assert not any("lviv" in path for path in listed())


def test_redirect_pages_follow_edits_like_a_clean_build(make_project, monkeypatch, tmp_path) -> None:
    """Old URLs (``aliases``) get redirect pages that carry the title: edits keep them equal to a clean build."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    files = {
        "content/a.md": "---\ntitle: Стара адреса\ndate: 2026-02-01\naliases: [/old/a.html]\n---\nТекст.\n",
        "content/b.md": "---\ntitle: Друга\ndate: 2026-02-02\n---\nТекст.\n",
    }
    site = make_project(files)
    build(load_config(site), BuildOptions(jobs=1))
    for number, aliases in enumerate(("/old/a.html", "/old/a.html, /older/")):  # a new title, then an old URL more
        (site / "content/a.md").write_text(
            f"---\ntitle: Нова назва\ndate: 2026-02-01\naliases: [{aliases}]\n---\nТекст.\n", encoding="utf-8")
        build(load_config(site), BuildOptions(jobs=1))
        clean = make_project({**files, "content/a.md": (site / "content/a.md").read_text(encoding="utf-8"),
                              "urls.tsv": (site / "urls.tsv").read_text(encoding="utf-8")}, f"clean-{number}")
        build(load_config(clean), BuildOptions(jobs=1, cache=False))
        incremental, fresh = tree(site / "build"), tree(clean / "build")
        incremental.pop(".newsgen-output"), fresh.pop(".newsgen-output")
        assert incremental == fresh
        assert "Нова назва" in incremental["old/a.html"].decode()
    assert "older/index.html" in incremental


def test_a_new_related_story_reaches_an_article_of_another_month(make_project, monkeypatch) -> None:
    """A new article shares a tag with one two months older: the older one's page lists it, though
    nothing else of that page's month (its articles, their neighbours) changed."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    site = make_project({
        "content/x.md": "---\ntitle: Січнева\ndate: 2026-01-10\ntags: [НАТО]\n---\nТекст.\n",
        "content/y.md": "---\ntitle: Лютнева\ndate: 2026-02-10\ntags: [культура]\n---\nТекст.\n",
    })
    build(load_config(site), BuildOptions(jobs=1, now=SPRING))
    assert "Березнева" not in (site / "build/2026/01/10/sichneva/index.html").read_text(encoding="utf-8")
    (site / "content/z.md").write_text("---\ntitle: Березнева\ndate: 2026-03-10\ntags: [НАТО]\n---\nТекст.\n",
                                       encoding="utf-8")
    build(load_config(site), BuildOptions(jobs=1, now=SPRING))
    assert "Березнева" in (site / "build/2026/01/10/sichneva/index.html").read_text(encoding="utf-8")


def test_a_tags_new_spelling_reaches_pages_whose_articles_did_not_change(make_project, monkeypatch) -> None:
    """A tag is shown in its commonest spelling: when new articles change it, the page of an article
    whose text, neighbours and related stories stay the same shows the new spelling too (its view's
    key holds the tags as the catalog names them)."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    older = {f"content/r{n}.md": f"---\ntitle: Лютнева {n}\ndate: 2026-02-1{n}\ntags: [Kyiv, війна]\n---\nТекст.\n"
             for n in range(5)}  # its five related stories: two tags in common, so newcomers with one rank lower
    site = make_project({"content/a.md": "---\ntitle: Перша\ndate: 2026-01-10\ntags: [Kyiv, війна]\n---\nТекст.\n",
                         **older})
    page = site / "build/2026/01/10/persha/index.html"
    build(load_config(site), BuildOptions(jobs=1, now=SPRING))
    assert ">Kyiv<" in page.read_text(encoding="utf-8")
    for n in range(7):  # seven "KYIV" against six "Kyiv"
        (site / f"content/n{n}.md").write_text(f"---\ntitle: Березнева {n}\ndate: 2026-03-1{n}\ntags: [KYIV]\n---\n"
                                               "Текст.\n", encoding="utf-8")
    build(load_config(site), BuildOptions(jobs=1, now=SPRING))
    text = page.read_text(encoding="utf-8")
    assert ">KYIV<" in text and ">Kyiv<" not in text and "Березнева" not in text


def test_sitemap_parts_list_every_page_and_follow_edits_like_a_clean_build(make_project, monkeypatch) -> None:
    """Beyond 50,000 URLs (here 4) sitemap.xml indexes parts; each part is remade only when its pages
    or their dates change, and the result equals a clean build's."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    files = {"newsgen.yaml": "base_url: https://example.org/a/\n",
             **{f"content/{n}.md": f"---\ntitle: Стаття {n}\ndate: 2026-02-0{n}\n---\nТекст.\n" for n in range(1, 6)}}
    whole = make_project(files, "whole")
    build(load_config(whole), BuildOptions(jobs=1))
    monkeypatch.setattr(sitemap, "MAX_URLS", 4)
    site = make_project(files)
    build(load_config(site), BuildOptions(jobs=1))
    namespace = {"s": sitemap.SITEMAP_NS}
    index = ElementTree.parse(site / "build/sitemap.xml").getroot()
    assert index.tag == f"{{{sitemap.SITEMAP_NS}}}sitemapindex"
    parts = [loc.text for loc in index.iterfind("s:sitemap/s:loc", namespace)]
    listed = []
    for url in parts:
        urls = [loc.text for loc in ElementTree.parse(site / "build" / url.removeprefix("https://example.org/a/"))
                .getroot().iterfind("s:url/s:loc", namespace)]
        assert 0 < len(urls) <= 4
        listed += urls
    single = ElementTree.parse(whole / "build/sitemap.xml").getroot()
    assert listed == [loc.text for loc in single.iterfind("s:url/s:loc", namespace)] and len(parts) > 1
    last_part = (site / "build/sitemaps/sitemap-4.xml").stat().st_mtime_ns  # archive pages: no article dates
    edited = "---\ntitle: Стаття 5\ndate: 2026-02-05\nupdated: 2026-03-01\n---\nТекст.\n"
    (site / "content/5.md").write_text(edited, encoding="utf-8")
    build(load_config(site), BuildOptions(jobs=1))
    clean = make_project({**files, "content/5.md": edited}, "clean")
    build(load_config(clean), BuildOptions(jobs=1, cache=False))
    incremental, fresh = tree(site / "build"), tree(clean / "build")
    incremental.pop(".newsgen-output"), fresh.pop(".newsgen-output")
    assert incremental == fresh
    assert b"2026-03-01" in b"".join(data for name, data in fresh.items() if name.startswith("sitemaps/"))
    assert b"2026-03-01" in incremental["sitemaps/sitemap-1.xml"]  # the newest article's part
    assert (site / "build/sitemaps/sitemap-4.xml").stat().st_mtime_ns == last_part, "an unchanged part is kept"


def test_files_derived_in_the_warm_process_give_what_a_clean_build_gives(make_project, monkeypatch) -> None:
    """A rebuild derives its few edited files in a process warmed up while the cached ones load
    (collect._warm_deriver); their pages and problems are those of a clean build."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    warmed: list[object] = []
    original = collect.warm_process
    monkeypatch.setattr(collect, "warm_process", lambda warm_up: warmed.append(warm_up) or original(warm_up))
    threads = threading.active_count
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # a command line's build (other tests leave threads)
    files = {"seeds/a.txt": "date 2026-02-01\n\nОлена Коваль приїхала до Львова.\n",
             "content/b.md": "---\ntitle: Друга\ndate: 2026-02-02\ntags: [Київ, НАТО]\n---\nТекст.\n"}
    site = make_project(files)
    build(load_config(site), BuildOptions(jobs=2))
    assert not warmed, "a first build has nothing cached to load meanwhile"
    changed = {"seeds/a.txt": "date 2026-02-01\n\nОлена Коваль приїхала до Києва.\n",
               "content/c.md": "---\ntitle: [broken\ndate: 2026-02-03\n---\nТекст.\n"}
    for name, text in changed.items():
        (site / name).write_text(text, encoding="utf-8")
    rebuilt = build(load_config(site), BuildOptions(jobs=2))
    assert warmed
    clean = make_project({**files, **changed, "urls.tsv": (site / "urls.tsv").read_text(encoding="utf-8")}, "clean")
    fresh = build(load_config(clean), BuildOptions(jobs=1, cache=False))
    assert [str(d).replace(str(site), "") for d in rebuilt.diagnostics] == \
        [str(d).replace(str(clean), "") for d in fresh.diagnostics] != []
    incremental, expected = tree(site / "build"), tree(clean / "build")
    incremental.pop(".newsgen-output"), expected.pop(".newsgen-output")
    # the seed's first sentence changed; its URL (urls.tsv) did not
    assert incremental == expected and "Києва" in incremental["2026/02/01/olena-koval-pryikhala-do-lvova/index.html"].decode()
    warmed.clear()
    monkeypatch.setattr(threading, "active_count", threads)
    waiting = threading.Event()
    other = threading.Thread(target=waiting.wait)  # as in the dev server, which serves while it builds
    other.start()
    try:
        (site / "seeds/a.txt").write_text(changed["seeds/a.txt"].replace("Києва", "Одеси"), encoding="utf-8")
        build(load_config(site), BuildOptions(jobs=2))
    finally:
        waiting.set()
        other.join()
    assert not warmed, "no fork beside other threads"
    assert "Одеси" in (site / "build/2026/02/01/olena-koval-pryikhala-do-lvova/index.html").read_text(encoding="utf-8")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(collect, "PARALLEL_THRESHOLD", 2)  # now "many" edited files: the warm process stands down
    for name, text in {**files, **changed}.items():
        (site / name).write_text(text.replace("Текст.", "Інший текст."), encoding="utf-8")
    build(load_config(site), BuildOptions(jobs=2))
    assert warmed and "Інший текст." in (site / "build/2026/02/02/druha/index.html").read_text(encoding="utf-8")


def test_templates_compiled_by_one_build_are_reused_until_their_source_changes(make_project, monkeypatch) -> None:
    """Compiled templates are kept in the cache (theme.CompiledTemplates); Jinja checks each against its source."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    compiled: list[str] = []
    original = jinja2.Environment._compile
    monkeypatch.setattr(jinja2.Environment, "_compile",
                        lambda env, source, filename: compiled.append(filename) or original(env, source, filename))
    site = make_project({"content/a.md": "---\ntitle: Одна\ndate: 2026-02-01\n---\nТекст.\n"})
    build(load_config(site), BuildOptions(jobs=1))
    assert any(name.endswith("article.html") for name in compiled)
    compiled.clear()
    (site / "content/a.md").write_text("---\ntitle: Одна\ndate: 2026-02-01\n---\nНовий текст.\n", encoding="utf-8")
    build(load_config(site), BuildOptions(jobs=1))
    assert compiled == [], "nothing is compiled again"
    assert "Новий текст." in (site / "build/2026/02/01/odna/index.html").read_text(encoding="utf-8")
    (site / "templates").mkdir()
    (site / "templates/article.html").write_text(
        '{% extends "builtin/article.html" %}{% block head %}<meta name="edited" content="yes">{% endblock %}',
        encoding="utf-8")
    build(load_config(site), BuildOptions(jobs=1))
    assert any(name.endswith("templates/article.html") for name in compiled)
    assert '<meta name="edited" content="yes">' in (site / "build/2026/02/01/odna/index.html").read_text(encoding="utf-8")
    compiled.clear()
    (site / "templates/article.html").write_text(
        '{% extends "builtin/article.html" %}{% block head %}<meta name="edited" content="again">{% endblock %}',
        encoding="utf-8")
    build(load_config(site), BuildOptions(jobs=1))
    assert [name for name in compiled if name.endswith("templates/article.html")]
    assert 'content="again"' in (site / "build/2026/02/01/odna/index.html").read_text(encoding="utf-8")


def test_a_cache_copied_beside_another_output_costs_time_never_a_failed_build(make_project, monkeypatch) -> None:
    """Cached articles name the cache file that holds their bodies: a cache copied (or moved) to serve
    another output folder must not send them to the old file, which may be gone or rewritten."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    files = {"content/a.md": "---\ntitle: Одна\ndate: 2026-02-01\n---\nПерший текст.\n",
             "content/b.md": "---\ntitle: Друга\ndate: 2026-02-02\n---\nДругий текст.\n"}
    site = make_project(files)
    build(load_config(site, {"output_dir": str(site / "first")}), BuildOptions(jobs=1))
    shutil.copytree(site / "first", site / "second")
    cache_file(site, "second").parent.mkdir()
    cache_file(site, "first").rename(cache_file(site, "second"))
    bodies._file_bodies.cache_clear()  # as a new process would
    (site / "content/b.md").write_text("---\ntitle: Друга\ndate: 2026-02-02\n---\nНовий текст.\n", encoding="utf-8")
    build(load_config(site, {"output_dir": str(site / "second")}), BuildOptions(jobs=1))
    clean = make_project({**files, "content/b.md": (site / "content/b.md").read_text(encoding="utf-8")}, "clean")
    build(load_config(clean), BuildOptions(jobs=1, cache=False))
    incremental, fresh = tree(site / "second"), tree(clean / "build")
    incremental.pop(".newsgen-output"), fresh.pop(".newsgen-output")
    assert incremental == fresh and "Перший текст." in incremental["2026/02/01/odna/index.html"].decode()


def test_list_cards_are_remembered_and_follow_their_articles(make_project, monkeypatch) -> None:
    """An addition renders every list page behind the new article again: the other articles' cards come
    from the cache, and a changed article's card is made anew and its old one forgotten."""
    from newsgen.build import rendering
    from newsgen.render.theme import unpack_cards, view_key_of

    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    made: list[dict[str, bytes]] = []
    render = rendering._render_outputs

    def spying(*args: object) -> list[bytes]:
        packed = render(*args)
        made.append({key: html for cards in packed for key, html in unpack_cards(cards).items()})
        return packed

    monkeypatch.setattr(rendering, "_render_outputs", spying)
    files = {"newsgen.yaml": "per_page: 2\n"} | {
        f"content/{n}.md": f"---\ntitle: Стаття {n}\ndate: 2026-02-{n:02d}\ntags: [Київ]\n---\nТекст {n}.\n"
        for n in range(1, 8)
    }
    site = make_project(files)
    build(load_config(site), BuildOptions(jobs=1))
    assert len(made[-1]) == 7, "the first build makes each article's list card once"
    (site / "content/8.md").write_text("---\ntitle: Нова\ndate: 2026-02-08\ntags: [Київ]\n---\nТекст.\n",
                                       encoding="utf-8")
    (site / "content/3.md").write_text("---\ntitle: Змінена\ndate: 2026-02-03\ntags: [Київ]\n---\nТекст.\n",
                                       encoding="utf-8")
    build(load_config(site), BuildOptions(jobs=1))
    assert len(made[-1]) == 2, "only the new and the changed article's cards are made"
    assert all("Стаття 3" not in html.decode() for html in made[-1].values())
    output = tree(site / "build")
    assert "Змінена" in output["page/3/index.html"].decode() and "Стаття 3" not in output["page/3/index.html"].decode()
    clean = make_project({**files, "content/8.md": (site / "content/8.md").read_text(encoding="utf-8"),
                          "content/3.md": (site / "content/3.md").read_text(encoding="utf-8"),
                          "urls.tsv": (site / "urls.tsv").read_text(encoding="utf-8")}, "clean")
    build(load_config(clean), BuildOptions(jobs=1, cache=False))
    fresh = tree(clean / "build")
    output.pop(".newsgen-output"), fresh.pop(".newsgen-output")
    assert output == fresh
    cache = cache_module.BuildCache(cache_file(site))
    stored = cache.cards(cache.get_meta("cards") or "")
    assert len(stored) == 8 and len({view_key_of(key) for key in stored}) == 8, "the old card of 3 is forgotten"
    assert cache.card_count() == 8


def test_old_cards_are_read_and_forgotten_once_they_outnumber_the_archive() -> None:
    """An edit renders a few pages and does not read the cards, so its article's old card stays behind."""
    from newsgen.build.memo import cards_worth_reading

    assert not cards_worth_reading(shown=20 * 20, articles=10_000, kept=12_000), "an edit's 20 pages"
    assert cards_worth_reading(shown=830 * 20, articles=10_000, kept=12_000), "an addition's 830 pages"
    assert cards_worth_reading(shown=20 * 20, articles=10_000, kept=21_001)


def test_remembered_cards_are_not_used_after_the_card_template_changes(make_project, monkeypatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    site = make_project({"newsgen.yaml": "per_page: 1\n"} | {
        f"content/{n}.md": f"---\ntitle: Стаття {n}\ndate: 2026-02-0{n}\n---\nТекст.\n" for n in range(1, 4)
    })
    build(load_config(site), BuildOptions(jobs=1))
    (site / "templates").mkdir()
    (site / "templates/_card.html").write_text('<li class="my-card">{{ item.title }}</li>\n', encoding="utf-8")
    build(load_config(site), BuildOptions(jobs=1))
    second = (site / "build/page/2/index.html").read_text(encoding="utf-8")  # page 1 shows the lead story
    assert '<li class="my-card">Стаття 2</li>' in second and "article-card" not in second


def test_a_parallel_build_remembers_every_list_card(make_project, monkeypatch) -> None:
    """Cards are made in whichever process renders the page; each comes back with its page's result."""
    from newsgen.build import workers

    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 2)  # this small site's pages go to a forked worker too
    site = make_project({"newsgen.yaml": "per_page: 1\n"} | {
        f"content/{n}.md": f"---\ntitle: Стаття {n}\ndate: 2026-01-{n:02d}\n---\nТекст.\n" for n in range(1, 31)
    })
    build(load_config(site), BuildOptions(jobs=2))
    cache = cache_module.BuildCache(cache_file(site))
    stored = cache.cards(cache.get_meta("cards") or "")
    assert sorted(html.decode().split('/">', 1)[1].split("<", 1)[0] for html in stored.values()) == sorted(
        f"Стаття {n}" for n in range(1, 31))


def test_a_listed_article_makes_its_view_only_when_a_template_reads_it() -> None:
    from types import SimpleNamespace

    from newsgen.plan.views import ListedArticle

    made = []
    maker = SimpleNamespace(article=lambda article: made.append(article) or SimpleNamespace(title=f"{article.id}!"))
    listed = ListedArticle("key-1", SimpleNamespace(id="a"), maker)  # type: ignore[arg-type]
    rendered = jinja2.Environment(autoescape=True).from_string("{{ card_key }} {{ item.key }}").render(
        item=listed, card_key="k")
    assert rendered == "k key-1" and made == [], "its key is at hand; nothing asks for the view"
    assert not hasattr(listed, "__html__") and made == []
    assert jinja2.Environment().from_string("{{ item.title }}").render(item=listed) == "a!" and len(made) == 1


def test_code_version_follows_every_python_file_of_the_package(tmp_path) -> None:
    package = tmp_path / "newsgen"
    (package / "text").mkdir(parents=True)
    (package / "feeds.py").write_text("A = 1\n", encoding="utf-8")
    first = digests.code_version(package, "0.1.0")
    assert first.startswith("0.1.0+") and digests.code_version(package, "0.1.0") == first
    (package / "feeds.py").write_text("A = 2\n", encoding="utf-8")
    edited = digests.code_version(package, "0.1.0")
    (package / "text/dates.py").write_text("", encoding="utf-8")
    added = digests.code_version(package, "0.1.0")
    (package / "notes.txt").write_text("not code", encoding="utf-8")
    assert len({first, edited, added}) == 3 and digests.code_version(package, "0.1.0") == added


def test_what_older_code_made_is_not_kept_after_newsgen_changes(make_project, monkeypatch) -> None:
    """A pulled or edited checkout keeps its version number: its code's digest tells the cache apart."""
    from newsgen.render import feeds  # noqa: PLC0415

    site = make_project({"content/a.md": "---\ntitle: Одна\ndate: 2026-02-01\n---\nТекст.\n"})
    build(load_config(site), BuildOptions(jobs=1))
    made_by_old_code = feeds.atom_feed
    monkeypatch.setattr(feeds, "atom_feed", lambda **kwargs: made_by_old_code(**kwargs) + b"<!-- new code -->\n")
    build(load_config(site), BuildOptions(jobs=1))
    assert b"new code" not in (site / "build/feed.xml").read_bytes()  # same code version: nothing to do
    monkeypatch.setattr(digests, "CODE_VERSION", digests.CODE_VERSION + "-edited")
    report = build(load_config(site), BuildOptions(jobs=1))
    assert b"new code" in (site / "build/feed.xml").read_bytes()
    assert report.rendered == report.pages  # nothing made by the older code is recalled
