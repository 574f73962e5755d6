"""The records discovery hands to loading: a file that holds articles, its format, what its name and folder say."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Whose conventions a content file follows (sources/foreign.py tells them apart).
JEKYLL, HUGO, ZOLA, NEWSGEN = "jekyll", "hugo", "zola", "newsgen"

# ``folder / name`` for a name from a folder listing (no separator, not "." or ".."): pathlib's
# own join of one such name, as in its folder walks, skips parsing it again, at a fifth of the
# cost. Loading and discovering make one Path per article; Pythons without it join as usual.
child_path: Callable[[Path, str], Path] = getattr(Path, "_make_child_relpath", Path.joinpath)


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What a file's name and folder say about its article; its front matter wins over all of it."""

    dialect: str = NEWSGEN  # whose conventions apply: Liquid and word lists (Jekyll), pages (Hugo, Zola)
    date: datetime.date | None = None  # from a dated name: 2015-11-09-slug.md or 2015-11-9-slug.md
    slug: str | None = None  # the rest of a dated name
    title: str | None = None  # Jekyll titles an untitled post after its file name
    draft: bool = False  # in Jekyll's _drafts/
    categories: tuple[str, ...] = ()  # Jekyll: the folders above _posts/
    sections: tuple[str, ...] = ()  # the folders between the content root and the file (or its bundle)
    bundle: Path | None = None  # Hugo page bundle: the folder whose other files are copied beside the page


NO_FACTS = FileFacts()


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file that holds articles, and the format it is written in."""

    path: Path
    source_format: str  # "seed", "markdown" or "html"
    facts: FileFacts = NO_FACTS  # what the file's name and folder say (dated names, Jekyll, Hugo)
