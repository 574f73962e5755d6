"""A changed shard, patched rather than indexed again: its last whole index, with the pages of
the edited articles hidden, beside a small index of the edited and added articles (its "edits").

Re-indexing a shard costs about 2 ms an article, and a query loads an index chunk from every
shard, so shards stay large (search.Sharding) and an edit of one old article, or an article
added to the newest shard, would cost a whole shard. Instead the shard's last whole index (its
"base") is kept with the list of its articles and their pages; when the same articles, in the
same order, come back with a few of them changed and maybe a few new ones among or after them,
only those few are indexed (Pagefind, into the edits folder), and the base's page list is
rewritten: each changed article's old page is named ``~`` + the page of its new version, each
added article gets a page of no text, ``~`` + its page, in the shard's filter, and the "newest
first" order (Pagefind's sort by rank, which is all a page's rank is: no fragment holds it) is
the shard's order now. search.js drops every result whose page starts with ``~``, and when it
lists a shard newest first, puts each page of the edits where its ``~`` page stands. The old
versions' fragments (their text) leave the bundle; their words stay in the base's word index,
pointing to the hidden pages, until the shard is indexed whole again. A removed or moved
article, an added one in a language the base has no page in, or more than
``Sharding.patch_most`` changed and added ones make the shard be indexed whole.
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
RANK_SORT = "date"  # the sort by an article's rank in its shard, "newest first" (search.search_document)


@dataclass(frozen=True, slots=True)
class Patch:
    """What a changed shard takes from its base: the base's files and the articles to index again."""

    base_key: str  # the memo key of the base (a whole index of the shard)
    base: dict[str, bytes]  # its files, MEMBERS included
    changed: tuple[int, ...]  # the changed and added articles' places in the shard (0-based, their rank - 1)
    edits_key: str  # the memo key of the edits' index
    sources: tuple[int, ...] = ()  # for each place in the shard, the article's place in the base (-1: added)


def plan_patch(base: tuple[str, dict[str, bytes]] | None, context: str, members: Sequence[tuple[str, str, str]],
               most: int) -> Patch | None:
    """The patch of a shard whose ``members`` ((article id, article key, document language) in
    rank order) are not memoised as a whole, or None when it must be indexed whole. Pure.

    The base's articles must all be there, in their order; the members between or after them are
    added. ``context`` digests what else its documents depend on (name, settings, code): a base
    made in another context is no base.
    """
    if base is None:
        return None
    base_key, files = base
    try:
        recorded = json.loads(files[MEMBERS])
    except (KeyError, ValueError):
        return None
    pages = recorded.get("pages", [])
    sources = _sources([page[0] for page in pages], [member[0] for member in members])
    if recorded.get("context") != context or sources is None:
        return None  # another shard by now: articles removed or moved
    changed = tuple(place for place, source in enumerate(sources)
                    if source < 0 or members[place][1] != pages[source][1])
    if not changed or len(changed) > most or not all(page[2] for page in pages):
        return None  # (a page its record could not name is no page to hide or keep in order)
    languages = {page[3] for page in pages if len(page) > 3}
    if any(members[place][2] not in languages for place in changed if sources[place] < 0):
        return None  # an added article's page goes into the base's page list of its language
    hasher = hashlib.blake2b(base_key.encode(), digest_size=16)
    for place in changed:
        hasher.update(f"\0{place}\0{members[place][1]}".encode())
    return Patch(base_key, files, changed, hasher.hexdigest(), sources)


def _sources(base: Sequence[str], current: Sequence[str]) -> tuple[int, ...] | None:
    """For each of ``current`` (article ids), its place in ``base``, or -1 when it is not there;
    None unless every one of ``base`` is in ``current``, in the same order."""
    sources, found = [], 0
    for article_id in current:
        if found < len(base) and article_id == base[found]:
            sources.append(found)
            found += 1
        else:
            sources.append(-1)
    return tuple(sources) if found == len(base) else None


