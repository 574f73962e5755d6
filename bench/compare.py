"""Two checkouts of newsgen side by side: the same four builds (cold, no change, edit, addition), interleaved.

Usage:
    python bench/compare.py BEFORE_DIR AFTER_DIR [--size 10000] [--repeat 3] [--tool newsgen-markdown-search]

BEFORE_DIR and AFTER_DIR are checkouts (e.g. `git worktree add /tmp/before <commit>`); each build runs
`python -m newsgen` with the checkout as its working directory, so it imports that checkout's code
(the Python and its libraries are this repository's .venv). Runs alternate before, after, before, ...
so both meet the same machine load; the report gives the median wall and CPU seconds of each build
and the ratio after / before. Results go to OUT/compare.md and OUT/compare.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402 - the measuring functions of bench/run.py

PHASES = run.PHASES


def measure(checkout: Path, tool: str, n: int, manifest: dict, args: argparse.Namespace, rep: int) -> dict:
    """One cycle of the four builds with ``checkout``'s code (run.py runs newsgen in run.REPO)."""
    run.REPO = checkout
    return run.bench_cycle(tool, n, manifest, args, rep)


def summarise(runs: list[dict], key: str) -> float | None:
    values = [r[key] for r in runs if r.get("status") == "ok" and r.get(key) is not None]
    return statistics.median(values) if values else None


def report(rows: dict[str, dict[str, list[dict]]], labels: dict[str, Path], args: argparse.Namespace) -> str:
    lines = [f"# {args.tool}, {args.size} articles, {args.repeat} interleaved runs (medians)", "",
             *(f"- {name}: {path}" for name, path in labels.items()), "",
             "| build | before wall s | after wall s | after/before | before CPU s | after CPU s | after/before |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for phase in PHASES:
        cells = []
        for key in ("wall", "cpu"):
            before, after = (summarise(rows[name][phase], key) for name in ("before", "after"))
            ratio = f"{after / before:.2f}" if before and after else "-"
            cells += [run.fmt_num(before), run.fmt_num(after), ratio]
        lines.append(f"| {phase} | " + " | ".join(cells) + " |")
    loads = [r.get("other_load") for name in rows for phase in PHASES for r in rows[name][phase]
             if r.get("other_load") is not None]
    if loads:
        lines += ["", f"Other processes' load during the builds: median {statistics.median(loads):.2f} cores, "
                      f"at most {max(loads):.2f}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tool", default="newsgen-markdown-search", choices=[t for t in run.TOOLS if t != "hugo"])
    ap.add_argument("--out", type=Path, default=run.BENCH / "out" / "compare")
    ap.add_argument("--corpus-root", type=Path, default=run.BENCH / "corpus")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=3600)
    args = ap.parse_args(argv)
    args.python, args.hugo, args.keep_output = str(run.REPO / ".venv/bin/python"), None, False
    args.quiet_below, args.quiet_wait = 0, 0
    args.out, args.corpus_root = args.out.resolve(), args.corpus_root.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    labels = {"before": args.before.resolve(), "after": args.after.resolve()}
    for checkout in labels.values():
        run.REPO = checkout
        run.compile_bytecode(args.python)
    manifest = run.ensure_corpus(args.size, args.seed, args.corpus_root)
    rows: dict[str, dict[str, list[dict]]] = {name: {phase: [] for phase in PHASES} for name in labels}
    for rep in range(args.repeat):
        for name, checkout in (labels.items() if rep % 2 == 0 else reversed(labels.items())):
            cycle = measure(checkout, args.tool, args.size, manifest, args, rep)
            for phase in PHASES:
                rows[name][phase].append(cycle[phase])
        text = report(rows, labels, args)
        (args.out / "compare.md").write_text(text, encoding="utf-8")
        (args.out / "compare.json").write_text(json.dumps(rows, indent=2, default=str) + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
