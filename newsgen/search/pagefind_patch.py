"""An edited shard, patched rather than indexed again: its last whole index, with the pages of
the edited articles hidden, beside a small index of their new versions (its "edits").

Re-indexing a shard costs about 2 ms an article, and a query loads an index chunk from every
shard, so shards stay large (search.Sharding) and an edit of one old article would cost a
whole shard. Instead the shard's last whole index (its "base") is kept with the list of its
articles and their pages; when the same articles, in the same order, come back with a few of
them changed, only those few are indexed (Pagefind, into the edits folder), and the base's
page list is rewritten so that each changed article's old page is named ``~`` + the page
of its new version. search.js drops every result whose page starts with ``~``, and when it
lists a shard newest first, puts a new version where its old page stood. The old versions'
fragments (their text) leave the bundle; their words stay in the base's word index, pointing
to the hidden pages, until the shard is indexed whole again. A removed or moved article, or
more than ``Sharding.patch_most`` changed ones, make the shard be indexed whole.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from newsgen.search.pagefind_stable import ENTRY, read_chunk, replace_meta

MEMBERS = "newsgen-members.json"  # in a memoised shard, not in the output: [[article id, article key, page], ...]
HIDDEN = "~"  # a hidden page's name starts with it (never a Pagefind page hash)
EDITS = "+edits"  # a patched shard's edits: the folder beside its own, "<shard>+edits"


@dataclass(frozen=True, slots=True)
class Patch:
    """What an edited shard takes from its base: the base's files and the articles to index again."""

    base_key: str  # the memo key of the base (a whole index of the shard)
    base: dict[str, bytes]  # its files, MEMBERS included
    changed: tuple[int, ...]  # the changed articles' places in the shard (0-based, their base rank - 1)
    edits_key: str  # the memo key of the edits' index


def plan_patch(base: tuple[str, dict[str, bytes]] | None, context: str, members: Sequence[tuple[str, str]],
               most: int) -> Patch | None:
    """The patch of a shard whose ``members`` ((article id, article key) in rank order) are not
    memoised as a whole, or None when it must be indexed whole. Pure.

    ``context`` digests what else its documents depend on (name, settings, code): a base made
    in another context is no base.
    """
    if base is None:
        return None
    base_key, files = base
    try:
        recorded = json.loads(files[MEMBERS])
    except (KeyError, ValueError):
        return None
    pages = recorded.get("pages", [])
    if recorded.get("context") != context or [page[0] for page in pages] != [member[0] for member in members]:
        return None  # another shard by now: articles added, removed or moved
    changed = tuple(place for place, (member, page) in enumerate(zip(members, pages)) if member[1] != page[1])
    if not changed or len(changed) > most or not all(pages[place][2] for place in changed):
        return None  # (a page its record could not name is no page to hide)
    hasher = hashlib.blake2b(base_key.encode(), digest_size=16)
    for place in changed:
        hasher.update(f"\0{place}\0{members[place][1]}".encode())
    return Patch(base_key, files, changed, hasher.hexdigest())


def members_record(context: str, members: Sequence[tuple[str, str]], paths: Sequence[str],
                   files: dict[str, bytes]) -> bytes:
    """MEMBERS for a shard just indexed: each article's id, key and page (by its document's path)."""
    page_of = pages_by_url(files)
    pages = [[article_id, key, page_of.get(_url(path), "")] for (article_id, key), path in zip(members, paths)]
    return json.dumps({"context": context, "pages": pages}, ensure_ascii=False, separators=(",", ":")).encode()


def patched_base(patch: Patch, edits: dict[str, bytes]) -> dict[str, bytes]:
    """The base with each changed article's page renamed ``~<its page in the edits>`` and its fragment left out.

    Raises pagefind_stable.UnknownFormat (or KeyError, ValueError) for a bundle it cannot read."""
    base_pages = json.loads(patch.base[MEMBERS])["pages"]
    new_pages = {page[0]: page[2] for page in json.loads(edits[MEMBERS])["pages"]}
    renames = {}
    for place in patch.changed:
        article_id, _, old = base_pages[place]
        if not old or not new_pages.get(article_id):
            raise ValueError(f"no page recorded for {article_id}")
        renames[old] = HIDDEN + new_pages[article_id]
    return hide_pages(patch.base, renames)


def hide_pages(files: dict[str, bytes], renames: dict[str, str]) -> dict[str, bytes]:
    """A shard's ``files`` with pages renamed in its page list (``{old page: new name}``), their fragments removed."""
    out = {name: data for name, data in files.items() if name != MEMBERS}
    entry = out[ENTRY]
    for language, info in json.loads(entry)["languages"].items():
        meta = read_chunk(out.pop(f"pagefind.{info['hash']}.pf_meta"))
        for page in meta[1]:
            if page[0] in renames:
                out.pop(f"fragment/{page[0]}.pf_fragment", None)
                page[0] = renames[page[0]]
        entry = replace_meta(out, entry, language, info["hash"], meta)
    out[ENTRY] = entry
    return out


def pages_by_url(files: dict[str, bytes]) -> dict[str, str]:
    """{page URL: page} of a shard's bundle, read from its fragments."""
    pages = {}
    for name, data in files.items():
        if name.startswith("fragment/") and name.endswith(".pf_fragment"):
            head = zlib.decompressobj(wbits=31).decompress(data, 4096)  # the URL comes first: spare the text
            found = _URL.search(head)
            url = json.loads(found.group(1)) if found else _fragment_url(data)
            pages[unquote(url)] = name[len("fragment/"):-len(".pf_fragment")]
    return pages


_URL = re.compile(rb'^pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")')


def _fragment_url(data: bytes) -> str:
    raw = gzip.decompress(data)
    return json.loads(raw[raw.index(b"{"):])["url"]


def _url(path: str) -> str:
    """The URL Pagefind gives a document at output-relative ``path`` ("a/b/index.html" -> "/a/b/")."""
    return unquote("/" + path.removesuffix("index.html"))
