"""What makes a build with something to do cheap before rendering: discovery without pathlib
parsing, one stat per input file, and cached articles that load as plain values.

Each speed-up is a second way of computing something pathlib, pickle or a dataclass already
computes; these tests hold the two to the same answers.
"""

from __future__ import annotations

import dataclasses
import datetime
import subprocess
import sys
import zoneinfo
from pathlib import Path, PurePosixPath

import pytest
from dateutil import tz as dateutil_tz
from hypothesis import given
from hypothesis import strategies as st

from newsgen.build import bodies, memo as cache
from newsgen.build.memo import file_signature, file_signatures, payload, unpayload
from newsgen.records import Correction, Editorial, Article, Body, FrozenMapping, Placement, Tag, child_path, pickling
from newsgen.sources import discover_sources
from newsgen.sources.foreign import HUGO, JEKYLL, NEWSGEN, FileFacts, classify, classify_name, split_name
from tests.conftest import write_project

KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")
NATO = Tag("нато", "НАТО", "organisation", "nato")
KYIV_TAG = Tag("київ", "Київ", "place", "kyiv")


def article(**changes: object) -> Article:
    values: dict[str, object] = dict(
        id="2026-03-01/zaholovok", date=datetime.date(2026, 3, 1),
        published=datetime.datetime(2026, 3, 1, 9, 30, tzinfo=KYIV), updated=None,
        slug="zaholovok", slug_is_derived=True, title="Заголовок", title_is_derived=False,
        summary="Перше речення.", summary_is_derived=True, body=Body("<p>Текст.</p>", "Текст."),
        tags=(NATO, KYIV_TAG), lang="uk", authors=(), draft=False,
        source_path=Path("/site/content/2026/03/zaholovok.md"), source_line=1, source_format="markdown",
        placement=Placement(sections=("2026", "03")), route="/2026/03/01/zaholovok/",
    )
    values.update(changes)
    return Article(**values)  # type: ignore[arg-type]


def round_trip(value: object) -> object:
    return unpayload(payload(value))


# --- Cached articles ------------------------------------------------------------------------


