"""Archives written for Jekyll, Hugo or Zola: which files are articles, and what names and folders say.

A content folder is read in one of four layouts (``detect_layout``):

- newsgen's own: every .md, .markdown and .html file is an article;
- Jekyll (a ``_config.yml`` or ``_posts/``): articles live in ``_posts/`` (named
  ``YYYY-MM-DD-slug.md``) and drafts in ``_drafts/``; other ``_folders`` are Jekyll's own;
- Hugo (a Hugo config beside or above the folder, or an ``_index.md``): ``_index.md`` files
  are sections, ``slug/index.md`` folders are page bundles, content without a date is a page;
- Zola (a ``config.toml`` with ``base_url``, or sections with keys only Zola has): as Hugo, and
  a name may be dated ``2019-11-07_slug``; a page's ``path`` is its URL (sources/frontmatter.py).

The rules are pure functions of names and paths; ``detect_layout`` and the walk in
``survey_content`` are the only file-system calls.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from newsgen.errors import WARNING, Diagnostic, SourceError
from newsgen.records import HUGO, JEKYLL, NEWSGEN, ZOLA, FileFacts, SourceFile, child_path
from newsgen.sources.toml_front import opens_toml, split_toml_front_matter

CONTENT_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
JEKYLL_MARKERS = ("_config.yml", "_config.yaml", "_config.toml", "_posts")
HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                "config.toml", "config.yaml", "config.yml", "config.json")
BUNDLE_INDEXES = ("index.md", "index.markdown", "index.html", "index.htm")
SECTION_INDEXES = ("_index.md", "_index.markdown", "_index.html", "_index.htm")
_TOOL_FOLDERS = frozenset({"node_modules", "vendor"})  # a Jekyll site's installed tooling
_DATED_NAME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:-(.*))?\Z")
_ZOLA_DATED_NAME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[-_](.*))?\Z")  # Zola also takes 2019-11-07_slug
_SKIP_STATIC = "not an article: only .md, .markdown and .html files are read"


@dataclass(frozen=True, slots=True)
class Layout:
    kind: str  # JEKYLL, HUGO, ZOLA or NEWSGEN
    root: Path  # the folder whose files are read (a Hugo site's content/)
    evidence: str  # the file that told, e.g. "_config.yml"; "" for newsgen's own layout


@dataclass(frozen=True, slots=True)
class Skipped:
    path: Path  # a file, or a folder skipped as a whole
    reason: str


@dataclass(slots=True)
class ContentSurvey:
    """Everything under a content folder, each file in exactly one list."""

    layout: Layout
    files: list[SourceFile] = field(default_factory=list)  # the content files, as discovery lists them
    sections: list[Path] = field(default_factory=list)  # Hugo _index.md: a section's page, not an article
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LeftOut(Diagnostic):
    """A file that turned out not to be an article: a warning in a build, a skipped file in an import."""

    reason: str = ""


class NotAnArticle(Exception):
    """Raised by the parser for a file that is not an article (a Hugo page, an undated draft)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.diagnostic = LeftOut(path, 1, None, f"not an article ({reason}): left out", WARNING, reason=reason)
        super().__init__(str(self.diagnostic))


def detect_layout(folder: Path) -> Layout:
    """Which generator's layout ``folder`` has; a Hugo, Zola (or newsgen) site's root is read from its content/."""
    if (folder / "newsgen.yaml").is_file() and (folder / "content").is_dir():
        return Layout(NEWSGEN, folder / "content", "newsgen.yaml")
    for name in JEKYLL_MARKERS:
        if (folder / name).exists():
            return Layout(JEKYLL, folder, name)
    if (found := site_settings_file(folder)) and (folder / "content").is_dir():
        return Layout(found[0], folder / "content", found[1])
    if not (folder.parent / "newsgen.yaml").is_file():  # a newsgen site's own content/ stays newsgen's
        if found := site_settings_file(folder.parent):
            return Layout(found[0], folder, f"../{found[1]}")
    for name in SECTION_INDEXES:
        if (folder / name).is_file():
            return Layout(ZOLA if _zola_section(folder / name) else HUGO, folder, name)
    return Layout(NEWSGEN, folder, "")


def site_settings_file(folder: Path) -> tuple[str, str] | None:
    """(HUGO or ZOLA, the settings file that tells, relative to ``folder``), or None."""
    for name in HUGO_CONFIGS:
        if name == "config.toml" and _is_zola_config(folder / name):
            return ZOLA, name
        if _hugo_config(folder, name):
            return HUGO, name
    settings = folder / "config" / "_default"  # Hugo's configuration folder: one file per top-level key
    if settings.is_dir():
        names = sorted(p.name for p in settings.iterdir() if p.suffix in (".toml", ".yaml", ".yml", ".json"))
        if names:
            first = next((n for n in names if n.startswith(("hugo.", "config."))), names[0])
            return HUGO, f"config/_default/{first}"
    return None


