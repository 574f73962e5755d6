"""Collect the site's articles: read, parse and derive each source file, memoised per file.

A file whose signature (size, inode, change times) and derivation settings
match the cache is not read again; the rest are parsed and derived in worker
processes. Problems are collected, never raised.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
import threading
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newsgen.build.bodies import BodyReader, pack_bodies, rekey_bodies, stored
from newsgen.build.memo import Memo, file_signature, payload, unpayload
from newsgen.build.workers import PARALLEL_THRESHOLD, parallel_iter, warm_process
from newsgen.digests import bytes_digest, digest
from newsgen.errors import ERROR, WARNING, Diagnostic, Diagnostics
from newsgen.records import Article, Derivation
from newsgen.site.config import SiteConfig
from newsgen.site.ledger import Entry
from newsgen.site.placing import FileArticle, Ledger, place_site
from newsgen.sources import SourceFile, discover_sources, parse_source
from newsgen.sources.discover import read_sidecar, read_source
from newsgen.sources.foreign import detect_layout
from newsgen.sources.sidecar import sidecar_path
from newsgen.sources.sourcesite import old_permalinks, read_source_site
from newsgen.urls.permalinks import Permalink

FileResult = tuple[list[Article], list[Diagnostic]]
STORE_BATCH = 256  # files derived and stored at a time: their bodies leave memory as they are written


@dataclass(frozen=True, slots=True)
class LoadedSite:
    """The site's articles, and a stamp per article id that changes whenever the article does."""

    articles: list[Article]
    stamps: dict[str, str]  # article id -> its file's digest and path, the settings and its placement, as text
    urls: list[Entry] | None = None  # the URL ledger after this build (placing.place_site); None without one
    drafts: int = 0  # drafts left out (not built with --drafts)


def load_articles(config: SiteConfig, **options) -> list[Article]:  # noqa: ANN003 - as load_site
    """Every publishable article of the site (``load_site`` without the stamps)."""
    return load_site(config, **options).articles


def load_site(
    config: SiteConfig,
    *,
    drafts: bool,
    diagnostics: Diagnostics,
    jobs: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
    memo: Memo | None = None,
    remember: bool = True,
    sources: list[SourceFile] | None = None,
    signatures: Mapping[str, str | None] | None = None,
    ledger: Ledger | None = None,
) -> LoadedSite:
    """Every publishable article of the site, slugs unique, problems collected in ``diagnostics``.

    With ``remember`` off the memo is only read (a --strict build writes nothing before it passes).
    ``sources`` saves a second walk of the folders when the caller has already discovered them,
    ``signatures`` (path -> memo.file_signature) a second stat of every file. With the site's URL
    ``ledger`` articles keep the URLs they were first published under (site/placing.py).
    """
    if sources is None:
        sources = discover_sources(config.seeds_dir, config.content_dir)
    derivation = Derivation(config.language, config.slug_style, config.max_tags, config.raw_html, config.derive_tags,
                            config.languages)
    derivation_digest = digest(derivation, config.timezone)
    apart = memo is not None and remember  # bodies wait in the memo, out of memory
    shared = (derivation, zoneinfo.ZoneInfo(config.timezone), apart, derivation_digest)
    report = (lambda done, total: progress("load", done, total)) if progress else None
    writer = memo if remember else None
    with _warm_deriver(memo, jobs, derivation) as warm:
        known = memo.sources(derivation_digest) if memo else {}
        keys, hits, todo = _look_up(sources, signatures, known)
        derivations = _start_deriving(todo, shared, jobs, report, warm)
        results: dict[str, FileResult] = {path: unpayload(hit) for path, hit in hits.items()}  # type: ignore[misc]
        fresh, derived = _take_derived(todo, derivations, results, keys, writer, derivation_digest, known,
                                       memo.bodies if memo else None)
    if writer is not None:
        _remember(writer, derivation_digest, fresh, known, keys, results, derived)
    old = old_permalinks(read_source_site(detect_layout(config.content_dir)))  # imported archives: their URLs
    return _placed(sources, results, keys, derivation_digest, drafts, diagnostics, config.permalink, old, ledger)


