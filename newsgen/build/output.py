"""The output folder: staged, marked, committed only when complete. The only place that deletes.

A build writes into a staging folder beside the output. A full build swaps the
staging folder in; an incremental build stages only the files that changed and
then moves them in under a journal, so a failed or killed build leaves the
previous site as it was, and a build killed while committing is completed by
the next one. Every folder newsgen creates carries a marker file; newsgen
refuses to replace or delete a non-empty folder without one.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from newsgen.digests import StoredBytes, digest, file_bytes, file_signature
from newsgen.errors import BuildError, Refusal

MARKER = ".newsgen-output"
MARKER_TEXT = "This folder was written by newsgen; newsgen may replace it on the next build.\n"
_STAGING = ".staging-"
JOURNAL = ".newsgen-journal.json"  # in the staging folder while an incremental commit runs
_RENAME_EXCHANGE = 2  # Linux renameat2 flag: swap two paths in one step
_AT_FDCWD = -100


def is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file() and not (folder / MARKER).is_symlink()


def check_output(output: Path, protected: Sequence[Path], sources: Sequence[Path] = ()) -> None:
    """Refuse outputs that could destroy something newsgen did not make: an output that is or holds
    a ``protected`` folder, or lies inside one of the ``sources`` (the next build would read it back)."""
    output = output.resolve()
    for source in protected:
        source = source.resolve()
        if output == source or output in source.parents:
            raise Refusal(f"refusing to write the site into {output}: it holds the site's sources ({source})")
    for source in sources:
        source = source.resolve()
        if source in output.parents:
            raise Refusal(f"refusing to write the site into {output}: it is inside the source folder {source}, "
                          "and the next build would read it as sources. Choose an --output outside it.")
    if output.exists() and not output.is_dir():
        raise Refusal(f"refusing to write the site to {output}: it is a file, not a folder")
    if output.is_dir() and not is_ours(output) and any(output.iterdir()):
        raise Refusal(
            f"refusing to write into {output}: the folder is not empty and was not created by newsgen "
            f"(no {MARKER} marker). Choose an empty or new folder with --output."
        )


@contextlib.contextmanager
def staged_output(output: Path, protected: list[Path]) -> Iterator[Path]:
    """A fresh staging folder; on success it becomes ``output``, on failure it is removed."""
    with StagedOutput.open(output, protected) as staged:
        yield staged.staging
        staged.commit_swap("unrecorded")


class StagedOutput:
    """A staging folder for one build, and the two ways of committing it."""

    def __init__(self, output: Path, staging: Path) -> None:
        self.output, self.staging = output, staging
        self.committed = False

    @classmethod
    @contextlib.contextmanager
    def open(cls, output: Path, protected: list[Path]) -> Iterator[StagedOutput]:
        output = output.resolve()
        check_output(output, protected)
        output.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(output)
        staging = output.parent / f".{output.name}{_STAGING}{os.getpid()}"
        staging.mkdir()
        staged = cls(output, staging)
        staged._mark(staging, "pending")
        try:
            yield staged
        finally:
            if staging.exists() and is_ours(staging):
                shutil.rmtree(staging)

    @staticmethod
    def _mark(folder: Path, build_id: str, articles: int | None = None) -> None:
        count = "" if articles is None else f"articles: {articles}\n"  # what the next build may not take down
        (folder / MARKER).write_text(f"{MARKER_TEXT}build: {build_id}\n{count}", encoding="utf-8")

    def commit_swap(self, build_id: str, articles: int | None = None) -> None:
        """The staging folder, holding the whole site (``articles`` of them), replaces the output.

        ``build_id`` names the content (a digest of it), so identical builds are identical bytes.
        """
        self._mark(self.staging, build_id, articles)
        _swap_in(self.staging, self.output)
        self.committed = True

    def commit_changes(self, deleted: Iterable[str], build_id: str, articles: int | None = None) -> None:
        """Move the staged files into the output and delete ``deleted`` (output-relative paths).

        A journal written first lets the next build finish a commit that was killed.
        """
        moves = sorted(_staged_files(self.staging))
        journal = self.staging / JOURNAL
        journal.write_text(json.dumps({"moves": moves, "deletes": sorted(deleted)}), encoding="utf-8")
        with journal.open("rb") as handle:
            os.fsync(handle.fileno())
        _apply_journal(self.staging, self.output)
        self._mark(self.output, build_id, articles)
        self.committed = True


def publish(staged: StagedOutput, files: Mapping[str, bytes | StoredBytes], manifest: dict[str, str],
            previous: dict[str, str], articles: int) -> str:
    """Stage the ``files`` whose bytes the output does not hold yet (``previous``: its manifest) and commit
    the build, which holds ``articles``: the changes alone when the output is the one ``previous``
    describes, else the whole staging folder. ``manifest`` (of the pages already staged) gains the files'
    signatures; a file whose signature is known (StoredBytes) is read only when it must be written.
    Returns the build's id, a digest of its manifest."""
    for relative, data in files.items():
        manifest[relative] = signature = file_signature(data)
        if previous.get(relative) != signature:
            write_file(staged.staging, relative, file_bytes(data))
    build_id = digest(sorted(manifest.items()))
    if previous:
        staged.commit_changes(set(previous) - set(manifest), build_id, articles)
    else:
        staged.commit_swap(build_id, articles)
    return build_id


