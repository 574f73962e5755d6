"""The picture survey: every local image an article shows, found, measured, with narrower copies for small screens.

An article names its pictures as written (records.Editorial: the lead `image:` and the
images of its body). ``survey_pictures`` finds each file (in the article's bundle, or
under static/), reads its size with Pillow and makes copies 480, 960 and 1600 px wide
(in the original format and in WebP) of the ones that are wider. Resizing is the cost:
a copy is kept in the build's memo (``PictureMemo``: build/memo.py) under the digest of the
source's bytes and its width, so a rebuild resizes only new or changed pictures. A missing or unreadable
file is a warning naming the article's line, never a failure.
"""

from __future__ import annotations

import io
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newsgen import urls
from newsgen.digests import bytes_digest
from newsgen.errors import WARNING, Diagnostic
from newsgen.plan.images import Picture, Variant, picture_key
from newsgen.records import Article
from newsgen.site.catalog import Spread, spread_here
from newsgen.sources.images import is_local_image

VARIANT_WIDTHS = (480, 960, 1600)
# Formats whose copies are made in the same format; others (SVG, an animated GIF) are only measured or left.
_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}
_MIME = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
         ".gif": "image/gif", ".svg": "image/svg+xml", ".avif": "image/avif"}


@dataclass(frozen=True, slots=True)
class _Measured:
    digest: str
    length: int
    width: int
    height: int
    format: str  # Pillow's name ("JPEG"), "" when not readable


class PictureMemo(Protocol):
    """What a build remembers of pictures (build/memo.PictureMemo): their measurements while their files
    stay as they were, and their copies by name."""

    def measured(self, path: Path) -> _Measured | None: ...
    def remember_measured(self, measured: Mapping[str, _Measured]) -> None: ...
    def copy(self, name: str) -> bytes | None: ...
    def keep_copy(self, name: str, data: bytes) -> None: ...


def article_folder(article: Article) -> str:
    """The route of the folder an article's page is in: its bundle's files are published there."""
    route = urls.article_route(article.date, article.slug, article.route)
    return route if route.endswith("/") else posixpath.dirname(route) + "/"


def locate(article: Article, src: str, static_dir: Path) -> tuple[str, Path] | None:
    """(route, source file) of a local picture; None when newsgen cannot know the file (a path elsewhere)."""
    path, _, _ = src.partition("?")
    path = path.partition("#")[0]
    if path.startswith("/static/"):
        inside = posixpath.normpath(path[len("/static/"):])
        return None if inside.startswith("..") else (path, static_dir / inside)
    if path.startswith("/") or article.placement.bundle is None:
        return None
    inside = posixpath.normpath(path)
    if inside.startswith(("..", "/")):
        return None
    return article_folder(article) + inside, article.placement.bundle / inside


def survey_pictures(articles: Iterable[Article], static_dir: Path, memo: PictureMemo | None = None,
                    spread: Spread = spread_here,
                    ) -> tuple[dict[tuple[str, str], Picture], dict[str, bytes], list[Diagnostic]]:
    """Every local picture of the articles: {(article id, src): Picture}, the copies to publish
    {output path: bytes}, and a warning for each picture that cannot be found or read. The copies
    not kept from an earlier build are made by ``spread`` (in several processes: resizing is the cost)."""
    measured: dict[str, _Measured] = {}
    pictures: dict[tuple[str, str], Picture] = {}
    copies: dict[str, tuple[Path, _Measured, Variant]] = {}
    problems: list[Diagnostic] = []
    for article in articles:
        for src, line in _named_pictures(article):
            found = locate(article, src, static_dir)
            if found is None or not found[1].is_file():
                where = f" (looked for {found[1]})" if found else (
                    "" if src.startswith("/") else ": a picture beside an article needs the article in a folder "
                    "of its own, as index.md")
                if found is not None or not src.startswith("/"):
                    problems.append(Diagnostic(article.source_path, line, None,
                                               f"the image {src} is not found{where}", WARNING))
                continue
            route, path = found
            info = measured.get(str(path)) or _measure(path, memo)
            measured[str(path)] = info
            if not info.format and path.suffix.lower() not in (".svg",):
                problems.append(Diagnostic(article.source_path, line, None,
                                           f"the image {src} cannot be read as a picture: shown without its size",
                                           WARNING))
            picture = _picture(route, path, info)
            pictures[picture_key(article, src)] = picture
            for variant in picture.variants:
                copies.setdefault(urls.output_file(variant.route), (path, info, variant))
    if memo is not None:
        memo.remember_measured(measured)
    outputs = list(copies)
    made = spread(_copy_bytes, memo, [copies[output] for output in outputs]) if outputs else []
    return pictures, dict(zip(outputs, made, strict=True)), problems