def _look_up(sources: list[SourceFile], signatures: Mapping[str, str | None] | None,
             known: Mapping[str, tuple[str, bytes]]) -> tuple[dict[str, str], dict[str, bytes], list[SourceFile]]:
    """Each file's cache key ("signature#content digest"), the cached results that still hold
    (payloads, by path), and the files to derive."""
    keys: dict[str, str] = {}
    hits: dict[str, bytes] = {}
    todo: list[SourceFile] = []
    for source in sources:
        path = str(source.path)
        keys[path], hit = _cache_lookup(source, source_signature(source, signatures), known.get(path))
        if hit is not None:
            hits[path] = hit
        else:
            todo.append(source)
    return keys, hits, todo


def _start_deriving(todo: list[SourceFile], shared: tuple, jobs: int, report: Callable[[int, int], None] | None,
                    warm: Any) -> Iterable[tuple[bytes, bytes | None, str]]:
    """``_load_packed``'s result for each file of ``todo``, in order. A few edited files go to the
    warm process at once, to be derived while the cached ones are unpickled; many go to the workers."""
    if warm is not None and len(todo) < PARALLEL_THRESHOLD:
        return warm.imap(functools.partial(_load_packed, shared), todo)
    if warm is not None:
        warm.terminate()  # the workers take them, and this core
    return parallel_iter(_load_packed, shared, todo, jobs, report)


def _take_derived(
    todo: list[SourceFile], derivations: Iterable[tuple[bytes, bytes | None, str]], results: dict[str, FileResult],
    keys: dict[str, str], memo: Memo | None, derivation_digest: str, known: Mapping[str, tuple[str, bytes]],
    reader: BodyReader | None = None,
) -> tuple[list[tuple[str, str, bytes, bytes | None]], set[str]]:
    """Each derived file's result into ``results`` and its key into ``keys``; with a ``memo``, results
    stored as they come, in batches, so bodies do not pile up here. Returns the last batch and the paths.

    A file that now has errors keeps the articles it had in the last build (``known``, their text
    read by ``reader``, as the row that holds it is about to be rewritten) that it lost.
    """
    fresh: list[tuple[str, str, bytes, bytes | None]] = []
    derived: set[str] = set()
    for source, (packed, bodies, key) in zip(todo, derivations, strict=True):
        path = str(source.path)
        result: FileResult = unpayload(packed)  # type: ignore[assignment]
        if path in known and any(problem.severity == ERROR for problem in result[1]):
            articles, problems = unpayload(known[path][1])  # type: ignore[misc]
            kept = last_good(result, (reader.articles(articles) if reader else articles, problems))
            if kept is not result:
                result, packed = kept, payload(kept)
        results[path], keys[path] = result, key
        if key and memo is not None:  # an unreadable file is not remembered
            fresh.append((path, key, packed, bodies))
            derived.add(path)
            if len(fresh) >= STORE_BATCH:
                memo.store_sources(derivation_digest, fresh)
                fresh.clear()
    return fresh, derived


def last_good(now: FileResult, before: FileResult) -> FileResult:
    """A file's result with the articles it published ``before`` and lost to an error put back, as they were.

    A typo in a published article must not unpublish it: until the file loads again, the article
    stays as it was last built (its text held here, as the row that held it is about to be
    rewritten), with a warning; articles never published are left out, as before.
    """
    articles, problems = now
    merged = _with_lost(before[0], articles, [problem for problem in problems if problem.severity == ERROR])
    if merged is articles:
        return now
    present = {id(article) for article in articles}
    notes = [Diagnostic(article.source_path, None, None, f"the article {article.id} stays published as it was "
                        "last built, until the error in this file is corrected", WARNING)
             for article in merged if id(article) not in present]
    return merged, [*problems, *notes]


