"""Pagefind, behind one handle: shards of documents in, one bundle of bytes out, memoised.

The archive is indexed as a few shards (index.py decides which articles go where),
each a Pagefind index of its own under ``/pagefind/<shard>/``; search.js merges them in
the browser. A shard's finished files are kept by a key of everything they depend on,
in this process and, given a folder, on disk, so a build indexes only the shards whose
documents changed.

Why shards rather than one index: Pagefind (1.5) spends four fifths of its time
gzipping every fragment and index chunk at the best level, one file after another on
one thread, and holds the whole index in memory (4 GiB at 10,000 articles). Shards are
indexed by separate ``pagefind`` processes, ``jobs`` at a time (fewer when memory is short:
pagefind_memory.py), so the build uses every core, peak memory is that of a few shards.

The command line is used rather than the Python API: the same work, without the
service's base64-over-a-pipe round trip, and a bundle that is complete when the
process exits (the API now and then returned before its last files were written).
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from newsgen.digests import StoredBytes, file_bytes
from newsgen.errors import BuildError
from newsgen.search.bundle_files import assemble, missing_shard_files
from newsgen.search.pagefind_memory import MemoryGate
from newsgen.search.pagefind_patch import EDITS, MEMBERS, Patch, members_record, patched_base
from newsgen.search.pagefind_stable import ENTRY, stable_bundle
from newsgen.search.stored_shard import SUMS, StoredShard, write_sums

_SHM = "/dev/shm"
_SHM_MOST = 256 << 20  # scratch bytes at most in /dev/shm: a few shards' documents
_DOCUMENT_BYTES = 64 << 10  # a search document and its share of Pagefind's output, generously
_PREFIX = "newsgen-search-"  # + PID: a scratch folder whose process is gone may be removed
# Pagefind's ready-made interfaces: search.js uses the search API (pagefind.js) only.
_UNUSED = re.compile(r"pagefind-(?:component-|modular-)?ui\.(?:js|css)|pagefind-highlight\.js")
_SPARE = 4  # memo entries kept beyond the current build's: undoing an edit is free too


class SearchUnavailable(BuildError):
    """Pagefind is missing or failed: the build stops rather than ship a site whose search is broken."""


@dataclass(frozen=True, slots=True)
class Shard:
    """One shard to put in the bundle: its finished files, or the documents to index.

    A patched shard (``patch``, pagefind_patch.py) is its base and its edits: ``files`` and
    ``documents`` are then the edits', ``members`` the changed articles."""

    name: str  # the folder under /pagefind/
    key: str  # a digest of everything its files depend on (documents, Pagefind, settings)
    files: Mapping[str, bytes] | None  # {path in the shard's folder: bytes}, when already known
    documents: tuple[tuple[str, str], ...] = ()  # (output-relative path, HTML) when files is None
    members: tuple[tuple[str, str, str], ...] = ()  # (article id, key, language) of each document, for its base record
    context: str = ""  # what else the documents depend on (pagefind_patch.plan_patch)
    patch: Patch | None = None

    @property
    def index_key(self) -> str:
        """The memo key of the index Pagefind makes for it (the edits', for a patched shard)."""
        return self.patch.edits_key if self.patch else self.key


# ------------------------------------------------------------------ memo