def members_record(context: str, members: Sequence[tuple[str, str, str]], paths: Sequence[str],
                   files: dict[str, bytes]) -> bytes:
    """MEMBERS for a shard just indexed: each article's id, key, page (by its document's path) and language."""
    page_of = pages_by_url(files)
    pages = [[article_id, key, page_of.get(_url(path), ""), language]
             for (article_id, key, language), path in zip(members, paths)]
    return json.dumps({"context": context, "pages": pages}, ensure_ascii=False, separators=(",", ":")).encode()


def patched_base(patch: Patch, edits: dict[str, bytes]) -> dict[str, bytes]:
    """The base with each edited article's page renamed ``~<its page in the edits>`` and its fragment
    left out, a ``~<its page in the edits>`` of no text for each added article, and its order the shard's.

    Raises pagefind_stable.UnknownFormat (or KeyError, ValueError) for a bundle it cannot read."""
    base_pages = json.loads(patch.base[MEMBERS])["pages"]
    edit_pages = json.loads(edits[MEMBERS])["pages"]  # one for each of patch.changed, in its order
    new = {place: page[2] for place, page in zip(patch.changed, edit_pages, strict=True)}
    if not all(new.values()):
        raise ValueError("an edited or added article has no page")
    renames, added, order = {}, [], []
    for place, source in enumerate(patch.sources):
        if source >= 0 and place in new:
            renames[base_pages[source][2]] = HIDDEN + new[place]
        elif source < 0:
            added.append(new[place])
        order.append(HIDDEN + new[place] if place in new else base_pages[source][2])
    return hide_pages(patch.base, renames, _pages_by_language(edits, added), order)


def hide_pages(files: dict[str, bytes], renames: dict[str, str], added: dict[str, list[tuple[str, int]]] | None = None,
               order: Sequence[str] = ()) -> dict[str, bytes]:
    """A shard's ``files`` with pages renamed in its page list (``{old page: new name}``), their
    fragments removed; ``added`` ({language: [(page, word count), ...]}) put after its pages as
    ``~<page>``, in the shard's filter; and, given ``order`` (every page by its new name, by rank),
    its "newest first" order in that order."""
    added = added or {}
    out = {name: data for name, data in files.items() if name != MEMBERS}
    entry = out[ENTRY]
    languages = json.loads(entry)["languages"]
    if set(added) - set(languages):
        raise ValueError(f"no page list in {', '.join(sorted(set(added) - set(languages)))}")
    for language, info in languages.items():
        meta = read_chunk(out.pop(f"pagefind.{info['hash']}.pf_meta"))
        for page in meta[1]:
            if page[0] in renames:
                out.pop(f"fragment/{page[0]}.pf_fragment", None)
                page[0] = renames[page[0]]
        if added.get(language):
            _add_pages(out, language, meta, added[language])
        if order:
            _put_in_order(meta, order)
        entry = replace_meta(out, entry, language, info["hash"], meta)
    out[ENTRY] = entry
    return out


def _put_in_order(meta: list, order: Sequence[str]) -> None:
    """``meta``'s rank order (Pagefind's sort: its page numbers by ascending rank) as ``order`` has its pages."""
    number = {page[0]: place for place, page in enumerate(meta[1])}
    ranked = [number[name] for name in order if name in number]
    if len(ranked) != len(meta[1]):
        raise ValueError("a page of the shard is not in its order")
    for sort in meta[4]:
        if sort[0] == RANK_SORT:
            sort[1] = ranked


def _add_pages(files: dict[str, bytes], language: str, meta: list, pages: list[tuple[str, int]]) -> None:
    """Pages of no text, ``~<page>``, after ``meta``'s, and in the shard's filter (search.js lists a shard by it)."""
    first = len(meta[1])
    meta[1].extend([HIDDEN + page, words] for page, words in pages)
    numbers = list(range(first, len(meta[1])))
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
