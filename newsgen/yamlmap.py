"""Read a YAML mapping with the line of every key, safely.

Shared by the site configuration and Markdown front matter. Only YAML's safe
types are built; documents that expand beyond a fixed size (alias bombs) or
nest too deep are refused before anything walks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from newsgen.errors import SourceError

# libyaml's parser when PyYAML was built with it: the pure-Python one costs more
# than converting the Markdown of a typical article.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_NODES = 10_000  # after alias expansion; a real front matter has a few dozen
MAX_DEPTH = 50


@dataclass(frozen=True, slots=True)
class Entry:
    """One top-level key: its value and where the key stands (1-based)."""

    value: object
    line: int
    column: int
    lines: tuple[int, ...] = ()  # a list's items' lines, or a mapping's keys' lines, in order (YAML only)

    def line_of(self, index: int) -> int:
        """The line of item (or key) ``index`` of the value, else the key's own line."""
        return self.lines[index] if index < len(self.lines) else self.line


def read_yaml_mapping(text: str, path: Path, first_line: int = 1) -> dict[str, Entry]:
    """Top-level keys of a YAML mapping; ``first_line`` is where ``text`` starts in the file."""
    offset = first_line - 1
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _positioned(exc, path, offset) from exc
    except RecursionError:  # the pure-Python composer recurses once per level (libyaml stops at 1,000)
        raise SourceError(path, first_line, f"YAML nested more than {MAX_DEPTH} levels deep") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(path, root.start_mark.line + 1 + offset, "expected a mapping of `key: value` lines")
    _check_size(root, path, offset)
    loader = yaml.SafeLoader("")  # constructs Python values from already composed nodes
    entries: dict[str, Entry] = {}
    for key_node, value_node in root.value:
        line, column = key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1
        key = str(key_node.value)
        if key in entries:
            raise SourceError(path, line, f"'{key}' is set twice", column=column)
        try:
            value = loader.construct_object(value_node, deep=True)
        except yaml.YAMLError as exc:
            raise _positioned(exc, path, offset) from exc
        except (ValueError, OverflowError, TypeError, AttributeError) as exc:
            # PyYAML's constructors fail so on values its resolver let through: a timestamp
            # 2026-13-45 or with a seconds offset, an int of 5,000 digits.
            raise _impossible(key, value_node, exc, path, offset) from None
        entries[key] = Entry(value, line, column, _item_lines(value_node, offset))
    return entries


def _item_lines(node: yaml.Node, offset: int) -> tuple[int, ...]:
    if isinstance(node, yaml.SequenceNode):
        return tuple(item.start_mark.line + 1 + offset for item in node.value)
    if isinstance(node, yaml.MappingNode):
        return tuple(key.start_mark.line + 1 + offset for key, _ in node.value)
    return ()


def _impossible(key: str, node: yaml.Node, exc: Exception, path: Path, offset: int) -> SourceError:
    reason = str(exc) if isinstance(exc, (ValueError, OverflowError)) else f"{node.tag.rsplit(':', 1)[-1]} cannot be read"
    return SourceError(path, node.start_mark.line + 1 + offset, f"'{key}' has an impossible value: {reason}",
                       column=node.start_mark.column + 1)


def _positioned(exc: yaml.YAMLError, path: Path, offset: int) -> SourceError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    line = mark.line + 1 + offset if mark else None
    column = mark.column + 1 if mark else None
    return SourceError(path, line, f"invalid YAML: {problem}", column=column)


def _check_size(root: yaml.Node, path: Path, offset: int) -> None:
    """Count nodes as a walk would see them, aliases expanded, with a budget."""
    budget = MAX_NODES
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        budget -= 1
        line = node.start_mark.line + 1 + offset
        if budget < 0:
            raise SourceError(path, line, f"YAML too large: more than {MAX_NODES} values after expanding aliases")
        if depth > MAX_DEPTH:
            raise SourceError(path, line, f"YAML nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
