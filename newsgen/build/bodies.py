"""Article bodies kept out of memory: in the build cache, fetched when a page or feed needs one.

An archive's bodies are most of its bytes (about 20 KiB an article once decoded),
and a build needs them only for the pages it renders and the few feeds that carry
whole articles. So when the build cache remembers a file, each of its articles
holds a ``StoredBody``: where the text is (the cache's ``sources`` row of the file,
by path and cache key) and its word count. ``Article.body_html`` and
``Article.body_text`` read it through on first use; nothing else needs to know.

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
from dataclasses import dataclass
from pathlib import Path

from newsgen.records import Article, pickled_by_fields, with_field

_connections: dict[tuple[int, int, str], tuple[int, sqlite3.Connection]] = {}  # handle -> (inode, connection)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class StoredBody:
    """An article's body in the build cache: the ``number``-th of its file's row ``path`` with ``key``."""

    store: str  # the cache file
    path: str  # the source file, as the cache's sources table names it
    key: str  # that row's key ("signature#digest"): a row rewritten since is never read as this body
    settings: str  # and the derivation settings it was made with
    number: int  # which article of the file
    word_count: int

    @property
    def html(self) -> str:
        return _file_bodies(self.store, self.path, self.key, self.settings)[self.number][0]

    @property
    def text(self) -> str:
        return _file_bodies(self.store, self.path, self.key, self.settings)[self.number][1]


def pack_bodies(articles: list[Article]) -> bytes:
    """The bodies of one file's articles, as the cache stores them beside the file's row.

    Compressed (fastest zlib level): bodies are most of the cache's bytes, and on a slow
    disk writing them cost more than squeezing them to a third.
    """
    return zlib.compress(pickle.dumps([(a.body.html, a.body.text) for a in articles], protocol=5), 1)


def stored(articles: list[Article], store: str, path: str, key: str, settings: str) -> list[Article]:
    """The articles with their bodies replaced by references to the cache row being written."""
    return [
        with_field(article, "body", StoredBody(store, path, key, settings, number, article.body.word_count))
        for number, article in enumerate(articles)
    ]


def rekey_bodies(articles: list[Article], key: str) -> list[Article]:
    """The articles of a file whose row now has another key (the same bytes, touched): references follow."""
    return [
        with_field(article, "body", dataclasses.replace(article.body, key=key)) if isinstance(article.body, StoredBody)
        else article
        for article in articles
    ]


@functools.lru_cache(maxsize=64)
def _file_bodies(store: str, path: str, key: str, settings: str) -> list[tuple[str, str]]:
    """One file's bodies; the last few files are kept, as a page and its feed entry ask for the same one.

    The arguments name the bodies' content (bytes and settings), so a kept entry is
    right in a later build too (the dev server builds many times in one process).
    """
    row = _connection(store).execute(
        "SELECT bodies FROM sources WHERE path = ? AND signature = ? AND settings = ?", (path, key, settings)
    ).fetchone()
    if row is None or row[0] is None:
        raise LookupError(f"the build cache {store} no longer holds the text of {path}")
    return pickle.loads(zlib.decompress(row[0]))  # noqa: S301 - our own cache file, written by this code


def _connection(store: str) -> sqlite3.Connection:
    """This process's and thread's connection to the cache file as it is now.

    The file may have been replaced since the connection was opened (a damaged cache is
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