class ShardMemo:
    """Finished shard bundles by key: this process's last build, and a folder of zip files if given.

    An entry is found by its key or not at all, so a stale entry costs nothing but disk; one
    whose zip or list of signatures cannot be read is indexed again (stored_shard.py: its files
    are read later, only if the output lacks them; one damaged then stops the build).
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> Mapping[str, bytes] | None:
        files = _recent.get(key)
        if files is not None or self.folder is None:
            return files
        path = self.folder / f"{key}.zip"
        stored = StoredShard.open(path)  # its files checked when it was put (they came from _index)
        if stored is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # recently used: pruned last
        return stored

    def base(self, name: str) -> tuple[str, Mapping[str, bytes]] | None:
        """The last whole index of the shard ``name``: (its key, its files), if still kept."""
        key = _bases.get(name)
        if key is None and self.folder is not None:
            try:
                key = (self.folder / f"{name}.base").read_text(encoding="ascii").strip()
            except (OSError, ValueError):
                return None
        files = self.get(key) if key else None
        return (key, files) if files is not None and MEMBERS in files else None

    def set_base(self, name: str, key: str) -> None:
        _bases[name] = key
        if self.folder is None:
            return
        path = self.folder / f"{name}.base"
        try:
            if not path.exists() or path.read_text(encoding="ascii") != key:
                self.folder.mkdir(parents=True, exist_ok=True)
                temporary = self.folder / f".{name}.{os.getpid()}.tmp"
                temporary.write_text(key, encoding="ascii")
                os.replace(temporary, path)
        except (OSError, ValueError):
            pass  # only costs time next build

    def put(self, key: str, files: Mapping[str, bytes]) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_sums(self.folder / f"{key}.zip", files)
            temporary = self.folder / f".{key}.{os.getpid()}.tmp"
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_STORED) as archive:  # the chunks are gzip already
                for name in sorted(files):
                    archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), files[name])
            os.replace(temporary, self.folder / f"{key}.zip")
        except OSError:
            pass  # a memo that cannot be written only costs time next build

    def keep(self, keys: set[str], shards: dict[str, Mapping[str, bytes]]) -> None:
        """After a build: remember its shards in this process; on disk, drop all but them and a few spares."""
        _recent.clear()
        _recent.update(shards)
        if self.folder is None or not self.folder.is_dir():
            return
        _remove_abandoned(self.folder, pattern=".*.tmp", pid_at=-2)
        others = [path for path in self.folder.glob("*.zip") if path.stem not in keys]
        others.sort(key=lambda path: path.stat().st_mtime if path.exists() else 0, reverse=True)
        for path in others[_SPARE:]:
            path.unlink(missing_ok=True)
            path.with_suffix(SUMS).unlink(missing_ok=True)
        for path in self.folder.glob(f"*{SUMS}"):  # sums whose zip never came or is gone
            if not path.with_suffix(".zip").exists():
                path.unlink(missing_ok=True)
        for path in self.folder.glob("*.base"):  # a base whose index is gone
            try:
                if not (self.folder / f"{path.read_text(encoding='ascii').strip()}.zip").exists():
                    path.unlink(missing_ok=True)
            except (OSError, ValueError):
                path.unlink(missing_ok=True)


# This process's last build, {key: files}: a dev server rebuilding after a template
# edit, or a build without a memo folder, skips Pagefind for shards that did not change.
_recent: dict[str, Mapping[str, bytes]] = {}
_bases: dict[str, str] = {}  # shard name -> the key of its last whole index, in this process


# ------------------------------------------------------------------ the index, started


class PendingIndex:
    """A sharded Pagefind index being built in the background; ``files()`` waits for it."""

    def __init__(self, shards: Sequence[Shard], language: str, jobs: int = 1, memo: ShardMemo | None = None,
                 fill: Callable[[list[Shard]], Iterable[Shard]] = iter) -> None:
        """``shards`` in search order (oldest articles first); ``language``: the index's ISO 639-1 code;
        ``fill`` gives the shards to index (those without files), in order, with their documents."""
        _require_pagefind()
        self._shards = list(shards)
        self._language = language
        self._memo = memo or ShardMemo(None)
        self._files: dict[str, bytes | StoredBytes] = {}
        self._failure: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._abandoned = False
        todo = [shard for shard in self._shards if shard.files is None]
        if not todo:
            self._finish({})
            return
        scratch = _scratch(todo)
        _remove_abandoned(Path(scratch or tempfile.gettempdir()))
        self._workdir = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-", dir=scratch))
        atexit.register(self._cleanup)  # also when the build fails before files() is called
        # Written, a shard needs its documents' paths only: letting the texts go keeps the build's
        # memory that of the documents ``fill`` makes at a time, not the archive's.
        written: list[Shard] = []
        try:
            for number, shard in enumerate(fill(todo)):
                _write_documents(shard.documents, self._workdir / str(number) / "documents")
                written.append(_without_texts(shard))
        except BaseException:
            self._cleanup()
            raise
        replaced = iter(written)  # ``fill`` keeps the order it is given
        self._shards = [next(replaced) if shard.files is None else shard for shard in self._shards]
        todo = written
        # A thread of its own: the build renders meanwhile; Pagefind runs in processes.
        self._thread = threading.Thread(target=self._run, args=(todo, max(1, jobs)), name="newsgen-pagefind",
                                        daemon=True)
        self._thread.start()

    def files(self) -> dict[str, bytes]:
        """The bundle, ``{"pagefind/...": bytes}``; raises SearchUnavailable if indexing failed."""
        return {path: file_bytes(data) for path, data in self.output_files().items()}

    def output_files(self) -> dict[str, bytes | StoredBytes]:
        """``files()``, with the files of shards kept in the cache unread (the output may hold them)."""
        if self._thread is not None:
            self._thread.join()
        if isinstance(self._failure, (SearchUnavailable, OSError)):
            raise self._failure
        if self._failure is not None:
            raise SearchUnavailable(f"search: Pagefind failed while indexing: {self._failure}") from self._failure
        return self._files

    def abandon(self) -> None:
        """The build failed: no further shard is indexed, and nothing is remembered (the dev server
        may be running the next build by the time the shard at hand is done)."""
        self._abandoned = True

    def _run(self, todo: list[Shard], jobs: int) -> None:
        try:
            # Largest first, so the last process to finish is a small one.
            order = sorted(range(len(todo)), key=lambda i: -len(todo[i].documents))
            gate = MemoryGate.for_this_machine()
            with ThreadPoolExecutor(jobs, thread_name_prefix="newsgen-pagefind") as pool:
                done = dict(zip(order, pool.map(lambda i: self._indexed_within(gate, todo[i], i), order)))
            if not self._abandoned:
                self._finish({todo[i].index_key: files for i, files in done.items()})
        except BaseException as exc:  # noqa: BLE001 - handed over to the building thread in files()
            self._failure = exc
        finally:
            self._cleanup()
            atexit.unregister(self._cleanup)

    def _indexed_within(self, gate: MemoryGate, shard: Shard, number: int) -> dict[str, bytes] | None:
        with gate.holding(len(shard.documents)):
            return None if self._abandoned else self._indexed(shard, number)

    def _indexed(self, shard: Shard, number: int) -> dict[str, bytes]:
        """Pagefind over one shard's documents, with the record that makes the index a base;
        the shard's scratch files go as soon as it is done (they may be in memory: /dev/shm)."""
        try:
            files = _index(self._workdir / str(number), len(shard.documents), self._language, shard.index_key)
        finally:
            shutil.rmtree(self._workdir / str(number), ignore_errors=True)
        return {**files, MEMBERS: members_record(shard.context, shard.members, [d[0] for d in shard.documents], files)}

    def _finish(self, made: dict[str, dict[str, bytes]]) -> None:
        for key, files in made.items():
            self._memo.put(key, files)
        bundles, kept = [], {}
        for shard in self._shards:
            files = shard.files if shard.files is not None else made[shard.index_key]
            kept[shard.index_key] = files
            if shard.patch is None:
                bundles.append((shard.name, files))
                self._memo.set_base(shard.name, shard.key)
            else:
                bundles += [(shard.name, patched_base(shard.patch, files)), (shard.name + EDITS, files)]
                kept[shard.patch.base_key] = shard.patch.base
        self._files = assemble(bundles, [shard.name for shard in self._shards])
        self._memo.keep(set(kept), kept)

    def _cleanup(self) -> None:
        if hasattr(self, "_workdir"):
            shutil.rmtree(self._workdir, ignore_errors=True)


