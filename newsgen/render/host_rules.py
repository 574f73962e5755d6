"""Redirect rules in the host's own format, so old URLs answer with a real 301.

Every imported article's old URLs (`aliases`, `redirect_from`, URLs moved by a new
permalink) get a small redirect page anyway; search engines follow those, but a host's
own rule is a real HTTP redirect. The `redirects:` setting names the hosts:

- ``netlify``: ``_redirects`` with forced rules (``301!``: Netlify serves an existing file,
  here the redirect page, before a plain rule);
- ``cloudflare``: ``_redirects`` for Cloudflare Pages, which follows its rules before its files;
- ``nginx``: ``nginx-redirects.conf``, a ``map`` to include in nginx's ``http`` block;
- ``github``: ``.nojekyll``, so GitHub Pages serves the site as built (no redirect rules there).

Pure: articles in, {output path: bytes} out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import unquote

from newsgen import urls
from newsgen.records import Article
from newsgen.urls import SiteURLs

NGINX_FILE = "nginx-redirects.conf"
_NGINX_HEADER = """\
# Old URLs of this site and where they moved, written by newsgen. In nginx's http block:
#     include {path};
# and in the site's server block:
#     if ($newsgen_redirect) {{ return 301 $newsgen_redirect; }}
map $uri $newsgen_redirect {{
"""


def redirect_pairs(articles: Iterable[Article], site_urls: SiteURLs) -> list[tuple[str, str]]:
    """(old href, new href) for every old URL of every article, as links of this deploy."""
    return [
        (site_urls.href(alias), site_urls.href(urls.article_route(article.date, article.slug, article.route)))
        for article in articles for alias in article.placement.aliases
    ]


def host_files(hosts: Sequence[str], pairs: Sequence[tuple[str, str]]) -> dict[str, bytes]:
    """The files the named hosts read: {output path: bytes}; none when there is nothing to say."""
    files: dict[str, bytes] = {}
    if "github" in hosts:
        files[".nojekyll"] = b""
    if not pairs:
        return files
    if "netlify" in hosts or "cloudflare" in hosts:
        code = "301!" if "netlify" in hosts else "301"  # Cloudflare reads "301!" as no code: one file, one host
        files["_redirects"] = "".join(f"{old} {new} {code}\n" for old, new in pairs).encode()
    if "nginx" in hosts:
        lines = "".join(f"    {_nginx_string(unquote(old))} {_nginx_string(new)};\n" for old, new in pairs)
        files[NGINX_FILE] = (_NGINX_HEADER.format(path=NGINX_FILE) + lines + "}\n").encode()
    return files


def _nginx_string(text: str) -> str:
    """A quoted nginx string: $uri is decoded, so keys are written as the path reads."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