def _hugo_config(folder: Path, name: str) -> bool:
    """hugo.toml always tells; a config.* as generic as "config.yaml" only beside Hugo's own folders."""
    if not (folder / name).is_file():
        return False
    return name.startswith("hugo.") or any((folder / sub).is_dir() for sub in ("archetypes", "layouts", "themes"))


def _is_zola_config(path: Path) -> bool:
    """Zola's config.toml names `base_url` (Hugo's says baseURL)."""
    try:
        return path.is_file() and "base_url" in tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


_ZOLA_SECTION_KEYS = frozenset({"sort_by", "paginate_by", "paginate_path", "page_template", "transparent",
                                "insert_anchor_links", "in_search_index", "redirect_to", "generate_feed",
                                "generate_feeds", "render", "extra"})


def _zola_section(path: Path) -> bool:
    """A section file in TOML with a key only Zola gives sections (sort_by, page_template, [extra], ...)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        if not opens_toml(text):
            return False
        front, *_ = split_toml_front_matter(text, path)
        return not _ZOLA_SECTION_KEYS.isdisjoint(tomllib.loads(front))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, SourceError):
        return False


def parse_file_name(stem: str, kind: str = NEWSGEN) -> tuple[datetime.date | None, str | None]:
    """(date, slug) of a dated name such as ``2015-11-09-slug`` or ``2015-11-9-slug``; (None, None) otherwise."""
    match = (_ZOLA_DATED_NAME if kind == ZOLA else _DATED_NAME).match(stem)
    if match is None:
        return None, None
    try:
        date = datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:  # 2015-13-40 is a name, not a date
        return None, None
    return date, (match[4] or "").strip() or None


def titleize(slug: str) -> str:
    """Jekyll's title for an untitled post: "hello-world" -> "Hello World"."""
    return " ".join(word.capitalize() for word in slug.split("-") if word)


def folder_reason(kind: str, name: str) -> str | None:
    """Why a whole folder is skipped, or None to look inside it."""
    if kind != JEKYLL:
        return None
    if name == "_site":
        return "Jekyll's output folder"
    if name.startswith("_") and name not in ("_posts", "_drafts"):
        return f"Jekyll's {name} folder: templates, data or settings, not articles"
    return "tooling, not articles" if name in _TOOL_FOLDERS else None


def classify(kind: str, relative: PurePosixPath) -> FileFacts | str | None:
    """The facts of a content file, the reason a file is skipped (a str), or None for a section file."""
    return classify_name(kind, relative.parts[:-1], relative.name)


def classify_name(kind: str, folders: tuple[str, ...], name: str) -> FileFacts | str | None:
    """``classify`` of the file ``name`` in ``folders`` below the content root.

    Strings rather than a path: the survey classifies every file of an archive, and
    pathlib parsing each name again took most of its time.
    """
    if kind == JEKYLL:
        return _classify_jekyll(folders, name)
    if name in SECTION_INDEXES:
        return None
    stem, suffix = split_name(name)
    if suffix.lower() not in CONTENT_FORMATS:
        return _SKIP_STATIC + ("; files beside a page bundle's index.md are copied" if kind in (HUGO, ZOLA) else "")
    date, slug = parse_file_name(stem, kind)
    return FileFacts(kind, date, slug, sections=folders) if date else _undated_facts(kind, folders)


@functools.lru_cache(maxsize=1024)
def _undated_facts(kind: str, folders: tuple[str, ...]) -> FileFacts:
    """The facts of every undated file in a folder, made once: most archives name their files by slug alone."""
    return FileFacts(kind, sections=folders)


def split_name(name: str) -> tuple[str, str]:
    """(stem, suffix) of a file name, as pathlib splits it: "a.md" -> ("a", ".md"); ".md" and "a." have no suffix."""
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if 0 < dot < len(name) - 1 else (name, "")


