"""Pictures as pages show them: a local image an article names, measured, with its narrower copies. Pure.

The files are found, measured and resized by build/pictures.py (``survey_pictures``); views
and figures read these records.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgen.records import Article


@dataclass(frozen=True, slots=True)
class Variant:
    """A narrower copy of a picture."""

    route: str
    width: int
    mime: str


@dataclass(frozen=True, slots=True)
class Picture:
    """A local picture as pages show it: where it is, its size, and its narrower copies."""

    route: str  # the original's route, e.g. "/2026/03/01/mist/mist.png" or "/static/logo.png"
    mime: str
    length: int  # bytes, for feed enclosures
    width: int = 0  # 0 when unknown (SVG, a file Pillow cannot read)
    height: int = 0
    variants: tuple[Variant, ...] = ()  # narrowest first: the original's format, then WebP


def picture_key(article: Article, src: str) -> tuple[str, str]:
    return (article.id, src)
