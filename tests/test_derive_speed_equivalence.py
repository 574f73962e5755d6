"""The fast paths of article derivation give exactly what the plain ones give.

markup.py converts each document with a Markdown instance stripped of the
processors its text cannot trigger; these tests hold that instance to the full
one on hand-written documents that use every piece of syntax, on the Markdown
files of this repository, and on generated ones.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsgen.sources import markup
from newsgen.sources.heading_ids import HeadingIdExtension

EQUIVALENCE = settings(
    max_examples=int(os.environ.get("EQUIVALENCE_EXAMPLES", 400)),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MODES = ("sanitize", "allow", "escape")

HAND_WRITTEN = [
    "Просто текст без розмітки.\n\nДругий абзац — з тире.",
    "*курсив* і **жирний**, _підкреслення_ і __ще__, snake_case_name, 2 * 3 * 4",
    "***обидва*** *незакрите і ** зайве",
    "Код `x = 1` і ``подвійний ` апостроф``, \\`не код\\`",
    "```python\nprint('b')\n```\n\nТекст після.\n\n~~~\nтильди\n~~~",
    "```python\nprint('<b>')\n```",
    "Екрановані \\*зірки\\*, \\_риски\\_, \\[дужки\\], \\# і \\\\ сам.",
    "[посилання](https://example.com \"Назва\") і ![фото](a.jpg) і [ref][id] і [id]\n\n[id]: http://a.b/c  'T'",
    "[щільно][x]\n\n[x]:http://no.space",
    "[неіснуючий][nope] та [лише дужки] та ![][] та [](http://x)",
    "Виноска[^1] і ще одна[^note].\n\n[^1]: Перша.\n[^note]: Друга\n    з продовженням.",
    "HTML визначає *[HTML]: HyperText Markup Language\n\nНа HTML пишуть.\n\n*[HTML]: HyperText Markup Language",
    "<div class=\"x\">\n*не markdown*\n</div>\n\nІ <b>жирний</b> <!-- коментар --> <span onclick=\"x\">s</span>",
    "<div markdown=\"1\">\n*так markdown*\n</div>",
    "Автопосилання <https://example.com/a?b=c&d=e> і <me@example.com>, а також a < b > c",
    "Номер &#35x, &#x23z і &amp без крапки з комою",
    "Сутності &amp; &copy; &#169; &#xA9; &nonsense; & AT&T &amp без крапки з комою",
    "Рядок з розривом  \nі наступний\tз табом\t \nі\r\nще  \r\nкінець",
    "# Заголовок\n\n## Другий ##\n\nЗаголовок\n=========\n\nПідзаголовок\n------------\n\n#хештег не заголовок",
    "Текст\n\n---\n\n* * *\n\n___\n\n- - -\n\n-- не лінія --",
    "> Цитата\n> з *двох* рядків\n>\n> > вкладена\n\nне цитата > знак",
    "| A | B |\n|---|:-:|\n| 1 | 2 |\n\nA | B\n- | -\nx | y\n\n| одна |\n| --- |\n| колонка |",
    "Термін\n: Визначення\n:   друге\n\nНе визначення: просто двокрапка.",
    "- один\n- два\n    - вкладений\n\n1. перший\n2. другий\n\n3) інший\n\n* зірка\n+ плюс",
    "    код з відступом\n    другий рядок\n\nЗвичайний.",
    "Атрибути {: .class }\n\n# Заголовок {: #id }\n\nАбзац\n{: .lead }",
    "Заповнювач \x02 і \x03 посередині [\x02^1] *\x03[A]: b",
    "- [ ] не задача\n- [x] теж\n\n: на початку",
    "",
    "\n\n\n",
    "Текст\n\n\t\tтаби\n\n:\tдвокрапка з табом",
    ":\r=",  # a carriage return is a line end: an underlined heading
    "<p markdown=\"1\">  ",  # raw HTML adds the newline after the two spaces
    "<?x?>-&amp;--",  # raw HTML moves the entity out: the dashes make a rule
]


def _full_converter(escape_html: bool) -> markdown.Markdown:
    """What markup.py converted every document with before the fast path."""
    extensions = ["extra", "sane_lists", HeadingIdExtension(markup.NATIVE_HEADINGS)]
    converter = markdown.Markdown(extensions=extensions, output_format="html")
    if escape_html:
        converter.preprocessors.deregister("html_block")
        converter.inlinePatterns.deregister("html")
    return converter


_FULL = {escape: _full_converter(escape) for escape in (False, True)}


def _assert_same_html(text: str) -> None:
    for escape in (False, True):
        full = _FULL[escape]
        full.reset()
        expected = full.convert(text)
        fast = markup._converter(escape, markup._unused_syntax(text))
        fast.reset()
        assert fast.convert(text) == expected, (escape, markup._unused_syntax(text))


def _repository_markdown() -> list[Path]:
    root = Path(__file__).resolve().parent.parent
    found = sorted(root.glob("tests/**/*.md")) + sorted(root.glob("*.md")) + sorted(root.glob("docs/**/*.md"))
    return [path for path in found if path.is_file()]


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_hand_written_documents_convert_the_same(text: str) -> None:
    _assert_same_html(text)


@pytest.mark.parametrize("text", HAND_WRITTEN)
@pytest.mark.parametrize("mode", MODES)
def test_markdown_to_html_is_unchanged_in_every_mode(text: str, mode: str) -> None:
    full = _FULL[mode == "escape"]
    full.reset()
    expected = full.convert(text)
    if mode != "allow":
        expected = markup.nh3.clean(expected, tags=markup._ALLOWED_TAGS, attributes=markup._ALLOWED_ATTRIBUTES,
                                    link_rel=None)
    assert markup.markdown_to_html(text, mode) == expected


def test_repository_markdown_files_convert_the_same() -> None:
    paths = _repository_markdown()
    assert paths  # the golden site and the import fixtures at least
    for path in paths:
        _assert_same_html(path.read_text(encoding="utf-8", errors="replace"))


def test_documents_without_marks_skip_their_processors() -> None:
    plain = markup._unused_syntax("Лише текст, без розмітки.")
    assert {"link", "emphasis", "heading", "table", "HTML block"} <= plain
    assert "emphasis" not in markup._unused_syntax("a *b*")
    assert markup._unused_syntax("a \x02 b") == frozenset()
    assert markup._unused_syntax("a <b>b</b>") == frozenset()
    # Plain text has no inline pattern left to try, so the inline walk is not made at all.
    assert "inline" not in markup._converter(False, plain).treeprocessors
    assert "inline" in markup._converter(False, markup._unused_syntax("a *b*")).treeprocessors


# Pieces of every syntax, so generated documents reach past plain paragraphs.
PIECES = st.sampled_from([
    "a", "Київ", "word", "1", "2.", " ", "  ", "   ", "    ", "\t", "\n", "\n\n", "\r", "\r\n",
    "*", "**", "_", "__", "`", "``", "```", "~~~", "\\", "[", "]", "(", ")", "!", "^", "<", ">",
    "&", "&amp;", "&copy;", "&#35;", "#", "##", "|", ":", ": ", "-", "--", "---", "=", "===", "+",
    "{", "}", "{: .c }", ".", "'", '"', "/", "@", "http://example.com", "me@example.com",
    "<b>", "</b>", "<div>", "</div>", "<p markdown=\"1\">", "<!--", "-->", "<br/>", "<?x?>",
    "[^1]", "[^1]: note", "*[HTML]: Hyper", "HTML", "[id]: http://a.b", "[id]", "[x](y)", "![i](j)",
    "> ", "- ", "* ", "+ ", "1. ", "| a | b |", "|---|---|", "\x02", "\x03", "\u00a0",
])
DOCUMENTS = st.lists(PIECES, max_size=80).map("".join)
# Raw HTML sends a document to the full converter; these exercise the pruned ones.
DOCUMENTS_WITHOUT_HTML = st.lists(PIECES.filter(lambda piece: "<" not in piece), max_size=80).map("".join)
MARKS = st.text(alphabet=st.sampled_from(list("*_`\\[]()!^>&#|:-=+{};. \t\n\rab1\x02")), max_size=120)


# The three patterns as they were before each was split into ones that open with a literal.
_PATTERNS_AS_THEY_WERE = {
    "line break": re.compile(r"  (?:[\n\r]|\Z)|\t"),
    "underlined heading": re.compile(r"[\n\r][ \t>]*[=-]"),
    "rule": re.compile(r"([-_*])[ \t]*\1[ \t]*\1"),
}


def _unused_as_it_was(text: str) -> frozenset[str]:
    """markup._unused_syntax before marks and patterns were searched faster: the reference."""
    if any(character in text for character in markup._REARRANGED_BY):
        return frozenset()
    unused = set()
    for syntax in markup._SYNTAX:
        pattern = _PATTERNS_AS_THEY_WERE.get(syntax.name)
        if pattern is not None:
            if pattern.search(text) is None:
                unused.add(syntax.name)
        elif not any(mark in text for mark in syntax.marks):
            unused.add(syntax.name)
    return frozenset(unused)


def test_every_pattern_has_its_reference() -> None:
    assert {syntax.name for syntax in markup._SYNTAX if syntax.patterns} == set(_PATTERNS_AS_THEY_WERE)


@EQUIVALENCE
@given(st.one_of(DOCUMENTS, MARKS))
@example("a  ")
@example("x\r> =")
@example("* \t*\t *")
@example("_ _-_")
def test_unused_syntax_is_found_as_before(text: str) -> None:
    assert markup._unused_syntax(text) == _unused_as_it_was(text)


@EQUIVALENCE
@given(DOCUMENTS)
@example("a  \n b")
@example("[\x02^1]\n\n[^1]: x")
def test_generated_documents_convert_the_same(text: str) -> None:
    _assert_same_html(text)


@EQUIVALENCE
@given(DOCUMENTS_WITHOUT_HTML)
def test_generated_documents_without_html_convert_the_same(text: str) -> None:
    _assert_same_html(text)


@EQUIVALENCE
@given(MARKS)
def test_generated_punctuation_converts_the_same(text: str) -> None:
    _assert_same_html(text)


# --- Plain text of the HTML, and the forbidden-character scan --------------------------


def _html_to_text_as_it_was(fragment: str) -> str:
    """markup.html_to_text before it was made faster: the reference."""
    import html
    import re

    text = markup._BLOCK_END.sub("\n\n", fragment)
    text = html.unescape(markup._TAG.sub("", text))
    blocks = (re.sub(r"[ \t\r\f\v]+", " ", block).strip() for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(" ".join(block.split()) for block in blocks if block.strip())


HTMLISH = st.lists(st.sampled_from([
    "<p>", "</p>", "<li>", "</li>", "<br>", "<br />", "<em>", "</em>", "</H2>", "&amp;", "&nbsp;", "&#8203;",
    " ", "  ", "\t", "\n", "\n\n", "\n \n", "\r", "\x0b", "\x0c", "\u00a0", "\u2009", "\u3000", "\u200b",
    "a", "Київ", ".", "<", ">",
]), max_size=60).map("".join)


@EQUIVALENCE
@given(HTMLISH)
def test_html_to_text_is_unchanged(fragment: str) -> None:
    assert markup.html_to_text(fragment) == _html_to_text_as_it_was(fragment)


def test_every_forbidden_character_is_unprintable() -> None:
    """limits._surely_clean trusts str.isprintable to notice every forbidden code point."""
    from newsgen.sources import limits

    everything = "".join(map(chr, range(0x110000)))
    forbidden = limits._FORBIDDEN.findall(everything)
    assert len(forbidden) > 100
    assert not any(character.isprintable() for character in forbidden)


@given(st.text(max_size=40))
@example("tab\there")
@example("a\u00a0b\x7fc\ufffed")
def test_forbidden_characters_are_found_as_before(text: str) -> None:
    from newsgen.sources import limits

    assert limits.remove_forbidden_characters(text) == limits._FORBIDDEN.sub("", text)
    warning = limits.forbidden_characters_warning(text, Path("a.txt"))
    assert (warning is None) == (limits._FORBIDDEN.search(text) is None)


# --- Slugs: ASCII text skips the per-character loops ----------------------------------


def _by_letter(function, text: str, *args: str) -> str:
    """``function`` made to take its per-character path: "é" is kept (or folded to one letter) as it is."""
    return function(text + "é", *args)[:-1]


@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40), st.sampled_from(["uk", "ru", "en"]))
@example("Don't `quote` me", "uk")
def test_ascii_shortcuts_change_nothing(text: str, lang: str) -> None:
    from newsgen.text import slugs

    assert slugs.transliterate(text, lang) == _by_letter(slugs.transliterate, text, lang)
    assert slugs.fold_latin(text) == _by_letter(slugs.fold_latin, text)
