"""Where the built-in theme lives, and which files make a site's theme and static files (no Jinja needed)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

BUILTIN_THEME = Path(__file__).parent / "theme_default"
BUILTIN_TEMPLATES = BUILTIN_THEME / "templates"
BUILTIN_STATIC = BUILTIN_THEME / "static"


def template_files(templates_dir: Path | None) -> list[Path]:
    """Every template a build may read, for cache keys and change detection."""
    folders = [BUILTIN_TEMPLATES] + ([templates_dir] if templates_dir and templates_dir.is_dir() else [])
    return sorted(path for folder in folders for path in folder.rglob("*") if path.is_file())


def templates_digest(templates_dir: Path | None) -> str:
    """A digest of every template a build may read, names and bytes: part of every page's signature."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in template_files(templates_dir):
        hasher.update(os.fsencode(path))
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def site_static_files(static_dir: Path, site_dir: Path) -> tuple[dict[str, Path], list[Path]]:
    """The site's static files, {output-relative path under static/: file}, and the links left out.

    A symlink (to a file or a folder) is followed only when it leads to a place inside the
    site: one that leads elsewhere (``/etc/passwd``, a home folder) would publish it.
    """
    files: dict[str, Path] = {}
    skipped: list[Path] = []
    if not static_dir.is_dir():
        return files, skipped
    site = site_dir.resolve()
    seen = {static_dir.resolve()}
    pending = [(static_dir, "")]
    while pending:
        folder, prefix = pending.pop()
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            path, relative = Path(entry.path), f"{prefix}{entry.name}"
            if entry.is_symlink() and not path.resolve().is_relative_to(site):
                skipped.append(path)
            elif entry.is_dir():  # a link to a folder in the site is followed, once: a link back up would loop
                if (real := path.resolve()) not in seen:
                    seen.add(real)
                    pending.append((path, f"{relative}/"))
            elif entry.is_file():
                files[relative] = path
    return dict(sorted(files.items())), sorted(skipped)