def read_build_id(output: Path) -> str | None:
    """The id of the build that last wrote ``output``, from its marker."""
    return _marked(output, "build")


def read_article_count(output: Path) -> int | None:
    """How many articles ``output`` publishes, from its marker; None when it does not say."""
    count = _marked(output, "articles")
    return int(count) if count is not None and count.isdigit() else None


def _marked(output: Path, name: str) -> str | None:
    try:
        text = (output / MARKER).read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(f"{name}: "):
            return line.removeprefix(f"{name}: ").strip()
    return None


def _staged_files(staging: Path) -> Iterator[str]:
    """The staged files as output-relative POSIX paths. Strings and os.walk, which reads each folder
    without a stat per file: an addition to a 100,000-article archive stages 9,500 pages."""
    root = os.fspath(staging)
    for folder, _, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in names:
            if name not in (MARKER, JOURNAL):
                yield name if prefix == "." else f"{prefix}/{name}"


def _apply_journal(staging: Path, output: Path) -> None:
    """Finish a commit: idempotent, so it can be replayed after a crash."""
    plan = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    made: set[str] = set()  # folders known to exist in the output
    for relative in plan["moves"]:
        _check_relative(relative)
        source, target = os.path.join(staging, relative), os.path.join(output, relative)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        try:
            os.replace(source, target)
        except FileNotFoundError:
            if os.path.lexists(source):
                raise
            # moved already: this replays a commit that was killed after the move
    for relative in plan["deletes"]:
        _check_relative(relative)
        target = output / relative
        target.unlink(missing_ok=True)
        _prune_empty_parents(target.parent, output)
    (staging / JOURNAL).unlink()


def _prune_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def remove_stale_staging(output: Path) -> None:
    """Staging folders left by a killed build (ours by name and marker) are finished or removed."""
    for candidate in output.parent.glob(f".{output.name}{_STAGING}*"):
        if candidate.is_dir() and not candidate.is_symlink() and is_ours(candidate):
            if (candidate / JOURNAL).is_file() and is_ours(output):
                _apply_journal(candidate, output)
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


def _check_relative(text: str) -> None:
    parts = text.replace("\\", "/").split("/")
    if not text or "\x00" in text or os.path.isabs(text) or ".." in parts:
        raise BuildError(f"refusing to write outside the output folder: {text!r}")


def write_file(root: Path, relative: str | os.PathLike[str], data: bytes) -> None:
    """Write one output file under ``root``; a path that would leave it is refused.

    The check is lexical (no "..", not absolute, no NUL): ``root`` is a staging
    folder newsgen just created, so no symlink inside it can lead elsewhere.
    """
    text = os.fspath(relative)
    _check_relative(text)
    target = root / text
    try:
        target.write_bytes(data)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def replace_file(path: Path, data: bytes) -> None:
    """Write a file of the site's own (urls.tsv) whole or not at all: a temporary file beside it, then
    a rename over the old one, so a build killed meanwhile leaves the old file as it was."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
