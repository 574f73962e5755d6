"""Permalink patterns: every article's URL from its date, slug, categories and file. Pure.

A pattern such as newsgen's default ``/:year/:month/:day/:slug/`` or Jekyll's
``/:categories/:year/:month/:day/:title.html`` is checked when the configuration is
read: a pattern that could send a page outside the site, into a folder the site fills
itself (/tags/, /static/, ...: urls.is_site_route) or give every article of a day the same URL is an error
that names the config line. ``place_articles`` then gives each article its route:
URLs two articles claim are numbered (-2, -3) in a stable order, and old URLs
(``aliases``) that are free get redirect pages.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import count
from operator import attrgetter
from urllib.parse import unquote, urlsplit

from newsgen import urls
from newsgen.errors import WARNING, Diagnostic
from newsgen.records import Article, with_field

DEFAULT_PERMALINK = "/:year/:month/:day/:slug/"
JEKYLL_STYLES = {  # Jekyll's named permalink styles
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
PAGE_SUFFIXES = (".html", ".htm")
_PLACEHOLDER = re.compile(r"(:[a-z_]+)")
_UNSAFE = re.compile(r"[\s/\\?#%<>\"'`|*:\x00-\x1f\x7f]+")
_UNSAFE_IN_CATEGORY = re.compile(r"[/\\?#%<>\"'`|*:\x00-\x1f\x7f]+")  # Jekyll keeps "local news" (as %20)
_FORBIDDEN = re.compile(r"[\s\\?#%<>\"'`|*\x00-\x1f\x7f]")
_SLASHES = re.compile(r"/{2,}")


def _segment(text: str, unsafe: re.Pattern[str] = _UNSAFE) -> str:
    """A value made into one URL segment: it can neither add a folder nor climb out of one."""
    cleaned = unsafe.sub("-", " ".join(text.split())).strip("-. ")
    return "" if cleaned in ("", ".", "..") else cleaned


def file_name(article: Article) -> str:
    """Hugo's :filename: the file's name without extension, or the page bundle's folder name."""
    path = article.source_path
    return path.parent.name if article.placement.bundle is not None else path.stem


def _slug_or_file(article: Article) -> str:
    return article.slug if not article.slug_is_derived else _segment(file_name(article)).lower()


_VALUES: dict[str, Callable[[Article], str]] = {
    "year": lambda a: f"{a.date.year:04d}",
    "short_year": lambda a: f"{a.date.year % 100:02d}",
    "month": lambda a: f"{a.date.month:02d}",
    "i_month": lambda a: str(a.date.month),
    "day": lambda a: f"{a.date.day:02d}",
    "i_day": lambda a: str(a.date.day),
    "y_day": lambda a: f"{a.date.timetuple().tm_yday:03d}",
    "hour": lambda a: f"{a.published.hour:02d}",
    "minute": lambda a: f"{a.published.minute:02d}",
    "second": lambda a: f"{a.published.second:02d}",
    "slug": lambda a: a.slug,
    "title": lambda a: a.slug,  # Jekyll's :title is the file name's slug, or `slug:` when set
    "filename": lambda a: _segment(file_name(a)).lower(),
    "contentbasename": lambda a: _segment(file_name(a)).lower(),
    "slugorfilename": _slug_or_file,
    "slugorcontentbasename": _slug_or_file,
    "categories": lambda a: "/".join(filter(None, (_segment(c, _UNSAFE_IN_CATEGORY).lower()
                                                   for c in a.placement.categories))),
    "section": lambda a: _segment(a.placement.sections[0]).lower() if a.placement.sections else "",
    "sections": lambda a: "/".join(filter(None, (_segment(s).lower() for s in a.placement.sections))),
    "output_ext": lambda a: ".html",
}
# Placeholders that are an attribute of the article, with their printf format: a pattern made of
# these alone (the default, and most) routes each article with one attrgetter and one %, in C.
_ATTRIBUTE_VALUES: dict[str, tuple[str, str]] = {
    "year": ("date.year", "%04d"), "month": ("date.month", "%02d"), "i_month": ("date.month", "%d"),
    "day": ("date.day", "%02d"), "i_day": ("date.day", "%d"), "hour": ("published.hour", "%02d"),
    "minute": ("published.minute", "%02d"), "second": ("published.second", "%02d"),
    "slug": ("slug", "%s"), "title": ("slug", "%s"),
}
_PER_ARTICLE = frozenset({"slug", "title", "filename", "contentbasename", "slugorfilename", "slugorcontentbasename"})


