"""Full-text search: a Pagefind index of every article, built into ``<output>/pagefind/``.

A query word matches whole words only (search.js keeps Pagefind from matching prefixes
or, for a word in no article, a shorter word the query starts with). Pagefind has no
Ukrainian stemmer, so a search for "Москва" would miss an article that only says
"у Москві". Each article is therefore indexed as a small HTML document made for
Pagefind: the headline and the text as written, and the ``forms`` metadata, which pairs
the dictionary form (pymorphy3) of every inflected noun and adjective with the words of
the text it stands for ("москва:москві|москвою"). Pagefind searches metadata too and
names the field a match was in, so a query in the dictionary form finds the inflected
text; the search page then highlights "Москві", widens a query "Москві" to the other
forms of "Москва", and lists articles with the words as written first.

The archive is indexed in shards, runs of the (published, id) order cut where an
article's id says so (``plan_shards``), each a Pagefind index that search.js merges in
the browser. A shard is keyed by everything its index depends on; ``start_search``
makes documents only for shards whose key is not memoised, hands them to Pagefind
(pagefind_bundle.py), which indexes them while the build renders pages, and the
bundle comes back as ``{output path: bytes}`` for the output writer.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import html
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgen import __version__, urls
from newsgen.records import Article
from newsgen.search.bundle_files import BUNDLE, missing_files
from newsgen.search.forms import lemma_pairs, word_lemmas
from newsgen.search.pagefind_bundle import (
    PendingIndex, SearchUnavailable, Shard, ShardMemo, stable_bundle,
)
from newsgen.search.pagefind_patch import RANK_SORT, SHARD_FILTER, plan_patch
from newsgen.site.catalog import Spread, spread_here
from newsgen.text.dates import format_dateline
from newsgen.text.language_guess import base_language, listing_language
from newsgen.text.morphology import MORPHOLOGY_LANGS, analyser
from newsgen.urls import SiteURLs


@dataclass(frozen=True, slots=True)
class SearchSettings:
    """What the index needs from the site: its language (dates, Pagefind's index language)."""

    lang: str
    # A site in several languages: each article goes into the index of the language whose pages list it,
    # which that language's search page reads (Pagefind keeps an index per <html lang>).
    languages: tuple[str, ...] = ()

    def document_lang(self, article: Article) -> str:
        """The language of the index an article goes into, and of its date in the results."""
        return listing_language(article.lang, self.languages) if len(self.languages) > 1 else self.lang

    @property
    def index_language(self) -> str:
        """The language Pagefind indexes every document in; "" for a site in several: each in its page's."""
        return "" if len(self.languages) > 1 else base_language(self.lang)


@dataclass(frozen=True, slots=True)
class Sharding:
    """How many articles a shard holds. A query loads an index chunk from every shard for each
    word it looks up, so shards are few and large (bench/README.md: the first query's bytes).
    A change need not re-index its shard: an edited article, or an added one (to the newest
    shard, or between others of a shard), is indexed alone and patched into the shard's last
    whole index (pagefind_patch.py), up to ``patch_most`` of them; past that, and after a
    removal or a redating, the shard is indexed whole."""

    least: int = 3000
    mean: int = 4000
    most: int = 5000
    # Changed and added articles patched into a shard at most; each build with a patch indexes
    # all of them again, so beyond this many the shard is indexed whole once (bench/README.md).
    patch_most: int = 100


SHARDING = Sharding()


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One article as Pagefind indexes it: the HTML file and where it would live."""

    path: str  # output-relative path of the article page ("2026/02/11/slug/index.html")
    html: str


# ------------------------------------------------------------------ documents


def search_document(article: Article, settings: SearchSettings, rank: int = 0, shard: str = "") -> SearchDocument:
    """The HTML Pagefind indexes for one article. Pure.

    Headline (weight of an h1) and text; the dictionary forms, the date, year, tags
    and sort key ride along as metadata, filters and sort, inside an element Pagefind
    does not index as text. ``rank`` orders "newest first": the
    article's place in its shard's (published, id) order, so no two articles tie
    (search.js puts shards in order; a rank over the archive would change every
    later shard when one article is added). ``shard``, its shard's name, is a filter
    search.js uses to read one shard's results at a time.
    """
    esc = functools.partial(html.escape, quote=True)
    paragraphs = [p for p in article.body_text.split("\n\n") if p.strip()]
    if not article.summary_is_derived and article.summary:
        paragraphs.insert(0, article.summary)
    pairs = lemma_pairs("\n".join([article.title, *paragraphs]), article.lang)
    forms = " ".join(lemma + ":" + "|".join(inflected) for lemma, inflected in pairs)
    tags = sorted({tag.name for tag in article.tags})
    lang = settings.document_lang(article)
    parts = [
        f'<!DOCTYPE html><html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f"<title>{esc(article.title)}</title></head><body><main data-pagefind-body>",
        f'<h1 data-pagefind-meta="title">{esc(article.title)}</h1>',
        *(f"<p>{esc(' '.join(p.split()))}</p>" for p in paragraphs),
        "<div data-pagefind-ignore>",
        f'<span data-pagefind-meta="date">{esc(format_dateline(article.date, lang))}</span>',
        f'<span data-pagefind-meta="published">{article.date.isoformat()}</span>',
        f'<span data-pagefind-meta="forms">{esc(forms)}</span>',
        f'<span data-pagefind-filter="year">{article.date.year}</span>',
        *(f'<span data-pagefind-filter="tag">{esc(name)}</span>' for name in tags),
        f'<span data-pagefind-sort="{RANK_SORT}">{rank}</span>',  # number-like: Pagefind sorts it numerically
        *([f'<span data-pagefind-filter="{SHARD_FILTER}">{esc(shard)}</span>'] if shard else []),
        "</div></main></body></html>",
    ]
    path = SiteURLs.output_path(urls.article_route(article.date, article.slug, article.route)).as_posix()
    return SearchDocument(path, "\n".join(parts))


def _document(settings: SearchSettings, item: tuple[Article, int, str]) -> SearchDocument:
    article, rank, shard = item
    return search_document(article, settings, rank, shard)


def search_documents(articles: Sequence[Article], settings: SearchSettings, spread: Spread = spread_here
                     ) -> list[SearchDocument]:
    """Every article's search document, in the articles' order; ``spread`` may make them in several
    processes (build/workers.parallel_map)."""
    places = {index: (rank, shard_name(articles[shard[0]])) for shard in plan_shards(articles)
              for rank, index in enumerate(shard, start=1)}
    return _documents([(articles[i], *places[i]) for i in range(len(articles))], settings, spread)


def _documents(items: list[tuple[Article, int, str]], settings: SearchSettings, spread: Spread
               ) -> list[SearchDocument]:
    for lang in sorted({base_language(item[0].lang) for item in items} & MORPHOLOGY_LANGS):
        analyser(lang)  # loaded once here, inherited by forked workers rather than loaded in each
    return spread(_document, settings, items)


# ------------------------------------------------------------------ shards


def plan_shards(articles: Sequence[Article], sharding: Sharding | None = None) -> list[list[int]]:
    """The articles' indices, shard by shard: runs of the (published, id) order, oldest first. Pure.

    A run ends after an article whose id hashes to a multiple of ``mean - least`` once it
    holds ``least`` articles, and at ``most`` regardless. A cut depends on the article at it,
    not on how many came before, so adding, removing or redating one article changes its own
    shard (now and then a neighbour), never the rest; a new newest article joins the newest
    shard, or starts a new one.
    """
    sharding = sharding or SHARDING
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published, articles[i].id))
    return _runs(order, articles, sharding.least, sharding.mean, sharding.most)


def _runs(order: list[int], articles: Sequence[Article], least: int, mean: int, most: int) -> list[list[int]]:
    spread = max(1, mean - least)
    runs: list[list[int]] = [[]]
    for index in order:
        run = runs[-1]
        run.append(index)
        if len(run) >= most or (len(run) >= least and _id_number(articles[index].id) % spread == 0):
            runs.append([])
    return [run for run in runs if run]


def _id_number(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


def shard_name(first: Article) -> str:
    """A shard's folder: the date of its oldest article and a digest of its id (stable while it starts the shard)."""
    return f"{first.published:%Y%m%d}-{_id_number(first.id) % 16**8:08x}"


def shard_key(
    name: str, articles: Sequence[Article], settings: SearchSettings, stamps: Mapping[str, str] | None = None,
) -> str:
    """A digest of everything a shard's index depends on: its name, its articles' searchable
    fields in rank order, the settings, Pagefind, and the code and dictionaries making documents.

    ``stamps`` (article id -> a text of everything the article is made of, collect.LoadedSite)
    stand for the fields when given: the bodies then stay where they are (build/bodies.py).
    """
    return _key_of(shard_context(name, settings), [article_key(a, stamps) for a in articles])


def shard_context(name: str, settings: SearchSettings) -> str:
    """A digest of what a shard's documents depend on besides its articles: name, settings, code."""
    return hashlib.blake2b(repr((name, settings, _fingerprint())).encode(), digest_size=16).hexdigest()


def article_key(article: Article, stamps: Mapping[str, str] | None = None) -> str:
    """A digest of one article's searchable fields (or of its stamp, when given: see shard_key)."""
    hasher = hashlib.blake2b(digest_size=16)
    if stamps is not None:
        hasher.update(stamps[article.id].encode("utf-8", "surrogatepass"))  # paths in them
        return hasher.hexdigest()
    a = article
    head = repr((a.id, a.date, a.published, a.slug, a.route, a.summary_is_derived, a.lang,
                 sorted({tag.name for tag in a.tags})))
    for text in (head, a.title, a.summary, a.body_text):  # long texts hashed as they are, not repr'd
        data = text.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()


def _key_of(context: str, article_keys: Iterable[str]) -> str:
    hasher = hashlib.blake2b(context.encode(), digest_size=16)
    for key in article_keys:
        hasher.update(key.encode())
    return hasher.hexdigest()


@functools.cache
def _fingerprint() -> tuple[str, ...]:
    from importlib.metadata import PackageNotFoundError, version

    package = Path(__file__).parents[1]
    sources = [*sorted((package / "search").glob("*.py")), package / "urls" / "__init__.py",
               *sorted((package / "text").glob("*.py"))]
    code = hashlib.blake2b(b"".join(path.read_bytes() for path in sources), digest_size=16).hexdigest()
    packages = []
    for name in ("babel", "pymorphy3", "pymorphy3-dicts-uk", "pymorphy3-dicts-ru"):
        try:
            packages.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            packages.append(f"{name} -")
    return (__version__, code, engine_version(), *packages)


def engine_version() -> str:
    """The Pagefind that indexes, for memo keys: its package version and binary."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        from pagefind.service import get_executable

        binary = str(get_executable())
    except ImportError:
        binary = "?"
    try:
        return f"{version('pagefind_bin')} {binary}"
    except PackageNotFoundError:
        return f"? {binary}"


# ------------------------------------------------------------------ the search step

__all__ = [
    "BUNDLE", "PendingIndex", "SHARDING", "SearchDocument", "SearchSettings",
    "SearchUnavailable", "Sharding", "index_files", "lemma_pairs", "missing_files", "plan_shards", "search_document",
    "search_documents", "shard_key", "stable_bundle", "start_search", "word_lemmas",
]


def start_search(
    articles: Sequence[Article], settings: SearchSettings, jobs: int = 1, *, spread: Spread = spread_here,
    memo_dir: Path | None = None, stamps: Mapping[str, str] | None = None,
    read_bodies: Callable[[list[Article]], list[Article]] = list,
) -> PendingIndex:
    """The search step, started: documents now (by ``spread``), Pagefind in the background (``jobs``
    processes at a time).

    Only shards whose key is in neither this process's last build nor ``memo_dir``
    (a folder the builder keeps between builds) are indexed; ``read_bodies`` gives their articles
    their text, when the build keeps it apart (build/bodies.py). Raises SearchUnavailable
    at once when Pagefind is not installed.
    """
    memo = ShardMemo(memo_dir)
    planned = [_plan_shard([articles[i] for i in indices], settings, stamps, memo) for indices in plan_shards(articles)]
    places = {id(shard): (members, wanted) for shard, members, wanted in planned}

    def with_documents(todo: list[Shard]) -> Iterator[Shard]:
        """The shards to index, their documents made a batch at a time: a large archive's
        documents and texts never wait in memory all at once."""
        for batch in _batches(todo, DOCUMENTS_AT_ONCE):
            items = [(places[id(shard)][0][place], place + 1, shard.name) for shard in batch
                     for place in places[id(shard)][1]]
            items = [(article, rank, name) for article, (_, rank, name) in
                     zip(read_bodies([item[0] for item in items]), items, strict=True)]
            documents = iter(_documents(items, settings, spread))
            for shard in batch:
                yield dataclasses.replace(shard, documents=tuple(
                    (d.path, d.html) for d in (next(documents) for _ in places[id(shard)][1])))

    return PendingIndex([shard for shard, _, _ in planned], settings.index_language, jobs, memo, fill=with_documents)


# Search documents made, written and let go together: one batch's texts are in memory at a time.
DOCUMENTS_AT_ONCE = 10_000


def _batches(shards: list[Shard], most: int) -> Iterator[list[Shard]]:
    """Consecutive shards, as many as hold at most ``most`` documents together (one at least)."""
    batch: list[Shard] = []
    for shard in shards:
        if batch and sum(len(s.members) for s in batch) + len(shard.members) > most:
            yield batch
            batch = []
        batch.append(shard)
    if batch:
        yield batch


def _plan_shard(members: list[Article], settings: SearchSettings, stamps: Mapping[str, str] | None,
                memo: ShardMemo) -> tuple[Shard, list[Article], list[int]]:
    """One shard as this build finds it: memoised whole, patched (its edits memoised or not), or
    to be indexed whole; with the places (0-based ranks) of the articles it needs documents for."""
    name = shard_name(members[0])
    context = shard_context(name, settings)
    keys = [article_key(a, stamps) for a in members]
    key = _key_of(context, keys)
    everyone = [(a.id, k, settings.document_lang(a)) for a, k in zip(members, keys)]
    files = memo.get(key)
    if files is not None:
        return Shard(name, key, files, members=tuple(everyone), context=context), members, []
    patch = plan_patch(memo.base(name), context, everyone, SHARDING.patch_most)
    if patch is None:
        return Shard(name, key, None, members=tuple(everyone), context=context), members, list(range(len(members)))
    edits = memo.get(patch.edits_key)
    changed = list(patch.changed) if edits is None else []
    return (Shard(name, key, edits, members=tuple(everyone[place] for place in patch.changed), context=context,
                  patch=patch), members, changed)


def index_files(documents: Iterable[SearchDocument], settings: SearchSettings) -> dict[str, bytes]:
    """Pagefind over ``documents`` as one shard, waited for: the bundle as ``{"pagefind/...": bytes}``."""
    documents = tuple((d.path, d.html) for d in documents)
    hasher = hashlib.blake2b(repr((settings, _fingerprint())).encode(), digest_size=16)
    for path, text in documents:
        hasher.update(f"\0{path}\0{text}".encode("utf-8", "surrogatepass"))
    memo = ShardMemo(None)
    known = memo.get(hasher.hexdigest())
    shard = Shard("all", hasher.hexdigest(), known, () if known is not None else documents)
    return PendingIndex([shard], settings.index_language, 1, memo).files()
