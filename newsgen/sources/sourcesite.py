"""The old site's own settings: how Jekyll, Hugo or Zola made its URLs, its title and language.

An imported archive keeps its URLs when newsgen makes them the way its generator did,
from the settings that generator read: Jekyll's ``permalink``, ``collections.posts.permalink``
and ``defaults`` (per folder, e.g. one category); Hugo's ``[permalinks]`` and ``uglyURLs`` in
``hugo.toml``, ``config.toml`` or ``config/_default/*``; Zola's section paths (a page's own
``path`` is its front matter's, see loader/frontmatter.py). ``read_source_site`` is the only
file-system call; the rules are data.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from newsgen.records import Article
from newsgen.sources.foreign import HUGO, HUGO_CONFIGS, JEKYLL, ZOLA, Layout
from newsgen.urls.permalinks import JEKYLL_STYLES, Permalink, check_permalink, compile_permalink

JEKYLL_CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")
HUGO_DEFAULT = "/:sections/:slugorfilename/"  # Hugo's URLs when its config sets no [permalinks]
ZOLA_DEFAULT = "/:sections/:slugorfilename/"  # Zola: the section's path, then the page's slug


@dataclass(frozen=True, slots=True)
class URLRule:
    """One URL pattern of the old site, and the articles it applies to."""

    pattern: str  # newsgen's spelling (Jekyll's style names expanded)
    where: str  # the setting it comes from, for people: "_config.yml: collections.posts.permalink"
    scope: str = ""  # the folder (relative to the layout's root) whose articles it applies to; "" for all

    @property
    def problem(self) -> str | None:
        """Why newsgen cannot make this pattern's URLs, or None."""
        return check_permalink(self.pattern)


@dataclass(frozen=True, slots=True)
class SourceSite:
    """What the old generator's settings say; ``rules`` are most specific first."""

    kind: str  # JEKYLL, HUGO or ZOLA
    root: Path  # the layout's root: scopes are relative to it
    rules: tuple[URLRule, ...]
    title: str | None = None
    language: str | None = None

    def rule_for(self, article: Article) -> URLRule:
        """The rule the old site made this article's URL with (the last rule applies to all)."""
        try:
            relative = article.source_path.relative_to(self.root).as_posix()
        except ValueError:
            return self.rules[-1]
        return next(rule for rule in self.rules if not rule.scope or relative.startswith(f"{rule.scope}/"))


def old_permalinks(site: SourceSite | None) -> Callable[[Article], Permalink | None] | None:
    """Each article's pattern on the old site, for ``place_articles``; None where newsgen cannot make it."""
    if site is None:
        return None
    compiled = {rule: None if rule.problem else compile_permalink(rule.pattern) for rule in site.rules}
    return lambda article: compiled[site.rule_for(article)]


def read_source_site(layout: Layout) -> SourceSite | None:
    """The old site's settings, or None for newsgen's own layout (nothing to read)."""
    if layout.kind == JEKYLL:
        return _jekyll(layout)
    if layout.kind == HUGO:
        return _hugo(layout)
    if layout.kind == ZOLA:
        settings = _settings(_beside_content(layout) / "config.toml")
        rule = URLRule(ZOLA_DEFAULT, "Zola's default: the section's path and the page's slug")
        return SourceSite(ZOLA, layout.root, (rule,), _text(settings.get("title")),
                          _text(settings.get("default_language")))
    return None


def settings_files(layout: Layout) -> list[Path]:
    """The old site's settings files that exist: a build's inputs, as its URLs follow them."""
    if layout.kind == JEKYLL:
        return [layout.root / name for name in JEKYLL_CONFIGS if (layout.root / name).is_file()]
    if layout.kind not in (HUGO, ZOLA):
        return []
    site = _beside_content(layout)
    folder = site / "config" / "_default"
    found = [site / name for name in HUGO_CONFIGS if (site / name).is_file()]
    return found + (sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else [])


def _beside_content(layout: Layout) -> Path:
    """The site folder of a Hugo or Zola layout (the content/ folder's parent)."""
    return layout.root.parent if layout.evidence.startswith("../") or layout.root.name == "content" else layout.root


