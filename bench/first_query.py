#!/usr/bin/env python3
"""What a reader's first query downloads: Chromium, with an empty cache, opens
``/search/?q=QUERY`` of a built site on a local static server and waits for the results
(or "nothing found"); every response is summed, by kind.

    .venv/bin/python bench/first_query.py OUTPUT_DIR [--query київ --query ...] [--json FILE]

OUTPUT_DIR is a built newsgen site (``newsgen build SITE -o OUTPUT_DIR``). The kinds under
``/pagefind/`` are: ``js`` (pagefind.js and its worker), ``wasm``, ``meta`` (shards.json,
each shard's pagefind-entry.json and page list), ``index`` (the word chunks the query
touches), ``filter`` and ``fragment`` (the results shown, and the one whose dictionary forms
widen an inflected word). ``page`` is the rest: the search page, its CSS and search.js.
Sizes are the response bodies as http.server sends them (no Content-Encoding: Pagefind's
chunks are gzip already, pagefind.js and the page are not). Each query runs in a fresh
browser context, so nothing is cached between them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_search  # noqa: E402 - the static server, Chromium's settings and the kinds of bundle files

QUERIES = ("київ", "україна", "Москві", "уряд України", "зебра")
KINDS = ("js", "wasm", "meta", "index", "filter", "fragment", "page")


def measure(output: Path, queries: list[str]) -> list[dict]:
    """For each query: its status line, seconds to results, requests and bytes by kind."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(bench_search._Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    measured = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=bench_search.CHROMIUM,
                                                 args=bench_search.CHROMIUM_ARGS, headless=True)
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                fetched: list[tuple[str, int]] = []
                page.on("requestfinished", lambda request, got=fetched: got.append(
                    (request.url, request.sizes()["responseBodySize"])))
                started = time.perf_counter()
                page.goto(f"{base}search/?q={quote(query)}")
                page.wait_for_function(
                    "(() => { const s = document.querySelector('.search-status').textContent.trim();"
                    " return s !== '' && !s.includes('…') && (document.querySelector('.search-result') !== null"
                    " || !/\\d/.test(s)); })()", timeout=300_000)
                page.wait_for_load_state("networkidle")
                seconds = time.perf_counter() - started
                kinds = dict.fromkeys(KINDS, 0)
                shards = set()
                for url, size in fetched:
                    path = url.split("?")[0]
                    if "/pagefind/" in path:
                        inside = path.split("/pagefind/", 1)[1]
                        kinds[bench_search._kind(inside)] = kinds.get(bench_search._kind(inside), 0) + size
                        if "/" in inside:
                            shards.add(inside.split("/", 1)[0])
                    else:
                        kinds["page"] += size
                measured.append({
                    "query": query, "status": page.locator(".search-status").inner_text(),
                    "seconds": round(seconds, 2), "requests": len(fetched), "shards": len(shards),
                    "pagefind_bytes": sum(size for kind, size in kinds.items() if kind != "page"),
                    "bytes": sum(kinds.values()), "by_kind": kinds,
                })
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return measured


def table(rows: list[dict]) -> str:
    kib = lambda n: f"{n / 1024:,.0f}"  # noqa: E731
    lines = ["| query | found | /pagefind/ KiB | " + " | ".join(KINDS) + " | all KiB | requests | index folders |",
             "|---|---|---:|" + "---:|" * len(KINDS) + "---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row['query']} | {row['status']} | {kib(row['pagefind_bytes'])} | "
                     + " | ".join(kib(row["by_kind"][kind]) for kind in KINDS)
                     + f" | {kib(row['bytes'])} | {row['requests']} | {row['shards']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="a built site (its output folder)")
    parser.add_argument("--query", action="append", help=f"a query (repeatable; default: {', '.join(QUERIES)})")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args(argv)
    if not (args.output / "pagefind" / "shards.json").is_file():
        parser.error(f"{args.output}: no search index (pagefind/shards.json) there")
    rows = measure(args.output, args.query or list(QUERIES))
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
