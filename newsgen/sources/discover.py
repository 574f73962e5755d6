"""The only place that reads content: find source files, decode them, hand text to parsers."""

from __future__ import annotations

import datetime
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from newsgen.errors import Diagnostic, SourceError
from newsgen.records import SourceArticle, SourceFile, child_path
from newsgen.sources.foreign import NotAnArticle, survey_content
from newsgen.sources.frontmatter import parse_article
from newsgen.sources.limits import forbidden_characters_warning, remove_forbidden_characters
from newsgen.sources.seed import parse_seed
from newsgen.sources.sidecar import apply_sidecar, sidecar_path

SEED_SUFFIXES = (".txt",)


def discover_sources(seeds_dir: Path, content_dir: Path) -> list[SourceFile]:
    """Seed, Markdown and HTML files in a stable order. Symlinked folders are not followed (no loops).

    The content folder may also be a Jekyll or Hugo site (see loader/foreign.py).
    """
    found = [SourceFile(path, "seed") for path in _walk(seeds_dir, SEED_SUFFIXES)]
    found += survey_content(content_dir).files
    return found


def _walk(folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(root)
        for name in sorted(files):
            if name.endswith(suffixes) and not name.startswith("."):
                yield child_path(base, name)


def decode_source(data: bytes, path: Path) -> str:
    """UTF-8 text (a byte-order mark allowed); other bytes name their line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise SourceError(
            path, line, f"not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
            column=column, hint="save the file as UTF-8",
        ) from None


def parse_source(
    source: SourceFile, data: bytes, default_tz: datetime.tzinfo, sidecar: bytes | None = None
) -> tuple[list[SourceArticle], list[Diagnostic]]:
    """Parse one file's bytes (and a seed's sidecar). Problems come back as diagnostics, never as exceptions."""
    try:
        text = decode_source(data, source.path)
    except SourceError as exc:
        return [], [exc.diagnostic]
    warning = forbidden_characters_warning(text, source.path)
    warnings = [warning] if warning else []
    if warning:
        text = remove_forbidden_characters(text)
    try:
        if source.source_format == "seed":
            articles, problems = parse_seed(text, source.path, default_tz)
            if sidecar is not None and articles:  # a bad sidecar leaves its article out, named at its line
                path = sidecar_path(source.path)
                articles = apply_sidecar(articles, decode_source(sidecar, path), path, default_tz)
            return articles, warnings + problems
        article, notes = parse_article(text, source.path, default_tz, source.facts, source.source_format)
        return [article], warnings + notes
    except (SourceError, NotAnArticle) as exc:
        return [], warnings + [exc.diagnostic]


def read_sidecar(source: SourceFile) -> bytes | None:
    """A seed's sidecar's bytes (loader/sidecar.py); None when it has none."""
    if source.source_format != "seed":
        return None
    try:
        return sidecar_path(source.path).read_bytes()
    except OSError:
        return None  # none there (or unreadable: the seed is published as written)


def read_source(source: SourceFile) -> bytes | Diagnostic:
    try:
        # A FIFO or a device (say, a symlink to /dev/zero) would block or never end.
        if not stat.S_ISREG(source.path.stat().st_mode):
            return Diagnostic(source.path, None, None, "not a regular file: left out")
        return source.path.read_bytes()
    except OSError as exc:
        return Diagnostic(source.path, None, None, f"cannot read the file: {exc.strerror or exc}")


def read_files(files: Mapping[str, Path]) -> dict[str, bytes]:
    """{name: bytes} of files published as they are (static files, a page bundle's pictures)."""
    return {name: path.read_bytes() for name, path in files.items()}
