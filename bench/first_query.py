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
import functools
import http.server
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUERIES = ("київ", "україна", "Москві", "уряд України", "зебра")
KINDS = ("js", "wasm", "meta", "index", "filter", "fragment", "page")


def measure(output: Path, queries: list[str]) -> list[dict]:
    """For each query: its status line, seconds to results, requests and bytes by kind."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    measured = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
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
                inside = [url.split("?")[0].split("/pagefind/", 1) for url, _ in fetched]
                for path, (_, size) in zip(inside, fetched):
                    kinds[kind(path[1]) if len(path) > 1 else "page"] += size
                    if len(path) > 1 and "/" in path[1]:
                        shards.add(path[1].split("/", 1)[0])
                measured.append({
                    "query": query, "status": page.locator(".search-status").inner_text(),
                    "seconds": round(seconds, 2), "requests": len(fetched), "shards": len(shards),
                    "pagefind_requests": sum(len(path) > 1 for path in inside),
                    "pagefind_bytes": sum(size for name, size in kinds.items() if name != "page"),
                    "bytes": sum(kinds.values()), "by_kind": kinds,
                })
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return measured


def kind(path: str) -> str:
    """fragment, index, filter, meta, wasm or js: what a file of the bundle is, in any shard's folder."""
    parts = path.split("/")
    if len(parts) > 1 and parts[0] not in ("fragment", "index", "filter"):
        parts = parts[1:]  # inside a shard's folder
    name = parts[-1]
    if len(parts) > 1:
        return parts[0]
    return "meta" if name.endswith((".pf_meta", ".json")) else "wasm" if name.startswith("wasm.") else "js"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


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
