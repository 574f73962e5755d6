#!/usr/bin/env python3
"""The least a cold build can cost with newsgen's core libraries, beside Hugo's whole build.

    python bench/floor.py [--size 10000] [--corpus-root bench/corpus] [--cores 2] [--no-hugo]

A cold build of a Markdown archive cannot do less than convert every article with
Python-Markdown, read every front matter with PyYAML and run every page's Jinja
template once, and write the pages. This script measures those costs alone, in one
process, on the bench corpus:

  markdown     newsgen's own converter and sanitiser (markup.markdown_to_html: the
               processors an article does not use are already left out), every body
  front matter yaml.compose with PyYAML's C loader (newsgen keeps the nodes' lines
               for its error messages), every front matter
  templates    every page's template, rendered with its context made beforehand and
               its list cards already rendered: the second of two renders is timed
  writing      every page's bytes into a new file

and divides their sum by the cores, as if all of it spread perfectly with nothing
else to do: no reading, slugs, tags, related stories, views or cache. Hugo's cold
build of the same articles is timed alongside (median of three) in the same folder
(--work; /dev/shm as for bench/run.py --out), so the floor stands next to the
issue's target of 0.7 x Hugo measured at the same moment.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from newsgen.build.collect import load_site  # noqa: E402
from newsgen.errors import Diagnostics  # noqa: E402
from newsgen.plan.pages import Paging, plan_groups  # noqa: E402
from newsgen.plan.views import SiteView, ViewMaker  # noqa: E402
from newsgen.render.theme import make_environment  # noqa: E402
from newsgen.site.catalog import build_catalog  # noqa: E402 - after the path is set
from newsgen.site.config import load_config  # noqa: E402
from newsgen.sources.markup import markdown_to_html  # noqa: E402
from newsgen.text.collation import collation_key  # noqa: E402
from newsgen.urls import SiteURLs, output_file  # noqa: E402


def source_seconds(content: Path) -> tuple[int, float, float]:
    """(articles, CPU seconds of converting their bodies, of composing their front matter)."""
    sources = [path.read_text(encoding="utf-8").split("---\n", 2)[1:] for path in sorted(content.rglob("*.md"))]
    started = time.process_time()
    for _, body in sources:
        markdown_to_html(body)
    markdown = time.process_time() - started
    started = time.process_time()
    for front_matter, _ in sources:
        yaml.compose(front_matter, Loader=yaml.CSafeLoader)
    return len(sources), markdown, time.process_time() - started


def page_seconds(site_dir: Path, output: Path, jobs: int) -> tuple[int, float, float]:
    """(pages, CPU seconds of their templates' second render, contexts and cards made by the first,
    CPU seconds of writing them)."""
    config = load_config(site_dir)
    loaded = load_site(config, drafts=False, diagnostics=Diagnostics(), jobs=jobs)
    catalog = build_catalog(loaded.articles, collation_key(config.language), language=config.language)
    site_urls = SiteURLs(config.base_url)
    site = SiteView(title=config.title, description=config.description, lang=config.language,
                    publisher=config.publication or config.title, home_href=site_urls.href("/"),
                    base_url=config.base_url)
    views = ViewMaker(catalog, site_urls, loaded.stamps)
    env = make_environment(config.templates_dir, site_urls, config.language)
    env.globals["search_href"] = None
    pages, rendering, writing = 0, 0.0, 0.0
    for group in plan_groups(catalog, site, site_urls, Paging(config.per_page), views, with_search=False):
        for spec in group.pages():
            template, context = env.get_template(spec.template), spec.make_context()
            template.render(context)  # makes the views a template reads, and the cards
            started = time.process_time()
            html = template.render(context)
            rendered = time.process_time()
            path = output / output_file(spec.route)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(html.encode("utf-8"))
            rendering += rendered - started
            writing += time.process_time() - rendered
            pages += 1
    return pages, rendering, writing


def hugo_seconds(site: Path, work: Path, runs: int = 3) -> float | None:
    """Median wall seconds of Hugo's cold build, or None without the binary bench/run.py uses."""
    sys.path.insert(0, str(BENCH))
    from run import find_hugo  # noqa: PLC0415 - bench/run.py's own lookup

    hugo = find_hugo(None)
    if hugo is None:
        return None
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(dir=work) as folder:
            started = time.perf_counter()
            subprocess.run([hugo, "--quiet", "-s", str(site), "-d", f"{folder}/out", "--cacheDir", f"{folder}/cache"],
                           check=True)
            times.append(time.perf_counter() - started)
        (site / ".hugo_build.lock").unlink(missing_ok=True)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000, help="corpus size (bench/corpus/N, made by bench/run.py)")
    parser.add_argument("--corpus-root", type=Path, default=BENCH / "corpus")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1, help="cores to divide the work by")
    parser.add_argument("--no-hugo", action="store_true", help="leave Hugo's build out")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()),
                        help="where the copies and outputs go (default: the temporary folder)")
    args = parser.parse_args()
    corpus = args.corpus_root / str(args.size)
    if not (corpus / "markdown").is_dir():
        print(f"floor: no corpus at {corpus}: make it with bench/run.py --sizes {args.size}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(dir=args.work) as folder:  # a copy: no cache appears beside the corpus
        site = Path(folder) / "site"
        shutil.copytree(corpus / "markdown", site)
        articles, markdown, front_matter = source_seconds(site / "content")
        pages, templates, writing = page_seconds(site, Path(folder) / "out", args.cores)
    floor = (markdown + front_matter + templates + writing) / args.cores
    print(f"{articles} Markdown articles, {pages} pages, {args.cores} cores")
    for name, seconds, count, unit in (("Python-Markdown and nh3, every body", markdown, articles, "article"),
                                       ("PyYAML (C), every front matter", front_matter, articles, "article"),
                                       ("Jinja, every page's template", templates, pages, "page"),
                                       ("writing every page", writing, pages, "page")):
        print(f"  {name + ':':40} {seconds:6.2f} CPU s ({seconds / count * 1000:.3f} ms per {unit})")
    print(f"  {'floor: all of it over ' + str(args.cores) + ' cores:':40} {floor:6.2f} s wall")
    hugo = None if args.no_hugo else hugo_seconds(corpus / "hugo", args.work)
    if hugo is not None:
        print(f"  {'Hugo, cold build (median of 3):':40} {hugo:6.2f} s wall; target 0.7 x Hugo = {0.7 * hugo:.2f} s")
        print(f"  {'floor / target:':40} {floor / (0.7 * hugo):6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
