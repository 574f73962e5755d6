"""Where the built-in theme lives, and which files make a site's theme (no Jinja needed to know)."""

from __future__ import annotations

from pathlib import Path

BUILTIN_THEME = Path(__file__).parent / "theme_default"
BUILTIN_TEMPLATES = BUILTIN_THEME / "templates"
BUILTIN_STATIC = BUILTIN_THEME / "static"


def template_files(templates_dir: Path | None) -> list[Path]:
    """Every template a build may read, for cache keys and change detection."""
    folders = [BUILTIN_TEMPLATES] + ([templates_dir] if templates_dir and templates_dir.is_dir() else [])
    return sorted(path for folder in folders for path in folder.rglob("*") if path.is_file())