def _remember(memo: Memo, derivation_digest: str, fresh: list[tuple[str, str, bytes, bytes | None]],
              known: Mapping[str, tuple[str, bytes]], keys: Mapping[str, str], results: dict[str, FileResult],
              derived: set[str]) -> None:
    """The last batch, and files whose bytes stayed under a new signature (touched: their bodies follow
    the new key, in ``results`` too). Files no longer there are forgotten once the build is published."""
    rekeyed = []
    for path, key in keys.items():
        if key and path in known and known[path][0] != key and path not in derived:
            found, problems = results[path]
            results[path] = (rekey_bodies(found, key), problems)
            rekeyed.append((path, key, payload(results[path])))
    memo.store_sources(derivation_digest, fresh, rekeyed=rekeyed)


def _placed(sources: list[SourceFile], results: Mapping[str, FileResult], keys: Mapping[str, str], derivation_digest: str,
            drafts: bool, diagnostics: Diagnostics, permalink: str | None,
            old: Callable[[Article], Permalink | None] | None, ledger: Ledger | None) -> LoadedSite:
    """The publishable articles in source order, their URLs placed, each with its stamp."""
    found: list[FileArticle] = []
    file_stamps: list[str] = []
    unread: set[str] = set()  # files with errors: their URLs in the ledger stay as they are
    left_out = 0
    for source in sources:
        path = str(source.path)
        articles, problems = results[path]
        for problem in problems:
            diagnostics.add(problem)
            if problem.severity == ERROR:
                unread.add(path)
        content = keys[path].partition("#")[2]  # derivation is a pure function of the bytes, path and settings
        for number, article in enumerate(articles):
            shown = drafts or not article.draft
            if shown:
                file_stamps.append(f"{content}:{path}:{number}")
            if shown or ledger is not None:
                found.append(FileArticle(article, number + 1, shown))
            if not shown:
                left_out += 1
    placing = place_site(found, permalink, ledger, unread, old)  # URLs: recorded, unique, numbered, warned
    placed = placing.articles
    for problem in placing.problems:
        diagnostics.add(problem)
    # Placing can renumber a slug or drop an alias: that is part of the stamp. Stamps are only ever
    # hashed again (into views' keys, search shards' keys), so they stay plain text: a digest of
    # each cost more than the rest of the stamp (bench/README.md).
    stamps = {
        article.id: f"{derivation_digest}\0{stamp}\0{article.id}\0{article.route}\0{article.placement.aliases!r}"
        for stamp, article in zip(file_stamps, placed, strict=True)
    }
    return LoadedSite(placed, stamps, placing.urls, left_out)


def _with_lost(before: list[Article], now: list[Article], errors: list[Diagnostic]) -> list[Article]:
    """``now`` with the articles of ``before`` that the file's errors took from it put back (holding
    their text, as the memo's row that held it is about to be rewritten); ``now`` itself when none
    was lost.

    When every error stands where an article stood (a file of several articles, one of them
    broken), the articles in the errors' places go back to those places, whatever the others'
    edits did to their ids, so the URL ledger finds each at its number in the file; otherwise
    every article whose id is gone is put back after the others.
    """
    present = {article.id for article in now}
    if len(now) + len(errors) == len(before):
        places = sorted([(article.source_line, index) for index, article in enumerate(now)]
                        + [(error.line or 0, -1) for error in errors])
        merged = [now[index] if index >= 0 else old for old, (_, index) in zip(before, places, strict=True)
                  if index >= 0 or old.id not in present]
    else:
        merged = [*now, *(old for old in before if old.id not in present)]
    return now if len(merged) == len(now) else merged


def _warm_deriver(memo: Memo | None, jobs: int, derivation: Derivation) -> contextlib.AbstractContextManager:
    """A process that loads what deriving takes (the dictionaries) while this one loads the cached
    articles, for a rebuild, where a few edited files are derived; None for a first build, and in
    the dev server: its process has other threads (forking one may copy a lock another thread holds),
    and after its first build it has the dictionaries loaded anyway."""
    if jobs <= 1 or memo is None or threading.active_count() > 1 or not memo.has_built():
        return contextlib.nullcontext()
    return warm_process(functools.partial(_warm_up, derivation))


def _warm_up(derivation: Derivation) -> None:
    from newsgen.sources.articles import warm_up  # noqa: PLC0415 - imported by the process that derives, as below

    warm_up(derivation)