def _copy_bytes(memo: PictureMemo | None, copy: tuple[Path, _Measured, Variant]) -> bytes:
    """One copy's bytes (may run in a worker process)."""
    path, info, variant = copy
    return _variant_bytes(path, info, variant, memo)


def _named_pictures(article: Article) -> list[tuple[str, int]]:
    editorial = article.editorial
    named = list(editorial.inline_images)
    if editorial.image is not None and is_local_image(editorial.image.src):
        named.insert(0, (editorial.image.src, editorial.image.line))
    return named


def _measure(path: Path, memo: PictureMemo | None) -> _Measured:
    """The file's measurements: the memo's while the file stays as it was."""
    remembered = memo.measured(path) if memo is not None else None
    if remembered is not None:
        return remembered
    data = path.read_bytes()
    width = height = 0
    kind = ""
    try:
        from PIL import Image  # noqa: PLC0415 - only builds with pictures need Pillow

        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            kind = image.format or ""
    except Exception:  # noqa: BLE001 - any file Pillow cannot read is shown without its size
        kind = ""
    return _Measured(bytes_digest(data), len(data), width, height, kind)


def _picture(route: str, path: Path, info: _Measured) -> Picture:
    mime = _MIME.get(path.suffix.lower(), "application/octet-stream")
    variants: list[Variant] = []
    if info.format in _FORMATS and info.width:
        stem, _ = posixpath.splitext(route)
        widths = [width for width in VARIANT_WIDTHS if width < info.width]
        own_mime, extension = _FORMATS[info.format]
        if info.format != "WEBP":
            variants += [Variant(f"{stem}-{width}w{extension}", width, own_mime) for width in widths]
            widths.append(info.width)  # the full size in WebP too
        variants += [Variant(f"{stem}-{width}w.webp", width, "image/webp") for width in widths]
    return Picture(route, mime, info.length, info.width, info.height, tuple(variants))


def _variant_bytes(path: Path, info: _Measured, variant: Variant, memo: PictureMemo | None) -> bytes:
    """A copy ``variant.width`` wide: the one the memo keeps under the source's digest and the width, or made."""
    extension = "webp" if variant.mime == "image/webp" else info.format.lower()
    name = f"{info.digest}-{variant.width}.{extension}"
    kept = memo.copy(name) if memo is not None else None
    if kept is not None:
        return kept
    data = resize(path.read_bytes(), variant.width, "WEBP" if extension == "webp" else info.format)
    if memo is not None:
        memo.keep_copy(name, data)
    return data


def resize(data: bytes, width: int, image_format: str) -> bytes:
    """The picture scaled to ``width`` (height in proportion), encoded as ``image_format``; deterministic."""
    from PIL import Image  # noqa: PLC0415

    with Image.open(io.BytesIO(data)) as image:
        height = max(1, round(image.height * width / image.width))
        copy = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
        if image_format == "JPEG":
            copy = copy.convert("RGB")
        copy = copy.resize((width, height), Image.Resampling.LANCZOS) if width != image.width else copy
        out = io.BytesIO()
        options = {"quality": 82} if image_format in ("JPEG", "WEBP") else {"optimize": True}
        copy.save(out, format=image_format, **options)
        return out.getvalue()