@dataclass(frozen=True, slots=True)
class Permalink:
    """A checked pattern: literal text and placeholders (":year") in order."""

    pattern: str
    parts: tuple[str, ...]

    @property
    def uses_slug(self) -> bool:
        return any(part[1:] in _PER_ARTICLE for part in self.parts)

    def route(self, article: Article) -> str:
        return _route_maker(self.parts)(article)


@lru_cache(maxsize=256)
def _route_maker(parts: tuple[str, ...]) -> Callable[[Article], str]:
    """A pattern's route as a function, made once per pattern: placing routes every article."""
    names = [part[1:] for part in parts if part.startswith(":")]
    if names and all(name in _ATTRIBUTE_VALUES for name in names):
        template = "".join(_ATTRIBUTE_VALUES[part[1:]][1] if part.startswith(":") else part.replace("%", "%%")
                           for part in parts)
        values = attrgetter(*(_ATTRIBUTE_VALUES[name][0] for name in names))  # one value, or a tuple

        def route(article: Article) -> str:
            text = template % values(article)
            return _SLASHES.sub("/", text) if "//" in text else text

        return route

    def any_route(article: Article) -> str:
        text = "".join(_VALUES[part[1:]](article) if part.startswith(":") else part for part in parts)
        return _SLASHES.sub("/", text) if "//" in text else text  # an empty :categories leaves no empty folder

    return any_route


@lru_cache(maxsize=256)
def compile_permalink(pattern: str, *, own: bool = False) -> Permalink:
    """A checked Permalink; ValueError says what is wrong, phrased to follow the key's name.

    ``own`` is an article's own `permalink:`: it may be a plain path, without :slug.
    """
    text = JEKYLL_STYLES.get(pattern.strip(), pattern.strip())
    if not text.startswith("/") or text.startswith("//"):
        raise ValueError("must be a path that starts with a single /, such as /:year/:month/:day/:slug/")
    if bad := _FORBIDDEN.search(text):
        raise ValueError(f"must not contain {bad[0]!r}: write the path as it is, without spaces, ? or #")
    parts = tuple(part for part in _PLACEHOLDER.split(text) if part)
    unknown = [part for part in parts if part.startswith(":") and part[1:] not in _VALUES]
    if unknown or any(":" in part for part in parts if not part.startswith(":")):
        known = ", ".join(f":{name}" for name in _VALUES)
        raise ValueError(f"has an unknown placeholder {(unknown or [':'])[0]} (known: {known})")
    if "//" in text or any(segment in (".", "..") for segment in text.split("/")):
        raise ValueError("must not contain empty, '.' or '..' folders: it would leave the site")
    if not (text.endswith(("/", ":output_ext")) or text.lower().endswith(PAGE_SUFFIXES)):
        raise ValueError("must end with / (a folder of its own) or .html (a file)")
    first = text.split("/")[1]
    if first in urls.SITE_FOLDERS:
        raise ValueError(f"would put articles inside /{first}/, which the site fills with its own pages")
    permalink = Permalink(text, parts)
    if not own and not permalink.uses_slug:
        raise ValueError("must contain :slug, :title or :filename, or all articles of a day would share one URL")
    return permalink


def check_permalink(value: object) -> str | None:
    """The problem with a `permalink` setting, for the config's validation, or None."""
    try:
        compile_permalink(str(value))
    except ValueError as exc:
        return str(exc)
    return None


def own_permalink(value: str) -> str:
    """An article's own `permalink:`/`url:`, normalised the way Jekyll and Hugo read it: a leading /,
    and a trailing / when the last part has no extension. ValueError when it cannot be a page of the site."""
    text = value.strip()
    text = text if text.startswith("/") else f"/{text}"
    last = text.rsplit("/", 1)[-1]
    if last and "." not in last.replace(":output_ext", ""):
        text += "/"
    compile_permalink(text, own=True)
    return text


def normalise_alias(value: str) -> str:
    """An old URL as a route ("/old/", "/2015/old.html", or "old/" relative to the article's folder)."""
    parts = urlsplit(value.strip())
    if parts.scheme or parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"must be a path on this site, not {value!r}")
    text = unquote(parts.path)
    last = text.rstrip("/").rsplit("/", 1)[-1]
    if not text.endswith("/") and "." not in last:
        text += "/"  # Hugo and Jekyll write /old as /old/index.html
    if not text.strip("/") or not (text.endswith("/") or text.lower().endswith(PAGE_SUFFIXES)):
        raise ValueError(f"must be a folder (ending in /) or an .html page, not {value!r}")
    if _FORBIDDEN.search(text) or any(segment in (".", "..") for segment in text.split("/")):
        raise ValueError(f"must not contain spaces, '.' or '..' folders: {value!r}")
    return text


