"""Full-text search: a Pagefind index of every article, built into ``<output>/pagefind/``.

Pagefind has no Ukrainian stemmer, so a search for "Москва" would miss an article that
only says "у Москві". Each article is therefore indexed as a small HTML document made
for Pagefind: the headline and the text as written, then, in a low-weight block, the
dictionary forms (pymorphy3) of its words that the text does not already contain. A
query in the dictionary form finds the inflected text, and an article containing the
exact words still ranks first (its match is in full-weight text).

The lemma block starts with ``LEMMA_MARK``; the ``forms`` metadata lists, in the same
order, the word forms of the text each lemma stands for ("москві|москвою"), so the
search page can show and highlight "Москві" when "москва" matched.

Documents are built in parallel (pure); ``index_files`` runs Pagefind once over all of
them through its Python API (one ``add_directory`` call: per-record calls are far
slower) and returns the bundle as ``{output path: bytes}`` for the output writer.
"""

from __future__ import annotations

import asyncio
import bisect
import gzip
import hashlib
import functools
import html
import json
import re
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgen import urls
from newsgen.errors import BuildError
from newsgen.records import Article
from newsgen.text.dates import format_dateline
from newsgen.text.morphology import MORPHOLOGY_LANGS, analyser
from newsgen.urls import SiteURLs
from newsgen.workers import parallel_map