def _without_texts(shard: Shard) -> Shard:
    """The shard once its documents are on disk: their paths, with empty texts."""
    return dataclasses.replace(shard, documents=tuple((path, "") for path, _ in shard.documents))


def _scratch(shards: Sequence[Shard]) -> str | None:
    """Memory-backed /dev/shm when the documents are few (they are written, read and deleted
    once); else the usual temporary folder, as a large archive's documents would hold gigabytes
    of memory until indexed. A TMPDIR set by the user is respected."""
    if os.environ.get("TMPDIR"):
        return None
    need = sum(_DOCUMENT_BYTES * len(shard.members) for shard in shards) + (64 << 20)
    try:
        if need <= _SHM_MOST and os.access(_SHM, os.W_OK) and shutil.disk_usage(_SHM).free > need:
            return _SHM
    except OSError:
        pass
    return None


def _remove_abandoned(folder: Path, pattern: str = f"{_PREFIX}*-*", pid_at: int = 0) -> None:
    """Scratch files of builds whose process is gone (killed mid-build): ours by name and PID.

    ``pid_at``: which dot- or dash-separated part of the name after the prefix is the PID."""
    for candidate in folder.glob(pattern):
        if candidate.is_symlink():
            continue
        if pid_at == 0:
            if not candidate.is_dir():
                continue
            pid = candidate.name.removeprefix(_PREFIX).split("-", 1)[0]
        else:
            pid = candidate.name.split(".")[pid_at]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            if candidate.is_dir():
                shutil.rmtree(candidate, ignore_errors=True)
            else:
                candidate.unlink(missing_ok=True)
        except OSError:
            pass  # alive, or not ours to ask about