def resolve_alias(alias: str, route: str) -> str:
    """An alias as a route; a relative one is relative to the folder the article's page is in."""
    if alias.startswith("/"):
        return re.sub(r"/{2,}", "/", alias)
    folder = posixpath.dirname(route.rstrip("/"))
    return re.sub(r"/{2,}", "/", f"{folder}/{alias}")


def numbered_route(route: str, number: int) -> str:
    """The route with -N added to its last part: /a/b/ -> /a/b-2/, /a/b.html -> /a/b-2.html.

    A route inside a folder the site fills (a category called "static") gets the folder numbered.
    """
    first = route.split("/")[1] if route.count("/") > 1 else ""
    if first in urls.SITE_FOLDERS:
        return f"/{first}-{number}{route[len(first) + 1:]}"
    if route.endswith("/"):
        return f"{route[:-1]}-{number}/" if route != "/" else f"/-{number}/"
    base, dot, extension = route.rpartition(".")
    return f"{base}-{number}.{extension}" if dot and "/" not in extension else f"{route}-{number}"


def route_for(article: Article, permalink: Permalink) -> str:
    """The article's own `permalink:` when it has one, else the site's pattern."""
    own = article.placement.permalink
    return compile_permalink(own, own=True).route(article) if own else permalink.route(article)


def natural_routes(articles: Sequence[Article], pattern: str | None) -> list[str]:
    """The URL each article's permalink gives it, before collisions and the URL ledger."""
    permalink = compile_permalink(pattern or DEFAULT_PERMALINK)
    site_route = _route_maker(permalink.parts)  # looked up once, not once per article
    return [route_for(a, permalink) if a.placement.permalink else site_route(a) for a in articles]


def place_articles(
    articles: Sequence[Article], pattern: str | None, old: Callable[[Article], Permalink | None] | None = None,
    routes: Sequence[str] | None = None, rank: Sequence[int] | None = None,
    reserved: frozenset[str] | set[str] = frozenset(),
) -> tuple[list[Article], list[Diagnostic]]:
    """Every article with its route and resolved aliases; the URLs, and the ids, are unique.

    Derived slugs collide by coincidence (two bulletins with one headline) and are simply
    numbered; when two authors chose the URL (a slug, a file name, a `permalink:`) it is a warning.
    ``old`` gives an imported article's pattern on its old site (see sources/sourcesite.py): with no
    ``pattern`` set the article keeps that URL; with one, the old URL becomes a redirect.
    ``routes`` are the URLs the URL ledger gave (newsgen/ledger.py; else each permalink's), and
    ``rank`` who keeps a URL several claim: 0 an article published under it (it keeps it), 1 a
    published one, 2 one only previewed (a draft); then the earliest. No article of rank 1 or 2
    takes a URL of ``reserved``.
    """
    if old is not None:
        articles = with_old_urls(articles, pattern, old)
    permalink = compile_permalink(pattern or DEFAULT_PERMALINK)
    recorded = frozenset(index for index, value in enumerate(rank or ()) if value == 0)
    placed = [with_field(a, "route", route) for a, route in zip(articles, routes or natural_routes(articles, pattern),
                                                                 strict=True)]
    problems: list[Diagnostic] = []
    claims: dict[str, list[int]] = {}
    for index, article in enumerate(placed):
        claims.setdefault(article.route, []).append(index)
    taken = set(claims) | reserved
    for route, indexes in claims.items():
        if urls.is_site_route(route):  # "/tags/" as a slug, or an explicit "/"
            first = placed[indexes[0]]
            problems.append(Diagnostic(first.source_path, first.source_line, None,
                                       f"the URL {route} is a page of the site itself; the article gets another",
                                       WARNING))
            keep = []
        elif len(indexes) > 1:
            problems += _collision_warning([placed[i] for i in indexes], sum(i in recorded for i in indexes))
            keep = indexes[:1]
        elif route in reserved and indexes[0] not in recorded:
            problems += _reserved_warning(placed[indexes[0]])
            keep = []
        else:
            continue
        ordered = sorted(indexes, key=lambda i: (rank[i] if rank else 1, _order_key(placed[i]), i))
        for index in ordered[len(keep):]:
            placed[index] = _renumbered(placed[index], permalink, taken, index in recorded)
            taken.add(placed[index].route)
    placed = _unique_ids(placed)
    return _settle_aliases(placed, problems)


_ID = attrgetter("id")


