"""The memo's tables (memo.py): memoised derivation per source file, and what the output holds.

One SQLite file in the output's cache folder. Every entry is keyed by everything
that went into it, so an entry that does not match is simply recomputed: a
stale cache can cost time, never a wrong page. A cache that cannot be read is
ignored and rebuilt.
"""

from __future__ import annotations

import copyreg
import pickle
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from newsgen.digests import SCHEMA_VERSION  # noqa: F401 - pickles of this schema

T = TypeVar("T")

TABLES_VERSION = 4  # 4: stored bodies are data only; 3: bodies compressed; 2: bodies apart from the records


def cache_path_for(folder: Path) -> Path:
    """The cache file in an output's cache folder (cache_folder.output_folder)."""
    return folder / "cache.sqlite"


class BuildCache:
    """Derivation results per source file, and the manifest of the current output."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None

    @property
    def _db(self) -> sqlite3.Connection:
        """Connected on first use, so a build that stops early creates no cache file."""
        if self._connection is None:
            self._connection = self._open(self.path)
        return self._connection

    def _absent(self) -> bool:
        """No cache file yet: a read finds nothing, and must not create one."""
        return self._connection is None and not self.path.exists()

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        try:
            return BuildCache._connect(path)
        except sqlite3.DatabaseError:
            path.unlink(missing_ok=True)  # a damaged cache is only lost time
            return BuildCache._connect(path)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA synchronous=NORMAL")
        if db.execute("PRAGMA user_version").fetchone()[0] != TABLES_VERSION:  # tables of another shape: start over
            for table in ("meta", "sources", "manifest"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute(f"PRAGMA user_version = {TABLES_VERSION}")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS sources "
            "(path TEXT PRIMARY KEY, signature TEXT, settings TEXT, payload BLOB, bodies BLOB)"
        )
        db.execute("CREATE TABLE IF NOT EXISTS manifest (route TEXT PRIMARY KEY, signature TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS page_groups (key TEXT PRIMARY KEY, pages BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS steps (step TEXT PRIMARY KEY, key TEXT, value BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS cards (key TEXT PRIMARY KEY, html BLOB)")
        location = db.execute("SELECT value FROM meta WHERE key = 'location'").fetchone()
        if location is None or location[0] != str(path):
            # A cache copied or moved here: its articles name the file their bodies were stored in
            # (bodies.StoredBody), which is no longer this one. Deriving them again costs time only.
            db.execute("DELETE FROM sources")
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('location', ?)", (str(path),))
        return db

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()

    # Sources ---------------------------------------------------------------

    def load_sources(self, derivation_digest: str) -> dict[str, tuple[str, bytes]]:
        """{path: (file signature, payload)} for entries derived with the settings ``derivation_digest`` stands for."""
        if self._absent():
            return {}
        rows = self._db.execute("SELECT path, signature, payload FROM sources WHERE settings = ?", (derivation_digest,))
        return {path: (signature, payload) for path, signature, payload in rows}

    def store_sources(
        self, derivation_digest: str, entries: Iterable[tuple[str, str, bytes, bytes | None]],
        rekeyed: Iterable[tuple[str, str, bytes]] = (),
    ) -> None:
        """Store new payloads (path, key, records, bodies), and new keys and records of files whose
        bodies stay (``rekeyed``: path, key, records)."""
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO sources (path, signature, settings, payload, bodies) VALUES (?, ?, ?, ?, ?)",
                [(path, signature, derivation_digest, payload, bodies) for path, signature, payload, bodies in entries],
            )
            self._db.executemany(
                "UPDATE sources SET signature = ?, payload = ? WHERE path = ?",
                [(signature, payload, path) for path, signature, payload in rekeyed],
            )

    def forget_sources(self, keep: set[str]) -> None:
        """Forget every file but those in ``keep``: called once a build is published, so a build that
        stopped or was refused leaves the last published articles of every file (collect.last_good)."""
        with self._transaction():
            stored = [row[0] for row in self._db.execute("SELECT path FROM sources")]
            self._db.executemany("DELETE FROM sources WHERE path = ?", [(p,) for p in stored if p not in keep])

    # The output's manifest -------------------------------------------------

    def manifest(self, build_id: str | None) -> dict[str, str]:
        """{output path: signature} of the output, if the cache describes this very output."""
        if build_id is None or self._absent():
            return {}
        row = self._db.execute("SELECT value FROM meta WHERE key = 'build_id'").fetchone()
        if row is None or row[0] != build_id:
            return {}
        return dict(self._db.execute("SELECT route, signature FROM manifest"))

    def store_manifest(self, build_id: str, manifest: dict[str, str], previous: dict[str, str]) -> None:
        """The output's manifest, written as its changes from ``previous`` (what ``manifest`` returned
        for the output before this build: empty when the cache did not describe it)."""
        with self._transaction():
            if previous:
                gone = [(path,) for path in previous if path not in manifest]
                self._db.executemany("DELETE FROM manifest WHERE route = ?", gone)
            else:
                self._db.execute("DELETE FROM manifest")
            self._db.executemany("INSERT OR REPLACE INTO manifest (route, signature) VALUES (?, ?)",
                                 [(path, s) for path, s in manifest.items() if previous.get(path) != s])
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('build_id', ?)", (build_id,))

    def page_groups(self) -> dict[str, tuple]:
        """{group key: its pages} of the last build (page_memo.py)."""
        if self._absent():
            return {}
        return {key: unpayload(pages) for key, pages in self._db.execute("SELECT key, pages FROM page_groups")}

    def store_page_groups(self, planned: dict[str, tuple], keep: set[str]) -> None:
        """Remember the groups planned in this build; forget those it did not have."""
        with self._transaction():
            stored = [row[0] for row in self._db.execute("SELECT key FROM page_groups")]
            self._db.executemany("DELETE FROM page_groups WHERE key = ?", [(k,) for k in stored if k not in keep])
            self._db.executemany("INSERT OR REPLACE INTO page_groups (key, pages) VALUES (?, ?)",
                                 [(key, payload(pages)) for key, pages in planned.items()])

    def cards(self, salt: str) -> dict[str, bytes]:
        """{card key: UTF-8 HTML} of the list pages' cards (theme.FragmentCache), if made under
        the settings and templates that ``salt`` stands for."""
        if self._absent() or self.get_meta("cards") != salt:
            return {}
        return dict(self._db.execute("SELECT key, html FROM cards"))

    def card_count(self) -> int:
        """How many cards are kept (old ones included, until a build that reads them forgets them)."""
        return int(self.get_meta("card count") or 0)

    def store_cards(self, salt: str, added: Iterable[tuple[str, bytes]], forget: Iterable[str] = ()) -> None:
        """Keep the cards ``added``; forget those named in ``forget``, and all made under another ``salt``."""
        with self._transaction():
            count = self.card_count()
            if self.get_meta("cards") != salt:
                self._db.execute("DELETE FROM cards")
                self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('cards', ?)", (salt,))
                count = 0
            count -= self._db.executemany("DELETE FROM cards WHERE key = ?", [(key,) for key in forget]).rowcount
            count += self._db.executemany(  # equal keys, equal cards: one made again is not stored again
                "INSERT OR IGNORE INTO cards (key, html) VALUES (?, ?)", added).rowcount
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('card count', ?)", (str(count),))

    def recall(self, step: str, key: str, compute: Callable[[], T]) -> T:
        """A pure step's value: the one remembered for ``key`` (its inputs' digest), else computed and
        remembered in its place (one value per step: the last build's)."""
        known = self.remembered(step, key)
        if known is not None:
            return known  # type: ignore[return-value]
        value = compute()
        self.remember(step, key, value)
        return value

    def remembered(self, step: str, key: str) -> object | None:
        """What ``remember`` kept for ``step`` under this very ``key``, else None."""
        if self._absent():
            return None
        row = self._db.execute("SELECT key, value FROM steps WHERE step = ?", (step,)).fetchone()
        return unpayload(row[1]) if row is not None and row[0] == key else None

    def remember(self, step: str, key: str, value: object) -> None:
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO steps (step, key, value) VALUES (?, ?, ?)",
                             (step, key, payload(value)))

    def get_meta(self, key: str) -> str | None:
        if self._absent():
            return None
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, values: dict[str, str]) -> None:
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", values.items())

    def _transaction(self):  # noqa: ANN202
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN")

    def __exit__(self, kind, value, traceback) -> None:  # noqa: ANN001
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def payload(value: object) -> bytes:
    return pickle.dumps(value, protocol=5)


# A pickle names each class and function it holds by module and name, and loading it imports
# the module again for each name, two per cached article, a sixth of loading one. The loaders
# of the records the cache holds by the thousand are named by a number instead (copyreg's
# extension registry, PEP 307; codes 240-255 are an application's own),
# which loading looks up in a dict; the module is imported on first use, as for a name.
# A payload written with these codes is read by this module's unpayload, which registers them.
PICKLE_CODES = {
    ("newsgen.records.pickling", "_loaded_article"): 240,
    ("newsgen.records.pickling", "_loaded_tag"): 241,
    ("newsgen.records.pickling", "_loaded_placement"): 242,
    ("newsgen.build.bodies", "StoredBody"): 243,
}
for (_module, _name), _code in PICKLE_CODES.items():
    try:
        copyreg.add_extension(_module, _name, _code)
    except ValueError:  # the code is taken in this process by other code: this name pickles as a name
        pass


def unpayload(data: bytes) -> object:
    return pickle.loads(data)  # noqa: S301 - our own cache file, written by this code

