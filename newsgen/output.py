"""The output folder: staged, marked, swapped in atomically. The only place that deletes.

A build writes into a staging folder beside the output and swaps it in only
when complete, so a failed or killed build leaves the previous site as it was.
Every folder newsgen creates carries a marker file; newsgen refuses to replace
or delete a non-empty folder without one.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from newsgen.errors import BuildError

MARKER = ".newsgen-output"
MARKER_TEXT = "This folder was written by newsgen; newsgen may replace it on the next build.\n"
_STAGING = ".staging-"
_RENAME_EXCHANGE = 2  # Linux renameat2 flag: swap two paths in one step
_AT_FDCWD = -100


def is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file() and not (folder / MARKER).is_symlink()


def check_output(output: Path, protected: list[Path]) -> None:
    """Refuse outputs that could destroy something newsgen did not make."""
    output = output.resolve()
    for source in protected:
        source = source.resolve()
        if output == source or output in source.parents:
            raise BuildError(f"refusing to write the site into {output}: it holds the site's sources ({source})")
    if output.exists() and not output.is_dir():
        raise BuildError(f"refusing to write the site to {output}: it is a file, not a folder")
    if output.is_dir() and not is_ours(output) and any(output.iterdir()):
        raise BuildError(
            f"refusing to write into {output}: the folder is not empty and was not created by newsgen "
            f"(no {MARKER} marker). Choose an empty or new folder with --output."
        )


@contextlib.contextmanager
def staged_output(output: Path, protected: list[Path]) -> Iterator[Path]:
    """A fresh staging folder; on success it becomes ``output``, on failure it is removed."""
    output = output.resolve()
    check_output(output, protected)
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(output)
    staging = output.parent / f".{output.name}{_STAGING}{os.getpid()}"
    staging.mkdir()
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    try:
        yield staging
        _swap_in(staging, output)
    finally:
        if staging.exists() and is_ours(staging):
            shutil.rmtree(staging)


def remove_stale_staging(output: Path) -> None:
    """Staging folders left by a killed build (ours by name and marker) are removed."""
    for candidate in output.parent.glob(f".{output.name}{_STAGING}*"):
        if candidate.is_dir() and not candidate.is_symlink() and is_ours(candidate):
            shutil.rmtree(candidate, ignore_errors=True)


def _swap_in(staging: Path, output: Path) -> None:
    if not output.exists():
        staging.rename(output)
        return
    if not is_ours(output):
        # An empty folder the user made: claim it rather than delete it.
        if any(output.iterdir()):
            raise BuildError(f"refusing to replace {output}: it changed during the build")
        output.rmdir()
        staging.rename(output)
        return
    if not _exchange(staging, output):
        retired = output.parent / f".{output.name}{_STAGING}old-{os.getpid()}"
        output.rename(retired)
        staging.rename(output)
        staging = retired
    shutil.rmtree(staging)  # the previous site, which carries our marker


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False where that is not available."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def write_file(root: Path, relative: str | os.PathLike[str], data: bytes) -> None:
    """Write one output file under ``root``; a path that would leave it is refused.

    The check is lexical (no "..", not absolute, no NUL): ``root`` is a staging
    folder newsgen just created, so no symlink inside it can lead elsewhere.
    """
    text = os.fspath(relative)
    parts = text.replace("\\", "/").split("/")
    if not text or "\x00" in text or os.path.isabs(text) or ".." in parts:
        raise BuildError(f"refusing to write outside the output folder: {text!r}")
    target = root / text
    try:
        target.write_bytes(data)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