def _jekyll(layout: Layout) -> SourceSite:
    name = next((n for n in JEKYLL_CONFIGS if (layout.root / n).is_file()), JEKYLL_CONFIGS[0])
    settings = _settings(layout.root / name)
    rules = [rule for default in _list(settings.get("defaults")) if (rule := _jekyll_default(default, name))]
    rules.sort(key=lambda rule: -len(rule.scope))  # Jekyll: the most specific path wins
    posts = settings.get("collections", {}).get("posts") if isinstance(settings.get("collections"), dict) else None
    if isinstance(posts, dict) and _text(posts.get("permalink")):
        rules.append(URLRule(_jekyll_style(posts["permalink"]), f"{name}: collections.posts.permalink"))
    elif _text(settings.get("permalink")):
        rules.append(URLRule(_jekyll_style(settings["permalink"]), f"{name}: permalink"))
    else:
        rules.append(URLRule(JEKYLL_STYLES["date"], "Jekyll's default"))
    return SourceSite(JEKYLL, layout.root, tuple(rules), _text(settings.get("title")),
                      _text(settings.get("lang")) or _text(settings.get("locale")))


def _jekyll_default(default: object, name: str) -> URLRule | None:
    """A `defaults:` entry that sets the permalink of posts under a path."""
    if not isinstance(default, dict) or not isinstance(default.get("values"), dict):
        return None
    scope = default.get("scope") if isinstance(default.get("scope"), dict) else {}
    pattern = _text(default["values"].get("permalink"))
    if not pattern or scope.get("type") not in (None, "posts"):
        return None
    path = str(scope.get("path") or "").strip("/")
    return URLRule(_jekyll_style(pattern), f"{name}: defaults" + (f", path {path}" if path else ""), scope=path)


def _jekyll_style(value: object) -> str:
    text = str(value).strip()
    return JEKYLL_STYLES.get(text, text)


def _hugo(layout: Layout) -> SourceSite:
    site = _beside_content(layout)
    settings, where = _hugo_settings(site)
    ugly = settings.get("uglyurls") is True
    rules = [URLRule(_ugly(pattern, ugly), f"{where.get('permalinks', where['site'])}: [permalinks] {section}",
                     scope=section)
             for section, pattern in _hugo_patterns(settings.get("permalinks")).items()]
    default = "Hugo's default" + (f", uglyURLs in {where.get('uglyurls')}" if ugly else "")
    rules.append(URLRule(_ugly(HUGO_DEFAULT, ugly), default))
    language = _text(settings.get("languagecode")) or _text(settings.get("defaultcontentlanguage"))
    return SourceSite(HUGO, layout.root, tuple(rules), _text(settings.get("title")), language)


def _hugo_settings(site: Path) -> tuple[dict, dict[str, str]]:
    """Hugo's settings, keys in lower case as Hugo reads them, and the file each key came from.

    The site's own config file first, then config/_default/, where a file named after a key
    (permalinks.toml) holds that key's value.
    """
    merged: dict = {}
    where: dict[str, str] = {}
    files = [(site / name, name, None) for name in HUGO_CONFIGS if (site / name).is_file()][:1]
    folder = site / "config" / "_default"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            stem = path.stem.lower()
            key = None if stem in ("hugo", "config") else stem
            files.append((path, f"config/_default/{path.name}", key))
    for path, shown, key in files:
        values = _settings(path)
        values = {key: values} if key else values
        for name, value in values.items():
            merged[str(name).lower()] = value
            where[str(name).lower()] = shown
    where["site"] = files[0][1] if files else "Hugo's settings"
    return merged, where


def _hugo_patterns(value: object) -> dict[str, str]:
    """Hugo's [permalinks] (section = pattern), also in the newer [permalinks.page] form."""
    if not isinstance(value, dict):
        return {}
    if isinstance(value.get("page"), dict):
        value = value["page"]
    return {str(k): v for k, v in value.items() if isinstance(v, str)}


def _ugly(pattern: str, ugly: bool) -> str:
    """Hugo's uglyURLs: /a/b/ is written /a/b.html."""
    return f"{pattern.rstrip('/')}.html" if ugly and pattern.endswith("/") else pattern


def _settings(path: Path) -> dict:
    """A generator's settings file as a mapping; {} when missing or unreadable (the old site only advises)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = (tomllib.loads(text) if path.suffix == ".toml" else json.loads(text) if path.suffix == ".json"
                else yaml.safe_load(text))
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
