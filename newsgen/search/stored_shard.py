"""A shard's finished index as the cache keeps it: a zip file of its files and, beside it, their
signatures. Read lazily: a build whose output already holds a file of the same signature never
reads it, so an edit does not read back every unchanged shard of a large archive.
"""

from __future__ import annotations

import functools
import json
import os
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path

from newsgen.digests import StoredBytes, bytes_digest

SUMS = ".sums"  # beside <key>.zip: {name: bytes_digest} of the files in it


class StoredShard(Mapping[str, bytes]):
    """``{path in the shard's folder: bytes}`` of a zip kept in the cache, each file read when asked for."""

    def __init__(self, archive: zipfile.ZipFile, sums: dict[str, str]) -> None:
        self._archive, self._sums = archive, sums

    @classmethod
    def open(cls, path: Path) -> StoredShard | None:
        """The shard kept at ``path`` (a zip file with its sums beside it); None when either is missing,
        cannot be read, or they do not name the same files (a zip cut short, a sums file of another)."""
        try:
            sums = json.loads(path.with_suffix(SUMS).read_text(encoding="utf-8"))
            archive = zipfile.ZipFile(path)  # reads the list of files only
        except (OSError, ValueError, zipfile.BadZipFile, EOFError):
            return None
        if not isinstance(sums, dict) or set(archive.namelist()) != set(sums):
            archive.close()
            return None
        return cls(archive, sums)

    def __getitem__(self, name: str) -> bytes:
        if name not in self._sums:
            raise KeyError(name)
        try:
            return self._archive.read(name)
        except (OSError, ValueError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            # Found only now, too late for this build: the entry goes, so the next build indexes it again.
            path = Path(str(self._archive.filename))
            for damaged in (path, path.with_suffix(SUMS)):
                damaged.unlink(missing_ok=True)
            raise OSError(f"{path}: a search index kept in the cache is damaged ({exc}); it was removed from the "
                          "cache, and the next build indexes it again") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._sums)

    def __len__(self) -> int:
        return len(self._sums)

    def unread(self, name: str) -> StoredBytes:
        """The file ``name`` with its signature, not read yet."""
        return StoredBytes(self._sums[name], functools.partial(self.__getitem__, name))


def write_sums(path: Path, files: Mapping[str, bytes]) -> None:
    """The signatures of ``files`` beside the zip file ``path`` that holds them (written before it)."""
    temporary = path.parent / f".{path.stem}-sums.{os.getpid()}.tmp"  # as ShardMemo names its scratch files
    temporary.write_text(json.dumps({name: bytes_digest(data) for name, data in files.items()}), encoding="utf-8")
    os.replace(temporary, path.with_suffix(SUMS))
