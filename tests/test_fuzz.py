"""Property-based fuzzing of the parsers: random text and bytes give records or diagnostics, never a crash.

The contract of each parser: ``parse_seed`` returns (articles, diagnostics) and
never raises; ``parse_markdown_article``, ``decode_source`` and
``read_yaml_mapping`` return a value or raise ``SourceError`` (a diagnostic with
a position), nothing else. Under CI the examples are derandomised so a run is
reproducible; locally each run explores new ones (and hypothesis remembers
failures in .hypothesis/).
"""

from __future__ import annotations

import datetime
import os
import zoneinfo
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsgen.errors import Diagnostic, SourceError
from newsgen.records import Derivation, SourceArticle, SourceFile
from newsgen.sources.articles import derive_article
from newsgen.sources.discover import decode_source, parse_source
from newsgen.sources.frontmatter import parse_markdown_article
from newsgen.sources.seed import parse_seed
from newsgen.yamlmap import read_yaml_mapping

FUZZ = settings(
    max_examples=200,
    deadline=None,  # a slow example is not a failure here; the size limits are tested in test_hostile.py
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEED_PATH = Path("seeds/fuzz.txt")
MD_PATH = Path("content/fuzz.md")
KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")

# Text that looks like the formats, so the fuzzer reaches past the first check.
SEED_PIECES = st.sampled_from([
    "date ", "date 2026-02-11 ", " date 2026-2-1 ", "date 2026-02-30 ", "date 0001-01-01 ", "date 9999-12-31 ",
    "date 10000-01-01 ", "date 2026-13-01", "\n", "\n\n", "\r\n", "\r", " ", "\t", "\ufeff", "\x00", "\x0b",
    "Київ", "НАТО", "Зеленський", "<script>", "&amp;", "2026-02-11", "-", "’", "\u202e", "😀",
])
MD_PIECES = st.sampled_from([
    "---\n", "...\n", "\n", "date: ", "2026-02-11", "2026-02-11T10:00:00+02:00", "title: ", "tags: ", "[a, b]",
    "slug: ", "../../etc", "draft: ", "true", "lang: ", "uk", "updated: ", "summary: ", "author: ", "&a ", "*a",
    "!!python/object:os.system", "{", "}", "[", "]", "'", '"', "\\x00", ": ", "- ", "  ", "#", "<<: ", "? ",
    "+++\n", "date = 2026-02-11\n", "title = 'x'\n", "!!binary ", "!!timestamp ", "~", "null", "9" * 30,
])


def seed_like() -> st.SearchStrategy[str]:
    return st.one_of(st.text(), st.lists(st.one_of(SEED_PIECES, st.text(max_size=8)), max_size=40).map("".join))


def markdown_like() -> st.SearchStrategy[str]:
    return st.one_of(st.text(), st.lists(st.one_of(MD_PIECES, st.text(max_size=8)), max_size=40).map("".join))


def _lines(text: str) -> int:
    return text.count("\n") + text.count("\r") + 1


def _check_diagnostic(diagnostic: Diagnostic, path: Path, text: str) -> None:
    assert diagnostic.path == path
    assert diagnostic.message and "Traceback" not in diagnostic.message
    if diagnostic.line is not None:
        assert 1 <= diagnostic.line <= _lines(text) + 1, (diagnostic, text)
    if diagnostic.column is not None:
        assert diagnostic.column >= 1


@FUZZ
@given(seed_like())
@example("date 2026-02-11 <script>alert(1)</script>")
@example("date 9999-12-31 x")
@example("\ufeffdate 2026-02-11\r\n\r\nbody\rmore")
def test_parse_seed_returns_records_and_diagnostics_never_raises(text: str) -> None:
    articles, problems = parse_seed(text, SEED_PATH, KYIV)
    for article in articles:
        assert isinstance(article, SourceArticle)
        assert isinstance(article.date, datetime.date) and article.published.tzinfo is not None
        assert article.body.strip() and 1 <= article.source_line <= _lines(text)
    for problem in problems:
        assert isinstance(problem, Diagnostic)
        _check_diagnostic(problem, SEED_PATH, text)
    if text.strip() and not articles:
        assert problems, "text without an article must say why"


@FUZZ
@given(markdown_like())
@example("---\ndate: 2026-02-11\ntitle: !!python/object/apply:os.system ['true']\n---\nx\n")
@example("---\ndate: 2026-13-45\n---\nx\n")
@example("---\ndate: 2026-02-11\ntitle: " + "9" * 5000 + "\n---\nx\n")
@example("+++\ndate = 2026-02-11\ntitle = [[[[[[]]]]]]\n+++\nx\n")
def test_parse_markdown_article_returns_a_record_or_a_source_error(text: str) -> None:
    try:
        article = parse_markdown_article(text, MD_PATH, KYIV)
    except SourceError as exc:
        _check_diagnostic(exc.diagnostic, MD_PATH, text)
        return
    assert isinstance(article, SourceArticle) and article.body.strip()
    assert article.published.tzinfo is not None
    for value in (article.title, article.slug, article.summary, *article.authors, *article.tags):
        assert value is None or isinstance(value, str)


@FUZZ
@given(st.dictionaries(
    st.sampled_from(["title", "date", "tags", "slug", "summary", "author", "lang", "draft", "updated", "extra"]),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.dates() | st.datetimes(
            timezones=st.none() | st.timezones()),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
        max_leaves=12,
    ),
))
def test_any_front_matter_values_give_a_record_or_a_source_error(values: dict) -> None:
    """Well-formed YAML with values of every type and range in every known key."""
    import yaml

    front = yaml.safe_dump(values, allow_unicode=True)
    text = f"---\n{front}---\nТекст.\n"
    try:
        parse_markdown_article(text, MD_PATH, KYIV)
    except SourceError as exc:
        _check_diagnostic(exc.diagnostic, MD_PATH, text)