BUNDLE = "pagefind"  # the bundle folder inside the output (pages.py links it as url("/pagefind/"))
LEMMA_MARK = "⁂"  # starts the lemma block in the indexed text; search.js splits on its last occurrence
LEMMA_WEIGHT = "0.3"  # Pagefind weights are quadratic: a lemma match counts about a tenth of a word
# A Cyrillic word of a lower-cased text with ASCII apostrophes (morphology.dictionary_form).
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff\u0300-\u036f]+(?:['-][\u0400-\u04ff\u0300-\u036f]+)*")
# Parts of speech whose dictionary forms help nobody find an article ("його" -> "він").
_SKIP_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED", "NUMR"})
_MIN_LEMMA = 2
# Pagefind's ready-made interfaces: search.js uses the search API (pagefind.js) only.
_UNUSED = re.compile(r"pagefind-(?:component-|modular-)?ui\.(?:js|css)|pagefind-highlight\.js")
_APOSTROPHES = ("’", "ʼ", "‘", "`")  # as morphology.dictionary_form maps them


@dataclass(frozen=True, slots=True)
class SearchSettings:
    """What the index needs from the site: its language (dates, Pagefind's index language)."""

    lang: str


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One article as Pagefind indexes it: the HTML file and where it would live."""

    path: str  # output-relative path of the article page ("2026/02/11/slug/index.html")
    html: str


class SearchUnavailable(BuildError):
    """Pagefind is missing or failed: the build stops rather than ship a site whose search is broken."""


# ------------------------------------------------------------------ dictionary forms


def lemma_pairs(text: str, lang: str) -> list[tuple[str, tuple[str, ...]]]:
    """(dictionary form, the word forms of ``text`` it stands for) for the forms worth adding.

    A dictionary form is left out when a word of the text already starts with it:
    Pagefind matches query words as prefixes, so "Путін" already finds "Путіна". Pairs
    come in the order of the text, each dictionary form once.
    """
    base = _base_lang(lang)
    if base not in MORPHOLOGY_LANGS:
        return []
    # Only Cyrillic words can have (or be a prefix of) a Cyrillic dictionary form.
    words = dict.fromkeys(_CYRILLIC_WORD.findall(_lower_with_ascii_apostrophes(text)))
    present = sorted(words)
    pairs: dict[str, list[str]] = {}
    for word in words:
        for lemma in word_lemmas(word, base):
            forms = pairs.get(lemma)
            if forms is not None:
                forms.append(word)
            elif not _has_prefix(present, lemma):
                pairs[lemma] = [word]
    return [(lemma, tuple(forms)) for lemma, forms in pairs.items()]


def _lower_with_ascii_apostrophes(text: str) -> str:
    """morphology.dictionary_form for a whole text (str.translate is slow on long strings)."""
    text = text.lower()
    for apostrophe in _APOSTROPHES:
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    return text


def _base_lang(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def _has_prefix(sorted_words: list[str], prefix: str) -> bool:
    """True when a word of ``sorted_words`` starts with ``prefix``."""
    index = bisect.bisect_left(sorted_words, prefix)
    return index < len(sorted_words) and sorted_words[index].startswith(prefix)


@functools.lru_cache(maxsize=262144)
def word_lemmas(word: str, lang: str) -> tuple[str, ...]:
    """The dictionary forms of one lower-case word form (every reading: "війни" is also a verb form).

    Function words give none; a word the dictionary does not know gives its best guess.
    """
    morph = analyser(lang)
    parses = morph.parse(word)
    if not parses or any(p.tag.POS in _SKIP_POS or "Abbr" in p.tag.grammemes for p in parses):
        return ()  # "його" is no news of "йога"; "НАТО" no form of "ната"
    if not morph.word_is_known(word):
        parses = parses[:1]
    lemmas = dict.fromkeys(p.normal_form for p in parses if p.tag.POS is not None)
    return tuple(lemma for lemma in lemmas if len(lemma) >= _MIN_LEMMA and lemma != word)


# ------------------------------------------------------------------ documents


def search_document(article: Article, settings: SearchSettings, rank: int = 0) -> SearchDocument:
    """The HTML Pagefind indexes for one article. Pure.

    Headline (weight of an h1) and text at full weight, then the lemma block; the
    date, year, tags and sort key ride along as metadata, filters and sort, inside an
    element Pagefind does not index as text. ``rank`` orders "newest first": the
    article's place in (published, id) order, so no two articles tie.
    """
    esc = functools.partial(html.escape, quote=True)
    paragraphs = [p for p in article.body_text.split("\n\n") if p.strip()]
    if not article.summary_is_derived and article.summary:
        paragraphs.insert(0, article.summary)
    pairs = lemma_pairs("\n".join([article.title, *paragraphs]), article.lang)
    tags = sorted({tag.name for tag in article.tags})
    parts = [
        f'<!DOCTYPE html><html lang="{esc(settings.lang)}"><head><meta charset="utf-8">'
        f"<title>{esc(article.title)}</title></head><body><main data-pagefind-body>",
        f'<h1 data-pagefind-meta="title">{esc(article.title)}</h1>',
        *(f"<p>{esc(' '.join(p.split()))}</p>" for p in paragraphs),
        f'<p data-pagefind-weight="{LEMMA_WEIGHT}">{LEMMA_MARK} {esc(" ".join(lemma for lemma, _ in pairs))}</p>',
        "<div data-pagefind-ignore>",
        f'<span data-pagefind-meta="date">{esc(format_dateline(article.date, settings.lang))}</span>',
        f'<span data-pagefind-meta="published">{article.date.isoformat()}</span>',
        f'<span data-pagefind-meta="forms">{esc(" ".join("|".join(forms) for _, forms in pairs))}</span>',
        f'<span data-pagefind-filter="year">{article.date.year}</span>',
        *(f'<span data-pagefind-filter="tag">{esc(name)}</span>' for name in tags),
        f'<span data-pagefind-sort="date">{rank}</span>',  # number-like: Pagefind sorts it numerically
        "</div></main></body></html>",
    ]
    path = SiteURLs.output_path(urls.article_route(article.date, article.slug, article.route)).as_posix()
    return SearchDocument(path, "\n".join(parts))


def _document(settings: SearchSettings, item: tuple[Article, int]) -> SearchDocument:
    return search_document(item[0], settings, item[1])


def search_documents(
    articles: Sequence[Article], settings: SearchSettings, jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[SearchDocument]:
    """Every article's search document, in the articles' order (worker processes for many)."""
    for lang in sorted({_base_lang(a.lang) for a in articles} & MORPHOLOGY_LANGS):
        analyser(lang)  # loaded once here, inherited by forked workers rather than loaded in each
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published, articles[i].id))
    ranks = {index: rank for rank, index in enumerate(order, start=1)}
    items = [(article, ranks[index]) for index, article in enumerate(articles)]
    return parallel_map(_document, settings, items, jobs, progress)


# ------------------------------------------------------------------ the Pagefind bundle


def index_files(documents: Iterable[SearchDocument], settings: SearchSettings) -> dict[str, bytes]:
    """Run Pagefind over ``documents``; the bundle as ``{"pagefind/...": bytes}``.

    Raises SearchUnavailable, with what to do, when Pagefind is missing or fails.
    """
    _require_pagefind()
    with tempfile.TemporaryDirectory(prefix="newsgen-search-") as workdir:
        source = Path(workdir) / "documents"
        count = 0
        for document in documents:
            target = source / document.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document.html, encoding="utf-8")
            count += 1
        source.mkdir(exist_ok=True)
        missing: list[str] = []
        # The Python API now and then ends before the service has written its last files
        # (seen once in 30 runs with Pagefind 1.5.2): check the bundle, and index again.
        for attempt in (1, 2):
            bundle = Path(workdir) / f"bundle-{attempt}"
            _run_pagefind(source, bundle, count, _base_lang(settings.lang))
            files = {
                f"{BUNDLE}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
                for path in sorted(bundle.rglob("*"))
                if path.is_file() and not _UNUSED.fullmatch(path.name)
            }
            missing = missing_files(files)
            if not missing:
                return stable_bundle(files)
    raise SearchUnavailable(
        f"search: Pagefind wrote an incomplete index twice (missing {', '.join(missing[:3])}); nothing was written"
    )


def _require_pagefind() -> None:
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise SearchUnavailable(_missing(f"the Python package is not installed ({exc})")) from exc
    if get_executable() is None:
        raise SearchUnavailable(_missing("its binary was not found"))


def _run_pagefind(source: Path, bundle: Path, count: int, language: str) -> None:
    """One Pagefind index of every document under ``source``, written to ``bundle``."""
    from pagefind.index import IndexConfig, PagefindIndex

    # One index for the whole archive in the site language: the search page then finds
    # articles written in other languages too (without their stemming).
    config = IndexConfig(force_language=language, write_playground=False, output_path=str(bundle))

    async def run() -> None:
        async with PagefindIndex(config=config) as index:  # writes the bundle on a clean exit
            result = await index.add_directory(str(source))
            if result.get("page_count") != count:
                raise SearchUnavailable(f"search: Pagefind indexed {result.get('page_count')} of {count} articles")

    failure: list[BaseException] = []

    def in_own_loop() -> None:
        try:
            asyncio.run(run())
        except BaseException as exc:  # noqa: BLE001 - handed over to the building thread
            failure.append(exc)

    # A thread of its own, so an event loop already running in this one (a dev server, a
    # test's browser) does not stop the build.
    worker = threading.Thread(target=in_own_loop, name="newsgen-pagefind")
    worker.start()
    worker.join()
    if failure:
        if isinstance(failure[0], SearchUnavailable):
            raise failure[0]
        # The service reports its errors as bare Exceptions.
        raise SearchUnavailable(f"search: Pagefind failed while indexing: {failure[0]}") from failure[0]


def missing_files(files: dict[str, bytes]) -> list[str]:
    """The files a Pagefind bundle refers to but does not hold (or holds empty)."""
    entry = f"{BUNDLE}/pagefind-entry.json"
    missing = [name for name in (f"{BUNDLE}/pagefind.js", entry) if not files.get(name)]
    if missing:
        return missing
    for language, info in json.loads(files[entry])["languages"].items():
        names = [f"{BUNDLE}/pagefind.{info['hash']}.pf_meta", f"{BUNDLE}/wasm.{info.get('wasm') or 'unknown'}.pagefind"]
        missing += [name for name in names if not files.get(name)]
        try:
            meta = _read_chunk(files[names[0]]) if files.get(names[0]) else None
        except (_UnknownFormat, OSError, EOFError, zlib.error):
            continue  # a format this check does not know: the files it can see are there
        if not (isinstance(meta, list) and len(meta) > 3):
            continue
        chunks = [f"fragment/{page[0]}.pf_fragment" for page in meta[1]]
        chunks += [f"index/{chunk[2]}.pf_index" for chunk in meta[2]]
        chunks += [f"filter/{chunk[1]}.pf_filter" for chunk in meta[3]]
        missing += [f"{BUNDLE}/{name}" for name in chunks if not files.get(f"{BUNDLE}/{name}")]
    return missing


def _missing(reason: str) -> str:
    return (
        f"search: Pagefind is not available: {reason}. Install it with "
        "`pip install 'pagefind[bin]>=1.3,<2'`, or turn search off with `search: false` in newsgen.yaml"
    )


def search_files(
    articles: Sequence[Article], settings: SearchSettings, jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, bytes]:
    """The whole search step: documents for every article, then the Pagefind bundle."""
    return index_files(search_documents(articles, settings, jobs, progress), settings)


# ------------------------------------------------------------------ byte-identical bundles
#
# Pagefind (1.5) writes its filter index from a hash map, so the order of the tag values,
# and with it the names of the filter chunks, the metadata file and pagefind-entry.json,
# changes from run to run (Pagefind#638: "filter/metadata indexes will still change").
# newsgen promises byte-identical builds, so these few files are rewritten in a canonical
# order. The rewrite first checks that it re-encodes Pagefind's own bytes exactly; a
# format it does not recognise is left as Pagefind wrote it.

_SIGNATURE = b"pagefind_dcd"


class _UnknownFormat(Exception):
    pass


def stable_bundle(files: dict[str, bytes]) -> dict[str, bytes]:
    """``files`` with the filter chunks and metadata in a canonical order and named by content."""
    try:
        return _stable_bundle(files)
    except (_UnknownFormat, KeyError, ValueError, TypeError, IndexError, OSError, EOFError, zlib.error):
        return files


def _stable_bundle(files: dict[str, bytes]) -> dict[str, bytes]:
    out = dict(files)
    entry_name = f"{BUNDLE}/pagefind-entry.json"
    entry_bytes = out[entry_name]
    for language, info in json.loads(entry_bytes)["languages"].items():
        old_meta = info["hash"]
        meta = _read_chunk(out.pop(f"{BUNDLE}/pagefind.{old_meta}.pf_meta"))
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
            raise _UnknownFormat("metadata")
        filters = []
        for pair in sorted(meta[3]):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                raise _UnknownFormat("filter list")
            name, chunk = pair
            data = _write_chunk(_canonical_filter(_read_chunk(out.pop(f"{BUNDLE}/filter/{chunk}.pf_filter")), name))
            chunk = f"{language}_{hashlib.sha256(data).hexdigest()[:7]}"
            out[f"{BUNDLE}/filter/{chunk}.pf_filter"] = data
            filters.append([name, chunk])
        meta[3] = filters
        data = _write_chunk(meta)
        new_meta = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        out[f"{BUNDLE}/pagefind.{new_meta}.pf_meta"] = data
        old, new = f'"{old_meta}"'.encode(), f'"{new_meta}"'.encode()
        if entry_bytes.count(old) != 1:
            raise _UnknownFormat("entry")
        entry_bytes = entry_bytes.replace(old, new)
    out[entry_name] = entry_bytes
    return out


def _canonical_filter(value: object, name: str) -> list:
    """A filter chunk, ``[name, [[value, [page, ...]], ...]]``, sorted by value and page."""
    if not (isinstance(value, list) and len(value) == 2 and value[0] == name and isinstance(value[1], list)):
        raise _UnknownFormat("filter chunk")
    for item in value[1]:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], list)
                and all(isinstance(page, int) for page in item[1])):
            raise _UnknownFormat("filter value")
    return [name, sorted([text, sorted(pages)] for text, pages in value[1])]


def _read_chunk(data: bytes) -> object:
    raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    if not raw.startswith(_SIGNATURE):
        raise _UnknownFormat("signature")
    body = raw[len(_SIGNATURE):]
    value, end = _cbor_decode(body, 0)
    if end != len(body) or _cbor_encode(value) != body:
        raise _UnknownFormat("does not re-encode to the same bytes")
    return value


def _write_chunk(value: object) -> bytes:
    return gzip.compress(_SIGNATURE + _cbor_encode(value), compresslevel=9, mtime=0)


def _cbor_decode(data: bytes, at: int) -> tuple[object, int]:
    """The subset of CBOR Pagefind's indexes use: integers, strings, arrays and maps."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        number = info
    elif info <= 27:
        size = 1 << (info - 24)
        number, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise _UnknownFormat(f"CBOR item {data[at - 1]:#x}")
    if major == 0:
        return number, at
    if major == 1:
        return -1 - number, at
    if major in (2, 3):
        chunk = data[at : at + number]
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), at + number
    if major == 4:
        items = []
        for _ in range(number):
            item, at = _cbor_decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(number):
            key, at = _cbor_decode(data, at)
            mapping[key], at = _cbor_decode(data, at)
        return mapping, at
    raise _UnknownFormat(f"CBOR major type {major}")


def _cbor_head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if number < 1 << (8 * size):
            return bytes([major << 5 | info]) + number.to_bytes(size, "big")
    raise _UnknownFormat("integer too large")


def _cbor_encode(value: object) -> bytes:
    if isinstance(value, bool) or value is None:
        raise _UnknownFormat("simple value")
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _cbor_head(3, len(encoded)) + encoded
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(item) for item in value)
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(_cbor_encode(k) + _cbor_encode(v) for k, v in value.items())
    raise _UnknownFormat(type(value).__name__)
