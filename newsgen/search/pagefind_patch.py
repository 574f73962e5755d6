"""A changed shard, patched rather than indexed again: its last whole index, with the pages of
the edited articles hidden, beside a small index of the edited and added articles (its "edits").

Re-indexing a shard costs about 2 ms an article, and a query loads an index chunk from every
shard, so shards stay large (search.Sharding) and an edit of one old article, or an article
added to the newest shard, would cost a whole shard. Instead the shard's last whole index (its
"base") is kept with the list of its articles and their pages; when the same articles, in the
same order, come back with a few of them changed and maybe a few newer ones after them, only
those few are indexed (Pagefind, into the edits folder), and the base's page list is rewritten:
each changed article's old page is named ``~`` + the page of its new version, and each added
article gets a page of no text, ``~`` + its page, after the base's pages in the "newest
first" order and in the shard's filter. search.js drops every result whose page starts with
``~``, and when it lists a shard newest first, puts each page of the edits where its ``~``
page stands. The old versions' fragments (their text) leave the bundle; their words stay in
the base's word index, pointing to the hidden pages, until the shard is indexed whole again.
A removed, moved or inserted article, an added one in a language the base has no page in, or
more than ``Sharding.patch_most`` changed and added ones make the shard be indexed whole.
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

from newsgen.search.pagefind_stable import ENTRY, add_to_filter, read_chunk, replace_meta

# In a memoised shard, not in the output: its articles' [[id, key, page, document language], ...].
MEMBERS = "newsgen-members.json"
HIDDEN = "~"  # a hidden page's name starts with it (never a Pagefind page hash)
EDITS = "+edits"  # a patched shard's edits: the folder beside its own, "<shard>+edits"
SHARD_FILTER = "shard"  # the filter naming each page's shard (search.search_document)


@dataclass(frozen=True, slots=True)
class Patch:
    """What an edited shard takes from its base: the base's files and the articles to index again."""

    base_key: str  # the memo key of the base (a whole index of the shard)
    base: dict[str, bytes]  # its files, MEMBERS included
    changed: tuple[int, ...]  # the changed and added articles' places in the shard (0-based, their rank - 1)
    edits_key: str  # the memo key of the edits' index


def plan_patch(base: tuple[str, dict[str, bytes]] | None, context: str, members: Sequence[tuple[str, str, str]],
               most: int) -> Patch | None:
    """The patch of a shard whose ``members`` ((article id, article key, document language) in
    rank order) are not memoised as a whole, or None when it must be indexed whole. Pure.

    The base's articles must come first, in their order; the members after them are added.
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
    if recorded.get("context") != context or [page[0] for page in pages] != [member[0] for member in members[:len(pages)]]:
        return None  # another shard by now: articles removed, moved or put between them
    edited = tuple(place for place, (member, page) in enumerate(zip(members, pages)) if member[1] != page[1])
    added = tuple(range(len(pages), len(members)))
    changed = edited + added
    if not changed or len(changed) > most or not all(pages[place][2] for place in edited):
        return None  # (a page its record could not name is no page to hide)
    languages = {page[3] for page in pages if len(page) > 3}
    if any(members[place][2] not in languages for place in added):
        return None  # an added article's page goes into the base's page list of its language
    hasher = hashlib.blake2b(base_key.encode(), digest_size=16)
    for place in changed:
        hasher.update(f"\0{place}\0{members[place][1]}".encode())
    return Patch(base_key, files, changed, hasher.hexdigest())


def members_record(context: str, members: Sequence[tuple[str, str, str]], paths: Sequence[str],
                   files: dict[str, bytes]) -> bytes:
    """MEMBERS for a shard just indexed: each article's id, key, page (by its document's path) and language."""
    page_of = pages_by_url(files)
    pages = [[article_id, key, page_of.get(_url(path), ""), language]
             for (article_id, key, language), path in zip(members, paths)]
    return json.dumps({"context": context, "pages": pages}, ensure_ascii=False, separators=(",", ":")).encode()


def patched_base(patch: Patch, edits: dict[str, bytes]) -> dict[str, bytes]:
    """The base with each edited article's page renamed ``~<its page in the edits>`` and its fragment
    left out, and a ``~<its page in the edits>`` of no text for each added article.

    Raises pagefind_stable.UnknownFormat (or KeyError, ValueError) for a bundle it cannot read."""
    base_pages = json.loads(patch.base[MEMBERS])["pages"]
    edit_pages = json.loads(edits[MEMBERS])["pages"]  # one for each of patch.changed, in its order
    renames, added = {}, []
    for place, (article_id, _, new, *_) in zip(patch.changed, edit_pages, strict=True):
        old = base_pages[place][2] if place < len(base_pages) else None
        if not new or old == "":
            raise ValueError(f"no page recorded for {article_id}")
        if old:
            renames[old] = HIDDEN + new
        else:
            added.append(new)
    return hide_pages(patch.base, renames, _pages_by_language(edits, added))


def hide_pages(files: dict[str, bytes], renames: dict[str, str],
               added: dict[str, list[tuple[str, int]]] | None = None) -> dict[str, bytes]:
    """A shard's ``files`` with pages renamed in its page list (``{old page: new name}``), their
    fragments removed; and ``added`` ({language: [(page, word count), ...]}, in rank order) put
    after its pages as ``~<page>``, in the shard's filter and last in its order (the newest)."""
    out = {name: data for name, data in files.items() if name != MEMBERS}
    entry = out[ENTRY]
    languages = json.loads(entry)["languages"]
    if set(added or {}) - set(languages):
        raise ValueError(f"no page list in {', '.join(sorted(set(added or {}) - set(languages)))}")
    for language, info in languages.items():
        meta = read_chunk(out.pop(f"pagefind.{info['hash']}.pf_meta"))
        for page in meta[1]:
            if page[0] in renames:
                out.pop(f"fragment/{page[0]}.pf_fragment", None)
                page[0] = renames[page[0]]
        if (added or {}).get(language):
            _add_pages(out, language, meta, added[language])
        entry = replace_meta(out, entry, language, info["hash"], meta)
    out[ENTRY] = entry
    return out


def _add_pages(files: dict[str, bytes], language: str, meta: list, pages: list[tuple[str, int]]) -> None:
    """Pages of no text, ``~<page>``, after ``meta``'s: last in every order (newsgen sorts by rank only,
    and an added article ranks after the base's) and in the shard's filter (search.js lists a shard by it)."""
    first = len(meta[1])
    meta[1].extend([HIDDEN + page, words] for page, words in pages)
    numbers = list(range(first, len(meta[1])))
    for _, order in meta[4]:
        order.extend(numbers)
    (shard,) = [pair for pair in meta[3] if pair[0] == SHARD_FILTER]
    shard[1] = add_to_filter(files, language, shard[1], numbers)


def _pages_by_language(files: dict[str, bytes], pages: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
    """``pages`` of a bundle as {language: [(page, word count), ...]}, each language's in the order given."""
    found: dict[str, tuple[str, int]] = {}
    for language, info in json.loads(files[ENTRY])["languages"].items():
        for page, words in read_chunk(files[f"pagefind.{info['hash']}.pf_meta"])[1]:
            found[page] = (language, words)
    by_language: dict[str, list[tuple[str, int]]] = {}
    for page in pages:
        language, words = found[page]
        by_language.setdefault(language, []).append((page, words))
    return by_language


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
