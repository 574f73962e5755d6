"""Digests: stable names for values, bytes and text, and for newsgen's own code. Pure.

Every memo key and page signature is made of these (build/memo.py keeps what they name).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsgen import __version__

SCHEMA_VERSION = "4"  # 4: articles pickle as plain values (records.py), loaders by code; 3: as field values


def code_version(package: Path, version: str) -> str:
    """The version number and a digest of the package's Python code.

    A checkout that is pulled or edited keeps its version number, yet its code can
    make other pages and feeds: what older code made must not be served as current.
    (Templates and static files are counted by content where they are read.)
    """
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*.py")):
        hasher.update(path.relative_to(package).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        hasher.update(path.read_bytes() + b"\0")
    return f"{version}+{hasher.hexdigest()}"


CODE_VERSION = code_version(Path(__file__).parent, __version__)  # in every digest: every cache key, every signature


def digest(*parts: object) -> str:
    """A stable digest of values made of str, numbers, dates, paths, tuples and frozen dataclasses.

    repr is canonical for these where pickle is not (pickle's output depends on
    which equal objects happen to be shared); Python's hash() is salted per process.
    """
    text = repr((CODE_VERSION, SCHEMA_VERSION, parts))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredBytes:
    """A file's bytes left where they are kept, with their ``bytes_digest``: an output that already
    holds a file of that signature never has them read (a search shard kept in the cache)."""

    signature: str
    read: Callable[[], bytes]


def file_signature(data: bytes | StoredBytes) -> str:
    """The ``bytes_digest`` of a file's bytes, read or not."""
    return data.signature if isinstance(data, StoredBytes) else bytes_digest(data)


def file_bytes(data: bytes | StoredBytes) -> bytes:
    """A file's bytes, read now if they were left where they are kept."""
    return data.read() if isinstance(data, StoredBytes) else data


def text_digest(text: str) -> str:
    return bytes_digest(text.encode("utf-8", "surrogatepass"))
