"""The search stage's wiring: the Pagefind index started beside rendering, abandoned if the build fails."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsgen.build.bodies import BodyReader
from newsgen.build.options import BuildOptions, stage_progress
from newsgen.build.workers import parallel_map
from newsgen.site.catalog import Catalog
from newsgen.site.config import SiteConfig

if TYPE_CHECKING:
    from newsgen.search.index import PendingIndex


@contextlib.contextmanager
def abandoned_on_failure(search_index: PendingIndex | None) -> Iterator[None]:
    """A build that fails leaves its search index unfinished, not running on behind it."""
    try:
        yield
    except BaseException:
        if search_index is not None:
            search_index.abandon()
        raise


def start_search(
    config: SiteConfig, catalog: Catalog, stamps: dict[str, str], options: BuildOptions, shards: Path | None,
    bodies: BodyReader | None,
) -> PendingIndex | None:
    """The Pagefind index under /pagefind/ (search/index.py), started; a missing Pagefind stops the build.

    Its shards are remembered in the memo's folder ``shards``, so a build re-indexes only the shards
    whose articles changed; their articles' text is read by ``bodies``.
    """
    if not config.search:
        return None
    from newsgen.search import index as search  # noqa: PLC0415 - Pagefind's side of the build: not loaded when search is off

    spread = functools.partial(parallel_map, jobs=options.jobs, progress=stage_progress(options, "search"))
    return search.start_search(catalog.articles, search.SearchSettings(config.language, config.languages), options.jobs,
                               spread=spread, memo_dir=shards, stamps=stamps, read_bodies=bodies.articles if bodies else list)