def _write_documents(documents: Iterable[tuple[str, str]], folder: Path) -> int:
    folder.mkdir(parents=True)
    count = 0
    for path, html in documents:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        count += 1
    return count


def _index(workdir: Path, count: int, language: str, key: str = "") -> dict[str, bytes]:
    """Pagefind over ``workdir/documents``: the shard's files, checked, made byte-stable, pages named by ``key``."""
    missing: list[str] = []
    for attempt in (1, 2):  # an incomplete bundle is indexed once more before the build gives up
        bundle = workdir / f"bundle-{attempt}"
        _run_pagefind(workdir / "documents", bundle, language)
        files = {
            path.relative_to(bundle).as_posix(): path.read_bytes()
            for path in sorted(bundle.rglob("*"))
            if path.is_file() and not _UNUSED.fullmatch(path.name)
        }
        missing = missing_shard_files(files)
        if not missing:
            pages = sum(info.get("page_count", 0) for info in json.loads(files[ENTRY])["languages"].values())
            if pages != count:
                raise SearchUnavailable(f"search: Pagefind indexed {pages} of {count} articles")
            return stable_bundle(files, key)
    raise SearchUnavailable(
        f"search: Pagefind wrote an incomplete index twice (missing {', '.join(missing[:3])}); nothing was written"
    )


def _run_pagefind(source: Path, bundle: Path, language: str) -> None:
    """One ``pagefind`` process: every document under ``source`` into ``bundle``.

    One index in the site language: the search page then finds articles written in
    other languages too (without their stemming). A site in several languages (``language``
    "") has one per language, each document in its <html lang>'s, which that language's search
    page reads. It runs in the scratch folder with no PAGEFIND_ variables, so no pagefind.yml or
    environment of the user's applies.
    """
    from pagefind.service import get_executable

    forced = ["--force-language", language] if language else []
    command = [str(get_executable()), "--site", str(source), "--output-path", str(bundle), *forced, "--quiet"]
    environment = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND")}
    try:
        done = subprocess.run(command, cwd=source.parent, env=environment, capture_output=True, check=False)
    except OSError as exc:
        raise SearchUnavailable(_missing(f"its binary could not be run ({exc})")) from exc
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()[-3:]
        raise SearchUnavailable(f"search: Pagefind failed (exit {done.returncode}): {' / '.join(tail)}")


def _require_pagefind() -> None:
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise SearchUnavailable(_missing(f"the Python package is not installed ({exc})")) from exc
    if get_executable() is None:
        raise SearchUnavailable(_missing("its binary was not found"))


def _missing(reason: str) -> str:
    return (
        f"search: Pagefind is not available: {reason}. Install it with "
        "`pip install 'pagefind[bin]>=1.3,<2'`, or turn search off with `search: false` in newsgen.yaml"
    )