@FUZZ
@given(st.binary())
@example(b"\xff\xfed\x00a\x00t\x00e\x00")
@example(b"date 2026-02-11 \xd0")
@example(b"\xef\xbb\xbf\xef\xbb\xbf")
def test_decode_source_returns_text_or_a_positioned_error(data: bytes) -> None:
    try:
        text = decode_source(data, SEED_PATH)
    except SourceError as exc:
        assert exc.diagnostic.path == SEED_PATH and exc.diagnostic.line >= 1 and exc.diagnostic.column >= 1
        assert "not valid UTF-8" in exc.diagnostic.message
        return
    assert text == data.decode("utf-8-sig")


@FUZZ
@given(st.binary() | seed_like().map(lambda t: t.encode("utf-8", "surrogatepass")),
       st.sampled_from(["seed", "markdown"]))
def test_parse_source_never_raises_on_any_bytes(data: bytes, source_format: str) -> None:
    source = SourceFile(SEED_PATH if source_format == "seed" else MD_PATH, source_format)
    articles, problems = parse_source(source, data, KYIV)
    assert all(isinstance(a, SourceArticle) for a in articles)
    assert all(isinstance(p, Diagnostic) for p in problems)


@FUZZ
@given(markdown_like())
def test_read_yaml_mapping_returns_entries_or_a_source_error(text: str) -> None:
    try:
        entries = read_yaml_mapping(text, MD_PATH, first_line=2)
    except SourceError as exc:
        assert exc.diagnostic.path == MD_PATH and exc.diagnostic.message
        return
    assert all(isinstance(key, str) and entry.line >= 2 for key, entry in entries.items())


@settings(FUZZ, max_examples=60)
@given(seed_like(), st.sampled_from(["translit", "unicode", "ascii"]))
def test_derivation_of_any_parsed_seed_never_raises(text: str, slug_style: str) -> None:
    """What the parser accepts, the language layer must take: headline, summary, slug and tags."""
    articles, _ = parse_seed(text, SEED_PATH, KYIV)
    for source in articles:
        article = derive_article(source, Derivation("uk", slug_style, 8, "sanitize"))
        assert article.slug and "/" not in article.slug and article.slug not in (".", "..")
        assert article.title
