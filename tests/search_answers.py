"""What a search bundle answers, read in Python as search.js reads it: for comparing two bundles
whose bytes may differ (a patched shard against the same shard indexed whole).

A bundle is ``{"pagefind/...": bytes}`` (an output's files or search.index_files). Pages whose
name starts with "~" (an edited article's old page, pagefind_patch.py) are left out, as
search.js leaves them out of every answer.
"""

from __future__ import annotations

import gzip
import itertools
import json

from newsgen.search import index as search
from newsgen.search import bundle_files
from newsgen.search.pagefind_patch import EDITS, HIDDEN
from newsgen.search.pagefind_stable import read_chunk


def folders(files: dict[str, bytes]) -> list[str]:
    listing = json.loads(files[f"{search.BUNDLE}/{bundle_files.SHARDS}"])
    return listing["shards"] + listing.get("edits", [])


def _meta(files: dict[str, bytes], folder: str) -> list:
    prefix = f"{search.BUNDLE}/{folder}/"
    (info,) = json.loads(files[prefix + "pagefind-entry.json"])["languages"].values()
    return read_chunk(files[f"{prefix}pagefind.{info['hash']}.pf_meta"])


def _fragment(files: dict[str, bytes], folder: str, page: str) -> dict:
    raw = gzip.decompress(files[f"{search.BUNDLE}/{folder}/fragment/{page}.pf_fragment"])
    return json.loads(raw[raw.index(b"{"):])


def pages(files: dict[str, bytes]) -> dict[str, dict]:
    """{URL: its fragment (text, metadata, filters)} of every page a query can find."""
    found = {}
    for folder in folders(files):
        for page, _ in _meta(files, folder)[1]:
            if not page.startswith(HIDDEN):
                fragment = _fragment(files, folder, page)
                assert fragment["url"] not in found, f"{fragment['url']} found twice"
                found[fragment["url"]] = fragment
    return found


def answers(files: dict[str, bytes]) -> dict[str, frozenset[str]]:
    """{word: the URLs of the pages that have it, in their text or metadata}, for every indexed word."""
    found: dict[str, set[str]] = {}
    for folder in folders(files):
        meta = _meta(files, folder)
        urls = {number: None if page.startswith(HIDDEN) else _fragment(files, folder, page)["url"]
                for number, (page, _) in enumerate(meta[1])}
        for _, _, chunk in meta[2]:
            (entries,) = read_chunk(files[f"{search.BUNDLE}/{folder}/index/{chunk}.pf_index"])
            for word, postings, variants in entries:  # variants: the word with other diacritics
                for form, pages_of_form in [(word, postings), *variants]:
                    numbers = itertools.accumulate(posting[0] for posting in pages_of_form)  # stored as steps
                    live = {urls[number] for number in numbers} - {None}
                    if live:
                        found.setdefault(form, set()).update(live)
    return {word: frozenset(urls) for word, urls in found.items()}


def newest_first(files: dict[str, bytes]) -> list[list[str]]:
    """Each shard's page URLs in its sort order, newest first; a patched shard's new versions
    where their old pages stand (search.js's listedShard)."""
    listing = json.loads(files[f"{search.BUNDLE}/{bundle_files.SHARDS}"])
    orders = []
    for shard in listing["shards"]:
        meta = _meta(files, shard)
        (order,) = [numbers for name, numbers in meta[4] if name == "date"]
        edits = shard + EDITS if shard + EDITS in listing.get("edits", []) else None
        urls = []
        for number in order:
            page = meta[1][number][0]
            folder = shard
            if page.startswith(HIDDEN):
                folder, page = edits, page[len(HIDDEN):]
            urls.append(_fragment(files, folder, page)["url"])
        orders.append(urls[::-1])
    return orders


def assert_same_answers(got: dict[str, bytes], clean: dict[str, bytes]) -> None:
    """Every query is answered alike: the same pages (text, metadata, filters), the same pages
    for every word, the same shards, and each shard's newest-first order."""
    assert json.loads(got[f"{search.BUNDLE}/{bundle_files.SHARDS}"])["shards"] == \
        json.loads(clean[f"{search.BUNDLE}/{bundle_files.SHARDS}"])["shards"]
    assert pages(got) == pages(clean)
    assert answers(got) == answers(clean)
    assert newest_first(got) == newest_first(clean)
    assert bundle_files.missing_files(got) == []


def comparable(files: dict[str, bytes]) -> dict[str, object]:
    """A built site's files (``{output-relative path: bytes}``) as two builds must agree on them:
    every file byte for byte, but the search bundle by what it answers (an incremental build
    patches edited shards, so its bytes may differ from a clean build's)."""
    bundle = f"{search.BUNDLE}/"
    out: dict[str, object] = {path: data for path, data in files.items() if not path.startswith(bundle)}
    if f"{bundle}{bundle_files.SHARDS}" in files:
        out[f"{bundle} (what it answers)"] = (
            json.loads(files[f"{bundle}{bundle_files.SHARDS}"])["shards"], pages(files), answers(files),
            newest_first(files), files.get(f"{bundle}pagefind.js"), bundle_files.missing_files(files))
    return out