def with_old_urls(articles: Sequence[Article], pattern: str | None,
                  old: Callable[[Article], Permalink | None]) -> list[Article]:
    """Articles that follow their old site's pattern (``pattern`` None), or that redirect from its URL."""
    result = []
    for article in articles:
        permalink = None if article.placement.permalink else old(article)
        if permalink is None:
            result.append(article)
            continue
        placement = (dataclasses.replace(article.placement, permalink=permalink.pattern) if pattern is None else
                     dataclasses.replace(article.placement,
                                         aliases=(*article.placement.aliases, permalink.route(article))))
        result.append(dataclasses.replace(article, placement=placement))
    return result


def _order_key(article: Article) -> str:
    """Who keeps a contested URL: the earliest, then by title and text; never the input order."""
    return f"{article.published.isoformat()}|{article.title}|{article.body.digest}"


def _collision_warning(claimants: list[Article], recorded: int = 0) -> list[Diagnostic]:
    where = ", ".join(f"{a.source_path}:{a.source_line}" for a in claimants)
    first = claimants[0]
    if recorded > 1:  # two lines of urls.tsv give one URL (as a merge of two branches can)
        return [Diagnostic(first.source_path, first.source_line, None,
                           f"{len(claimants)} articles were published under the URL {first.route} "
                           f"(urls.tsv; {where}); the first published keeps it, the others get -2, -3", WARNING)]
    if sum(not a.slug_is_derived or a.placement.permalink is not None for a in claimants) < 2:
        return []
    return [Diagnostic(first.source_path, first.source_line, None,
                       f"{len(claimants)} articles claim the URL {first.route} ({where}); "
                       "all are kept, with -2, -3 added to the slug in a stable order", WARNING)]


def _reserved_warning(article: Article) -> list[Diagnostic]:
    """An author chose a URL that urls.tsv keeps for an earlier article (one moved away, or gone)."""
    if article.slug_is_derived and article.placement.permalink is None:
        return []
    return [Diagnostic(article.source_path, article.source_line, None,
                       f"the URL {article.route} was another article's (urls.tsv keeps it); "
                       "this one gets -2 added", WARNING)]


def _renumbered(article: Article, permalink: Permalink, taken: set[str], recorded: bool = False) -> Article:
    """The article with -2, -3 ... on its slug (or on its URL, when the URL does not use the slug,
    or came from the URL ledger)."""
    for number in count(2):
        slug = f"{article.slug}-{number}"
        candidate = dataclasses.replace(article, slug=slug, id=f"{article.date.isoformat()}/{slug}")
        route = route_for(candidate, permalink) if not recorded else article.route
        if route == article.route or urls.is_site_route(route):  # the slug cannot free it: number the URL
            candidate, route = article, numbered_route(article.route, number)
        if route not in taken and not urls.is_site_route(route):
            return dataclasses.replace(candidate, route=route)
    raise AssertionError("unreachable")


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Articles of one date and slug with different URLs (other categories) need different ids too."""
    if len(set(map(_ID, articles))) == len(articles):  # nearly always: nothing to do
        return articles
    by_id: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        by_id.setdefault(article.id, []).append(index)
    result = list(articles)
    for indexes in by_id.values():
        for index in sorted(indexes, key=lambda i: articles[i].route)[1:]:
            result[index] = dataclasses.replace(articles[index], id=f"{articles[index].id}@{articles[index].route}")
    return result


def _settle_aliases(articles: list[Article], problems: list[Diagnostic]) -> tuple[list[Article], list[Diagnostic]]:
    """Aliases resolved to routes; one that is another page's URL, or already claimed, is dropped with a warning."""
    if not any(article.placement.aliases for article in articles):  # nearly always: nothing to settle
        return articles, problems
    owners = {article.route: article for article in articles}
    claimed: dict[str, Article] = {}
    result = []
    for article in articles:
        if not article.placement.aliases:  # nearly every article: nothing to settle
            result.append(article)
            continue
        kept = []
        for alias in article.placement.aliases:
            route = resolve_alias(alias, article.route)
            other = owners.get(route) or claimed.get(route)
            if route == article.route or other is article:  # its own URL, or an alias given twice
                continue
            if other is not None or urls.is_site_route(route):
                whose = f"{other.source_path}:{other.source_line}" if other else "the site itself"
                problems.append(Diagnostic(article.source_path, article.source_line, None,
                                           f"the old URL {route} is also used by {whose}: no redirect is written",
                                           WARNING))
                continue
            claimed[route] = article
            kept.append(route)
        placement = dataclasses.replace(article.placement, aliases=tuple(kept))
        result.append(dataclasses.replace(article, placement=placement))
    return result, problems