def _cache_lookup(source: SourceFile, signature: str | None, known: tuple[str, bytes] | None
                  ) -> tuple[str, bytes | None]:
    """(the file's cache key, its cached result's payload or None).

    A matching signature (size, inode, times) is enough; otherwise the bytes are
    read and a matching content digest still counts, so a file touched or
    freshly copied is not derived again. A file the cache does not know is not
    read here: its key ends at "#", and the worker that derives it adds the digest.
    """
    if known is None:
        return _cache_key(signature, ""), None
    stored_signature, _, stored_digest = known[0].partition("#")
    if signature is not None and stored_signature == signature:
        return known[0], known[1]
    data = read_source(source)  # a FIFO or a device is not read (it could block): the loader reports it
    if isinstance(data, Diagnostic):
        return "", None
    content = _content_digest(data, read_sidecar(source))
    key = _cache_key(signature, content)
    if stored_digest == content:
        return key, known[1]
    return key, None


def source_signature(source: SourceFile, signatures: Mapping[str, str | None] | None = None) -> str | None:
    """``file_signature`` of a source, joined for a seed by its sidecar's: editing the sidecar changes it.

    ``signatures`` (from the builder) holds every file that exists; a sidecar not in it is not there.
    """
    path = str(source.path)
    signature = signatures[path] if signatures is not None and path in signatures else file_signature(path)
    if source.source_format != "seed" or signature is None:
        return signature
    sidecar = str(sidecar_path(source.path))
    if signatures is not None:
        if sidecar not in signatures:
            return signature
        extra = signatures[sidecar]
    else:
        extra = file_signature(sidecar) if os.path.lexists(sidecar) else ""
    if extra is None:
        return None  # too fresh to trust: read it
    return f"{signature}+{extra}" if extra else signature


def _content_digest(data: bytes, sidecar: bytes | None) -> str:
    """A source's bytes, and its sidecar's: what its derivation is a function of."""
    return bytes_digest(data if sidecar is None else data + b"\0sidecar\0" + sidecar)


def _cache_key(signature: str | None, content: str) -> str:
    """What the cache knows a file by: "signature#content digest" (no signature: "-", a digest to come: "")."""
    return f"{signature or '-'}#{content}"


def load_file(shared: tuple[Derivation, datetime.tzinfo], source: SourceFile) -> FileResult:
    """Read, parse and derive one file (may run in a worker process)."""
    data = read_source(source)
    if isinstance(data, Diagnostic):
        return [], [data]
    return _derive(shared, source, data, read_sidecar(source))


def _load_packed(
    shared: tuple[Derivation, datetime.tzinfo, bool, str], source: SourceFile,
) -> tuple[bytes, bytes | None, str]:
    """``load_file`` in a worker, for the cache: (the result pickled, its bodies pickled, the file's cache key).

    With ``apart`` the result's articles refer to their bodies in the memo instead
    of holding them; the key is "" for a file that could not be read.
    """
    derivation, default_tz, apart, derivation_digest = shared
    signature = source_signature(source)  # before reading: a later change then shows in the next signature
    data = read_source(source)
    if isinstance(data, Diagnostic):
        return payload(([], [data])), None, ""
    sidecar = read_sidecar(source)
    key = _cache_key(signature, _content_digest(data, sidecar))
    articles, problems = _derive((derivation, default_tz), source, data, sidecar)
    if not apart:
        return payload((articles, problems)), None, key
    return payload((stored(articles, str(source.path), key, derivation_digest), problems)), pack_bodies(articles), key


def _derive(shared: tuple[Derivation, datetime.tzinfo], source: SourceFile, data: bytes,
            sidecar: bytes | None = None) -> FileResult:
    # Deriving's modules (Markdown, the language layer) are imported where files are derived:
    # a rebuild derives its few edited files in a warm worker, and this process never needs them.
    from newsgen.sources.articles import article_language, derive_article  # noqa: PLC0415

    derivation, default_tz = shared
    parsed, problems = parse_source(source, data, default_tz, sidecar)
    articles = []
    for item in parsed:
        lang, note = article_language(item, derivation)
        articles.append(derive_article(item, derivation, lang))
        problems += [note] if note else []
    return articles, problems

