"""The memo: everything a build remembers about one output, behind one object.

A build is a function of its sources, settings and templates; the memo only saves
computing parts of it again. Every entry is kept under a key made of what went into
it, so an entry that does not match is computed again: a stale memo costs time, never
a wrong page. The stages that memoise are handed the memo (or the part of it they use:
``pictures``, ``search_folder``) and compute everything when they are given none; only
this module decides what is kept, where, and when it is forgotten.

What it keeps, in the output's cache folder (cache_folder.py):
- ``cache.sqlite`` (memo_tables.py): each source file's derived articles with their bodies
  apart (bodies.py), the output's manifest, the last build's page groups, list cards,
  compiled templates, pure steps' values (the catalog's rankings), and the last build's
  fingerprint, counts and problems;
- ``cache.images/``: narrower copies of pictures, by the digest of the original and width;
- ``search/``: the search shards' finished indexes (search/pagefind_bundle.ShardMemo).
"""

from __future__ import annotations

import datetime
import errno
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from newsgen.build.bodies import BodyReader
from newsgen.build.memo_tables import BuildCache, cache_path_for, payload, unpayload
from newsgen.errors import Diagnostic

T = TypeVar("T")

# A file changed less than this long ago may change again within the same
# timestamp tick; its signature is not trusted (git's "racy clean" problem).
RACY_SECONDS = 2.0
PICTURES_STEP = "pictures"  # each picture's measurements, by path and file signature
TEMPLATES_STEP = "templates"  # the compiled templates, under the Jinja version


def file_signature(path: str | os.PathLike[str]) -> str | None:
    """What a file looks like without reading it: size, inode and change times; None if unknown.

    ctime changes on every write and cannot be set by tools, so an unchanged
    signature means unchanged bytes (the same trust git's index places in it).
    A file modified in the last two seconds has no signature: it is always read.
    """
    try:
        info = os.stat(path)
    except OSError:
        return None
    return _signature(info, time.time_ns())


def file_signatures(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[str, str | None]]:
    """(path, ``file_signature``) of each file that exists, one stat call each; a missing file is left out."""
    now = time.time_ns()
    signatures = []
    for path in map(os.fspath, paths):
        try:
            info = os.stat(path)
        except OSError as exc:
            if exc.errno not in _NOT_THERE:
                signatures.append((path, None))
            continue
        signatures.append((path, _signature(info, now)))
    return signatures


_NOT_THERE = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # what Path.exists() takes for "no such file"


def _signature(info: os.stat_result, now_ns: int) -> str | None:
    if now_ns - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_SECONDS * 1e9:
        return None
    return f"{info.st_size}:{info.st_ino}:{info.st_mtime_ns}:{info.st_ctime_ns}"


@dataclass(frozen=True, slots=True)
class LastBuild:
    """What the build that wrote the output reported: its counts and its problems."""

    counts: dict[str, object]
    diagnostics: list[Diagnostic]


@dataclass(frozen=True, slots=True)
class BuildRecord:
    """What a published build leaves for the next one."""

    build_id: str  # the output's, as its marker names it
    manifest: dict[str, str]  # {output path: signature} of every file of the output
    previous: dict[str, str]  # the manifest this build started from (``previous_output``)
    sources: set[str]  # the paths of every source file found: the others are forgotten
    page_groups: dict[str, tuple]  # the groups planned this time, by key (page_memo.py)
    kept_groups: set[str]  # the keys of every group of this build
    counts: dict[str, object]  # for the summary line of a build with nothing to do
    diagnostics: list[Diagnostic]
    fingerprint: str  # of everything the build read ("" when a file was too fresh to tell)
    valid_from: datetime.datetime  # the build's clock
    valid_until: datetime.datetime  # when the clock alone would change the site
    cards_salt: str = ""  # the settings and templates the list cards were made under
    cards_added: Iterable[tuple[str, bytes]] = ()  # {card key: UTF-8 HTML} made this time
    cards_gone: list[str] = field(default_factory=list)  # kept cards of views that changed or left
    templates: tuple[str, object] | None = None  # (version, compiled templates), when this build compiled more


class PictureMemo:
    """Pictures' measurements (by path and file signature) and their narrower copies (by name)."""

    def __init__(self, tables: BuildCache, folder: Path) -> None:
        self._tables, self.folder = tables, folder
        self._known: dict[str, tuple[str | None, object]] | None = None
        self._seen: dict[str, str | None] = {}  # path -> its signature before it was read

    def measured(self, path: Path) -> object | None:
        """The measurements kept for the file ``path``, when it has not changed since."""
        if self._known is None:
            self._known = self._tables.remembered(PICTURES_STEP, "files") or {}  # type: ignore[assignment]
        signature = self._seen[str(path)] = file_signature(path)
        kept = self._known.get(str(path))  # type: ignore[union-attr]
        return kept[1] if signature is not None and kept is not None and kept[0] == signature else None

    def remember_measured(self, measured: Mapping[str, object]) -> None:
        """Keep the measurements of this build's pictures (``measured`` asked for each, first)."""
        entries = {path: (self._seen.get(path), facts) for path, facts in measured.items()}
        known = self._known or {}
        if {path: entry[0] for path, entry in entries.items()} != {path: entry[0] for path, entry in known.items()}:
            self._tables.remember(PICTURES_STEP, "files", entries)

    def copy(self, name: str) -> bytes | None:
        """The copy kept under ``name`` (may run in a worker process: files only)."""
        try:
            return (self.folder / name).read_bytes()
        except OSError:
            return None

    def keep_copy(self, name: str, data: bytes) -> None:
        """Keep a copy, whole or not at all: a killed build leaves no half picture."""
        kept = self.folder / name
        kept.parent.mkdir(parents=True, exist_ok=True)
        partial = kept.with_suffix(".partial")
        partial.write_bytes(data)
        partial.replace(kept)


