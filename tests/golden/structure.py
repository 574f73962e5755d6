"""HTML as structure: a nested list of (tag, attributes, children) with whitespace folded.

Golden pages are compared this way, so indentation changes in a template do not
fail the test but any change to elements, attributes or text does.
"""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
Node = list  # [tag, {attr: value}, *children]; text children are str


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: Node = ["#document", {}]
        self.stack: list[Node] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node: Node = [tag, {name: value or "" for name, value in attrs}]
        self.stack[-1].append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].append([tag, {name: value or "" for name, value in attrs}])

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            parent = self.stack[-1]
            if parent[2:] and isinstance(parent[-1], str):
                parent[-1] = f"{parent[-1]} {text}"
            else:
                parent.append(text)

    def handle_decl(self, decl: str) -> None:
        self.root.append(f"<!{decl}>")


def html_structure(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def render_structure(node: Node | str, indent: int = 0) -> str:
    """A readable, line-per-node form, for diffs that point at the change."""
    pad = "  " * indent
    if isinstance(node, str):
        return f"{pad}{node!r}\n"
    tag, attrs, *children = node
    attributes = "".join(f" {name}={value!r}" for name, value in sorted(attrs.items()))
    return f"{pad}<{tag}{attributes}>\n" + "".join(render_structure(child, indent + 1) for child in children)