@pytest.mark.parametrize("changes", [
    {},
    {"updated": datetime.datetime(2026, 10, 25, 3, 30, tzinfo=KYIV, fold=1)},  # the hour the clocks go back: twice
    {"published": datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)},
    {"published": datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=2), "EET"))},
    {"published": datetime.datetime(2026, 3, 1, 9, tzinfo=dateutil_tz.tzoffset(None, 7200))},
    {"published": datetime.datetime(2026, 3, 1, 9, 0, 0, 123456, tzinfo=zoneinfo.ZoneInfo.no_cache("UTC"))},
    {"extra": FrozenMapping({"subtitle": "Підзаголовок", "weight": 3, "list": ("a", "b")})},
    {"tags": ()},
    {"tags": (Tag("a\0b", "A", "topic", "a-b"), Tag("\ud800", "x", "topic", "x"))},  # NUL, a lone surrogate
    {"placement": Placement(("news",), ("posts",), "/old/:slug/", ("/a/", "/b/"), Path("/site/content/posts/b"))},
    {"source_path": Path("relative.md")},
    {"source_path": Path("/top.md")},
    {"authors": ("Олена", "Петро"), "draft": True, "lang": "en", "route": ""},
    {"editorial": Editorial("Політика", True, datetime.datetime(2026, 3, 2, 9, tzinfo=KYIV),
                            (Correction(datetime.datetime(2026, 3, 3, tzinfo=KYIV), "Виправлено."),))},
    {"body": bodies.StoredBody("/site/content/a.md", "1:2:3:4#ab", "cd", 0, 42, "e5")},
])
def test_an_article_loads_equal_to_itself_with_every_field_of_the_same_type(changes: dict) -> None:
    original = article(**changes)
    loaded = round_trip(original)
    assert type(loaded) is Article and loaded == original and hash(loaded) == hash(original)
    for name in Article.__dataclass_fields__:
        value, again = getattr(original, name), getattr(loaded, name)
        assert type(again) is type(value) and again == value, name
    for name in ("published", "updated"):
        value, again = getattr(original, name), getattr(loaded, name)
        if value is not None:
            assert (again.fold, again.tzinfo.tzname(again), again.utcoffset()) == (
                value.fold, value.tzinfo.tzname(value), value.utcoffset())
    assert str(loaded.source_path) == str(original.source_path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        loaded.title = "changed"  # type: ignore[misc]


def test_a_zoneinfo_zone_loads_as_the_shared_zone_of_its_key() -> None:
    assert round_trip(article()).published.tzinfo is KYIV


def test_tags_placements_and_empty_extras_load_shared_across_payloads() -> None:
    first, second = round_trip(article()), round_trip(article(id="2026-03-01/inshyi", slug="inshyi"))
    assert first.tags[0] is second.tags[0] and first.tags[1] is second.tags[1]
    assert first.placement is second.placement
    assert first.extra is second.extra and first.extra == FrozenMapping()
    assert round_trip(NATO) is first.tags[0]  # a tag pickled on its own meets the same instance


def test_a_payload_of_articles_names_no_module_and_loads_in_a_fresh_process(tmp_path: Path) -> None:
    data = payload(([article(body=bodies.StoredBody("/p", "k", "s", 0, 1, "d"))], []))
    assert b"newsgen" not in data and b"pathlib" not in data and b"datetime" not in data
    (tmp_path / "payload").write_bytes(data)
    script = (
        "import sys; from pathlib import Path; from newsgen.build.memo import unpayload; "
        "articles, _ = unpayload(Path(sys.argv[1]).read_bytes()); print(repr(articles[0]))"
    )
    shown = subprocess.run([sys.executable, "-c", script, str(tmp_path / "payload")], capture_output=True,
                           text=True, check=True, cwd=Path(__file__).parent.parent).stdout.strip()
    assert shown == repr(article(body=bodies.StoredBody("/p", "k", "s", 0, 1, "d")))


def test_loading_an_article_makes_few_calls() -> None:
    """A deterministic guard on what made loading 50 µs an article: parsing its path again, a
    shared-record call per tag, a class looked up per record. 47 calls an article then, 23 now."""
    data = [payload(([article(id=f"2026-03-01/a{n}", source_path=Path(f"/site/content/a{n}.md"))], []))
            for n in range(50)]
    unpayload(data[0])  # the folder, tags and placement are known from here on
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        for blob in data[1:]:
            unpayload(blob)
    finally:
        sys.setprofile(None)
    assert calls / 49 <= 30


def test_an_article_given_a_stored_body_keeps_everything_else() -> None:
    original = article()
    [stored] = bodies.stored([original], "/site/content/2026/03/zaholovok.md", "k#d", "s")
    assert stored.body == bodies.StoredBody("/site/content/2026/03/zaholovok.md", "k#d", "s", 0, 1, original.body.digest)
    assert dataclasses.replace(stored, body=original.body) == original


PATH_TEXTS = ["/a/b/c.md", "a/b.md", "b.md", "/b.md", "//b.md", "//a/b.md", "///a/b.md", "a//b.md", "a/./b.md",
              "a/b/", "a/..", "a/.", "./a", ".", "/", "", "a/b c/д.md", "a\\b/c.md"]


@pytest.mark.parametrize("text", PATH_TEXTS)
def test_a_path_loads_as_path_would_parse_its_text(text: str) -> None:
    loaded = pickling._loaded_path(text)  # noqa: SLF001
    assert type(loaded) is type(Path(text)) and loaded == Path(text) and str(loaded) == str(Path(text))
    assert loaded.parts == Path(text).parts and hash(loaded) == hash(Path(text))


@given(st.text(alphabet="ab./", max_size=12))
def test_any_path_text_loads_as_path_would_parse_it(text: str) -> None:
    loaded = pickling._loaded_path(text)  # noqa: SLF001
    assert loaded == Path(text) and str(loaded) == str(Path(text)) and loaded.parts == Path(text).parts


@given(st.text(alphabet="ab./-_", min_size=1, max_size=8).filter(lambda n: "/" not in n and n not in (".", "..")))
def test_child_path_is_the_folder_joined_with_the_name(name: str) -> None:
    for folder in (Path("/site/content"), Path("content"), Path("/")):
        assert child_path(folder, name) == folder / name and str(child_path(folder, name)) == str(folder / name)


# --- Discovery --------------------------------------------------------------------------------


@given(st.text(alphabet="ab.-_ ", min_size=1, max_size=8).filter(lambda n: n not in (".", "..")))
def test_names_split_into_stem_and_suffix_as_pathlib_splits_them(name: str) -> None:
    assert split_name(name) == (PurePosixPath(name).stem, PurePosixPath(name).suffix)


def test_classifying_a_name_in_its_folders_is_classifying_its_path() -> None:
    relatives = ["a.md", "2026/03/zaholovok.MD", "posts/2015-11-9-title.md", "posts/_index.md", "posts/photo.jpg",
                 "news/world/_posts/2013-05-06-hello-world.md", "_posts/notes.md", "_drafts/sub/idea.markdown",
                 "_config.yml", "assets/site.css", "index.html", "_posts/2013-05-06-.md", "x/.md", "x/a."]
    for kind in (NEWSGEN, HUGO, JEKYLL):
        for relative in relatives:
            path = PurePosixPath(relative)
            assert classify_name(kind, path.parts[:-1], path.name) == classify(kind, path), (kind, relative)


def test_discovery_lists_every_article_file_in_order_with_its_facts(tmp_path: Path) -> None:
    site = write_project(tmp_path / "site", {
        "newsgen.yaml": "title: t\n",
        "seeds/b.txt": "", "seeds/a.txt": "", "seeds/.hidden.txt": "", "seeds/sub/c.txt": "", "seeds/x.md": "",
        "content/2026/03/zaholovok.md": "", "content/2026/03/2026-03-02-dated.markdown": "",
        "content/2026/03/Page.HTML": "", "content/2026/03/notes.txt": "", "content/2026/03/.draft.md": "",
        "content/2026/02/b.md": "", "content/top.htm": "", "content/.git/x.md": "", "content/a.": "",
    })
    found = discover_sources(site / "seeds", site / "content")
    content = site / "content"
    assert [(s.path, s.source_format, s.facts) for s in found] == [
        (site / "seeds/a.txt", "seed", FileFacts()),
        (site / "seeds/b.txt", "seed", FileFacts()),
        (site / "seeds/sub/c.txt", "seed", FileFacts()),
        (content / "top.htm", "html", FileFacts(NEWSGEN)),
        (content / "2026/02/b.md", "markdown", FileFacts(NEWSGEN, sections=("2026", "02"))),
        (content / "2026/03/2026-03-02-dated.markdown", "markdown",
         FileFacts(NEWSGEN, datetime.date(2026, 3, 2), "dated", sections=("2026", "03"))),
        (content / "2026/03/Page.HTML", "html", FileFacts(NEWSGEN, sections=("2026", "03"))),
        (content / "2026/03/zaholovok.md", "markdown", FileFacts(NEWSGEN, sections=("2026", "03"))),
    ]
    assert all(type(s.path) is type(Path()) for s in found)


# --- File signatures --------------------------------------------------------------------------


def test_signatures_take_one_stat_each_and_leave_missing_files_out(tmp_path: Path, monkeypatch) -> None:
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_text("a", encoding="utf-8")
    second.write_text("bb", encoding="utf-8")
    files = [first, str(second), tmp_path / "missing.md", tmp_path / "first.md" / "below"]
    assert file_signatures(files) == [(str(first), None), (str(second), None)]  # written just now: not trusted
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
    signatures = file_signatures(files)
    assert signatures == [(str(first), file_signature(first)), (str(second), file_signature(second))]
    assert None not in dict(signatures).values() and file_signature(str(first)) == file_signature(first)
    assert file_signature(tmp_path / "missing.md") is None
