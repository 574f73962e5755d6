#!/usr/bin/env python3
"""What search costs: indexing time, index size, and the bytes one query downloads.

    python bench/bench_search.py [--sizes 1000,10000] [--jobs N] [--out bench/out/search]
                                 [--queries київ,Рютте,...] [--no-compare]

For each size N the Markdown corpus of bench/corpus.py is measured (a private copy:
bench/corpus/N/ is only read, never regenerated here, as bench/run.py may be using
it; without it the corpus is generated under OUT), in steps:

  documents   newsgen's search documents: text + dictionary forms (pymorphy3)
  pagefind    Pagefind indexing them as one index (one pagefind process)
  sharded     the search step as a build runs it: documents, then the shards, jobs
              pagefind processes at a time (largest process's peak memory)
  edit        the search step again after one article changed, with a memo folder:
              the newest article, and one a third of the way into the archive
  build       a whole cold build with search, and (unless --no-compare) without it

then the bundle in <output>/pagefind/ is weighed, and Chromium (Playwright, Debian's
/usr/bin/chromium) opens the built search page on a local static server for each
query, in a fresh browser context (empty cache), and adds up every byte it fetched
from /pagefind/ until the results are shown. Results go to stdout, OUT/search.md and
OUT/search.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import resource
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))
import corpus  # noqa: E402  (bench/ is not a package)
import first_query  # noqa: E402

from newsgen.build.builder import BuildOptions, build  # noqa: E402
from newsgen.build.collect import load_articles  # noqa: E402
from newsgen.build.workers import default_jobs, parallel_map  # noqa: E402
from newsgen.errors import Diagnostics  # noqa: E402
from newsgen.records import Body  # noqa: E402
from newsgen.search import pagefind_bundle  # noqa: E402
from newsgen.search import index as search
from newsgen.site.config import SiteConfig, load_config  # noqa: E402

# A place name the corpus declines (found through its dictionary form), a common word,
# a word in most articles, and a two-word query.
DEFAULT_QUERIES = ("київ", "гривня", "україна", "уряд України")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--out", type=Path, default=BENCH / "out" / "search")
    parser.add_argument("--queries", default=",".join(DEFAULT_QUERIES))
    parser.add_argument("--no-compare", action="store_true", help="skip the build without search")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for n in (int(size) for size in args.sizes.split(",")):
        results.append(bench_size(n, args))
        write_report(results, args.out)
    return 0


def corpus_site(n: int, out: Path) -> tuple[Path, dict]:
    """A private copy of the N-article Markdown corpus: bench/corpus/N/ when bench/run.py
    made one (only ever read here), else generated under OUT."""
    site, shared = out / f"site-{n}", BENCH / "corpus" / str(n)
    if (site / "manifest.json").is_file() and (site / "content").is_dir():
        manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("n") == n and manifest.get("generator_version") == corpus.GENERATOR_VERSION:
            return site, manifest
    shutil.rmtree(site, ignore_errors=True)
    try:
        manifest = json.loads((shared / "manifest.json").read_text(encoding="utf-8"))
        usable = manifest.get("n") == n and manifest.get("generator_version") == corpus.GENERATOR_VERSION
    except (OSError, ValueError):
        usable = False
    if usable and (shared / "markdown" / "content").is_dir():
        shutil.copytree(shared / "markdown", site)
    else:
        generated = out / f"corpus-{n}"
        manifest = corpus.generate(n, generated, formats=("markdown",), seed=42)
        shutil.move(generated / "markdown", site)
        shutil.rmtree(generated, ignore_errors=True)
    (site / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return site, manifest


def bench_size(n: int, args: argparse.Namespace) -> dict:
    site, manifest = corpus_site(n, args.out)
    config = load_config(site, {"output_dir": str(args.out / f"build-{n}")})
    record: dict = {"n": n, "jobs": args.jobs, "words": manifest["words"]}
    log(n, "loading articles")
    articles = load_articles(config, drafts=False, diagnostics=Diagnostics(), jobs=args.jobs)
    settings = search.SearchSettings(config.language)
    log(n, "sharded search step")  # first: children's peak memory is a maximum over all of them so far
    record.update(measure_shards(articles, settings, args.jobs, args.out / f"memo-{n}"))
    log(n, f"sharded in {record['sharded_s']} s; edits in {record['edit_newest_s']} / {record['edit_middle_s']} s")
    started, cpu = time.perf_counter(), cpu_seconds()
    documents = search.search_documents(articles, settings, functools.partial(parallel_map, jobs=args.jobs))
    record["documents_s"] = round(time.perf_counter() - started, 2)
    record["documents_cpu_s"] = round(cpu_seconds() - cpu, 2)
    record["documents_bytes"] = sum(len(d.html.encode()) for d in documents)
    log(n, f"documents in {record['documents_s']} s; indexing")
    started, cpu = time.perf_counter(), cpu_seconds()
    files = search.index_files(documents, settings)  # one shard: Pagefind as before shards
    record["pagefind_s"] = round(time.perf_counter() - started, 2)
    record["pagefind_cpu_s"] = round(cpu_seconds() - cpu, 2)
    record["pagefind_peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    record["bundle"] = bundle_sizes(files)
    del documents, files
    log(n, f"Pagefind in {record['pagefind_s']} s; cold build with search")
    record["build_with_search_s"], record["build_with_search_cpu_s"] = timed_build(config, args.jobs)
    if not args.no_compare:
        log(n, "cold build without search")
        off = dataclasses.replace(config, search=False, output_dir=args.out / f"build-{n}-nosearch")
        record["build_without_search_s"], record["build_without_search_cpu_s"] = timed_build(off, args.jobs)
        shutil.rmtree(off.output_dir, ignore_errors=True)
    log(n, "queries in Chromium")
    record["queries"] = measure_queries(config.output_dir, args.queries.split(","))
    return record


def measure_shards(articles: list, settings: search.SearchSettings, jobs: int, memo: Path) -> dict:
    """The search step cold (no memo), then after a one-article edit (memo filled first)."""
    record: dict = {}
    spread = functools.partial(parallel_map, jobs=jobs)
    pagefind_bundle._recent.clear()
    started, cpu = time.perf_counter(), cpu_seconds()
    files = search.start_search(articles, settings, jobs, spread=spread).files()
    record["sharded_s"] = round(time.perf_counter() - started, 2)
    record["sharded_cpu_s"] = round(cpu_seconds() - cpu, 2)
    record["sharded_peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    record["shards"] = len(json.loads(files[f"{search.BUNDLE}/shards.json"])["shards"])
    shutil.rmtree(memo, ignore_errors=True)
    pagefind_bundle._recent.clear()
    search.start_search(articles, settings, jobs, spread=spread, memo_dir=memo).files()
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published, articles[i].id))
    for name, index in (("newest", order[-1]), ("middle", order[len(order) // 3])):
        edited = list(articles)
        edited[index] = dataclasses.replace(edited[index], body=Body(edited[index].body_html, edited[index].body_text + "\n\nЩе один абзац."))
        pagefind_bundle._recent.clear()  # as a new build process: only the memo folder
        started = time.perf_counter()
        search.start_search(edited, settings, jobs, spread=spread, memo_dir=memo).files()
        record[f"edit_{name}_s"] = round(time.perf_counter() - started, 2)
    pagefind_bundle._recent.clear()
    started = time.perf_counter()
    search.start_search(articles, settings, jobs, spread=spread, memo_dir=memo).files()
    record["unchanged_s"] = round(time.perf_counter() - started, 2)
    shutil.rmtree(memo, ignore_errors=True)
    return record


def timed_build(config: SiteConfig, jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds (this process and every process it waited for) of one cold build."""
    shutil.rmtree(config.output_dir, ignore_errors=True)
    pagefind_bundle._recent.clear()  # a cold build: Pagefind really runs
    started, cpu = time.perf_counter(), cpu_seconds()
    build(config, BuildOptions(cache=False, jobs=jobs))
    return round(time.perf_counter() - started, 2), round(cpu_seconds() - cpu, 2)


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bundle_sizes(files: dict[str, bytes]) -> dict:
    parts = {"fragment": 0, "index": 0, "filter": 0, "meta": 0, "code": 0}
    for name, data in files.items():
        kind = first_query.kind(name.split("/", 1)[1])
        parts[kind if kind in parts else "code"] += len(data)
    return {"files": len(files), "bytes": sum(parts.values()), **parts}


