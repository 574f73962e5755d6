"""Front-matter values, each converted and checked: a bad one is an error naming its key's line.

Shared by Markdown front matter (frontmatter.py) and a seed's sidecar (sidecar.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from newsgen.errors import SourceError
from newsgen.sources.limits import remove_forbidden_characters
from newsgen.urls import section_slug_problem
from newsgen.yamlmap import Entry

_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def optional_value(entries: dict[str, Entry], key: str, convert: Callable[[object], object], path: Path):  # noqa: ANN202
    """The converted value of ``key``, None when absent or null; a bad value names its line."""
    entry = entries.get(key)
    if entry is None or entry.value is None:
        return None
    try:
        return convert(entry.value)
    except ValueError as exc:
        raise SourceError(path, entry.line, f"'{key}' {exc}", column=entry.column) from None


def as_text(value: object) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return remove_forbidden_characters(str(value)).strip()  # YAML escapes can write "\0", "\x01"
    raise ValueError(f"must be text, not {type(value).__name__}")


def as_tags(value: object) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise ValueError("must be a list of tags or a comma-separated text")
    tags = tuple(as_text(item) for item in items if item is not None)
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def as_flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"must be true or false, not {value!r}")


def as_language(value: object) -> str:
    if isinstance(value, str) and _LANGUAGE.fullmatch(value.strip()):
        return value.strip()
    raise ValueError(f"must be a language code such as uk or en, not {value!r}")


def bylines(entries: dict[str, Entry], path: Path) -> tuple[str, ...]:
    """`author: name` or `authors: [name, ...]` (not both), each name once, in the order written."""
    if "author" in entries and "authors" in entries:
        entry = entries["authors"]
        raise SourceError(path, entry.line, "'authors' and 'author' are both set: keep one",
                          column=entry.column, hint="authors: [Олена Коваль, Петро Мельник]")
    if "authors" in entries:
        return optional_value(entries, "authors", as_names, path) or ()
    author = optional_value(entries, "author", as_text, path)
    return (author,) if author else ()


def as_names(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or any(isinstance(item, (list, dict)) for item in value):
        raise ValueError("must be a list of names, such as [Олена Коваль, Петро Мельник]")
    return tuple(dict.fromkeys(name for name in map(as_text, filter(lambda item: item is not None, value)) if name))


def as_section(value: object) -> str:
    name = as_text(value)
    if not name:
        raise ValueError("is empty: write the section's slug or its name")
    if problem := section_slug_problem(name):
        raise ValueError(problem)
    return name


def as_words(value: object) -> tuple[str, ...]:
    """Jekyll's lists: a YAML list, or words separated by spaces ("news world")."""
    return as_tags(value.split() if isinstance(value, str) else value)
