"""Article bodies to HTML: Markdown for content/, escaped paragraphs for seeds.

Markdown instances are made once per process and reset before every document
(building a new one per article costs more than converting the article). A
document gets an instance without the processors its text cannot trigger (see
``_SYNTAX``): most of Python-Markdown's time goes on trying every pattern on
every block and every run of text, and news articles use little of its syntax.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3

from newsgen.sources.heading_ids import HeadingIdExtension, HeadingIds

_EXTENSIONS = ["extra", "sane_lists"]
NATIVE_HEADINGS = HeadingIds()
_HEADING_SYNTAX = frozenset({"heading", "underlined heading"})


@dataclass(frozen=True, slots=True)
class _Syntax:
    """Processors of one piece of Markdown syntax, and the text without which none of them can match.

    Each named processor's pattern needs one of ``marks`` literally, or a match of
    one of ``patterns``, in the document as written: a processor that cannot match
    changes nothing, so leaving it out gives the same HTML sooner.
    tests/test_derive_speed_equivalence.py holds every converter to the full one.

    Every document is tested for every syntax, a seventh of converting it: a mark of
    several characters is looked for only where its first one is (a search for one
    character is the fastest), and each pattern opens with a literal character,
    which the regex engine finds before trying the rest.
    """

    name: str
    marks: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    inline: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()
    preprocessors: tuple[str, ...] = ()
    treeprocessors: tuple[str, ...] = ()

    def unused_in(self, text: str) -> bool:
        for mark in self.marks:
            if mark[0] in text and mark in text:
                return False
        return not any(pattern.search(text) for pattern in self.patterns)


def _compiled(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(map(re.compile, patterns))


_SYNTAX = (
    _Syntax("code span", marks=("`",), inline=("backtick",)),
    _Syntax("fenced code", marks=("```", "~~~"), preprocessors=("fenced_code_block",)),
    # Only escapes leave the placeholders "unescape" turns back into characters.
    _Syntax("backslash escape", marks=("\\",), inline=("escape",), treeprocessors=("unescape",)),
    _Syntax("link", marks=("[",), inline=("reference", "link", "short_reference")),
    _Syntax("image", marks=("![",), inline=("image_link", "image_reference", "short_image_ref")),
    _Syntax("link definition", marks=("]:",), blocks=("reference",)),
    _Syntax("footnote", marks=("[^",), inline=("footnote",), blocks=("footnote",)),
    _Syntax("abbreviation", marks=("*[",), blocks=("abbr",)),
    # Tags ("<") send a document to the full converter; html.parser also rewrites
    # character references ("&#35x" becomes "&#35;x").
    _Syntax("HTML block", marks=("&",), preprocessors=("html_block",), blocks=("markdown_block",)),
    _Syntax("entity", marks=("&",), inline=("entity",)),
    # Each of these opens with "<", which sends a document to the full converter: a document
    # tested here has none, so they never match, yet they were tried on every run of text.
    _Syntax("angle brackets", marks=("<",), inline=("autolink", "automail", "html")),
    _Syntax("emphasis", marks=("*", "_"), inline=("em_strong",)),
    # Tabs become spaces and a newline ends the text before the patterns run.
    _Syntax("line break", marks=("\t",), patterns=_compiled(r"  (?:[\n\r]|\Z)"), inline=("linebreak",)),
    _Syntax("heading", marks=("#",), blocks=("hashheader",)),
    # An underline may lose its indent or "> " to a list item or a quote before it is tested.
    _Syntax("underlined heading", patterns=_compiled(r"\n[ \t>]*[=-]", r"\r[ \t>]*[=-]"),
            blocks=("setextheader",)),
    _Syntax("rule", patterns=_compiled(r"-[ \t]*-[ \t]*-", r"_[ \t]*_[ \t]*_", r"\*[ \t]*\*[ \t]*\*"),
            blocks=("hr",)),
    _Syntax("block quote", marks=(">",), blocks=("quote",)),
    _Syntax("table", marks=("|",), blocks=("table",)),
    _Syntax("definition list", marks=(": ", ":\t"), blocks=("deflist",)),
    _Syntax("attribute list", marks=("{",), treeprocessors=("attr_list",)),
)
# Marks are looked for in the text as written; a document whose text Python-Markdown
# rearranges before the processors run gets all of them. It drops its placeholder
# characters ("[\x02^" becomes "[^"), and raw HTML moves the text around it.
_REARRANGED_BY = ("\x02", "\x03", "<")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|pre|tr|dd|dt|figcaption)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\n\s*\n")
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
# One sanitiser for every document: nh3.clean with these arguments builds its rules anew at each
# call, which cost half of cleaning a news article.
_SANITISER = nh3.Cleaner(tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, link_rel=None)


@lru_cache(maxsize=128)  # a few dozen combinations in a real archive; an instance is costly
def _converter(escape_html: bool = False, unused: frozenset[str] = frozenset(),
               headings: HeadingIds = NATIVE_HEADINGS) -> markdown.Markdown:
    """A Markdown instance without the processors of the ``unused`` syntax names."""
    extensions: list = [*_EXTENSIONS]
    if not _HEADING_SYNTAX <= unused:  # every heading gets an id (see heading_ids.py)
        extensions.append(HeadingIdExtension(headings))
    converter = markdown.Markdown(extensions=extensions, output_format="html")
    if escape_html:  # raw HTML becomes text, the way Markdown shows any other "<"; code stays as written
        converter.preprocessors.deregister("html_block")
        converter.inlinePatterns.deregister("html")
    for syntax in _SYNTAX:
        if syntax.name in unused:
            for registry, names in (
                (converter.inlinePatterns, syntax.inline),
                (converter.parser.blockprocessors, syntax.blocks),
                (converter.preprocessors, syntax.preprocessors),
                (converter.treeprocessors, syntax.treeprocessors),
            ):
                for name in names:
                    if name in registry:
                        registry.deregister(name)
    if not len(converter.inlinePatterns):  # nothing to apply: the walk over every run of text changes nothing
        converter.treeprocessors.deregister("inline")
    return converter


def _unused_syntax(text: str) -> frozenset[str]:
    if any(character in text for character in _REARRANGED_BY):
        return frozenset()
    return frozenset(syntax.name for syntax in _SYNTAX if syntax.unused_in(text))


def markdown_to_html(text: str, raw_html: str = "sanitize", headings: HeadingIds = NATIVE_HEADINGS) -> str:
    """Markdown to HTML. ``raw_html``: sanitize (default), allow, or escape; ``headings``: whose rule makes their ids."""
    converter = _converter(raw_html == "escape", _unused_syntax(text), headings)
    converter.reset()
    rendered = converter.convert(text)
    if raw_html != "allow":  # also after "escape": a Markdown link can still say javascript:
        rendered = _SANITISER.clean(rendered)
    return rendered


def clean_html(fragment: str, raw_html: str = "sanitize") -> str:
    """An .html article's body (imported archives): as written with "allow", otherwise sanitised.

    "escape" sanitises too: the whole body is HTML, and escaping it would show tags instead of an article.
    """
    if raw_html == "allow":
        return fragment
    return _SANITISER.clean(fragment)


def paragraphs_to_html(text: str) -> str:
    """Seed text: every paragraph becomes <p>, every character shown as written."""
    return "\n".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in text.split("\n\n"))


_PROGRAM_TEXT = re.compile(r"<(pre|code|kbd|samp|var|script|style)\b[^>]*>.*?</\1>", re.IGNORECASE | re.DOTALL)


def prose_text(fragment: str) -> str:
    """``html_to_text`` without code blocks, inline code and other programme text: what the
    tagger may read names from (`MyType` or an environment variable is no topic)."""
    return html_to_text(_PROGRAM_TEXT.sub(" ", fragment))


def html_to_text(fragment: str) -> str:
    """Readable plain text of an HTML fragment, one blank line between blocks."""
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n\n", fragment)))
    blocks = (" ".join(block.split()) for block in _BLANK_LINES.split(text))  # split() takes every space
    return "\n\n".join(block for block in blocks if block)
