"""Where a site keeps what its builds remember about each output, and the lock on that output.

The build cache and the search shards hold unpublished text (drafts among it), so they
live with the site's sources (``<site>/.newsgen/``, or ``--cache-dir``), never in or
beside the folder a web server publishes. Each output has a folder of its own in there
(its name and a digest of its path), so one site can build to several outputs. The
cache folder git-ignores itself and carries a CACHEDIR.TAG, so neither git nor backup
tools take it for sources.

One build at a time writes an output: the build holds an flock on the lock file in the
output's folder. The kernel releases it when the process ends however it ends, so a
killed build never leaves the output locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_NAME = "lock"
_IGNORE_ALL = "# newsgen's build cache: never commit it (it may hold the text of drafts)\n*\n"
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This folder is newsgen's build cache; see https://bford.info/cachedir/\n")


def output_folder(cache_root: Path, output: Path) -> Path:
    """The folder under ``cache_root`` for what builds remember about ``output``."""
    output = output.resolve()
    key = hashlib.blake2b(os.fsencode(output), digest_size=6).hexdigest()
    return cache_root.resolve() / f"{output.name or 'root'}-{key}"


def prepare(folder: Path) -> None:
    """Create an output's folder, and its cache root's .gitignore and CACHEDIR.TAG when missing."""
    root = folder.parent
    root.mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", _IGNORE_ALL), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        if not (root / name).exists():
            (root / name).write_text(text, encoding="utf-8")
    folder.mkdir(exist_ok=True)


@contextlib.contextmanager
def output_lock(folder: Path, output: Path, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock on ``output`` (its file in ``folder``); wait for the build that holds it, saying so."""
    prepare(folder)
    descriptor = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
                by = f" (process {holder})" if holder.isdigit() else ""
                waiting(f"newsgen: waiting for another build of {output}{by} to finish")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(descriptor)  # releases the lock
