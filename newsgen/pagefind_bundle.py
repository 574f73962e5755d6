"""Pagefind, behind one handle: index a folder of documents into a bundle of bytes.

``start_index`` writes the documents to a temporary folder and runs Pagefind through
its Python API (one ``add_directory`` call; per-record calls cost a tenth of a second
each) in a thread of its own, so the build can render pages meanwhile; ``files()``
waits for the bundle. The bundle is checked for completeness and made byte-identical
from run to run before it is handed over as ``{"pagefind/...": bytes}``.
"""

from __future__ import annotations

import asyncio
import atexit
import gzip
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import zlib
from collections.abc import Iterable
from pathlib import Path

from newsgen.errors import BuildError

_SHM = "/dev/shm"
_PREFIX = "newsgen-search-"  # + PID: a scratch folder whose process is gone may be removed
BUNDLE = "pagefind"  # the bundle folder inside the output (pages.py links it as url("/pagefind/"))
# Pagefind's ready-made interfaces: search.js uses the search API (pagefind.js) only.
_UNUSED = re.compile(r"pagefind-(?:component-|modular-)?ui\.(?:js|css)|pagefind-highlight\.js")


class SearchUnavailable(BuildError):
    """Pagefind is missing or failed: the build stops rather than ship a site whose search is broken."""


class PendingIndex:
    """A Pagefind index being built in the background; ``files()`` waits for it."""

    def __init__(self, documents: Iterable[tuple[str, str]], language: str) -> None:
        """``documents``: (output-relative path, HTML); ``language``: the index's ISO 639-1 code."""
        _require_pagefind()
        documents = list(documents)
        self._key = _key(documents, language)
        self._files: dict[str, bytes] = {}
        self._failure: BaseException | None = None
        self._thread: threading.Thread | None = None
        if _last_bundle and _last_bundle[0] == self._key:  # a dev server rebuilding after a template edit
            self._files = _last_bundle[1]
            return
        scratch = _scratch(documents)
        _remove_abandoned(Path(scratch or tempfile.gettempdir()))
        self._workdir = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-", dir=scratch))
        atexit.register(self._cleanup)  # also when the build fails before files() is called
        try:
            count = _write_documents(documents, self._workdir / "documents")
        except BaseException:
            shutil.rmtree(self._workdir, ignore_errors=True)
            raise
        # A thread of its own: the build renders meanwhile, and an event loop already
        # running in the building thread (a dev server, a test's browser) is no obstacle.
        self._thread = threading.Thread(target=self._run, args=(count, language), name="newsgen-pagefind",
                                        daemon=True)
        self._thread.start()

    def files(self) -> dict[str, bytes]:
        """The bundle, ``{"pagefind/...": bytes}``; raises SearchUnavailable if indexing failed."""
        if self._thread is not None:
            self._thread.join()
        if isinstance(self._failure, SearchUnavailable):
            raise self._failure
        if self._failure is not None:  # the service reports its errors as bare Exceptions
            raise SearchUnavailable(f"search: Pagefind failed while indexing: {self._failure}") from self._failure
        return self._files

    def _run(self, count: int, language: str) -> None:
        global _last_bundle
        try:
            self._files = _index(self._workdir, count, language)
            _last_bundle = (self._key, self._files)
        except BaseException as exc:  # noqa: BLE001 - handed over to the building thread in files()
            self._failure = exc
        finally:
            self._cleanup()
            atexit.unregister(self._cleanup)

    def _cleanup(self) -> None:
        shutil.rmtree(self._workdir, ignore_errors=True)


# The last bundle this process made, by a digest of its documents: a process that
# builds again (newsgen serve) skips Pagefind when no document changed.
_last_bundle: tuple[str, dict[str, bytes]] | None = None


def _key(documents: list[tuple[str, str]], language: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        engine = version("pagefind_bin")
    except PackageNotFoundError:
        engine = "?"
    hasher = hashlib.blake2b(f"{engine}\0{language}".encode(), digest_size=16)
    for path, html in documents:
        hasher.update(b"\0" + path.encode("utf-8", "surrogatepass") + b"\0" + html.encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


def start_index(documents: Iterable[tuple[str, str]], language: str) -> PendingIndex:
    return PendingIndex(documents, language)


def _scratch(documents: list[tuple[str, str]]) -> str | None:
    """Memory-backed /dev/shm when it has room (documents and bundle are ~20,000 files at
    10,000 articles, written, read and deleted once); else the usual temporary folder.
    A TMPDIR set by the user is always respected."""
    if os.environ.get("TMPDIR"):
        return None
    need = 4 * sum(len(html) for _, html in documents) + (64 << 20)  # UTF-8 Cyrillic, then the bundle
    try:
        if os.access(_SHM, os.W_OK) and shutil.disk_usage(_SHM).free > need:
            return _SHM
    except OSError:
        pass
    return None


def _remove_abandoned(folder: Path) -> None:
    """Scratch folders of builds whose process is gone (killed mid-build): ours by name and PID."""
    for candidate in folder.glob(f"{_PREFIX}*-*"):
        pid = candidate.name.removeprefix(_PREFIX).split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or candidate.is_symlink() or not candidate.is_dir():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(candidate, ignore_errors=True)
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


def _index(workdir: Path, count: int, language: str) -> dict[str, bytes]:
    missing: list[str] = []
    # The Python API now and then ends before the service has written its last files
    # (seen once in 30 runs with Pagefind 1.5.2): check the bundle, and index again.
    for attempt in (1, 2):
        bundle = workdir / f"bundle-{attempt}"
        asyncio.run(_run_pagefind(workdir / "documents", bundle, count, language))
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



async def _run_pagefind(source: Path, bundle: Path, count: int, language: str) -> None:
    """One Pagefind index of every document under ``source``, written to ``bundle``."""
    from pagefind.index import IndexConfig, PagefindIndex

    # One index for the whole archive in the site language: the search page then finds
    # articles written in other languages too (without their stemming).
    config = IndexConfig(force_language=language, output_path=str(bundle))
    async with PagefindIndex(config=config) as index:  # writes the bundle on a clean exit
        result = await index.add_directory(str(source))
        if result.get("page_count") != count:
            raise SearchUnavailable(f"search: Pagefind indexed {result.get('page_count')} of {count} articles")


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
