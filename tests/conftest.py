"""Shared test helpers: tiny projects built from a dict, and the CLI run in-process."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest



def write_project(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} under root; text is dedented."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def build_project(root: Path, *, drafts: bool = False, strict: bool = False, **overrides: object):  # noqa: ANN201
    from newsgen.build.builder import BuildOptions, build
    from newsgen.site.config import load_config

    config = load_config(root, overrides)
    return build(config, BuildOptions(drafts=drafts, strict=strict))


@pytest.fixture
def make_project(tmp_path: Path):
    """make_project({"seeds/a.txt": "date 2026-01-01 Text."}) -> the site folder."""

    def make(files: Mapping[str, str | bytes], name: str = "site") -> Path:
        return write_project(tmp_path / name, files)

    return make


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
