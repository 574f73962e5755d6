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
def _converter(escape_html: bool = False) -> markdown.Markdown:
    converter = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    if escape_html:  # raw HTML becomes text, the way Markdown shows any other "<"; code stays as written
        converter.preprocessors.deregister("html_block")
        converter.inlinePatterns.deregister("html")
    return converter


def markdown_to_html(text: str, raw_html: str = "sanitize") -> str:
    """Markdown to HTML. ``raw_html``: sanitize (default), allow, or escape."""
    converter = _converter(raw_html == "escape")
    converter.reset()
    rendered = converter.convert(text)
    if raw_html != "allow":  # also after "escape": a Markdown link can still say javascript:
        rendered = nh3.clean(
            rendered, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, link_rel=None
        )
    return rendered


def clean_html(fragment: str, raw_html: str = "sanitize") -> str:
    """An .html article's body (imported archives): as written with "allow", otherwise sanitised.

    "escape" sanitises too: the whole body is HTML, and escaping it would show tags instead of an article.
    """
    if raw_html == "allow":
        return fragment
    return nh3.clean(fragment, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, link_rel=None)


def paragraphs_to_html(text: str) -> str:
    """Seed text: every paragraph becomes <p>, every character shown as written."""
    return "\n".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in text.split("\n\n"))


def html_to_text(fragment: str) -> str:
    """Readable plain text of an HTML fragment, one blank line between blocks."""
    text = _BLOCK_END.sub("\n\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    blocks = (_SPACES.sub(" ", block).strip() for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(" ".join(block.split()) for block in blocks if block.strip())
