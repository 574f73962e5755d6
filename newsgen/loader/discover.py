"""The only place that reads content: find source files, decode them, hand text to parsers."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgen.errors import Diagnostic, SourceError
from newsgen.loader.frontmatter import parse_markdown_article
from newsgen.loader.seed import parse_seed
from newsgen.records import SourceArticle

SEED_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file that holds articles, and the format it is written in."""

    path: Path
    source_format: str  # "seed" or "markdown"


def discover_sources(seeds_dir: Path, content_dir: Path) -> list[SourceFile]:
    """Seed and Markdown files in a stable order. Symlinked folders are not followed (no loops)."""
    found = [SourceFile(path, "seed") for path in _walk(seeds_dir, SEED_SUFFIXES)]
    found += [SourceFile(path, "markdown") for path in _walk(content_dir, MARKDOWN_SUFFIXES)]
    return found


def _walk(folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(suffixes) and not name.startswith("."):
                yield Path(root) / name


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
    source: SourceFile, data: bytes, default_tz: datetime.tzinfo
) -> tuple[list[SourceArticle], list[Diagnostic]]:
    """Parse one file's bytes. Problems come back as diagnostics, never as exceptions."""
    try:
        text = decode_source(data, source.path)
        if source.source_format == "seed":
            return parse_seed(text, source.path, default_tz)
        return [parse_markdown_article(text, source.path, default_tz)], []
    except SourceError as exc:
        return [], [exc.diagnostic]


def read_source(source: SourceFile) -> bytes | Diagnostic:
    try:
        return source.path.read_bytes()
    except OSError as exc:
        return Diagnostic(source.path, None, None, f"cannot read the file: {exc.strerror or exc}")


def load_sources(
    sources: list[SourceFile], default_tz: datetime.tzinfo
) -> tuple[list[SourceArticle], list[Diagnostic]]:
    """Every article that parses, and a diagnostic for everything that does not."""
    articles: list[SourceArticle] = []
    problems: list[Diagnostic] = []
    for source in sources:
        data = read_source(source)
        if isinstance(data, Diagnostic):
            problems.append(data)
            continue
        found, bad = parse_source(source, data, default_tz)
        articles += found
        problems += bad
    return articles, problems