def _classify_jekyll(folders: tuple[str, ...], name: str) -> FileFacts | str:
    stem, suffix = split_name(name)
    is_content = suffix.lower() in CONTENT_FORMATS
    for folder, draft in (("_posts", False), ("_drafts", True)):
        if folder not in folders:
            continue
        if not is_content:
            return f"not a post: only .md, .markdown and .html files in {folder}/ are articles"
        date, slug = parse_file_name(stem)
        if not draft and (date is None or slug is None):
            return "not a post: Jekyll reads only YYYY-MM-DD-title files in _posts/"
        slug = slug or stem  # a draft needs no date in its name
        above = folders[: folders.index(folder)]
        return FileFacts(JEKYLL, date, slug, titleize(slug), draft, categories=above, sections=above)
    if name.startswith("_"):
        return "Jekyll's own file (settings), not an article"
    if is_content:
        return "a page, not a post: in a Jekyll site only _posts/ and _drafts/ hold articles"
    return "not an article: a file Jekyll would copy as it is"


def survey_content(folder: Path) -> ContentSurvey:
    """Every file under ``folder``: content to parse, section files, and skipped files with the reason."""
    layout = detect_layout(folder)
    survey = ContentSurvey(layout)
    if not layout.root.is_dir():
        return survey
    for here, dirs, files in os.walk(layout.root, followlinks=False):
        base = Path(here)
        dirs[:] = [name for name in sorted(dirs) if _descend(layout, child_path(base, name), survey)]
        folders = _relative(base, layout.root).parts  # once per folder: an archive has thousands of files in each
        for name in sorted(files):
            if not name.startswith("."):
                _add_file(survey, child_path(base, name), name, classify_name(layout.kind, folders, name))
    return survey


def _descend(layout: Layout, folder: Path, survey: ContentSurvey) -> bool:
    """Whether the walk goes into ``folder``; skipped folders and page bundles are handled here."""
    if folder.name.startswith("."):
        return False
    if folder.is_symlink():
        survey.skipped.append(Skipped(folder, "a symbolic link to a folder: not followed"))
        return False
    reason = folder_reason(layout.kind, folder.name)
    if reason:
        survey.skipped.append(Skipped(folder, reason))
        return False
    index = _bundle_index(folder) if layout.kind in (HUGO, ZOLA, NEWSGEN) else None
    if index is None or (layout.kind == NEWSGEN and _holds_other_articles(folder, index)):
        return True
    _add_bundle(layout, folder, index, survey)
    return False


def _bundle_index(folder: Path) -> Path | None:
    return next((folder / name for name in BUNDLE_INDEXES if (folder / name).is_file()), None)


def _holds_other_articles(folder: Path, index: Path) -> bool:
    """A newsgen folder with an index.md is a page bundle (its pictures are published beside the article)
    only when no other article is in it: otherwise it is a folder of articles like any other."""
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if any(split_name(name)[1].lower() in CONTENT_FORMATS and Path(here) / name != index
               for name in files if not name.startswith(".")):
            return True
    return False


def _add_bundle(layout: Layout, folder: Path, index: Path, survey: ContentSurvey) -> None:
    """A Hugo leaf bundle (a Zola page folder): its index is the article; other content files are resources."""
    relative = _relative(folder, layout.root)
    date, slug = parse_file_name(folder.name, layout.kind)
    facts = FileFacts(layout.kind, date, slug, sections=relative.parts[:-1], bundle=folder)
    survey.files.append(SourceFile(index, CONTENT_FORMATS[index.suffix.lower()], facts))
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(here) / name
            if path != index and not name.startswith(".") and path.suffix.lower() in CONTENT_FORMATS:
                reason = f"a resource of the page bundle {relative}/: Hugo does not publish it as a page"
                survey.skipped.append(Skipped(path, reason))


def _add_file(survey: ContentSurvey, path: Path, name: str, verdict: FileFacts | str | None) -> None:
    if verdict is None:
        survey.sections.append(path)
    elif isinstance(verdict, str):
        survey.skipped.append(Skipped(path, verdict))
    else:
        survey.files.append(SourceFile(path, CONTENT_FORMATS[split_name(name)[1].lower()], verdict))


def _relative(path: Path, root: Path) -> PurePosixPath:
    return PurePosixPath(path.relative_to(root).as_posix())


def bundle_assets(folder: Path) -> list[tuple[str, Path]]:
    """The files a page bundle publishes beside its page: (path inside the bundle, file), content files excluded."""
    found = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(here) / name
            if not name.startswith(".") and path.suffix.lower() not in CONTENT_FORMATS and path.is_file():
                found.append((path.relative_to(folder).as_posix(), path))
    return found


def undated_reason(facts: FileFacts) -> str | None:
    """Why a file without any date is not an article; None when a missing date is an error."""
    if facts.dialect == JEKYLL and facts.draft:
        return "a draft without a date: Jekyll dates drafts by the file's time; add `date:` to import it"
    if facts.dialect in (HUGO, ZOLA):
        return "a page without a date"
    return None
