"""The pictures an article's body shows: found in its source, with their lines. Pure."""

from __future__ import annotations

import re

_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def is_local_image(src: str) -> bool:
    """A file of the site (a bundle's, or under /static/), not a picture elsewhere."""
    return not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//|#", src)


def body_images(body: str, first_line: int) -> list[tuple[str, str, int]]:
    """(src, alt, line) of each local image in a Markdown or HTML body: `![alt](src)` and `<img>`."""
    found = []
    for match in _MARKDOWN_IMAGE.finditer(body):
        found.append((match["src"], match["alt"].strip(), match.start()))
    for match in _HTML_IMAGE.finditer(body):
        values = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(match[0])}
        if values.get("src"):
            found.append((values["src"], values.get("alt", "").strip(), match.start()))
    located = ((src, alt, first_line + body.count("\n", 0, at)) for src, alt, at in found if is_local_image(src))
    return sorted(located, key=lambda image: (image[2], image[0]))
