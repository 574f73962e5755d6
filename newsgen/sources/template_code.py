"""Template code in article bodies: Jekyll's Liquid is removed, Hugo's shortcodes are reported. Pure."""

from __future__ import annotations

import re
from pathlib import Path

from newsgen.errors import WARNING, Diagnostic

_TAG = r"{%-?\s*"
_END = r"\s*-?%}"
_LIQUID = re.compile(
    rf"(?P<raw>{_TAG}raw{_END}(?P<literal>.*?){_TAG}endraw{_END})"
    rf"|(?P<comment>{_TAG}comment{_END}.*?{_TAG}endcomment{_END})"
    rf"|(?P<highlight>{_TAG}highlight\s+(?P<lang>[\w+#.-]+)[^%]*?-?%}})"
    rf"|(?P<endhighlight>{_TAG}endhighlight{_END})"
    rf"|(?P<link>\[(?P<text>[^\]\n]*)\]\(\s*(?:{{{{.*?}}}}\s*)?{_TAG}(?:link|post_url)\b.*?%}}\s*\))"
    r"|(?P<string>{{-?\s*(?P<q>[\"'])(?P<value>[^\"'\n]*)(?P=q)\s*(?:\|\s*(?:relative_url|absolute_url)\s*)*-?}})"
    r"|(?P<other>{%.*?%}|{{.*?}})",
    re.DOTALL,
)
_SHORTCODE = re.compile(r"{{[<%].*?[>%]}}", re.DOTALL)
# What only a template would write: a tag such as {% for %} or {% include %}, or {{ site.x }}-like output.
_LIQUID_SIGN = re.compile(r"{%-?\s*[a-z_]+\b|{{-?\s*(?:site|page|post|paginator|include|content|forloop)\b")


def looks_like_liquid(body: str) -> bool:
    return "{" in body and _LIQUID_SIGN.search(body) is not None


def strip_liquid(body: str, path: Path, first_line: int) -> tuple[str, Diagnostic | None]:
    """Jekyll's Liquid, made safe for a page that no template engine will see.

    ``{% raw %}`` text is kept as written, ``{% highlight x %}`` becomes a fenced code block,
    ``{{ "/path" | relative_url }}`` its path, a Markdown link to ``{% link %}`` or
    ``{% post_url %}`` its text; every other tag and ``{{ ... }}`` is removed, with one warning.
    """
    removed: list[tuple[int, str]] = []

    def replace(match: re.Match[str]) -> str:
        kind = match.lastgroup  # the outer group: it closes last
        if kind in ("link", "other"):
            removed.append((first_line + body.count("\n", 0, match.start()), " ".join(match[0].split())))
        return {
            "raw": match["literal"] or "", "comment": "", "highlight": f"```{match['lang']}", "endhighlight": "```",
            "link": match["text"] or "", "string": match["value"] or "", "other": "",
        }[kind]

    cleaned = _LIQUID.sub(replace, body)
    return cleaned, _template_warning(path, removed, "Liquid template code removed")


def shortcode_warning(body: str, path: Path, first_line: int) -> Diagnostic | None:
    """Hugo shortcodes are left as written (newsgen cannot run them); the author hears where they are."""
    found = [(first_line + body.count("\n", 0, m.start()), " ".join(m[0].split())) for m in _SHORTCODE.finditer(body)]
    return _template_warning(path, found, "Hugo shortcodes shown as written")


def _template_warning(path: Path, found: list[tuple[int, str]], what: str) -> Diagnostic | None:
    if not found:
        return None
    lines = sorted({line for line, _ in found})
    shown = ", ".join(map(str, lines[:10])) + (", ..." if len(lines) > 10 else "")
    samples = ", ".join(dict.fromkeys(text[:40] for _, text in found[:3]))
    return Diagnostic(path, lines[0], None, f"{what} (line{'s' if len(lines) > 1 else ''} {shown}): {samples}",
                      WARNING, hint="newsgen does not run templates; check that these lines read well")
