"""Walk a built site and check that every internal link and asset resolves to a built file."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRIBUTES = {"href", "src", "srcset", "action", "poster", "data"}


@dataclass(frozen=True, slots=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target} ({self.reason})"


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name == "srcset":
                self.links += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
            elif name in LINK_ATTRIBUTES:
                self.links.append(value)


def page_url(output: Path, file: Path, base_path: str) -> str:
    """The URL path a file is served at, under the deploy's base path."""
    relative = file.relative_to(output).as_posix()
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return base_path + relative


def resolve(output: Path, base_path: str, url_path: str) -> Path | None:
    """The built file a URL path maps to, or None when it is outside the deploy or missing."""
    path = unquote(url_path)
    if not path.startswith(base_path):
        return None
    candidate = output / path[len(base_path):]
    if path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(output: Path, base_url: str) -> tuple[list[BrokenLink], int]:
    """Every internal link on every HTML page that does not resolve, and how many links were checked."""
    parts = urlsplit(base_url)
    base_path = parts.path or "/"
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""
    broken: list[BrokenLink] = []
    checked = 0
    parsed: dict[Path, _LinkCollector] = {}
    for file in sorted(output.rglob("*.html")):
        collector = _collect(file, parsed)
        here = page_url(output, file, base_path)
        for link in collector.links:
            target = urlsplit(urljoin(origin + here, link))
            if target.scheme not in ("http", "https", "") or (origin and f"{target.scheme}://{target.netloc}" != origin):
                continue
            if not origin and target.netloc:
                continue
            checked += 1
            resolved = resolve(output, base_path, target.path)
            if resolved is None:
                broken.append(BrokenLink(here, link, "no such file"))
            elif target.fragment and resolved.suffix == ".html":
                if target.fragment not in _collect(resolved, parsed).ids:
                    broken.append(BrokenLink(here, link, f"no element with id {target.fragment!r}"))
    return broken, checked


def _collect(file: Path, cache: dict[Path, _LinkCollector]) -> _LinkCollector:
    if file not in cache:
        cache[file] = collector = _LinkCollector()
        collector.feed(file.read_text(encoding="utf-8"))
    return cache[file]
