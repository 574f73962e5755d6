"""One built page of each type, found by its place in the output (urls.py's routes)."""

from __future__ import annotations

import re
from pathlib import Path

# Every page type a build writes, by its output path. Order matters: first match wins.
PAGE_TYPES: dict[str, re.Pattern[str]] = {
    "front": re.compile(r"index\.html"),
    "front, page 2": re.compile(r"page/2/index\.html"),
    "article": re.compile(r"\d{4}/\d{2}/\d{2}/(?!page/)[^/]+/index\.html"),
    "day": re.compile(r"\d{4}/\d{2}/\d{2}/index\.html"),
    "month": re.compile(r"\d{4}/\d{2}/index\.html"),
    "year": re.compile(r"\d{4}/index\.html"),
    "tag": re.compile(r"tags/[^/]+/index\.html"),
    "tag, page 2": re.compile(r"tags/[^/]+/page/2/index\.html"),
    "tag index": re.compile(r"tags/index\.html"),
    "archive": re.compile(r"archive/index\.html"),
    "search": re.compile(r"search/index\.html"),
    "not found": re.compile(r"404\.html"),
}
OPTIONAL = {"search", "front, page 2", "tag, page 2"}  # a small site has no second pages; search is planned


def page_of_each_type(output: Path) -> dict[str, Path]:
    """{type: file}; for a type with many pages, the one with the most HTML (the richest example)."""
    found: dict[str, Path] = {}
    sizes: dict[str, int] = {}
    for file in sorted(output.rglob("*.html")):
        relative = file.relative_to(output).as_posix()
        for kind, pattern in PAGE_TYPES.items():
            if pattern.fullmatch(relative):
                size = file.stat().st_size
                if size > sizes.get(kind, -1):
                    found[kind], sizes[kind] = file, size
                break
    return found


def missing_types(found: dict[str, Path]) -> list[str]:
    return [kind for kind in PAGE_TYPES if kind not in found and kind not in OPTIONAL]