def measure_queries(output: Path, queries: list[str]) -> list[dict]:
    """Bytes fetched from /pagefind/ for each query, in a fresh browser context each time (first_query.py)."""
    return [{"query": row["query"], "status": row["status"], "seconds": row["seconds"],
             "requests": row["pagefind_requests"], "bytes": row["pagefind_bytes"],
             "by_kind": {kind: size for kind, size in row["by_kind"].items() if kind != "page"}}
            for row in first_query.measure(output, queries)]


def write_report(results: list[dict], out: Path) -> None:
    (out / "search.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    lines = [
        f"# newsgen search — {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"{cpus} CPUs, Python {platform.python_version()}, {pagefind_version()}; Markdown corpus, seed 42.",
        "",
        "| articles | documents s (CPU) | one index: Pagefind s (CPU) | peak MiB "
        "| cold build with / without search, s (CPU s) | index MiB (files) | fragments / index / filters / meta MiB |",
        "|---:|---:|---:|---:|---|---:|---|",
    ]
    mib = 1024 * 1024
    for r in results:
        b = r["bundle"]
        lines.append(
            f"| {r['n']:,} | {r['documents_s']} ({r['documents_cpu_s']}) | {r['pagefind_s']} ({r['pagefind_cpu_s']}) "
            f"| {r['pagefind_peak_rss_mib']:,} | {r['build_with_search_s']} / {r.get('build_without_search_s', '–')} "
            f"({r['build_with_search_cpu_s']} / {r.get('build_without_search_cpu_s', '–')}) "
            f"| {b['bytes'] / mib:.1f} ({b['files']:,}) "
            f"| {b['fragment'] / mib:.1f} / {b['index'] / mib:.2f} / {b['filter'] / mib:.2f} / {b['meta'] / mib:.2f} |"
        )
    lines += ["", "| articles | shards | search step, cold: s (CPU s) | largest process MiB "
              "| after an edit of the newest / a middle article, s | nothing changed, s |", "|---:|---:|---:|---:|---|---:|"]
    for r in results:
        lines.append(f"| {r['n']:,} | {r['shards']} | {r['sharded_s']} ({r['sharded_cpu_s']}) "
                     f"| {r['sharded_peak_rss_mib']:,} | {r['edit_newest_s']} / {r['edit_middle_s']} | {r['unchanged_s']} |")
    lines += ["", "| articles | query | results | requests | KiB fetched | of which js+wasm / meta / index / "
              "filter / fragment KiB | seconds |", "|---:|---|---|---:|---:|---|---:|"]
    for r in results:
        for q in r["queries"]:
            k = q["by_kind"]
            split = " / ".join(f"{(k.get(a, 0) + k.get(b, 0)) / 1024:.0f}" for a, b in
                               (("js", "wasm"), ("meta", ""), ("index", ""), ("filter", ""), ("fragment", "")))
            lines.append(f"| {r['n']:,} | {q['query']} | {q['status']} | {q['requests']} | {q['bytes'] / 1024:.0f} "
                         f"| {split} | {q['seconds']} |")
    text = "\n".join(lines) + "\n"
    (out / "search.md").write_text(text, encoding="utf-8")
    print(text)


def pagefind_version() -> str:
    try:
        from importlib.metadata import version

        return f"Pagefind {version('pagefind_bin')}"
    except Exception:  # noqa: BLE001 - only for the report
        return "Pagefind ?"


def log(n: int, text: str) -> None:
    print(f"[search {n}] {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
