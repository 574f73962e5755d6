"""The site a command works on: its newsgen.yaml with the command line's overrides, --content checked."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from newsgen.cli.console import Console

if TYPE_CHECKING:
    from newsgen.site.config import SiteConfig


def load_site_config(site_dir: Path, **overrides: object) -> SiteConfig:
    from newsgen.site.config import load_config  # imported when used: `newsgen --help` stays quick

    return load_config(site_dir, overrides)


def content_override(args: argparse.Namespace, console: Console) -> dict[str, str] | None:
    """{"content_dir": ...} for --content, {} without it; None (after saying why) when it is no folder."""
    if args.content is None:
        return {}
    if not args.content.is_dir():
        console.problem(f"newsgen: --content {args.content}: no such folder")
        return None
    return {"content_dir": str(args.content.resolve())}
