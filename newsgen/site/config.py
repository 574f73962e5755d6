"""Site configuration: ``newsgen.yaml`` at the site root, validated with file:line.

Every key is optional. Unknown keys and wrong types are errors that name the
line, because a typo in a config key silently ignored is a wrong site.
"""

from __future__ import annotations

import dataclasses
import re
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsgen.errors import Diagnostic, SourceError
from newsgen.site.newsroom import SECTIONS_FROM, AuthorProfile, Newsroom, Section, read_authors, read_sections
from newsgen.site.labels import read_site_labels
from newsgen.text.labels import SiteLabels
from newsgen.urls.permalinks import check_permalink
from newsgen.yamlmap import Entry, read_yaml_mapping

CONFIG_NAME = "newsgen.yaml"
LEDGER_NAME = "urls.tsv"  # the URL each published article keeps (ledger.py), beside the configuration
SLUG_STYLES = ("translit", "unicode", "ascii")
RAW_HTML_POLICIES = ("sanitize", "allow", "escape")
DERIVE_TAGS = ("untagged", "always", "never")

# Hosts whose own redirect rules a build can write (render/host_rules.py), for `redirects:`.
HOSTS = ("netlify", "cloudflare", "nginx", "github")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything a build needs to know about one site. Paths are absolute."""

    site_dir: Path
    title: str = "Новинний архів"
    description: str = ""
    base_url: str = "/"  # absolute URL ("https://example.org/archive/") or a path ("/")
    language: str = "uk"  # the site's first language: its pages at the root (``languages[0]``)
    # Every language the site publishes in, the first at the root, the others under /<lang>/;
    # a site that names none publishes in ``language`` alone.
    languages: tuple[str, ...] = ()
    labels: SiteLabels = ()  # the site's own interface words, from labels/<lang>.yaml (labels.py)
    timezone: str = "UTC"  # for front-matter datetimes written without an offset
    per_page: int = 20
    feed_size: int = 50
    max_tags: int = 8
    derive_tags: str = "untagged"  # derive topic tags for: untagged articles | always | never
    slug_style: str = "translit"
    raw_html: str = "sanitize"  # raw HTML in Markdown: sanitize | allow | escape
    author: str = ""  # the default byline and the publisher in structured data
    publication_name: str = ""  # Google News publication name; defaults to title
    search: bool = True  # build the Pagefind index, the search page and the search box
    # Article URLs, e.g. /:year/:month/:slug/ (see urls/permalinks.py). Unset: an imported archive keeps
    # its old site's URLs (sources/sourcesite.py), everything else gets DEFAULT_PERMALINK.
    permalink: str | None = None
    authors: tuple[AuthorProfile, ...] = ()  # `authors:` slug -> name, bio, photo, links (newsroom.py)
    sections: tuple[Section, ...] = ()  # `sections:` slug -> display name, in navigation order
    sections_from: str = "front_matter"  # or "folders": the first folder under content/ is the section
    redirects: tuple[str, ...] = ()  # hosts whose own redirect rules are written (see render/host_rules.py)
    seeds_dir: Path = Path("seeds")
    content_dir: Path = Path("content")
    templates_dir: Path = Path("templates")
    static_dir: Path = Path("static")
    output_dir: Path = Path("build")
    cache_dir: Path = Path(".newsgen")  # what builds remember (drafts' text too): with the sources, never the output

    @property
    def site_languages(self) -> tuple[str, ...]:
        """The languages the site publishes in, its first language first."""
        return self.languages or (self.language,)

    @property
    def publication(self) -> str:
        return self.publication_name or self.title

    @property
    def newsroom(self) -> Newsroom:
        return Newsroom(self.language, self.slug_style, self.authors, self.sections, self.sections_from)


# key -> (expected type(s), extra check returning an error message or None)
Check = Callable[[object], str | None]
_PATH_KEYS = ("seeds_dir", "content_dir", "templates_dir", "static_dir", "output_dir", "cache_dir")
_SOURCE_KEYS = ("seeds_dir", "content_dir")  # named in newsgen.yaml, they must exist


def _positive(value: object) -> str | None:
    return None if isinstance(value, int) and value >= 1 else "must be a whole number of at least 1"


def _one_of(choices: tuple[str, ...]) -> Check:
    return lambda value: None if value in choices else f"must be one of: {', '.join(choices)}"


def _language(value: object) -> str | None:
    return None if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", str(value)) else (
        "must be a language code such as uk, en or en-GB"
    )


def _languages(value: object) -> str | None:
    codes = [value] if isinstance(value, str) else value
    if not isinstance(codes, list) or not codes or not all(isinstance(code, str) for code in codes):
        return "must be a list of language codes, the site's first language first, such as [uk, en]"
    for code in codes:
        if problem := _language(code):
            return f"{problem}, not {code!r}"
    if len({code.split('-')[0] for code in codes}) < len(codes):
        return "names a language twice"
    return None


def _timezone(value: object) -> str | None:
    try:
        zoneinfo.ZoneInfo(str(value))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return "must be an IANA time zone such as Europe/Kyiv or UTC"
    return None


def _hosts(value: object) -> str | None:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        return "must be a host name or a list of them"
    if unknown := [name for name in names if name not in HOSTS]:
        return f"names an unknown host {unknown[0]!r} (known: {', '.join(HOSTS)})"
    if "netlify" in names and "cloudflare" in names:
        return "names netlify and cloudflare: both read _redirects, each its own way; name one"
    return None


def _base_url(value: object) -> str | None:
    parts = urlsplit(str(value))
    if parts.scheme in ("http", "https") and parts.netloc:
        return None
    if not parts.scheme and not parts.netloc and str(value).startswith("/"):
        return None
    return "must be an absolute URL such as https://example.org/archive/ or a path starting with /"


_SCHEMA: dict[str, tuple[type | tuple[type, ...], Check | None]] = {
    "title": (str, None),
    "description": (str, None),
    "base_url": (str, _base_url),
    "language": (str, _language),
    "languages": ((str, list), _languages),
    "timezone": (str, _timezone),
    "per_page": (int, _positive),
    "feed_size": (int, _positive),
    "max_tags": (int, lambda v: None if isinstance(v, int) and v >= 0 else "must be 0 or more"),
    "derive_tags": (str, _one_of(DERIVE_TAGS)),
    "slug_style": (str, _one_of(SLUG_STYLES)),
    "raw_html": (str, _one_of(RAW_HTML_POLICIES)),
    "author": (str, None),
    "publication_name": (str, None),
    "search": (bool, None),
    "permalink": (str, check_permalink),
    "sections_from": (str, _one_of(SECTIONS_FROM)),
    "authors": (dict, None),  # read by newsroom.read_authors, which names the line of each entry
    "sections": (dict, None),
    "redirects": ((str, list), _hosts),
    **{key: (str, None) for key in _PATH_KEYS},
}


def parse_config(text: str, path: Path, site_dir: Path) -> SiteConfig:
    """Parse the text of a newsgen.yaml into a SiteConfig, or raise SourceError."""
    return _make_config(site_dir, _checked_values(text, path))


def load_config(site_dir: Path, overrides: Mapping[str, object] | None = None) -> SiteConfig:
    """Read SITE_DIR/newsgen.yaml (if present) and apply command-line overrides."""
    site_dir = site_dir.resolve()
    path = site_dir / CONFIG_NAME
    values: dict[str, object] = {}
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SourceError(path, None, f"not valid UTF-8 ({exc.reason})") from exc
        values = _checked_values(text, path)
    for key, value in (overrides or {}).items():
        if value is not None:
            problem = _check_value(key, value)
            if problem:
                raise SourceError(None, None, f"--{key.replace('_', '-')} {problem}")
            values[key] = value
    return _make_config(site_dir, values)


def _make_config(site_dir: Path, values: Mapping[str, object]) -> SiteConfig:
    fields = dict(values)
    for key in _PATH_KEYS:
        if key in fields:
            fields[key] = Path(str(fields[key]))
    if isinstance(fields.get("redirects"), (str, list)):
        fields["redirects"] = tuple([fields["redirects"]] if isinstance(fields["redirects"], str) else fields["redirects"])
    if "languages" in fields:
        codes = fields["languages"]
        fields["languages"] = tuple([codes] if isinstance(codes, str) else codes)  # type: ignore[arg-type]
        fields["language"] = fields["languages"][0]  # type: ignore[index]
    if "base_url" in fields and not str(fields["base_url"]).endswith("/"):
        fields["base_url"] = f"{fields['base_url']}/"
    config = SiteConfig(site_dir=site_dir, labels=read_site_labels(site_dir), **fields)  # type: ignore[arg-type]
    # Relative folders are relative to the site, not to the caller's working folder.
    resolved = {key: site_dir / getattr(config, key) for key in _PATH_KEYS}
    return dataclasses.replace(config, **resolved)


def require_site(config: SiteConfig) -> None:
    """Raise SourceError unless the site folder exists and so does every source folder newsgen.yaml names.

    A mistyped folder would otherwise build an empty site over the published one.
    """
    site = config.site_dir
    if not site.is_dir():
        raise SourceError(site, None, "no such site folder",
                          hint="give the folder that holds newsgen.yaml, seeds/ or content/; nothing was written")
    defaults = SiteConfig.__dataclass_fields__
    folders = {key: getattr(config, key) for key in _SOURCE_KEYS}
    named = {key: folder for key, folder in folders.items() if folder != site / defaults[key].default}
    for key, folder in named.items():
        if not folder.is_dir():
            line, column = _place_of(site / CONFIG_NAME, key)
            raise SourceError(site / CONFIG_NAME if line else None, line,
                              f"'{key}' names {folder}, which is not a folder",
                              column=column, hint="correct the setting or create the folder; nothing was written")
    if not named and not (site / CONFIG_NAME).is_file() and not any(f.is_dir() for f in folders.values()):
        raise SourceError(site, None, f"not a newsgen site: it holds no {CONFIG_NAME}, seeds/ or content/",
                          hint="nothing was written")


def _place_of(path: Path, key: str) -> tuple[int | None, int | None]:
    """Where ``key`` stands in newsgen.yaml: (line, column), or (None, None) when it was not set there."""
    try:
        entry = read_yaml_mapping(path.read_text(encoding="utf-8-sig"), path).get(key)
    except (OSError, UnicodeDecodeError, SourceError):
        return None, None
    return (entry.line, entry.column) if entry else (None, None)


def _check_value(key: str, value: object) -> str | None:
    if key not in _SCHEMA:
        return f"is not a known setting (known: {', '.join(sorted(_SCHEMA))})"
    expected, check = _SCHEMA[key]
    if (isinstance(value, bool) and expected is not bool) or not isinstance(value, expected):
        name = expected.__name__ if isinstance(expected, type) else "/".join(t.__name__ for t in expected)
        kind = {"str": "text", "int": "a whole number", "bool": "true or false"}.get(name, name)
        return f"must be {kind}, not {type(value).__name__} {value!r}"
    return check(value) if check else None


# Settings with entries of their own: read into records, each entry's problem named at its line.
_STRUCTURED: dict[str, Callable[[Entry, Path], object]] = {"authors": read_authors, "sections": read_sections}


def _checked_values(text: str, path: Path) -> dict[str, object]:
    values: dict[str, object] = {}
    entries = read_yaml_mapping(text, path)
    for key, entry in entries.items():
        if key in _STRUCTURED:
            values[key] = _STRUCTURED[key](entry, path)
            continue
        problem = _check_value(key, entry.value)
        if problem:
            raise SourceError(path, entry.line, f"'{key}' {problem}", column=entry.column)
        values[key] = entry.value
    _check_languages(values, entries, path)
    return values


def _check_languages(values: Mapping[str, object], entries: Mapping[str, Entry], path: Path) -> None:
    """`language:` is the first of `languages:`, and no section's page is where a language's pages are."""
    if "languages" not in values:
        return
    codes = [values["languages"]] if isinstance(values["languages"], str) else list(values["languages"])  # type: ignore[call-overload]
    if "language" in values and values["language"] != codes[0]:
        entry = entries["language"]
        raise SourceError(path, entry.line, f"'language' is {values['language']}, but 'languages' starts with "
                          f"{codes[0]}: the first of `languages:` is the site's language", column=entry.column,
                          hint="leave `language:` out, or make it the first of `languages:`")
    editions = {code.split("-")[0] for code in codes[1:]}
    for section in values.get("sections", ()):  # type: ignore[attr-defined]
        if section.slug in editions:
            entry = entries["sections"]
            raise SourceError(path, entry.line, f"the section '{section.slug}' would have its page at /{section.slug}/, "
                              f"where the {section.slug} language's pages are", column=entry.column,
                              hint="give the section another slug")


# What holds absolute URLs only: with a bare path as base_url they are relative, and invalid.
ABSOLUTE_OUTPUTS = ("the sitemaps, robots.txt, the feeds (feed.xml, rss.xml, feed.json and every topic's, author's "
                    "and section's feed), canonical URLs and og:url")


def base_url_problem(config: SiteConfig, severity: str) -> Diagnostic | None:
    """The one diagnostic of a site without an absolute base_url, at its line in newsgen.yaml; None with one."""
    if urlsplit(config.base_url).scheme:
        return None
    path = config.site_dir / CONFIG_NAME
    line = column = None
    try:
        entry = read_yaml_mapping(path.read_text(encoding="utf-8-sig"), path).get("base_url")
        line, column = (entry.line, entry.column) if entry is not None else (None, None)
    except (OSError, UnicodeDecodeError, SourceError):  # no newsgen.yaml: the message names the setting
        pass
    return Diagnostic(
        path if path.is_file() else None, line, column,
        f"base_url is {config.base_url!r}, not an absolute URL: {ABSOLUTE_OUTPUTS} need one, and hold relative "
        "URLs that feed readers and search engines reject", severity,
        hint="set `base_url: https://example.org/` in newsgen.yaml, or pass --base-url",
    )
