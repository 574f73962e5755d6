"""The files a site publishes as they are: static files, page bundles' pictures, host rules, picture copies."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from newsgen import urls
from newsgen.build.planning import SitePlan
from newsgen.digests import StoredBytes
from newsgen.errors import Diagnostics
from newsgen.render.host_rules import host_files, redirect_pairs
from newsgen.render.theme_files import BUILTIN_STATIC, site_static_files
from newsgen.site.catalog import Catalog
from newsgen.site.config import SiteConfig
from newsgen.sources.discover import read_files
from newsgen.sources.foreign import bundle_assets
from newsgen.urls import SiteURLs

if TYPE_CHECKING:
    from newsgen.search.index import PendingIndex


def site_files(config: SiteConfig, plan: SitePlan, pages: dict[str, str], diagnostics: Diagnostics,
               search: PendingIndex | None) -> dict[str, bytes | StoredBytes]:
    """Every file published as it is, {output path: bytes}: page bundles' files (a page of the same name
    wins), host rules, static files, the search index (waited for; its unchanged shards' files left in the
    cache until the output turns out to need them) and the pictures' copies."""
    files: dict[str, bytes | StoredBytes] = {
        **bundle_files(plan.catalog, pages),  # page bundles: images beside their article
        **host_files(config.redirects, redirect_pairs(plan.catalog.articles, plan.site_urls)),
        **static_files(config, diagnostics), **(search.output_files() if search else {})}
    files.update({path: data for path, data in plan.picture_files.items() if path not in files and path not in pages})
    return files


def static_files(config: SiteConfig, diagnostics: Diagnostics) -> dict[str, bytes]:
    """The theme's static files, then the site's own on top (same name wins): {output path: bytes}.

    A link in the site's static/ that leads outside the site is left out, with a warning.
    """
    files = {f"static/{path.relative_to(BUILTIN_STATIC).as_posix()}": path
             for path in sorted(BUILTIN_STATIC.rglob("*")) if path.is_file()}
    site_files, skipped = site_static_files(config.static_dir, config.site_dir)
    for link in skipped:
        diagnostics.warning(link, None, f"left out: a link to {os.path.realpath(link)}, outside the site",
                            hint="copy the file into the site if it is meant to be published")
    files.update({f"static/{relative}": path for relative, path in site_files.items()})
    return read_files(files)


def bundle_files(catalog: Catalog, pages: dict[str, str]) -> dict[str, bytes]:
    """A page bundle's files in its article's folder: {output path: bytes}; a page of the same name wins."""
    files: dict[str, Path] = {}
    for article in catalog.articles:
        if article.placement.bundle is not None:
            folder = SiteURLs.output_path(urls.article_route(article.date, article.slug, article.route)).parent
            for name, path in bundle_assets(article.placement.bundle):
                if (target := (folder / name).as_posix()) not in pages:
                    files[target] = path
    return read_files(files)


# search ---------------------------------------------------------------------------------
