"""Article bodies to HTML: Markdown for content/, escaped paragraphs for seeds.

One Markdown instance per process, reset before every document (building a
new one per article costs more than converting the article).
"""

from __future__ import annotations

import html
import re
from functools import cache

import markdown
import nh3

_EXTENSIONS = ["extra", "sane_lists"]
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|pre|tr|dd|dt|figcaption)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
# What a Markdown article may keep of its raw HTML when it is sanitised.
_ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"figure", "figcaption", "picture", "source", "time", "mark", "details", "summary"}
_ALLOWED_ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    "*": {"id", "class", "lang", "dir", "title"},
    "source": {"srcset", "type", "media"},
    "time": {"datetime"},
    "th": {"scope", "colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
}


@cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


def markdown_to_html(text: str, raw_html: str = "sanitize") -> str:
    """Markdown to HTML. ``raw_html``: sanitize (default), allow, or escape."""
    if raw_html == "escape":
        text = html.escape(text, quote=False)
    converter = _converter()
    converter.reset()
    rendered = converter.convert(text)
    if raw_html == "sanitize":
        rendered = nh3.clean(
            rendered, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, link_rel=None
        )
    return rendered


def paragraphs_to_html(text: str) -> str:
    """Seed text: every paragraph becomes <p>, every character shown as written."""
    return "\n".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in text.split("\n\n"))


def html_to_text(fragment: str) -> str:
    """Readable plain text of an HTML fragment, one blank line between blocks."""
    text = _BLOCK_END.sub("\n\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    blocks = (_SPACES.sub(" ", block).strip() for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(" ".join(block.split()) for block in blocks if block.strip())