class Memo:
    """What builds of one output remember, in its cache folder; connected on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.tables = BuildCache(cache_path_for(folder))

    @property
    def bodies_file(self) -> Path:
        """Where the articles' bodies wait, out of memory (bodies.py)."""
        return self.tables.path

    @property
    def bodies(self) -> BodyReader:
        """Reads the bodies the memo keeps out of memory (a build's articles refer to them)."""
        return BodyReader(self.bodies_file)

    @property
    def search_folder(self) -> Path:
        """The search shards' finished indexes (search/pagefind_bundle.ShardMemo)."""
        return self.folder / "search"

    @property
    def pictures(self) -> PictureMemo:
        return PictureMemo(self.tables, self.tables.path.with_suffix(".images"))

    def close(self) -> None:
        self.tables.close()

    # The build as a whole ---------------------------------------------------------------
    def output_is_current(self, fingerprint: str | None, now: datetime.datetime, build_id: str | None) -> bool:
        """True when the output (``build_id``) was written from sources of this very ``fingerprint``, and
        the clock is still between that build's and the next moment it would publish differently."""
        meta = self.tables.get_meta
        valid_from, valid_until = meta("valid_from"), meta("valid_until")
        return (
            fingerprint is not None
            and meta("fingerprint") == fingerprint
            and valid_from is not None and valid_until is not None
            and datetime.datetime.fromisoformat(valid_from) <= now < datetime.datetime.fromisoformat(valid_until)
            and build_id is not None and meta("build_id") == build_id
        )

    def last_build(self) -> LastBuild:
        counts = json.loads(self.tables.get_meta("counts") or "{}")
        problems = self.tables.get_meta("diagnostics")
        return LastBuild(counts, unpayload(bytes.fromhex(problems)) if problems else [])  # type: ignore[arg-type]

    def has_built(self) -> bool:
        """Whether a build has been remembered here (one with nothing new to derive is likely)."""
        return self.tables.get_meta("build_id") is not None

    def previous_output(self, build_id: str | None) -> tuple[dict[str, str], dict[str, tuple]]:
        """The output's manifest {output path: signature} and the page groups it was planned in,
        when the memo describes this very output (``build_id``); else nothing."""
        manifest = self.tables.manifest(build_id)
        return manifest, self.tables.page_groups() if manifest else {}

    def remember_build(self, record: BuildRecord) -> None:
        """Keep what a published build leaves for the next; forget what it no longer has."""
        tables = self.tables
        tables.forget_sources(record.sources)
        tables.store_manifest(record.build_id, record.manifest, record.previous)
        tables.store_page_groups(record.page_groups, keep=record.kept_groups)
        if record.cards_salt:
            tables.store_cards(record.cards_salt, record.cards_added, record.cards_gone)
        if record.templates is not None:
            tables.remember(TEMPLATES_STEP, *record.templates)
        tables.set_meta({
            "fingerprint": record.fingerprint, "counts": json.dumps(record.counts),
            "diagnostics": payload(record.diagnostics).hex(),
            "valid_from": record.valid_from.isoformat(), "valid_until": record.valid_until.isoformat(),
        })

    # Parts of a build -------------------------------------------------------------------
    def recall(self, step: str, key: str, compute: Callable[[], T]) -> T:
        """A pure step's value: the one kept for ``key`` (its inputs' digest), else computed and kept."""
        return self.tables.recall(step, key, compute)

    def sources(self, derivation_digest: str) -> dict[str, tuple[str, bytes]]:
        """{path: (file key, payload)} of the source files derived with these settings (collect.py)."""
        return self.tables.load_sources(derivation_digest)

    def store_sources(self, derivation_digest: str, entries: Iterable[tuple[str, str, bytes, bytes | None]],
                      rekeyed: Iterable[tuple[str, str, bytes]] = ()) -> None:
        self.tables.store_sources(derivation_digest, entries, rekeyed)

    def cards(self, salt: str, shown: int, articles: int) -> dict[str, bytes]:
        """The list cards kept under ``salt``, when worth reading for pages that show up to ``shown``
        cards of ``articles`` (``cards_worth_reading``)."""
        return self.tables.cards(salt) if cards_worth_reading(shown, articles, self.tables.card_count()) else {}

    def compiled_templates(self, version: str) -> object | None:
        """The compiled templates kept for ``version`` (of Jinja and newsgen)."""
        return self.tables.remembered(TEMPLATES_STEP, version)


def cards_worth_reading(shown: int, articles: int, kept: int) -> bool:
    """Whether to read the ``kept`` list cards for pages that show up to ``shown`` cards of ``articles``:
    reading them all costs what making a twentieth of them does. Edits leave their articles' old cards
    behind, and a build that reads the cards forgets those: when they are many, one build does."""
    return shown * 10 >= articles or kept > 2 * articles + 1000


def open_memo(folder: Path, enabled: bool = True) -> Memo | None:
    """The memo kept in ``folder`` (an output's cache folder), or None when disabled."""
    if not enabled:
        return None
    try:
        return Memo(folder)
    except (sqlite3.Error, OSError):
        return None
