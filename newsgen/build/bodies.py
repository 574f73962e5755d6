"""Article bodies kept out of memory, in the memo, and read when a page, feed or search document needs them.

An archive's bodies are most of its bytes (about 20 KiB an article once decoded),
and a build needs them only for the pages it renders, the few feeds that carry
whole articles and the search shards it indexes again. So when the memo remembers
a file, each of its articles holds a ``StoredBody``: plain data naming where its
text is (the memo's ``sources`` row of the file, by path and key) with its word
count and a digest of its text. A record never reads it: the stages that need the
text are handed a ``BodyReader`` and read the bodies they need, a batch at a time,
before a template sees them.

Reading happens in forked workers and in the dev server's build thread too: each
process and thread opens its own read-only connection.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import pickle
import sqlite3
import threading
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsgen.records import Article, Body, pickled_by_fields, with_field

_connections: dict[tuple[int, int, str], tuple[int, sqlite3.Connection]] = {}  # handle -> (inode, connection)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class StoredBody:
    """An article's body in the memo: the ``number``-th of its file's row ``path`` with ``key``. Data only."""

    path: str  # the source file, as the memo's sources table names it
    key: str  # that row's key ("signature#digest"): a row rewritten since is never read as this body
    derivation: str  # and the digest of the derivation settings it was made with
    number: int  # which article of the file
    word_count: int
    digest: str  # Body.digest of the text: who keeps a contested URL (urls/permalinks.py) needs no more


def pack_bodies(articles: list[Article]) -> bytes:
    """The bodies of one file's articles, as the memo stores them beside the file's row.

    Compressed (fastest zlib level): bodies are most of the memo's bytes, and on a slow
    disk writing them cost more than squeezing them to a third.
    """
    return zlib.compress(pickle.dumps([(a.body.html, a.body.text) for a in articles], protocol=5), 1)


def stored(articles: list[Article], path: str, key: str, derivation: str) -> list[Article]:
    """The articles with their bodies replaced by references to the memo row being written."""
    return [
        with_field(article, "body", StoredBody(path, key, derivation, number, article.body.word_count,
                                               article.body.digest))
        for number, article in enumerate(articles)
    ]


def rekey_bodies(articles: list[Article], key: str) -> list[Article]:
    """The articles of a file whose row now has another key (the same bytes, touched): references follow."""
    return [
        with_field(article, "body", dataclasses.replace(article.body, key=key)) if isinstance(article.body, StoredBody)
        else article
        for article in articles
    ]


class BodyReader:
    """Reads the text of articles whose bodies wait in the memo file ``store``; the rest hold theirs."""

    def __init__(self, store: Path | None) -> None:
        self.store = str(store) if store is not None else None

    def body(self, body: Body | StoredBody) -> Body:
        """The body itself."""
        if not isinstance(body, StoredBody):
            return body
        if self.store is None:
            raise LookupError(f"the text of {body.path} is kept in a memo, and none was given")
        return _file_bodies(self.store, body.path, body.key, body.derivation)[body.number]

    def articles(self, articles: Iterable[Article]) -> list[Article]:
        """The articles, each holding its text."""
        return [article if not isinstance(article.body, StoredBody) else
                with_field(article, "body", self.body(article.body)) for article in articles]


@functools.lru_cache(maxsize=64)
def _file_bodies(store: str, path: str, key: str, derivation: str) -> list[Body]:
    """One file's bodies; the last few files are kept, as a page and its feed entry ask for the same one.

    The arguments name the bodies' content (bytes and settings), so a kept entry is
    right in a later build too (the dev server builds many times in one process).
    """
    row = _connection(store).execute(
        "SELECT bodies FROM sources WHERE path = ? AND signature = ? AND settings = ?", (path, key, derivation)
    ).fetchone()
    if row is None or row[0] is None:
        raise LookupError(f"the build cache {store} no longer holds the text of {path}")
    return [Body(html, text) for html, text in pickle.loads(zlib.decompress(row[0]))]  # noqa: S301 - our own file


def _connection(store: str) -> sqlite3.Connection:
    """This process's and thread's connection to the memo file as it is now.

    The file may have been replaced since the connection was opened (a damaged memo is
    started afresh, or someone deleted it while the dev server ran): then it is reopened.
    """
    handle = (os.getpid(), threading.get_ident(), store)  # a connection must cross neither a fork nor a thread
    inode = os.stat(store).st_ino
    known = _connections.get(handle)
    if known is not None and known[0] == inode:
        return known[1]
    if known is not None:
        known[1].close()
    connection = sqlite3.connect(f"{Path(store).as_uri()}?mode=ro", uri=True)
    _connections[handle] = (inode, connection)
    return connection
