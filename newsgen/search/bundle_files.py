"""What a search bundle is made of: the shards' bundles put together under ``/pagefind/``, and
the check that every file a bundle refers to is there (a memo entry or an index that is not
whole is no index).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Mapping, Sequence

from newsgen.digests import StoredBytes
from newsgen.search.pagefind_patch import EDITS, HIDDEN, MEMBERS
from newsgen.search.pagefind_stable import ENTRY, UnknownFormat, read_chunk
from newsgen.search.stored_shard import StoredShard

BUNDLE = "pagefind"  # the bundle folder inside the output (plan/pages.py links it as url("/pagefind/"))
SHARDS = "shards.json"  # in the bundle folder: the shard folders, oldest articles first, and the edits folders
_MODULE = "pagefind.js"  # the search API search.js imports: once, at the bundle's root
_WORKER = "pagefind-worker.js"  # loaded, like the WebAssembly, from the first shard only
_WASM = re.compile(r"wasm\.[\w-]+\.pagefind")


def assemble(bundles: Sequence[tuple[str, Mapping[str, bytes]]], shards: Sequence[str] | None = None
             ) -> dict[str, bytes | StoredBytes]:
    """One bundle of shard bundles: each under its folder, the search API once at the root,
    the worker and WebAssembly once in the first shard (whose instance loads them), the list.
    A shard kept in the cache (a StoredShard) gives its files unread, with their signatures.

    ``shards``: the shards' names, when some folders are a patched shard's edits ("<name>+edits").

    A bundle of several languages lists each folder's languages, and every folder keeps its worker
    and WebAssembly: a language's search page opens the shards that have its language only (a
    shard without it would answer in another), the first of them loading the code."""
    languages = {name: sorted(json.loads(files[ENTRY])["languages"]) if ENTRY in files else []
                 for name, files in bundles}
    several = len({lang for found in languages.values() for lang in found}) > 1
    out: dict[str, bytes | StoredBytes] = {}
    for number, (name, files) in enumerate(bundles):
        take = files.unread if isinstance(files, StoredShard) else files.__getitem__  # a cached shard's: not read yet
        for path in files:
            if path == _MODULE:
                if number == 0:
                    out[f"{BUNDLE}/{path}"] = take(path)
            elif path != MEMBERS and (number == 0 or several or not (path == _WORKER or _WASM.fullmatch(path))):
                out[f"{BUNDLE}/{name}/{path}"] = take(path)
    names = list(shards) if shards is not None else [name for name, _ in bundles]
    listing: dict[str, object] = {"shards": names, "edits": [name for name, _ in bundles if name.endswith(EDITS)]}
    if several:
        listing["languages"] = languages
    out[f"{BUNDLE}/{SHARDS}"] = json.dumps(listing, separators=(",", ":")).encode() + b"\n"
    return out


def missing_files(files: dict[str, bytes]) -> list[str]:
    """The files an assembled bundle (``{"pagefind/...": bytes}``) refers to but does not hold."""
    missing = [name for name in (f"{BUNDLE}/{_MODULE}", f"{BUNDLE}/{SHARDS}") if not files.get(name)]
    if missing:
        return missing
    listing = json.loads(files[f"{BUNDLE}/{SHARDS}"])
    for number, shard in enumerate(listing["shards"] + listing.get("edits", [])):
        prefix = f"{BUNDLE}/{shard}/"
        inside = {name[len(prefix):]: data for name, data in files.items() if name.startswith(prefix)}
        code = number == 0 or "languages" in listing  # whose instance loads the worker and WebAssembly
        if code:  # the module is shared
            inside[_MODULE] = files[f"{BUNDLE}/{_MODULE}"]
        missing += [prefix + name for name in missing_shard_files(inside, code=code)]
    return missing


def missing_shard_files(files: dict[str, bytes], code: bool = True) -> list[str]:
    """The files one shard's bundle (``{path in its folder: bytes}``) refers to but does not hold (or holds empty).

    ``code``: the search API, its worker and WebAssembly must be there too (as Pagefind writes them)."""
    missing = [name for name in ((_MODULE, _WORKER, ENTRY) if code else (ENTRY,)) if not files.get(name)]
    if missing:
        return missing
    for info in json.loads(files[ENTRY])["languages"].values():
        names = [f"pagefind.{info['hash']}.pf_meta"]
        if code:
            names.append(f"wasm.{info.get('wasm') or 'unknown'}.pagefind")
        missing += [name for name in names if not files.get(name)]
        try:
            meta = read_chunk(files[names[0]]) if files.get(names[0]) else None
        except (UnknownFormat, OSError, EOFError, zlib.error):
            continue  # a format this check does not know: the files it can see are there
        if not (isinstance(meta, list) and len(meta) > 3):
            continue
        chunks = [f"fragment/{page[0]}.pf_fragment" for page in meta[1] if not page[0].startswith(HIDDEN)]
        chunks += [f"index/{chunk[2]}.pf_index" for chunk in meta[2]]
        chunks += [f"filter/{chunk[1]}.pf_filter" for chunk in meta[3]]
        missing += [name for name in chunks if not files.get(name)]
    return missing
