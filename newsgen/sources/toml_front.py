"""TOML front matter between ``+++`` lines (Hugo's and Zola's), with the line of every key. Pure."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from newsgen.errors import SourceError
from newsgen.yamlmap import Entry

_TOML_OPENING = re.compile(r"\A\+\+\+[ \t]*\n")
_TOML_CLOSING = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)
_TOML_KEY = re.compile(r"""[ \t]*(?:"([^"\n]+)"|'([^'\n]+)'|([A-Za-z0-9_-]+))[ \t]*=""")
_TOML_TABLE = re.compile(r"[ \t]*\[\[?[ \t]*\"?([A-Za-z0-9_-]+)")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def opens_toml(text: str) -> bool:
    return _TOML_OPENING.match(text) is not None


def split_toml_front_matter(text: str, path: Path) -> tuple[str, int, str, int]:
    """(front matter, its first line, body, the body's first line) of a file that starts with ``+++``."""
    opening_end = text.index("\n") + 1
    closing = _TOML_CLOSING.search(text, opening_end)
    if closing is None:
        raise SourceError(path, 1, "front matter is not closed", hint="end it with a line `+++`")
    body_offset = min(closing.end() + 1, len(text))
    return text[opening_end : closing.start()], 2, text[body_offset:], text.count("\n", 0, body_offset) + 1


def read_toml_mapping(text: str, path: Path, first_line: int) -> dict[str, Entry]:
    """Top-level keys of TOML front matter with their lines; a syntax error names its line and column."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        position = _TOML_POSITION.search(str(exc))
        line, column = (first_line + int(position[1]) - 1, int(position[2])) if position else (first_line, None)
        raise SourceError(path, line, f"invalid TOML: {_TOML_POSITION.sub('', str(exc))}", column=column) from None
    except RecursionError:
        raise SourceError(path, first_line, "TOML nested too deep") from None
    lines: dict[str, int] = {}
    in_table = False  # keys after a [table] header belong to that table
    for number, line in enumerate(text.split("\n"), start=first_line):
        if table := _TOML_TABLE.match(line):
            in_table = True
            lines.setdefault(table[1], number)
        elif not in_table and (match := _TOML_KEY.match(line)):
            lines.setdefault(match[1] or match[2] or match[3], number)
    return {key: Entry(value, lines.get(key, first_line), 1) for key, value in data.items()}


